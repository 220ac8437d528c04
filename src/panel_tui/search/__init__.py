"""Incremental search: exact, fuzzy and phonetic, over an index cached on disk.

Entry points: :class:`SearchEngine` (``search``, ``session``, ``start`` for a background
build) and :func:`engine_for`, which keeps one engine per loaded corpus. Nothing is built or
read from disk at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from panel_tui.search.engine import SearchCancelled, SearchEngine, SearchSession
from panel_tui.search.hits import Hit, SearchResult
from panel_tui.search.kwic import Snippet
from panel_tui.search.query import Query, Term, parse

if TYPE_CHECKING:
    from panel_tui.corpus import Corpus

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


def engine_for(corpus: Corpus) -> SearchEngine:
    """The corpus's engine, made on first use and remade if its panels changed."""
    eng = corpus.__dict__.get("_search_engine")
    if eng is None or eng.panels != corpus.panels:
        eng = SearchEngine(corpus.panels)
        corpus.__dict__["_search_engine"] = eng
    return eng
