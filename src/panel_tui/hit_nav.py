"""Find in one panel, step through the hits, and mark spans in rendered rows.

The TUI's ``/``, ``n`` and ``N`` and the corpus-wide search screen share this: it runs the
search API restricted to one panel, keeps the hits in text order with a current index (vim's
wraparound), says ``3/17`` and the current hit's tier, groups corpus-wide hits by panel, and
cuts a rendered row into plain and marked runs from source offsets. No Textual here.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from panel_tui.model import Panel
    from panel_tui.search import Hit, SearchEngine, SearchSession

PANEL_LIMIT = 2000  # hits kept for one panel; past it the counter reads "3/2000+"


@dataclass(frozen=True)
class HitNav:
    """Hits of one panel in text order and which one is current (``index``, -1 for none)."""

    hits: tuple[Hit, ...] = ()
    index: int = -1
    capped: bool = False  # the search stopped at its limit: there may be more
    query: str = ""
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts.extend(h.start for h in self.hits)

    @classmethod
    def of(cls, hits: Iterable[Hit], *, capped: bool = False, query: str = "") -> HitNav:
        ordered = tuple(sorted(hits, key=lambda h: (h.start, h.end)))
        return cls(ordered, -1, capped, query)

    def _at(self, index: int) -> HitNav:
        return HitNav(self.hits, index, self.capped, self.query)

    @property
    def current(self) -> Hit | None:
        return self.hits[self.index] if 0 <= self.index < len(self.hits) else None

    @property
    def tier(self) -> str:
        """The current hit's tier (exact, fuzzy, phonetic), or ``""``."""
        hit = self.current
        return hit.tier if hit else ""

    @property
    def counter(self) -> str:
        """``3/17``; ``-/17`` before a hit is chosen; ``0/0`` for none; ``+`` when capped."""
        total = f"{len(self.hits)}{'+' if self.capped else ''}"
        return f"{self.index + 1 if self.index >= 0 else '-'}/{total}" if self.hits else "0/0"

    def _in_current(self, cursor: int | None) -> bool:
        hit = self.current
        if hit is None:
            return False
        return cursor is None or hit.unit_start <= cursor < max(hit.unit_end, hit.end)

    def first_from(self, cursor: int) -> HitNav:
        """The first hit at or after ``cursor`` (wrapping to the first), as the find bar
        shows while typing."""
        if not self.hits:
            return self._at(-1)
        i = bisect.bisect_left(self._starts, cursor)
        return self._at(i if i < len(self.hits) else 0)

    def next(self, cursor: int | None = None) -> tuple[HitNav, bool]:
        """The hit after the current one (if the cursor is still in its sentence) or after
        ``cursor``; second value: it wrapped past the end."""
        if not self.hits:
            return self, False
        if self._in_current(cursor):
            i = self.index + 1
        else:
            i = bisect.bisect_left(self._starts, cursor or 0)
        wrapped = i >= len(self.hits)
        return self._at(0 if wrapped else i), wrapped

    def prev(self, cursor: int | None = None) -> tuple[HitNav, bool]:
        """The hit before the current one (or before ``cursor``); wraps to the last."""
        if not self.hits:
            return self, False
        if self._in_current(cursor):
            i = self.index - 1
        else:
            i = bisect.bisect_left(self._starts, cursor or 0) - 1
        wrapped = i < 0
        return self._at(len(self.hits) - 1 if wrapped else i), wrapped

    def spans(self) -> SpanSet:
        """Every term span of every hit, for highlighting in the transcript."""
        return SpanSet(s for h in self.hits for s in (h.spans or ((h.start, h.end),)))


