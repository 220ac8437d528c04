"""The reader's own data: bookmarks, notes, speaker corrections, reading positions, searches.

One SQLite file in the user data dir; see ``db`` for the safety rules and ``docs/store.md``.
"""

from __future__ import annotations

from panel_tui.store.anchoring import Anchor, Match, locate, make_anchor
from panel_tui.store.bookmarks import Bookmark, Citation
from panel_tui.store.corrections import Correction
from panel_tui.store.db import NewerSchemaError, StoreError, StoreReadOnly
from panel_tui.store.export import ImportFormatError, ImportReport
from panel_tui.store.reanchor import ReanchorReport, reanchor_all
from panel_tui.store.store import Store

__all__ = [
    "Anchor",
    "Bookmark",
    "Citation",
    "Correction",
    "ImportFormatError",
    "ImportReport",
    "Match",
    "NewerSchemaError",
    "ReanchorReport",
    "Store",
    "StoreError",
    "StoreReadOnly",
    "locate",
    "make_anchor",
    "reanchor_all",
]
