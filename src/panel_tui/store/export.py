"""Taking bookmarks elsewhere: Markdown to read and cite, JSON to restore.

The JSON holds every field of every bookmark and correction, keyed by ``uuid``; importing it
merges by ``uuid`` (new ones added, a newer copy replaces an older one, nothing deleted), so
importing the same file twice adds nothing. The file is validated whole before anything is
written, and written in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from panel_tui.store.bookmarks import Bookmark, Citation, clean_tags, now
from panel_tui.store.corrections import Correction

FORMAT = "panel-tui-store"
FORMAT_VERSION = 1


class ImportFormatError(ValueError):
    """The file is not a panel-tui export, or an entry in it is malformed."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    same: int = 0
    corrections_added: int = 0
    corrections_updated: int = 0
    corrections_same: int = 0


# -- JSON ------------------------------------------------------------------------------------


def bookmark_dict(b: Bookmark) -> dict[str, Any]:
    return {
        "id": b.id,
        "uuid": b.uuid,
        "panel_id": b.panel_id,
        "source": b.source,
        "start": b.start,
        "end": b.end,
        "quote": b.quote,
        "prefix": b.prefix,
        "suffix": b.suffix,
        "text_hash": b.text_hash,
        "speaker": b.speaker,
        "note": b.note,
        "tags": list(b.tags),
        "panel": b.citation.to_dict(),
        "orphaned": b.orphaned,
        "created": b.created,
        "updated": b.updated,
    }


def correction_dict(c: Correction) -> dict[str, Any]:
    return {
        "id": c.id,
        "uuid": c.uuid,
        "panel_id": c.panel_id,
        "source": c.source,
        "start": c.start,
        "end": c.end,
        "speaker": c.speaker,
        "quote": c.quote,
        "prefix": c.prefix,
        "suffix": c.suffix,
        "text_hash": c.text_hash,
        "orphaned": c.orphaned,
        "created": c.created,
        "updated": c.updated,
    }


def to_json(bookmarks: list[Bookmark], corrections: list[Correction]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported": now(),
        "bookmarks": [bookmark_dict(b) for b in bookmarks],
        "corrections": [correction_dict(c) for c in corrections],
    }


