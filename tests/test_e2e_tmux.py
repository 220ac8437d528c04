"""End to end: the installed ``panel-tui`` in a real terminal (tmux), driven by keystrokes.

Opens the article panel, solos one speaker in the sidebar and reads the screen back with
``capture-pane``: every turn heading left in the transcript is that speaker's, and the other
turns are folded into "… N turns by others" lines.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .conftest import CORPUS

TMUX = shutil.which("tmux")
PANEL_TUI = Path(sys.executable).parent / "panel-tui"

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    assert TMUX is not None
    return subprocess.run([TMUX, *args], check=True, capture_output=True, text=True).stdout


def wait_for(session: str, predicate, timeout: float = 20.0) -> str:
    """Capture the pane until ``predicate(screen)`` holds; the last capture on timeout."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if predicate(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"timed out; the screen was:\n{screen}")


def headings(screen: str) -> list[str]:
    """Turn headings on screen (◆ labelled, ◇ inferred); the sidebar uses ● instead."""
    out = []
    for line in screen.splitlines():
        for mark in ("◆ ", "◇ "):
            if mark in line:
                out.append(line.split(mark, 1)[1].split("·")[0].strip())
    return out


def test_open_a_panel_filter_to_a_speaker_and_see_only_their_turns(tmp_path: Path):
    assert PANEL_TUI.exists(), f"{PANEL_TUI} is not installed"
    session = f"panel-tui-e2e-{uuid.uuid4().hex[:8]}"
    command = (
        # COLUMNS/LINES (set by pytest) would override the pane's size in Textual.
        f"env -u COLUMNS -u LINES PANEL_TUI_DATA_DIR={tmp_path / 'data'} PANEL_TUI_CORPUS={CORPUS} "
        f"TERM=xterm-256color {PANEL_TUI}"
    )
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", command)
    try:
        wait_for(session, lambda s: "5 panels" in s)
        tmux("send-keys", "-t", session, "G", "Enter")  # the last panel: the article
        screen = wait_for(session, lambda s: "◆ 李开复" in s)
        assert "李开复" in headings(screen) and "by others" not in screen
        # Tab to the speaker sidebar; its first row is 李开复; Enter shows only him.
        tmux("send-keys", "-t", session, "Tab")
        wait_for(session, lambda s: "Solo" in s)
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, lambda s: "○ 张亚勤" in s)
        # Back to the transcript (shift+tab) and page through it: only his turns, the rest
        # folded into one line per stretch.
        tmux("send-keys", "-t", session, "BTab")
        wait_for(session, lambda s: "Reassign" in s)
        shown, folds = set(), 0
        for _ in range(4):
            screen = tmux("capture-pane", "-p", "-t", session)
            shown |= set(headings(screen))
            folds += screen.count("by others (filtered)")
            tmux("send-keys", "-t", session, "Space")
            time.sleep(0.3)
        assert shown == {"李开复"} and folds > 0, screen
        # `a` (in the sidebar) shows everyone again.
        tmux("send-keys", "-t", session, "Tab", "a", "BTab", "g")
        screen = wait_for(session, lambda s: "by others" not in s and "● 张亚勤" in s)
        assert "李开复" in headings(screen)
        tmux("send-keys", "-t", session, "C-q")
        wait_for(session, lambda s: "Solo" not in s, timeout=5)
    finally:
        subprocess.run([TMUX, "kill-session", "-t", session], capture_output=True)


def test_y_copies_a_quote_into_the_tmux_buffer_via_osc52(tmp_path: Path):
    """The installed ``panel-tui`` in a private tmux server with ``set -g set-clipboard on``:
    ``y`` on a sentence, and ``tmux show-buffer`` is that sentence's attributed quote."""
    from panel_tui.corpus import load_corpus
    from panel_tui.quote import format_quote

    assert PANEL_TUI.exists(), f"{PANEL_TUI} is not installed"
    sock = tmp_path / "tmux.sock"

    def t(*args: str) -> str:
        assert TMUX is not None
        done = subprocess.run([TMUX, "-S", str(sock), *args], capture_output=True, text=True)
        return done.stdout

    panel = load_corpus(CORPUS).panels[0]
    quotes = {format_quote(panel, s.start, s.end) for s in panel.sentences[:40]}
    command = (
        f"env -u COLUMNS -u LINES PANEL_TUI_DATA_DIR={tmp_path / 'data'} PANEL_TUI_CORPUS={CORPUS} "
        f"TERM=xterm-256color {PANEL_TUI}"
    )
    try:
        t("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "32", command)
        t("set-option", "-g", "set-clipboard", "on")
        deadline = time.monotonic() + 30
        while "5 panels" not in t("capture-pane", "-p"):
            assert time.monotonic() < deadline, t("capture-pane", "-p")
            time.sleep(0.2)
        t("send-keys", "g", "Enter")
        while not {"◆", "◇"} & set(t("capture-pane", "-p")):  # a turn heading: it is open
            assert time.monotonic() < deadline, t("capture-pane", "-p")
            time.sleep(0.2)
        time.sleep(0.5)
        t("send-keys", "j")
        time.sleep(0.3)
        t("send-keys", "y")
        while (buffer := t("show-buffer")) not in quotes:
            assert time.monotonic() < deadline, buffer
            time.sleep(0.2)
        assert buffer.startswith("“") and panel.title in buffer
        while "Copied quote" not in (screen := t("capture-pane", "-p")):
            assert time.monotonic() < deadline, screen
            time.sleep(0.2)
        t("send-keys", "C-q")
    finally:
        t("kill-server")
