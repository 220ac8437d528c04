"""The bookmark and quoting pieces of the TUI, standalone: bookmark rules (core), the bookmark
list, the note and confirm prompts, and copying a quote, driven by Pilot in a small app."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, Static

from panel_tui.marks import (
    export_bookmarks,
    filter_bookmarks,
    marked_spans,
    note_bookmark,
    range_span,
    toggle_bookmark,
)
from panel_tui.quote import QuoteStyle, format_quote
from panel_tui.store import Store
from panel_tui.store.bookmarks import bookmark_for
from panel_tui.tui.bookmark_screen import BookmarkFilter, BookmarkList, BookmarkScreen
from panel_tui.tui.clipboard import copy_quote
from panel_tui.tui.note_prompt import ConfirmPrompt, NotePrompt

from .pilot_helpers import until

SIZE = (100, 30)


@pytest.fixture
def store(corpus) -> Store:
    """Three placed bookmarks on two panels (one with a note and tags) and one orphan."""
    s = Store.open()
    a, b = corpus.panels[0], corpus.panels[4]
    sa, sb = a.sentences[5], b.sentences[10]
    s.add_bookmark(a, sa.start, sa.end, note="scaling 的观点", tags=["agi", "引用"])
    s.add_bookmark(a, a.sentences[9].start, a.sentences[9].end)
    s.add_bookmark(b, sb.start, sb.end, note="article quote")
    lost = bookmark_for(b, b.sentences[20].start, b.sentences[20].end, "lost one", ())
    s.save_bookmark(replace(lost, orphaned=True))
    return s


# -- core: bookmark rules -----------------------------------------------------------------------


def test_toggle_bookmark_adds_then_removes_exactly_that_span(corpus):
    s = Store.open()
    panel = corpus.panels[1]
    sent = panel.sentences[3]
    done = toggle_bookmark(s, panel, sent.start, sent.end, note="n")
    assert done.added is not None and done.removed is None and done.added.note == "n"
    # A range over it is another bookmark; toggling the sentence again removes only its own.
    wide = range_span((sent.start, sent.end), (panel.sentences[5].start, panel.sentences[5].end))
    assert wide == (sent.start, panel.sentences[5].end)
    assert range_span((wide[1] - 1, wide[1]), (sent.start, sent.end)) == (sent.start, wide[1])
    toggle_bookmark(s, panel, *wide)
    assert len(marked_spans(s.bookmarks(panel.id))) == 2
    again = toggle_bookmark(s, panel, sent.start, sent.end)
    assert again.removed is not None and again.removed.id == done.added.id
    assert [(b.start, b.end) for b in s.bookmarks(panel.id)] == [wide]
    assert marked_spans(s.bookmarks(panel.id)).touches(sent.start, sent.start + 1)


def test_note_bookmark_edits_the_note_of_that_span_or_adds_one(corpus):
    s = Store.open()
    panel = corpus.panels[1]
    sent = panel.sentences[4]
    first = note_bookmark(s, panel, sent.start, sent.end, "one")
    second = note_bookmark(s, panel, sent.start, sent.end, "two")
    assert second.id == first.id and [b.note for b in s.bookmarks(panel.id)] == ["two"]
    note_bookmark(s, panel, sent.start, sent.end + 1, "other span")
    assert len(s.bookmarks(panel.id)) == 2


def test_filter_bookmarks_by_note_tag_quote_and_pinyin(store):
    books = store.bookmarks()
    assert len(filter_bookmarks(books, "")) == 4
    assert [b.note for b in filter_bookmarks(books, "SCALING")] == ["scaling 的观点"]
    assert [b.note for b in filter_bookmarks(books, "引用")] == ["scaling 的观点"]
    quote = books[1].quote[2:6]
    assert books[1] in filter_bookmarks(books, quote)
    assert filter_bookmarks(books, "zzzz-nothing") == []
    assert marked_spans(books).spans == sorted((b.start, b.end) for b in books if not b.orphaned)


def test_export_bookmarks_writes_markdown_to_the_first_writable_dir(store, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    path = export_bookmarks(store, [blocked / "sub", tmp_path / "out"])
    assert path.parent == (tmp_path / "out").resolve() and path.suffix == ".md"
    text = path.read_text(encoding="utf-8")
    assert "scaling 的观点" in text and "Orphaned" in text and "lost one" in text
    assert text == store.export_markdown()


# -- test app -------------------------------------------------------------------------------------


class Recorder(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Static("transcript")

    def on_bookmark_screen_jump(self, m: BookmarkScreen.Jump) -> None:
        self.got.append(m)

    def on_bookmark_screen_changed(self, m: BookmarkScreen.Changed) -> None:
        self.got.append(m)

    def of(self, kind: type) -> list[Any]:
        return [m for m in self.got if isinstance(m, kind)]


def run(scenario: Callable[[Recorder, Pilot], Awaitable[None]]) -> Recorder:
    async def main() -> Recorder:
        app = Recorder()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await scenario(app, pilot)
        return app

    return asyncio.run(main())


async def open_list(app: Recorder, pilot: Pilot, store: Store, **kw: Any) -> BookmarkScreen:
    screen = BookmarkScreen(store, **kw)
    await app.push_screen(screen)
    await until(pilot, lambda: screen.loaded)
    await pilot.pause()
    return screen


def rows(screen: BookmarkScreen) -> list[str]:
    listing = screen.query_one(BookmarkList)
    out = []
    for i in range(listing.option_count):
        o = listing.get_option_at_index(i)
        prompt = o.prompt
        parts = getattr(prompt, "renderables", [prompt])
        out.append(" / ".join(str(p) for p in parts))
    return out


# -- the bookmark list ----------------------------------------------------------------------------


def test_bookmark_list_shows_every_bookmark_and_orphans_last_with_their_quote(store, corpus):
    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, store)
        assert [b.orphaned for b in screen.shown] == [False, False, False, True]
        text = rows(screen)
        assert any(corpus.panels[0].title in r and "#agi" in r and "✎ scaling" in r for r in text)
        orphan_at = next(i for i, r in enumerate(text) if r.startswith("Orphaned"))
        lost = screen.shown[-1]
        assert lost.quote[:10] in text[orphan_at + 1] and "⚠ orphaned" in text[orphan_at + 1]
        assert "4, 1 orphaned" in screen.query_one("#bm-box").border_title
        assert isinstance(app.focused, BookmarkList)
        # Enter on an orphan: no jump, a warning instead.
        screen.query_one(BookmarkList).action_last()
        await pilot.press("enter")
        assert not app.of(BookmarkScreen.Jump) and app.screen is screen

    run(scenario)


def test_bookmark_list_filters_as_you_type_and_enter_jumps(store, corpus):
    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, store)
        await pilot.press(*"article")  # typed into the list: goes to the filter
        box = screen.query_one(BookmarkFilter)
        assert box.value == "article" and app.focused is box
        assert [b.note for b in screen.shown] == ["article quote"]
        assert "1 of 4" in screen.query_one("#bm-box").border_title
        await pilot.press("enter")  # to the list
        assert isinstance(app.focused, BookmarkList)
        await pilot.press("enter")  # jump
        await pilot.pause()
        jumps = app.of(BookmarkScreen.Jump)
        b = screen.shown[0]
        assert len(jumps) == 1 and (jumps[0].panel_id, jumps[0].start, jumps[0].end) == (
            corpus.panels[4].id,
            b.start,
            b.end,
        )
        assert app.screen is not screen

    run(scenario)


def test_bookmark_list_filter_escape_clears(store):
    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, store)
        await pilot.press("slash", *"agi")
        assert len(screen.shown) == 1
        await pilot.press("escape")
        assert screen.query_one(BookmarkFilter).value == "" and len(screen.shown) == 4
        assert app.screen is screen  # escape in the filter does not close the list
        await pilot.press("q")  # a key of the screen, not filter text
        assert app.screen is not screen

    run(scenario)


def test_bookmark_list_edits_a_note(store):
    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, store)
        await pilot.press("j")  # the second bookmark (no note)
        target = screen.current
        assert target is not None and target.note == ""
        await pilot.press("e")
        assert isinstance(app.screen, NotePrompt)
        await pilot.press(*"worth citing", "enter")
        await until(pilot, lambda: app.of(BookmarkScreen.Changed))
        await until(pilot, lambda: any(b.note == "worth citing" for b in screen.shown))
        assert store.bookmark(target.id).note == "worth citing"
        assert app.of(BookmarkScreen.Changed)[0].panel_id == target.panel_id
        assert screen.current.id == target.id  # the highlight stays on it
        await pilot.press("e", "escape")  # cancelled: nothing written
        assert app.screen is screen and store.bookmark(target.id).note == "worth citing"

    run(scenario)


def test_bookmark_list_deletes_only_after_confirmation(store):
    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, store)
        target = screen.current
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmPrompt)
        await pilot.press("n")
        await app.workers.wait_for_complete()
        assert app.screen is screen and store.bookmark(target.id) is not None
        await pilot.press("d", "y")
        await until(pilot, lambda: len(screen.bookmarks) == 3)
        assert store.bookmark(target.id) is None
        assert target.id not in [b.id for b in screen.shown]

    run(scenario)


def test_bookmark_list_exports_markdown_and_says_where(store, tmp_path):
    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, store, export_dirs=[tmp_path])
        await pilot.press("x")
        await until(pilot, lambda: screen.exported is not None)
        path = screen.exported
        assert path.parent == tmp_path.resolve() and path.read_text(encoding="utf-8").startswith(
            store.export_markdown()[:20]
        )
        await pilot.pause()
        assert any(str(path) in str(n.message) for n in app._notifications)

    run(scenario)


def test_bookmark_list_on_a_read_only_store_shows_why_and_refuses_edits(store):
    store.bookmarks()  # opened while writable; then the data dir becomes read-only
    store.db.read_only = True
    store.db.warnings.append("data dir /x is read-only; reading only")

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, store)
        warning = screen.query_one("#bm-warning", Static)
        assert warning.display and "read-only" in str(warning.render())
        await pilot.press("e")
        await pilot.press("d")
        assert app.screen is screen  # no prompt opened
        messages = [str(n.message) for n in app._notifications]
        assert sum("cannot be changed" in m for m in messages) == 2
        assert len(store.bookmarks()) == 4

    run(scenario)


def test_bookmark_list_on_an_unusable_data_dir_is_empty_and_says_so(tmp_path):
    (tmp_path / "file").write_text("x")
    broken = Store.open(tmp_path / "file" / "data")
    with pytest.raises(Exception):  # noqa: B017 - any StoreError makes the store read-only
        broken.add_query("x")

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = await open_list(app, pilot, broken)
        assert screen.query_one("#bm-warning").display
        assert any("No bookmarks yet" in r for r in rows(screen))

    run(scenario)


def test_note_prompt_returns_the_text_or_none():
    results: list[str | None] = []

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        app.push_screen(NotePrompt("Note", "old", quote="“some quote”"), results.append)
        await pilot.pause()
        box = app.screen.query_one(Input)
        assert box.value == "old"
        await pilot.press("ctrl+a", "ctrl+k", *" new note ", "enter")
        app.push_screen(NotePrompt(), results.append)
        await pilot.pause()
        await pilot.press("x", "escape")
        app.push_screen(ConfirmPrompt("Sure?"), results.append)
        await pilot.pause()
        await pilot.press("enter")

    run(scenario)
    assert results == ["new note", None, True]


# -- copying a quote ------------------------------------------------------------------------------


def test_copy_quote_fills_the_app_clipboard_and_says_how(corpus, monkeypatch):
    import pyperclip

    system: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", system.append)
    panel = corpus.panels[0]
    sent = panel.sentences[5]
    turn = panel.turns[3]

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        text = copy_quote(app, panel, sent.start, sent.end)
        assert app.clipboard == text == format_quote(panel, sent.start, sent.end)
        assert text.startswith("“") and panel.title in text
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert system == [text]
        note = list(app._notifications)[-1]
        assert note.title == "Copied quote" and "system clipboard + terminal OSC 52" in note.message
        whole = copy_quote(
            app,
            panel,
            turn.start,
            turn.end,
            what="turn",
            style=QuoteStyle("{quote} ({speaker})", mark_inferred=False),
        )
        assert app.clipboard == whole and whole.endswith(f"({turn.speaker})")
        await app.workers.wait_for_complete()
        assert list(app._notifications)[-1].title == "Copied turn"

    run(scenario)


def test_copy_quote_without_a_system_clipboard_still_copies_through_the_terminal(
    corpus, monkeypatch
):
    import pyperclip

    def fail(text: str) -> None:
        raise pyperclip.PyperclipException("no clipboard")

    monkeypatch.setattr(pyperclip, "copy", fail)
    panel = corpus.panels[2]
    s = panel.sentences[2]

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        text = copy_quote(app, panel, s.start, s.end)
        assert app.clipboard == text
        await app.workers.wait_for_complete()
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert note.message.endswith("(terminal OSC 52)")

    run(scenario)


def test_copy_quote_uses_the_users_template(corpus, tmp_path, monkeypatch):
    import os

    import pyperclip

    monkeypatch.setattr(pyperclip, "copy", lambda t: None)
    config = Path(os.environ["PANEL_TUI_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(
        '[quote]\ntemplate = "{quote} —{speaker}"\n', encoding="utf-8"
    )
    panel = corpus.panels[4]
    s = panel.sentences[10]

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        text = copy_quote(app, panel, s.start, s.end)
        assert "—" in text and panel.title not in text and app.clipboard == text
        await app.workers.wait_for_complete()

    run(scenario)


# -- end to end through tmux: OSC 52 lands in tmux's paste buffer ---------------------------------

COPY_APP = """
import sys
from textual.app import App
from textual.widgets import Static
from panel_tui import load_corpus
from panel_tui.tui.clipboard import copy_quote

