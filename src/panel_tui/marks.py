"""Bookmarks as the reading TUI uses them: toggle on a sentence or range, find the marked
spans of a panel, filter the list as you type, export to a Markdown file.

Storage is the store's (``panel_tui.store``); this adds the reader-facing rules on top.
No Textual here.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from panel_tui.hit_nav import SpanSet
from panel_tui.panel_filter import MatchKey, match_key, matches
from panel_tui.paths import data_dir

if TYPE_CHECKING:
    from panel_tui.model import Panel
    from panel_tui.store import Bookmark, Store


@dataclass(frozen=True)
class Toggled:
    """What ``toggle_bookmark`` did: exactly one of the two is set."""

    added: Bookmark | None = None
    removed: Bookmark | None = None


def toggle_bookmark(store: Store, panel: Panel, start: int, end: int, note: str = "") -> Toggled:
    """``m``: remove the bookmark on exactly ``[start, end)`` if there is one, else add one.

    A bookmark that merely overlaps (another sentence of a range) is left alone, so toggling a
    sentence inside a bookmarked range adds a bookmark rather than deleting the range.
    """
    for b in store.bookmarks(panel.id):
        if not b.orphaned and (b.start, b.end) == (start, end) and b.id is not None:
            return Toggled(removed=store.remove_bookmark(b.id))
    return Toggled(added=store.add_bookmark(panel, start, end, note=note))


def note_bookmark(store: Store, panel: Panel, start: int, end: int, note: str) -> Bookmark:
    """``M``: put ``note`` on the bookmark of exactly ``[start, end)``, adding one if there is
    none (so ``M`` on a bookmarked sentence edits its note instead of doubling it)."""
    for b in store.bookmarks(panel.id):
        if not b.orphaned and (b.start, b.end) == (start, end) and b.id is not None:
            updated = store.update_bookmark(b.id, note=note)
            if updated is not None:
                return updated
    return store.add_bookmark(panel, start, end, note=note)


def marked_spans(bookmarks: Iterable[Bookmark]) -> SpanSet:
    """The spans to mark in the transcript (orphans have no place in the text)."""
    return SpanSet((b.start, b.end) for b in bookmarks if not b.orphaned)


def range_span(anchor: tuple[int, int], cursor: tuple[int, int]) -> tuple[int, int]:
    """``v`` then moving: the span from the anchor sentence to the cursor's, either way round."""
    return min(anchor[0], cursor[0]), max(anchor[1], cursor[1])


def bookmark_key(b: Bookmark) -> MatchKey:
    """What the bookmark list's filter matches: title, event, speaker, note, tags (also by
    pinyin) and the quote (as typed)."""
    key = match_key([b.citation.title, b.citation.event, b.speaker or "", b.note, *b.tags])
    quote = b.quote.casefold()
    return MatchKey(f"{key.text}\n{quote}", key.pinyin, key.initials)


def filter_bookmarks(
    bookmarks: Sequence[Bookmark], query: str, keys: Sequence[MatchKey] | None = None
) -> list[Bookmark]:
    """Bookmarks every term of ``query`` matches (``keys``: precomputed ``bookmark_key``s)."""
    if not query.strip():
        return list(bookmarks)
    keys = keys if keys is not None else [bookmark_key(b) for b in bookmarks]
    return [b for b, k in zip(bookmarks, keys, strict=True) if matches(k, query)]


def export_name(now: datetime | None = None) -> str:
    return f"panel-tui-bookmarks-{(now or datetime.now()).strftime('%Y%m%d-%H%M%S')}.md"


def write_export(text: str, directories: Iterable[Path | None] = (None,)) -> Path:
    """Write ``text`` to a new file in the first directory that takes it (``None`` is the
    user data dir), atomically; ``OSError`` if none does."""
    name = export_name()
    error: OSError | None = None
    for d in directories:
        folder = Path(d) if d is not None else data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=".md")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                target = folder / name
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            return target.resolve()
        except OSError as exc:
            error = exc
    raise error or OSError("no directory to export to")


def export_bookmarks(store: Store, directories: Iterable[Path | None] | None = None) -> Path:
    """``x`` in the bookmark list: the store's Markdown export in the user data dir, or the
    current directory when the data dir cannot be written (a read-only store)."""
    return write_export(store.export_markdown(), directories or (None, Path.cwd()))
