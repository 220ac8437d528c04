"""The reader's own data: bookmarks, notes, speaker corrections, reading positions, searches.

One SQLite file in the user data dir; see ``db`` for the safety rules and ``docs/store.md``.

The names below are imported on first use (PEP 562): the app starts without sqlite3 and
rapidfuzz, and catching a :class:`StoreError` (``store.errors``) imports nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from panel_tui.store.anchoring import Anchor, Match, locate, make_anchor
    from panel_tui.store.bookmarks import Bookmark, Citation
    from panel_tui.store.corrections import Correction
    from panel_tui.store.errors import NewerSchemaError, StoreError, StoreReadOnly
    from panel_tui.store.export import ImportFormatError, ImportReport
    from panel_tui.store.reanchor import ReanchorReport, reanchor_all
    from panel_tui.store.store import Store

_EXPORTS = {
    "Anchor": "anchoring",
    "Match": "anchoring",
    "locate": "anchoring",
    "make_anchor": "anchoring",
    "Bookmark": "bookmarks",
    "Citation": "bookmarks",
    "Correction": "corrections",
    "NewerSchemaError": "errors",
    "StoreError": "errors",
    "StoreReadOnly": "errors",
    "ImportFormatError": "export",
    "ImportReport": "export",
    "ReanchorReport": "reanchor",
    "reanchor_all": "reanchor",
    "Store": "store",
}

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


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'panel_tui.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"panel_tui.store.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