class SpanSet:
    """Sorted, non-empty ``(start, end)`` spans with a fast overlap lookup (bisect)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = sorted({(a, b) for a, b in spans if b > a})
        self._starts = [a for a, _ in self.spans]
        longest = max((b - a for a, b in self.spans), default=0)
        self._reach = longest  # a span starting this far before ``start`` may still overlap

    def __len__(self) -> int:
        return len(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that share at least one character with ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start - self._reach)
        hi = bisect.bisect_left(self._starts, end)
        return [(a, b) for a, b in self.spans[lo:hi] if b > start and a < end]

    def touches(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))


# Flags of a run for ``mark_runs`` (OR-ed): a hit, the current hit, inside the selection
# (the cursor's sentence or the ``v`` range).
PLAIN, HIT, CURRENT, SELECTED = 0, 1, 2, 4


def mark_runs(
    offsets: Sequence[int],
    hits: SpanSet,
    current: tuple[int, int] | None = None,
    selected: tuple[int, int] | None = None,
) -> list[tuple[int, int, int]]:
    """Cut a rendered row into ``(i, j, flags)`` runs of its characters.

    ``offsets[k]`` is the source offset of the row's k-th character (as the transcript computes
    for its cursor highlight). ``flags`` is ``PLAIN`` or an OR of ``HIT`` (inside a hit),
    ``CURRENT`` (inside the current hit, instead of ``HIT``) and ``SELECTED``.
    """
    if not offsets:
        return []
    lo, hi = min(offsets), max(offsets) + 1
    spans = hits.overlapping(lo, hi)
    cur = current if current and current[1] > lo and current[0] < hi else None
    sel = selected if selected and selected[1] > lo and selected[0] < hi else None
    if not spans and cur is None and sel is None:
        return [(0, len(offsets), PLAIN)]

    def flags(off: int) -> int:
        f = SELECTED if sel is not None and sel[0] <= off < sel[1] else PLAIN
        if cur is not None and cur[0] <= off < cur[1]:
            return f | CURRENT
        return f | HIT if any(a <= off < b for a, b in spans) else f

    runs: list[tuple[int, int, int]] = []
    start, f0 = 0, flags(offsets[0])
    for k in range(1, len(offsets)):
        f1 = flags(offsets[k])
        if f1 != f0:
            runs.append((start, k, f0))
            start, f0 = k, f1
    runs.append((start, len(offsets), f0))
    return runs


def group_by_panel(hits: Iterable[Hit]) -> list[tuple[str, list[Hit]]]:
    """Hits grouped by panel; panels in the order of their best hit, hits in rank order."""
    groups: dict[str, list[Hit]] = {}
    for h in hits:
        groups.setdefault(h.panel_id, []).append(h)
    return list(groups.items())


class PanelFinder:
    """``/`` in one panel: the search API restricted to it, every keystroke via a session.

    Uses the corpus engine once it has indexed the panel; until then a private one-panel engine
    (no disk cache, so the corpus's cached gram tables are never pruned), so find works in the
    first second after start-up too. Thread-safe: calls are serialised.
    """

    def __init__(
        self, engine: SearchEngine | None, panel: Panel, *, limit: int = PANEL_LIMIT
    ) -> None:
        self.engine = engine
        self.panel = panel
        self.limit = limit
        self._lock = threading.Lock()
        self._session: SearchSession | None = None
        self._own = False
        ids = [p.id for p in engine.panels] if engine is not None else []
        self._position = ids.index(panel.id) if panel.id in ids else -1  # panels index in order

    def _ready_session(self) -> SearchSession:
        from panel_tui.search import SearchEngine

        eng = self.engine
        shared = eng is not None and 0 <= self._position < eng.indexed
        if self._session is None or (self._own and shared):
            if shared:
                assert eng is not None
                self._session = eng.session(panels=[self.panel.id], limit=self.limit, context=20)
                self._own = False
            else:
                own = SearchEngine([self.panel], use_cache=False)
                self._session = own.session(limit=self.limit, context=20, wait=True)
                self._own = True
        return self._session

    def find(self, query: str, cancel: Callable[[], bool] | None = None) -> HitNav:
        """Hits for ``query`` in this panel, in text order, none current yet. Raises
        ``SearchCancelled`` when ``cancel()`` turns true."""
        if not query.strip():
            return HitNav(query=query)
        with self._lock:
            result = self._ready_session().update(query, cancel=cancel)
        hits = [h for h in result.hits if h.panel_id == self.panel.id]
        return HitNav.of(hits, capped=len(result.hits) >= self.limit, query=query)


def find_in_panel(
    engine: SearchEngine | None,
    panel: Panel,
    query: str,
    cancel: Callable[[], bool] | None = None,
    *,
    limit: int = PANEL_LIMIT,
) -> HitNav:
    """One-shot :meth:`PanelFinder.find` (keep a ``PanelFinder`` for typing key by key)."""
    return PanelFinder(engine, panel, limit=limit).find(query, cancel)
