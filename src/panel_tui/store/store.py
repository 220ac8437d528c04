"""``Store``: the one object the TUI and CLI use for the reader's own data.

Opening is lazy (``Store.open()`` touches no file); the first read opens an existing database,
the first write creates the data dir and the database. Every write is one short transaction.
Methods are safe to call from several threads (see ``db``); separate processes are safe too.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from panel_tui.store import bookmarks as bm
from panel_tui.store import corrections as cr
from panel_tui.store import export as ex
from panel_tui.store import positions as pos
from panel_tui.store.db import Database, StoreError, default_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    from panel_tui.model import Panel
    from panel_tui.store.reanchor import ReanchorReport


class Store:
    def __init__(self, path: Path) -> None:
        self.db = Database(path)

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> Store:
        """The store in ``data_dir`` (default: ``$PANEL_TUI_DATA_DIR`` or platformdirs)."""
        return cls(default_path(data_dir))

    def connect(self) -> Store:
        """Open an existing database now, so a damaged or newer file is reported up front."""
        self.db.open()
        return self

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def warnings(self) -> list[str]:
        return self.db.warnings

    @property
    def warning(self) -> str | None:
        """The latest one-line message for the user (damaged file moved, read-only dir)."""
        return self.db.warning

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, fn: Any) -> Any:
        return self.db.read(fn)

    def _write(self, fn: Any) -> Any:
        return self.db.write(fn)

    # -- bookmarks ---------------------------------------------------------------------------

    def add_bookmark(
        self,
        panel: Panel,
        start: int,
        end: int,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> bm.Bookmark:
        """Bookmark ``panel.text[start:end]``. ``ValueError`` if the span is outside the text.
        Pass a panel with corrections applied (``with_corrections``) for the right speaker."""
        return self.save_bookmark(bm.bookmark_for(panel, start, end, note, tuple(tags)))

    def save_bookmark(self, b: bm.Bookmark) -> bm.Bookmark:
        """Insert a fully formed bookmark (a new uuid if it has none); returns it with its id."""
        if not b.uuid:
            b = replace(b, uuid=bm.new_uuid())
        return cast(bm.Bookmark, self._write(lambda c: bm.insert(c, b)))

    def bookmarks(self, panel_id: str | None = None) -> list[bm.Bookmark]:
        return cast(list[bm.Bookmark], self._read(lambda c: bm.all_(c, panel_id)))

    def orphaned_bookmarks(self) -> list[bm.Bookmark]:
        return [b for b in self.bookmarks() if b.orphaned]

    def bookmark(self, ref: int | str) -> bm.Bookmark | None:
        """A bookmark by id, or by uuid (or a unique prefix of at least 4 characters)."""

        def find(c: sqlite3.Connection) -> bm.Bookmark | None:
            if isinstance(ref, int) or str(ref).isdigit():
                found = bm.get(c, int(ref))
                if found is not None or isinstance(ref, int):
                    return found
            text = str(ref).strip().lower()
            if len(text) < 4:
                return None
            rows = c.execute(bm.SELECT + " WHERE uuid LIKE ? LIMIT 2", (text + "%",)).fetchall()
            return bm.from_row(rows[0]) if len(rows) == 1 else None

        return cast("bm.Bookmark | None", self._read(find))

    def update_bookmark(
        self, bookmark_id: int, note: str | None = None, tags: Iterable[str] | None = None
    ) -> bm.Bookmark | None:
        t = None if tags is None else tuple(tags)
        return cast(
            "bm.Bookmark | None", self._write(lambda c: bm.update_note(c, bookmark_id, note, t))
        )

    def remove_bookmark(self, bookmark_id: int) -> bm.Bookmark | None:
        """Delete one bookmark; returns what was deleted (``None`` if there was no such id)."""
        return cast("bm.Bookmark | None", self._write(lambda c: bm.delete(c, bookmark_id)))

    # -- corrections -------------------------------------------------------------------------

    def add_correction(self, panel: Panel, start: int, end: int, speaker: str) -> cr.Correction:
        """Say that ``panel.text[start:end]`` was spoken by ``speaker``."""
        c = cr.correction_for(panel, start, end, speaker)
        return cast(cr.Correction, self._write(lambda conn: cr.insert(conn, c)))

    def corrections(self, panel_id: str | None = None) -> list[cr.Correction]:
        return cast(list[cr.Correction], self._read(lambda c: cr.all_(c, panel_id)))

    def corrections_for(self, panel_id: str) -> tuple[tuple[int, int, str], ...]:
        """``(start, end, speaker)`` for ``Panel(doc, corrections=...)``; orphans left out.
        Call ``reanchor`` first if the transcript may have changed."""
        return tuple(c.as_tuple() for c in self.corrections(panel_id) if not c.orphaned)

    def with_corrections(self, panel: Panel) -> Panel:
        """``panel`` with this store's corrections applied to its attribution."""
        from panel_tui.model import Panel as PanelType

        fixes = self.corrections_for(panel.id)
        if fixes == panel.corrections:
            return panel
        return PanelType(panel.doc, corrections=fixes)

    def remove_correction(self, correction_id: int) -> cr.Correction | None:
        return cast("cr.Correction | None", self._write(lambda c: cr.delete(c, correction_id)))

    # -- reading positions and searches ------------------------------------------------------

    def set_position(self, panel_id: str, offset: int) -> None:
        self._write(lambda c: pos.set_position(c, panel_id, offset))

    def get_position(self, panel_id: str) -> int | None:
        return cast("int | None", self._read(lambda c: pos.get_position(c, panel_id)))

    def add_query(self, query: str) -> None:
        query = query.strip()
        if query:
            self._write(lambda c: pos.add_query(c, query))

    def recent_queries(self, limit: int = 20) -> list[str]:
        return cast(list[str], self._read(lambda c: pos.recent_queries(c, limit)))

    # -- anchoring, export, import -----------------------------------------------------------

    def reanchor(self, panels: Iterable[Panel]) -> ReanchorReport:
        """Follow edited transcripts: see ``reanchor.reanchor_all``."""
        from panel_tui.store.reanchor import reanchor_all

        return reanchor_all(self, panels)

    def export_json(self) -> dict[str, Any]:
        return ex.to_json(self.bookmarks(), self.corrections())

    def export_markdown(self) -> str:
        return ex.to_markdown(self.bookmarks())

    def import_json(self, data: Any) -> ex.ImportReport:
        """Merge an export by uuid in one transaction; ``ImportFormatError`` if malformed."""
        books, fixes = ex.parse(data)

        def merge(c: sqlite3.Connection) -> ex.ImportReport:
            b = [bm.merge(c, x) for x in books]
            f = [cr.merge(c, x) for x in fixes]
            return ex.ImportReport(
                added=b.count("added"),
                updated=b.count("updated"),
                same=b.count("same"),
                corrections_added=f.count("added"),
                corrections_updated=f.count("updated"),
                corrections_same=f.count("same"),
            )

        return cast(ex.ImportReport, self._write(merge))

    def integrity(self) -> str:
        return self.db.integrity()


__all__ = ["Store", "StoreError"]
