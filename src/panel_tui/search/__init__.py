"""Incremental search: exact, fuzzy and phonetic, over an index cached on disk.

Entry points: :class:`SearchEngine` (``search``, ``session``, ``start`` for a background
build) and :func:`engine_for`, which keeps one engine per loaded corpus. Nothing is built or
read from disk at import time, and the engine itself is imported on first use (PEP 562), so
importing ``panel_tui.search.query`` for its help text does not load the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from panel_tui.corpus import Corpus
    from panel_tui.search.engine import SearchCancelled, SearchEngine, SearchSession
    from panel_tui.search.hits import Hit, SearchResult
    from panel_tui.search.kwic import Snippet
    from panel_tui.search.query import Query, Term, parse

_EXPORTS = {
    "SearchCancelled": "panel_tui.search.engine",
    "SearchEngine": "panel_tui.search.engine",
    "SearchSession": "panel_tui.search.engine",
    "Hit": "panel_tui.search.hits",
    "SearchResult": "panel_tui.search.hits",
    "Snippet": "panel_tui.search.kwic",
    "Query": "panel_tui.search.query",
    "Term": "panel_tui.search.query",
    "parse": "panel_tui.search.query",
}

__all__ = [
    "Hit",
    "Query",
    "SearchCancelled",
    "SearchEngine",
    "SearchResult",
    "SearchSession",
    "Snippet",
    "Term",
    "engine_for",
    "parse",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'panel_tui.search' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def engine_for(corpus: Corpus) -> SearchEngine:
    """The corpus's engine, made on first use and remade if its panels changed."""
    from panel_tui.search.engine import SearchEngine

    eng = corpus.__dict__.get("_search_engine")
    if eng is None or eng.panels != corpus.panels:
        eng = SearchEngine(corpus.panels)
        corpus.__dict__["_search_engine"] = eng
    return eng
