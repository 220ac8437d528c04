"""Speaker corrections: "this span was said by X", which attribution applies over its own guess.

Anchored like bookmarks (quote, context, text hash) so they follow the transcript when it is
edited; a correction whose text is gone is kept as orphaned and no longer applied.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from panel_tui.store.anchoring import Anchored, make_anchor
from panel_tui.store.bookmarks import new_uuid, now
from panel_tui.store.db import insert_sql, select_sql

if TYPE_CHECKING:
    from panel_tui.model import Panel


@dataclass(frozen=True, slots=True)
class Correction(Anchored):
    panel_id: str
    source: str
    start: int
    end: int
    speaker: str
    quote: str
    prefix: str
    suffix: str
    text_hash: str
    orphaned: bool = False
    created: str = ""
    updated: str = ""
    uuid: str = ""
    id: int | None = None

    def as_tuple(self) -> tuple[int, int, str]:
        """The shape ``Panel(doc, corrections=...)`` takes."""
        return (self.start, self.end, self.speaker)


COLUMNS = [
    "uuid",
    "panel_id",
    "source",
    "start",
    "end",
    "speaker",
    "quote",
    "prefix",
    "suffix",
    "text_hash",
    "orphaned",
    "created",
    "updated",
]
SELECT = select_sql("corrections", COLUMNS)
INSERT = insert_sql("corrections", COLUMNS)


def correction_for(panel: Panel, start: int, end: int, speaker: str) -> Correction:
    """A new, unsaved correction. Raises ``ValueError`` on a bad span or an empty name."""
    speaker = speaker.strip()
    if not speaker:
        raise ValueError("a correction needs a speaker name")
    a = make_anchor(panel.text, start, end)
    stamp = now()
    return Correction(
        panel_id=panel.id,
        source=panel.path.name,
        start=a.start,
        end=a.end,
        speaker=speaker,
        quote=a.quote,
        prefix=a.prefix,
        suffix=a.suffix,
        text_hash=a.text_hash,
        created=stamp,
        updated=stamp,
        uuid=new_uuid(),
    )


def _row(c: Correction) -> tuple[Any, ...]:
    return (
        c.uuid or new_uuid(),
        c.panel_id,
        c.source,
        c.start,
        c.end,
        c.speaker,
        c.quote,
        c.prefix,
        c.suffix,
        c.text_hash,
        int(c.orphaned),
        c.created or now(),
        c.updated or c.created or now(),
    )


def from_row(r: sqlite3.Row | tuple[Any, ...]) -> Correction:
    id_, uuid, panel_id, source, start, end, speaker, quote, prefix, suffix, h, orph = r[:12]
    created, updated = r[12:14]
    return Correction(
        panel_id=panel_id,
        source=source,
        start=start,
        end=end,
        speaker=speaker,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        text_hash=h,
        orphaned=bool(orph),
        created=created,
        updated=updated,
        uuid=uuid,
        id=id_,
    )


def insert(conn: sqlite3.Connection, c: Correction) -> Correction:
    cur = conn.execute(INSERT, _row(c))
    return get(conn, int(cur.lastrowid or 0)) or c


def get(conn: sqlite3.Connection, correction_id: int) -> Correction | None:
    row = conn.execute(SELECT + " WHERE id = ?", (correction_id,)).fetchone()
    return from_row(row) if row else None


def all_(conn: sqlite3.Connection, panel_id: str | None = None) -> list[Correction]:
    if panel_id is None:
        rows = conn.execute(SELECT + " ORDER BY panel_id, start, id").fetchall()
    else:
        rows = conn.execute(SELECT + " WHERE panel_id = ? ORDER BY id", (panel_id,)).fetchall()
    return [from_row(r) for r in rows]


def delete(conn: sqlite3.Connection, correction_id: int) -> Correction | None:
    old = get(conn, correction_id)
    if old is not None:
        conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
    return old


def merge(conn: sqlite3.Connection, c: Correction) -> str:
    """Import one correction by uuid: ``"added"``, ``"updated"`` or ``"same"``."""
    row = conn.execute("SELECT updated FROM corrections WHERE uuid = ?", (c.uuid,)).fetchone()
    if row is None:
        conn.execute(INSERT, _row(c))
        return "added"
    if c.updated <= row[0]:
        return "same"
    sets = ", ".join(f'"{k}" = ?' for k in COLUMNS[1:])
    conn.execute(f"UPDATE corrections SET {sets} WHERE uuid = ?", (*_row(c)[1:], c.uuid))
    return "updated"
