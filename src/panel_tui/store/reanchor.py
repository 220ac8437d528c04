"""Bring saved spans up to date with the transcripts as they are now.

A bookmark or correction whose transcript hash still matches is left alone. Otherwise it is
located again (``anchoring.locate``) and its offsets, quote, context and hash are rewritten; if
it cannot be placed it is marked orphaned and keeps its old quote and hash (so it is retried
next time, and comes back if the text does). A panel is found by id, then by source file name:
ids of articles and plain text are content hashes, so editing such a file changes its id.
Items whose panel is not in the corpus at all are left untouched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from panel_tui.store import bookmarks as bm
from panel_tui.store import corrections as cr
from panel_tui.store.anchoring import locate, rebase, text_hash

if TYPE_CHECKING:
    from collections.abc import Iterable

    from panel_tui.model import Panel
    from panel_tui.store.store import Store


@dataclass(frozen=True, slots=True)
class ReanchorReport:
    checked: int = 0
    moved: int = 0  # found again in a changed text
    orphaned: int = 0  # newly orphaned
    restored: int = 0  # orphans found again
    missing: int = 0  # panel not in the corpus: left as is
    saved: bool = True  # False when the store is read-only (results not written)


class PanelIndex:
    """Panels by id and by unique source file name, with their text hashes."""

    def __init__(self, panels: Iterable[Panel]) -> None:
        self.by_id: dict[str, Panel] = {}
        names: dict[str, list[Panel]] = {}
        for p in panels:
            self.by_id[p.id] = p
            names.setdefault(p.path.name, []).append(p)
        self.by_name = {k: v[0] for k, v in names.items() if len(v) == 1}
        self._hash: dict[str, str] = {}

    def find(self, panel_id: str, source: str) -> Panel | None:
        return self.by_id.get(panel_id) or self.by_name.get(source)

    def hash(self, panel: Panel) -> str:
        if panel.id not in self._hash:
            self._hash[panel.id] = text_hash(panel.text)
        return self._hash[panel.id]


def _plan(
    items: Iterable[bm.Bookmark | cr.Correction], index: PanelIndex
) -> tuple[list[tuple[object, Panel, object]], dict[str, int]]:
    """What to change: (item, panel, Match or None) for items whose text changed."""
    counts = {"checked": 0, "moved": 0, "orphaned": 0, "restored": 0, "missing": 0}
    plan: list[tuple[object, Panel, object]] = []
    for it in items:
        counts["checked"] += 1
        panel = index.find(it.panel_id, it.source)
        if panel is None:
            counts["missing"] += 1
            continue
        if index.hash(panel) == it.text_hash and panel.id == it.panel_id:
            if it.orphaned:  # the text is back to what it was
                counts["restored"] += 1
                plan.append((it, panel, "restore"))
            continue
        match = locate(it.anchor, panel.text)
        if match is not None:
            counts["restored" if it.orphaned else "moved"] += 1
            plan.append((it, panel, match))
        elif not it.orphaned or panel.id != it.panel_id:
            counts["orphaned"] += 0 if it.orphaned else 1
            plan.append((it, panel, None))
    return plan, counts


def _apply(conn: sqlite3.Connection, table: str, plan: list, speakers: dict[int, str | None]):
    for it, panel, match in plan:
        guard = "WHERE id = ? AND text_hash = ? AND panel_id = ?"
        key = (it.id, it.text_hash, it.panel_id)
        if match == "restore":
            conn.execute(f"UPDATE {table} SET orphaned = 0 {guard}", key)
        elif match is None:
            conn.execute(f"UPDATE {table} SET orphaned = 1, panel_id = ? {guard}", (panel.id, *key))
        else:
            a = rebase(it.anchor, panel.text, match)
            extra, args = "", ()
            if table == "bookmarks":
                extra, args = ", speaker = ?", (speakers.get(it.id, it.speaker),)
            conn.execute(
                f'UPDATE {table} SET panel_id = ?, start = ?, "end" = ?, quote = ?, prefix = ?, '
                f"suffix = ?, text_hash = ?, orphaned = 0{extra} {guard}",
                (panel.id, a.start, a.end, a.quote, a.prefix, a.suffix, a.text_hash, *args, *key),
            )


def reanchor_all(store: Store, panels: Iterable[Panel]) -> ReanchorReport:
    """Re-anchor every bookmark and correction against ``panels`` (e.g. a ``Corpus``)."""
    index = PanelIndex(panels)
    c_plan, c_counts = _plan(store.corrections(), index)
    b_plan, b_counts = _plan(store.bookmarks(), index)
    totals = {k: c_counts[k] + b_counts[k] for k in c_counts}
    if not c_plan and not b_plan:
        return ReanchorReport(**totals)
    if store.read_only:
        return ReanchorReport(**totals, saved=False)

    def write_corrections(conn: sqlite3.Connection) -> None:
        _apply(conn, "corrections", c_plan, {})

    store.db.write(write_corrections)
    # Speakers of moved bookmarks, with the (re-anchored) corrections applied.
    speakers: dict[int, str | None] = {}
    corrected: dict[str, Panel] = {}
    for it, panel, match in b_plan:
        if match not in (None, "restore"):
            if panel.id not in corrected:
                corrected[panel.id] = store.with_corrections(panel)
            speakers[it.id] = bm.speaker_at(corrected[panel.id], match.start)  # type: ignore

    def write_bookmarks(conn: sqlite3.Connection) -> None:
        _apply(conn, "bookmarks", b_plan, speakers)

    store.db.write(write_bookmarks)
    return ReanchorReport(**totals)