panel = load_corpus(sys.argv[1]).panels[0]
s = panel.sentences[5]


class CopyApp(App):
    BINDINGS = [("y", "copy", "Copy quote"), ("q", "quit", "Quit")]

    def compose(self):
        yield Static("ready: press y", id="msg")

    def action_copy(self):
        copy_quote(self, panel, s.start, s.end)
        self.query_one("#msg", Static).update("copied")


CopyApp().run()
"""


def test_tmux_copies_a_quote_into_its_buffer_via_osc52(corpus, tmp_path):
    import shutil
    import subprocess
    import sys

    from .conftest import CORPUS

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    script = tmp_path / "copy_app.py"
    script.write_text(COPY_APP, encoding="utf-8")
    sock_dir = tempfile.mkdtemp(prefix="ptui-tmux-")  # a private server, its socket in here
    sock = os.path.join(sock_dir, "s")

    def tmux(*args: str) -> str:
        done = subprocess.run(["tmux", "-S", sock, *args], capture_output=True, text=True)
        return done.stdout

    panel = corpus.panels[0]
    s = panel.sentences[5]
    expected = format_quote(panel, s.start, s.end)
    try:
        tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            f"{sys.executable} {script} {CORPUS}",
        )
        tmux("set-option", "-g", "set-clipboard", "on")
        end = time.monotonic() + 20
        while "ready: press y" not in tmux("capture-pane", "-p"):
            assert time.monotonic() < end, tmux("capture-pane", "-p")
            time.sleep(0.1)
        tmux("send-keys", "y")
        while tmux("show-buffer") != expected:
            assert time.monotonic() < end, (tmux("show-buffer"), expected)
            time.sleep(0.1)
        # The buffer can be set a frame before the app paints its notification.
        while "copied" not in tmux("capture-pane", "-p"):
            assert time.monotonic() < end, tmux("capture-pane", "-p")
            time.sleep(0.1)
        tmux("send-keys", "q")
    finally:
        tmux("kill-server")
        shutil.rmtree(sock_dir, ignore_errors=True)


# -- wired into the app (skipped until app.py follows docs/tui_search_bookmarks.md) --------------

from panel_tui.tui.app import PanelApp  # noqa: E402

wired = pytest.mark.skipif(
    not hasattr(PanelApp, "action_copy_quote"),
    reason="bookmarks/quotes not wired into PanelApp yet",
)


def run_app(scenario: Callable[[Any, Pilot], Awaitable[None]]) -> None:
    from .conftest import CORPUS

    async def main() -> None:
        app = PanelApp(corpus_path=CORPUS)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            from panel_tui.tui.panel_list import PanelList

            app.query_one(PanelList).focus()
            await pilot.press("g", "enter")
            await until(pilot, lambda: app.document is not None)
            await app.workers.wait_for_complete()
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


@wired
def test_app_y_and_Y_copy_the_sentence_range_and_turn_with_attribution(monkeypatch):
    import pyperclip

    from panel_tui.tui.transcript_view import TranscriptView

    monkeypatch.setattr(pyperclip, "copy", lambda t: None)

    async def scenario(app: Any, pilot: Pilot) -> None:
        view, panel = app.query_one(TranscriptView), app.document.panel
        await pilot.press("j", "j")
        s = view.current_sentence
        await pilot.press("y")
        assert app.clipboard == format_quote(panel, s.start, s.end)
        await pilot.press("v", "j", "j")
        span = view.selection
        assert view.has_range and span[0] == s.start and span[1] > s.end
        await pilot.press("y")
        assert app.clipboard == format_quote(panel, *span) and not view.has_range
        await pilot.press("Y")
        turn = view.current_turn
        assert app.clipboard == format_quote(panel, turn.start, turn.end)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert list(app._notifications)[-1].title == "Copied turn"

    run_app(scenario)


@wired
def test_app_m_toggles_a_bookmark_v_marks_a_range_and_the_list_jumps():
    from panel_tui.tui.transcript_view import TranscriptView

    async def scenario(app: Any, pilot: Pilot) -> None:
        view, panel = app.query_one(TranscriptView), app.document.panel
        store = Store.open()
        s = view.current_sentence
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [(b.start, b.end) for b in store.bookmarks(panel.id)] == [(s.start, s.end)]
        assert view.marks.touches(s.start, s.end)
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.bookmarks(panel.id) == [] and not view.marks
        await pilot.press("v", "j", "j")
        span = view.selection
        await pilot.press("M", *"range note", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (b,) = store.bookmarks(panel.id)
        assert (b.start, b.end, b.note) == (*span, "range note") and not view.has_range
        await pilot.press("g", "apostrophe")
        await until(pilot, lambda: isinstance(app.screen, BookmarkScreen) and app.screen.loaded)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, BookmarkScreen)
        assert view.current_sentence.start == b.start

    run_app(scenario)


@wired
def test_tmux_the_app_copies_a_quote_on_y_into_the_tmux_buffer(corpus):
    import shutil
    import subprocess
    import sys

    from .conftest import CORPUS

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    sock_dir = tempfile.mkdtemp(prefix="ptui-tmux-")  # a private server, its socket in here
    sock = os.path.join(sock_dir, "s")

    def tmux(*args: str) -> str:
        done = subprocess.run(["tmux", "-S", sock, *args], capture_output=True, text=True)
        return done.stdout

    panel = corpus.panels[0]
    quotes = {format_quote(panel, s.start, s.end) for s in panel.sentences[:40]}
    try:
        cmd = f"PANEL_TUI_CORPUS={CORPUS} {sys.executable} -m panel_tui"
        tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "32", cmd)
        tmux("set-option", "-g", "set-clipboard", "on")
        end = time.monotonic() + 30
        while "5 panels" not in tmux("capture-pane", "-p"):
            assert time.monotonic() < end, tmux("capture-pane", "-p")
            time.sleep(0.2)
        tmux("send-keys", "Enter")
        while not {"◆", "◇"} & set(tmux("capture-pane", "-p")):  # a turn heading: open
            assert time.monotonic() < end, tmux("capture-pane", "-p")
            time.sleep(0.2)
        time.sleep(1.0)
        tmux("send-keys", "y")
        while tmux("show-buffer") not in quotes:
            assert time.monotonic() < end, tmux("show-buffer")
            time.sleep(0.2)
        tmux("send-keys", "q", "q")
    finally:
        tmux("kill-server")
        shutil.rmtree(sock_dir, ignore_errors=True)


def test_bookmark_list_on_a_really_read_only_data_dir(corpus, tmp_path, monkeypatch):
    """The data dir made unwritable for real (chmod, or chattr +i as root, as test_store does):
    the list reads, warns, refuses edits, and exports into the current directory instead."""
    from .test_store import _make_read_only, _undo_read_only

    data = tmp_path / "data"
    s = Store.open(data)
    panel = corpus.panels[0]
    s.add_bookmark(panel, panel.sentences[5].start, panel.sentences[5].end, note="kept")
    s.close()
    out = tmp_path / "cwd"
    out.mkdir()
    monkeypatch.chdir(out)
    how = _make_read_only(data)
    try:
        store = Store.open(data).connect()
        assert store.read_only

        async def scenario(app: Recorder, pilot: Pilot) -> None:
            screen = await open_list(app, pilot, store)
            assert [b.note for b in screen.shown] == ["kept"]
            assert "not writable" in str(screen.query_one("#bm-warning", Static).render())
            await pilot.press("d")
            assert app.screen is screen
            assert "cannot be changed" in str(list(app._notifications)[-1].message)
            await pilot.press("x")
            await until(pilot, lambda: screen.exported is not None)
            assert screen.exported.parent == out.resolve()
            assert "kept" in screen.exported.read_text(encoding="utf-8")

        run(scenario)
        store.close()
        assert [b.note for b in Store.open(data).bookmarks()] == ["kept"]
    finally:
        _undo_read_only(data, how)
