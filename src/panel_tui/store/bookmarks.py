"""Bookmarks: a quoted span of a transcript with the reader's note and tags.

A bookmark carries enough to survive its transcript changing (quote, context, hash of the text:
see ``anchoring``) and enough to be cited without the transcript (speaker and a snapshot of the
panel's title, event, date and URL). ``id`` is short and local; ``uuid`` is global and makes
import idempotent.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from panel_tui.store.anchoring import Anchored, make_anchor
from panel_tui.store.db import insert_sql, select_sql

if TYPE_CHECKING:
    from panel_tui.model import Panel


@dataclass(frozen=True, slots=True)
class Citation:
    """What a quote needs to be cited: a snapshot of the panel's metadata when bookmarked."""

    title: str = ""
    event: str = ""
    date: str | None = None
    platform: str = ""
    url: str | None = None
    source_id: str = ""

    @classmethod
    def of(cls, panel: Panel) -> Citation:
        m = panel.meta
        return cls(m.title, m.event, m.date, m.platform, m.url, m.source_id)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Citation:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class Bookmark(Anchored):
    panel_id: str
    source: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    text_hash: str
    speaker: str | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    citation: Citation = field(default_factory=Citation)
    orphaned: bool = False
    created: str = ""
    updated: str = ""
    uuid: str = ""
    id: int | None = None


COLUMNS = [
    "uuid",
    "panel_id",
    "source",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "text_hash",
    "speaker",
    "note",
    "tags",
    "panel",
    "orphaned",
    "created",
    "updated",
]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def speaker_at(panel: Panel, offset: int) -> str | None:
    """The speaker of the turn covering ``offset`` (corrections applied if the panel has them)."""
    for t in panel.turns:
        if t.start <= offset < t.end:
            return t.speaker
    return None


def bookmark_for(
    panel: Panel, start: int, end: int, note: str = "", tags: tuple[str, ...] = ()
) -> Bookmark:
    """A new, unsaved bookmark of ``panel.text[start:end]``. Raises ``ValueError`` on a bad
    span."""
    a = make_anchor(panel.text, start, end)
    stamp = now()
    return Bookmark(
        panel_id=panel.id,
        source=panel.path.name,
        start=a.start,
        end=a.end,
        quote=a.quote,
        prefix=a.prefix,
        suffix=a.suffix,
        text_hash=a.text_hash,
        speaker=speaker_at(panel, start),
        note=note,
        tags=clean_tags(tags),
        citation=Citation.of(panel),
        created=stamp,
        updated=stamp,
        uuid=new_uuid(),
    )


def clean_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for t in tags:
        t = t.strip().lstrip("#").strip()
        if t and t not in out:
            out.append(t)
    return tuple(out)


def _row(b: Bookmark) -> tuple[Any, ...]:
    return (
        b.uuid or new_uuid(),
        b.panel_id,
        b.source,
        b.start,
        b.end,
        b.quote,
        b.prefix,
        b.suffix,
        b.text_hash,
        b.speaker,
        b.note,
        json.dumps(list(b.tags), ensure_ascii=False),
        json.dumps(b.citation.to_dict(), ensure_ascii=False),
        int(b.orphaned),
        b.created or now(),
        b.updated or b.created or now(),
    )


def from_row(r: sqlite3.Row | tuple[Any, ...]) -> Bookmark:
    (id_, uuid, panel_id, source, start, end, quote, prefix, suffix, text_hash, speaker, note) = r[
        :12
    ]
    tags, panel, orphaned, created, updated = r[12:17]
    return Bookmark(
        panel_id=panel_id,
        source=source,
        start=start,
        end=end,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        text_hash=text_hash,
        speaker=speaker,
        note=note,
        tags=tuple(json.loads(tags or "[]")),
        citation=Citation.from_dict(json.loads(panel or "{}")),
        orphaned=bool(orphaned),
        created=created,
        updated=updated,
        uuid=uuid,
        id=id_,
    )


SELECT = select_sql("bookmarks", COLUMNS)
INSERT = insert_sql("bookmarks", COLUMNS)


def insert(conn: sqlite3.Connection, b: Bookmark) -> Bookmark:
    cur = conn.execute(INSERT, _row(b))
    return get(conn, int(cur.lastrowid or 0)) or b


def get(conn: sqlite3.Connection, bookmark_id: int) -> Bookmark | None:
    row = conn.execute(SELECT + " WHERE id = ?", (bookmark_id,)).fetchone()
    return from_row(row) if row else None


def by_uuid(conn: sqlite3.Connection, uuid: str) -> Bookmark | None:
    row = conn.execute(SELECT + " WHERE uuid = ?", (uuid,)).fetchone()
    return from_row(row) if row else None


def all_(conn: sqlite3.Connection, panel_id: str | None = None) -> list[Bookmark]:
    if panel_id is None:
        rows = conn.execute(SELECT + " ORDER BY panel_id, start, id").fetchall()
    else:
        rows = conn.execute(SELECT + " WHERE panel_id = ? ORDER BY start, id", (panel_id,))
    return [from_row(r) for r in rows]


def update_note(
    conn: sqlite3.Connection, bookmark_id: int, note: str | None, tags: tuple[str, ...] | None
) -> Bookmark | None:
    old = get(conn, bookmark_id)
    if old is None:
        return None
    conn.execute(
        "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
        (
            old.note if note is None else note,
            json.dumps(list(old.tags if tags is None else clean_tags(tags)), ensure_ascii=False),
            now(),
            bookmark_id,
        ),
    )
    return get(conn, bookmark_id)


def delete(conn: sqlite3.Connection, bookmark_id: int) -> Bookmark | None:
    old = get(conn, bookmark_id)
    if old is not None:
        conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
    return old


def merge(conn: sqlite3.Connection, b: Bookmark) -> str:
    """Import one bookmark by uuid: ``"added"``, ``"updated"`` (the incoming copy is newer) or
    ``"same"``. Never deletes."""
    old = by_uuid(conn, b.uuid)
    if old is None:
        conn.execute(INSERT, _row(b))
        return "added"
    if b.updated <= old.updated:
        return "same"
    sets = ", ".join(f'"{c}" = ?' for c in COLUMNS[1:])
    conn.execute(f"UPDATE bookmarks SET {sets} WHERE uuid = ?", (*_row(b)[1:], b.uuid))
    return "updated"
