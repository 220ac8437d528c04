"""What a search returns: frozen hits with source offsets, and the result of one run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from panel_tui.search.kwic import Snippet


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching sentence. ``start``/``end`` index the panel's source text (the first query
    term's match); ``spans`` holds every term's match; ``tier`` is the worst tier among terms."""

    panel_id: str
    start: int
    end: int
    speaker: str | None
    tier: str
    score: float
    snippet: Snippet
    unit_start: int
    unit_end: int
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "panel": self.panel_id,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "tier": self.tier,
            "score": round(self.score, 1),
            "sentence": [self.unit_start, self.unit_end],
            "spans": [list(s) for s in self.spans],
            "snippet": self.snippet.text,
            "snippet_offset": self.snippet.offset,
            "marks": [list(m) for m in self.snippet.marks],
        }


@dataclass(frozen=True)
class SearchResult:
    """``exhaustive`` means every candidate panel was scanned with no budget cut, so the hit
    set is complete (a session may narrow the next, longer query to these panels)."""

    query: str
    hits: tuple[Hit, ...]
    indexed: int  # panels searchable when the query ran
    total: int  # panels in the corpus
    exhaustive: bool = False
    matched_panels: int = 0  # bitmask of panels with at least one match (when exhaustive)

    @property
    def partial_index(self) -> bool:
        return self.indexed < self.total
