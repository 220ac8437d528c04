"""Quotes with attribution, and getting them onto a clipboard.

The citation is a ``str.format`` template the user can change in ``config.toml`` in the user
config dir. When the speaker was inferred rather than labelled, the citation says so (unless
the user turns that off), because a misattributed quote is worse than none.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from panel_tui.ingest.noise import visible_text
from panel_tui.model import UNKNOWN_SPEAKER, Panel
from panel_tui.paths import config_dir

DEFAULT_TEMPLATE = "“{quote}” — {speaker}{inferred}, {citation}"
DEFAULT_INFERRED = " (speaker inferred)"
CONFIG_NAME = "config.toml"
FIELDS = (
    "quote", "speaker", "inferred", "citation", "title", "event", "conference", "date",
    "platform", "source_id", "url", "panel_id", "start", "end", "file",
)  # fmt: skip


@dataclass(frozen=True)
class QuoteStyle:
    template: str = DEFAULT_TEMPLATE
    mark_inferred: bool = True
    inferred_note: str = DEFAULT_INFERRED


class ConfigError(ValueError):
    """The config file exists but cannot be used; the message names the file and the problem."""


def load_style(directory: str | Path | None = None) -> tuple[QuoteStyle, str | None]:
    """The user's quote style and a one-line warning if their config had to be ignored."""
    path = config_dir(directory) / CONFIG_NAME
    if not path.is_file():
        return QuoteStyle(), None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")).get("quote", {})
        style = QuoteStyle(
            template=str(data.get("template", DEFAULT_TEMPLATE)),
            mark_inferred=bool(data.get("mark_inferred", True)),
            inferred_note=str(data.get("inferred_note", DEFAULT_INFERRED)),
        )
        check_template(style.template)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ConfigError) as exc:
        return QuoteStyle(), f"{path}: {exc}; using the default quote format"
    return style, None


def check_template(template: str) -> None:
    try:
        template.format(**dict.fromkeys(FIELDS, ""))
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"bad quote template ({exc!r}); fields: {', '.join(FIELDS)}") from None


def quote_text(panel: Panel, start: int, end: int) -> str:
    """The characters the reader saw (noise hidden), with runs of whitespace made one space."""
    shown = visible_text(panel.text, start, end, panel.doc.hidden)
    return re.sub(r"\s+", " ", shown).strip()


def speaker_at(panel: Panel, start: int, end: int) -> tuple[str, str]:
    """(speaker, method) of the turn covering most of ``start..end``."""
    best, best_overlap = (UNKNOWN_SPEAKER, "unknown"), 0
    for t in panel.turns:
        overlap = min(end, t.end) - max(start, t.start)
        if overlap > best_overlap:
            best, best_overlap = (t.speaker, t.method), overlap
    return best


def citation(panel: Panel) -> str:
    m = panel.meta
    conference = m.event.split("-")[0] if m.event else ""
    where = f"{m.platform} {m.source_id}".strip() if m.source_id else (m.url or m.platform)
    parts = [m.title, conference if conference and conference != m.title else "", m.date or ""]
    text = ", ".join(p for p in parts if p)
    return f"{text} ({where})" if where else text


def format_quote(panel: Panel, start: int, end: int, style: QuoteStyle | None = None) -> str:
    style = style or QuoteStyle()
    speaker, method = speaker_at(panel, start, end)
    inferred = method not in ("label", "correction") and speaker != UNKNOWN_SPEAKER
    m = panel.meta
    values = {
        "quote": quote_text(panel, start, end),
        "speaker": speaker if speaker != UNKNOWN_SPEAKER else "unknown speaker",
        "inferred": style.inferred_note if inferred and style.mark_inferred else "",
        "citation": citation(panel),
        "title": m.title,
        "event": m.event,
        "conference": m.event.split("-")[0] if m.event else "",
        "date": m.date or "",
        "platform": m.platform,
        "source_id": m.source_id,
        "url": m.url or "",
        "panel_id": m.id,
        "start": start,
        "end": end,
        "file": panel.path.name,
    }
    return style.template.format(**values)


def copy_text(text: str, osc52: Callable[[str], None] | None = None) -> list[str]:
    """Copy through every channel that is there; return the names of those that worked.

    pyperclip reaches a local system clipboard; OSC 52 (the terminal's own clipboard escape,
    passed in by the TUI) works over SSH and in tmux with ``set -g set-clipboard on``.
    """
    used: list[str] = []
    try:
        import pyperclip

        pyperclip.copy(text)
        used.append("system clipboard")
    except Exception:  # pyperclip raises its own exception types, or fails to find a backend
        pass
    if osc52 is not None:
        osc52(text)
        used.append("terminal (OSC 52)")
    return used