def _req(d: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in d:
        raise ImportFormatError(f"{where}: missing {key!r}")
    v = d[key]
    if not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
        raise ImportFormatError(f"{where}: {key!r} has the wrong type")
    return v


def _span(d: dict[str, Any], where: str) -> tuple[int, int]:
    start, end = _req(d, "start", int, where), _req(d, "end", int, where)
    if not 0 <= start < end:
        raise ImportFormatError(f"{where}: bad span {start}–{end}")
    return start, end


def _opt_str(d: dict[str, Any], key: str, where: str) -> str | None:
    v = d.get(key)
    if v is not None and not isinstance(v, str):
        raise ImportFormatError(f"{where}: {key!r} has the wrong type")
    return v


def bookmark_from(d: Any, i: int) -> Bookmark:
    where = f"bookmark #{i + 1}"
    if not isinstance(d, dict):
        raise ImportFormatError(f"{where}: not an object")
    start, end = _span(d, where)
    tags = d.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ImportFormatError(f"{where}: 'tags' must be a list of strings")
    panel = d.get("panel") or {}
    if not isinstance(panel, dict):
        raise ImportFormatError(f"{where}: 'panel' must be an object")
    stamp = _opt_str(d, "created", where) or now()
    return Bookmark(
        uuid=_req(d, "uuid", str, where),
        panel_id=_req(d, "panel_id", str, where),
        source=_opt_str(d, "source", where) or "",
        start=start,
        end=end,
        quote=_req(d, "quote", str, where),
        prefix=_opt_str(d, "prefix", where) or "",
        suffix=_opt_str(d, "suffix", where) or "",
        text_hash=_opt_str(d, "text_hash", where) or "",
        speaker=_opt_str(d, "speaker", where),
        note=_opt_str(d, "note", where) or "",
        tags=clean_tags(tags),
        citation=Citation.from_dict(panel),
        orphaned=bool(d.get("orphaned", False)),
        created=stamp,
        updated=_opt_str(d, "updated", where) or stamp,
    )


def correction_from(d: Any, i: int) -> Correction:
    where = f"correction #{i + 1}"
    if not isinstance(d, dict):
        raise ImportFormatError(f"{where}: not an object")
    start, end = _span(d, where)
    stamp = _opt_str(d, "created", where) or now()
    return Correction(
        uuid=_req(d, "uuid", str, where),
        panel_id=_req(d, "panel_id", str, where),
        source=_opt_str(d, "source", where) or "",
        start=start,
        end=end,
        speaker=_req(d, "speaker", str, where),
        quote=_req(d, "quote", str, where),
        prefix=_opt_str(d, "prefix", where) or "",
        suffix=_opt_str(d, "suffix", where) or "",
        text_hash=_opt_str(d, "text_hash", where) or "",
        orphaned=bool(d.get("orphaned", False)),
        created=stamp,
        updated=_opt_str(d, "updated", where) or stamp,
    )


def parse(data: Any) -> tuple[list[Bookmark], list[Correction]]:
    """Validate a whole export; raises ``ImportFormatError`` naming the first problem."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(f'not a panel-tui export (expected "format": "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFormatError(
            f"export format version {version!r} is newer than this panel-tui reads "
            f"({FORMAT_VERSION}); upgrade panel-tui"
        )
    raw_b, raw_c = data.get("bookmarks", []), data.get("corrections", [])
    if not isinstance(raw_b, list) or not isinstance(raw_c, list):
        raise ImportFormatError("'bookmarks' and 'corrections' must be lists")
    return (
        [bookmark_from(d, i) for i, d in enumerate(raw_b)],
        [correction_from(d, i) for i, d in enumerate(raw_c)],
    )


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# -- Markdown --------------------------------------------------------------------------------


def citation_line(b: Bookmark) -> str:
    c = b.citation
    parts = [f"《{c.title}》" if c.title else b.panel_id]
    if c.event and c.event != c.title:
        parts.append(c.event)
    if c.date:
        parts.append(c.date)
    where = c.url or (f"{c.platform} {c.source_id}".strip() if c.source_id else "")
    if where:
        parts.append(where)
    parts.append(f"{b.source} @{b.start}–{b.end}" if b.source else f"@{b.start}–{b.end}")
    return ", ".join(parts)


def _blockquote(text: str) -> list[str]:
    lines = text.strip("\n").splitlines() or [""]
    return [f"> {ln}".rstrip() for ln in lines]


def to_markdown(bookmarks: list[Bookmark]) -> str:
    """Quotes grouped by panel, each with its speaker, a citation, the note and tags."""
    out = ["# Bookmarks", ""]
    if not bookmarks:
        out += ["(none yet)", ""]
    groups: dict[str, list[Bookmark]] = {}
    for b in bookmarks:
        groups.setdefault(b.panel_id, []).append(b)
    for panel_id, items in groups.items():
        c = items[0].citation
        out += [f"## {c.title or panel_id}", ""]
        meta = [m for m in (c.event, c.date, c.url or c.source_id, f"`{panel_id}`") if m]
        out += [" · ".join(meta), ""]
        for b in sorted(items, key=lambda x: (x.orphaned, x.start)):
            out += _blockquote(b.quote)
            out += [">", f"> — {b.speaker or 'unknown speaker'}, {citation_line(b)}", ""]
            if b.orphaned:
                out += ["*Orphaned: this quote is no longer found in the transcript.*", ""]
            if b.note:
                out += [f"Note: {b.note}", ""]
            if b.tags:
                out += ["Tags: " + " ".join(f"#{t}" for t in b.tags), ""]
    return "\n".join(out).rstrip("\n") + "\n"
