"""The search engine: builds or loads the index (in the background if asked), runs queries,
and serves keystroke-by-keystroke sessions.

A query runs one pass per tier (exact, fuzzy, phonetic) over the panels the gram masks allow
for that tier, in corpus order, and stops once ``limit`` hits rank at least as high as anything
the unscanned panels could still hold. The index becomes searchable panel by panel while it
builds; results say how much was indexed.
"""

from __future__ import annotations

import bisect
import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, reduce

from panel_tui.model import Panel
from panel_tui.search import cache
from panel_tui.search.folding import fold, warm_up
from panel_tui.search.hits import Hit, SearchResult
from panel_tui.search.index import Segment, add_grams, build_segment, manifest_key, segment_key
from panel_tui.search.kwic import kwic
from panel_tui.search.match import PHONETIC, TIER_NAMES, Found, Names, TermPlan
from panel_tui.search.names import matching_names
from panel_tui.search.query import Query, parse

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
FUZZY_BUDGET = 4000  # fuzzy verifications per query; past it the fuzzy tier is cut short


class SearchCancelled(Exception):
    """Raised inside a search when its cancel check returns true."""


@dataclass(frozen=True)
class _Plan:
    query: Query
    groups: tuple[tuple[TermPlan, ...], ...]
    excludes: tuple[TermPlan, ...]


@dataclass
class _Scan:
    """One search's state, shared by its tier passes: what to match, where it may match, and
    what has been found and spent so far."""

    plan: _Plan
    driver: tuple[TermPlan, ...]  # the rarest group, scanned panel by panel
    others: list[tuple[int, tuple[TermPlan, ...]]]  # the other groups, checked per unit
    name_filters: list[list[str]]
    limit: int
    cancel: Cancel | None
    budget: list[int]  # fuzzy comparisons left, shared by every pass
    found: list[tuple[tuple, int, int, list[Found]]]
    seen: set[tuple[int, int]]

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise SearchCancelled


def _plan(query: Query, names: Names | None = None) -> _Plan:
    groups = tuple(tuple(TermPlan.of(t, names) for t in g) for g in query.groups)
    return _Plan(query, groups, tuple(TermPlan.of(t) for t in query.excludes))


def _narrows(old: TermPlan, new: TermPlan) -> bool:
    """Can ``new`` only match where ``old`` did? Its text extends ``old``'s, it uses no tier
    ``old`` did not, and its typed pinyin allows no syllable ``old``'s did not."""
    if not new.f.startswith(old.f) or new.k != old.k or (new.exact_only < old.exact_only):
        return False
    if any(n and not o for o, n in ((old.phon, new.phon), (old.py, new.py), (old.ini, new.ini))):
        return False
    if not new.py or not old.py_next or not new.py_next:
        return not new.py
    if new.py == old.py:
        return new.py_next <= old.py_next
    return new.py.startswith(old.py) and new.py[len(old.py)] in old.py_next


def narrows(old: _Plan, new: _Plan) -> bool:
    """Is every match of ``new`` a match of ``old``, so ``new`` may search ``old``'s panels?"""
    if old.query.speakers != new.query.speakers or not old.groups:
        return False
    if not set(old.query.excludes) <= set(new.query.excludes):
        return False
    if len(new.groups) < len(old.groups):
        return False
    return all(
        len(og) == len(ng) and all(_narrows(o, n) for o, n in zip(og, ng, strict=True))
        for og, ng in zip(old.groups, new.groups, strict=False)
    )


def _bound(group_tiers: list[list[tuple[int, float, int]]], rest: int, tier: int):
    """Best ``(tier, -score)`` a new hit of pass ``tier`` in the ``rest`` panels could have:
    the mean of the groups' best scores in tiers up to ``tier``; ``(99, 0)`` if none can."""
    scores = []
    for ts in group_tiers:
        live = [sc for t, sc, m in ts if m & rest and t <= tier]
        if not live:
            return (99, 0.0)
        scores.append(max(live))
    return (tier, -sum(scores) / len(scores))


def _bits(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class SearchEngine:
    """Search over a fixed list of panels. Nothing is built until :meth:`build` or :meth:`start`."""

    def __init__(self, panels: Sequence[Panel], *, use_cache: bool = True) -> None:
        self.panels = list(panels)
        self.use_cache = use_cache
        self._segments: list[Segment] = []
        self._masks: dict[str, int] = {}
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._speakers: dict[int, list[str | None]] = {}
        self._turns: dict[int, list[int]] = {}
        self._index = {p.id: i for i, p in enumerate(self.panels)}
        self.error: BaseException | None = None
        self.from_cache = 0  # segments read from disk in the last build

    # -- index ------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.panels)

    @property
    def indexed(self) -> int:
        return len(self._segments)

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def build(self, progress: Progress | None = None) -> None:
        """Load the index from the cache or build it; synchronous, and a no-op once done."""
        with self._lock:
            if self._done.is_set():
                return
            try:
                self._build(progress)
            except BaseException as exc:
                self.error = exc
                raise
            finally:
                self._done.set()

    def _build(self, progress: Progress | None) -> None:
        n = len(self.panels)
        keys = [segment_key(p) for p in self.panels]
        root = cache.search_cache_dir() if self.use_cache else None
        manifest = manifest_key(keys)
        masks = cache.load_grams(root, manifest, n) if root else None
        fresh = masks is None
        self._masks = masks if masks is not None else {}
        for i, (panel, key) in enumerate(zip(self.panels, keys, strict=True)):
            seg = cache.load_segment(root, key) if root else None
            if seg is None:
                seg = build_segment(panel, key)
                if root:
                    self._save(cache.save_segment, root, seg)
            else:
                self.from_cache += 1
            if fresh:
                add_grams(self._masks, seg.grams(), 1 << i)
            self._segments.append(seg)  # publish only when its grams are in
            if progress:
                progress(i + 1, n)
        if fresh and root:
            self._save(cache.save_grams, root, manifest, n, self._masks)
            self._save(cache.prune_grams, root)
        warm_up()
        _ = self.names

    @staticmethod
    def _save(fn: Callable[..., None], *args: object) -> None:
        with contextlib.suppress(OSError):  # a read-only cache dir costs speed, not correctness
            fn(*args)

    def start(
        self, progress: Progress | None = None, *, warm_speakers: bool = True
    ) -> threading.Thread:
        """Build in a daemon thread; searches meanwhile cover the panels indexed so far. Then,
        if asked, attribute speakers panel by panel so hits need not wait for attribution."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, args=(progress, warm_speakers), name="search-index", daemon=True
            )
            self._thread.start()
        return self._thread

    def _run(self, progress: Progress | None, warm_speakers: bool) -> None:
        with contextlib.suppress(Exception):  # recorded in self.error; the app keeps running
            self.build(progress)
        if warm_speakers and self.error is None:
            for i in range(self.total):
                with contextlib.suppress(Exception):  # attribution trouble shows up on use
                    self.unit_speakers(i)

    @cached_property
    def names(self) -> Names:
        """Folded names (and their 2+ character prefixes) of everyone the sources name, from
        ingest's participants (no attribution needed)."""
        out = set()
        for p in self.panels:
            for person in p.doc.participants:
                for n in (person.name, *person.aliases):
                    n = fold(n)
                    out.update(n[:k] for k in range(2, len(n) + 1))
        return Names(frozenset(out))

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    # -- search -----------------------------------------------------------------------------

    def panel_mask(self, refs: Iterable[str] | None) -> int:
        """Bitmask of the given panel ids (all panels for ``None``)."""
        if refs is None:
            return (1 << len(self.panels)) - 1
        return sum(1 << self._index[r] for r in set(refs) if r in self._index)

    def unit_turns(self, i: int) -> list[int]:
        """Index into ``panels[i].turns`` of each unit's turn (-1 outside any turn)."""
        got = self._turns.get(i)
        if got is None:
            turns = self.panels[i].turns
            starts = [t.start for t in turns]
            got = []
            for s in self._segments[i].src_starts:
                k = bisect.bisect_right(starts, s) - 1
                got.append(k if k >= 0 and s < turns[k].end else -1)
            self._turns[i] = got
        return got

    def unit_speakers(self, i: int) -> list[str | None]:
        """Speaker of each unit of panel ``i`` (the turn holding the sentence start)."""
        got = self._speakers.get(i)
        if got is None:
            turns = self.panels[i].turns
            got = [turns[k].speaker if k >= 0 else None for k in self.unit_turns(i)]
            self._speakers[i] = got
        return got

    def search(
        self,
        query: str | Query,
        *,
        panels: Iterable[str] | None = None,
        speakers: Sequence[str] | None = None,
        limit: int = 50,
        context: int = 30,
        cancel: Cancel | None = None,
        within: int | None = None,
        wait: bool = True,
    ) -> SearchResult:
        """Ranked hits: tier, then score, then corpus order. ``panels`` are panel ids;
        ``speakers`` and ``@name`` terms restrict by speaker; ``within`` is a panel bitmask
        to search inside (a session's narrowing). ``wait=False`` searches what is indexed."""
        text = query if isinstance(query, str) else ""
        q = parse(query) if isinstance(query, str) else query
        plan = _plan(q, self.names)
        return self._search(text, plan, panels, speakers, limit, context, cancel, within, wait)

    def _search(self, text, plan, panels, speakers, limit, context, cancel, within, wait):
        if wait:
            self.build()
        n_ready = len(self._segments)
        if plan.query.empty or limit <= 0:
            return SearchResult(text, (), n_ready, self.total, exhaustive=True)
        everything = (1 << n_ready) - 1
        cand = everything & self.panel_mask(panels)
        if within is not None:
            cand &= within
        group_tiers = [
            [t for alt in g for t in alt.tiers(self._masks, everything)] for g in plan.groups
        ]
        group_masks = [reduce(lambda m, t: m | t[2], ts, 0) for ts in group_tiers]
        for m in group_masks:
            cand &= m
        order = sorted(
            range(len(plan.groups)),
            key=lambda g: (group_masks[g].bit_count(), -max(len(t.f) for t in plan.groups[g])),
        )
        scan = _Scan(
            plan,
            plan.groups[order[0]],
            [(g, plan.groups[g]) for g in order[1:]],
            [list(s) for s in (speakers, plan.query.speakers) if s],
            limit,
            cancel,
            [FUZZY_BUDGET],
            [],
            set(),
        )
        found = scan.found
        matched = 0
        stopped = False
        # Tiers, best first: a pass per tier over the panels that can reach it; a later tier is
        # searched only while fewer than ``limit`` hits are in hand.
        for tier in range(len(TIER_NAMES)):
            tiers = [[t for t in ts if t[0] <= tier] for ts in group_tiers]
            reach = reduce(lambda m, ts: m & reduce(lambda x, t: x | t[2], ts, 0), tiers, cand)
            before = len(found)
            stopped = self._pass(scan, tier, reach, tiers)
            matched |= reduce(lambda m, f: m | 1 << f[1], found[before:], 0)
            if stopped or len(found) >= limit:
                stopped = stopped or tier < len(TIER_NAMES) - 1
                break
        found.sort(key=lambda f: f[0])
        hits = [self._hit(pi, u, per, context) for _, pi, u, per in found[:limit]]
        if len(plan.groups) > 1 and len(hits) < limit and not stopped:
            more, more_panels, stopped = self._turn_hits(scan, cand, limit - len(hits), context)
            hits += more
            matched |= more_panels
        exhaustive = not stopped and scan.budget[0] > 0 and n_ready == self.total
        matched = matched if exhaustive else 0
        return SearchResult(text, tuple(hits), n_ready, self.total, exhaustive, matched)

    def _turn_hits(
        self, scan: _Scan, cand: int, want: int, context: int
    ) -> tuple[list[Hit], int, bool]:
        """Multi-term hits whose terms fall in different sentences of one turn. They rank after
        every single-sentence hit (terms in one sentence belong together more), then by tier,
        score and corpus order. Returns (hits, bitmask of their panels, stopped early)."""
        plan = scan.plan
        found: list[tuple] = []
        panels = 0
        for pi in _bits(cand):
            scan.check()
            if len(found) >= want:
                return self._turn_finish(found, want, context), panels, True
            allowed = self._allowed_units(pi, scan.name_filters)
            if allowed is False:
                continue
            seg = self._segments[pi]
            unit_turn = self.unit_turns(pi)
            by_turn: list[dict[int, tuple[int, Found]]] = []
            for group in plan.groups:
                best: dict[int, tuple[int, Found]] = {}
                for u, f in self._group_in_segment(group, seg, scan.budget, PHONETIC).items():
                    t = unit_turn[u]
                    if t >= 0 and (t not in best or f.key() < best[t][1].key()):
                        best[t] = (u, f)
                by_turn.append(best)
            for t in sorted(set.intersection(*(set(b) for b in by_turn))):
                units = [b[t][0] for b in by_turn]
                if len(set(units)) == 1 and (pi, units[0]) in scan.seen:
                    continue  # already a single-sentence hit
                if allowed is not None and units[0] not in allowed:
                    continue
                if any(x.excludes(seg, u) for x in plan.excludes for u in set(units)):
                    continue
                per = [b[t][1] for b in by_turn]
                tier = max(f.tier for f in per)
                score = sum(f.score for f in per) / len(per)
                found.append(((tier, -score, pi, t), pi, t, units[0], per))
                panels |= 1 << pi
        return self._turn_finish(found, want, context), panels, False

    def _turn_finish(self, found: list[tuple], want: int, context: int) -> list[Hit]:
        found.sort(key=lambda f: f[0])
        out = []
        for _, pi, t, u, per in found[:want]:
            turn, seg = self.panels[pi].turns[t], self._segments[pi]
            # a sentence may straddle the turn's edge: the unit covers both
            spans = [seg.folded.source_span(f.start, f.end) for f in per]
            unit = (min(turn.start, *(a for a, _ in spans)), max(turn.end, *(b for _, b in spans)))
            out.append(self._hit(pi, u, per, context, unit))
        return out

    def _pass(self, scan: _Scan, tier: int, reach: int, tiers: list[list[tuple]]) -> bool:
        """Collect the hits of one tier; true if it stopped before scanning every panel."""
        found, seen = scan.found, scan.seen
        better = len(found)  # hits of earlier tiers outrank everything found here
        remaining = reach
        bound = _bound(tiers, remaining, tier)  # the best key unscanned panels could reach
        good = 0  # hits of this pass ranking at or above the bound
        for pi in _bits(reach):
            scan.check()
            seg = self._segments[pi]
            allowed = self._allowed_units(pi, scan.name_filters)
            if allowed is not False:
                best = self._group_in_segment(scan.driver, seg, scan.budget, tier)
                for u in sorted(best):
                    if (pi, u) in seen or (allowed is not None and u not in allowed):
                        continue
                    per = self._complete(best[u], scan, seg, u, tier)
                    if per is None:
                        continue
                    key = (max(m.tier for m in per), -sum(m.score for m in per) / len(per))
                    if key[0] != tier:
                        continue
                    seen.add((pi, u))
                    found.append(((*key, pi, u), pi, u, per))
                    if key <= bound:
                        good += 1
            remaining &= ~(1 << pi)
            if not remaining:
                return False
            new_bound = _bound(tiers, remaining, tier)
            if new_bound != bound:
                bound = new_bound
                good = sum(1 for f in found[better:] if f[0][:2] <= bound)
            if better + good >= scan.limit:  # nothing in the rest can outrank what we hold
                return True
        return False

    def _complete(
        self, first: Found, scan: _Scan, seg: Segment, u: int, tier: int
    ) -> list[Found] | None:
        """The driver's match in unit ``u`` plus every other group's, or ``None``."""
        plan = scan.plan
        per: list[Found] = [first] * len(plan.groups)
        for g, alts in scan.others:
            m = self._group_in_unit(alts, seg, u, tier)
            if m is None:
                return None
            per[g] = m
        if any(x.excludes(seg, u) for x in plan.excludes):
            return None
        return per

    @staticmethod
    def _group_in_segment(group, seg: Segment, budget, tier: int) -> dict[int, Found]:
        if len(group) == 1:
            return group[0].in_segment(seg, budget, tier)
        best: dict[int, Found] = {}
        for t in group:
            for u, f in t.in_segment(seg, budget, tier).items():
                if u not in best or f.key() < best[u].key():
                    best[u] = f
        return best

    @staticmethod
    def _group_in_unit(group, seg: Segment, u: int, tier: int) -> Found | None:
        hits = [f for t in group if (f := t.in_unit(seg, u, tier)) is not None]
        return min(hits, key=Found.key) if hits else None

    def _allowed_units(self, pi: int, filters: list[list[str]]) -> set[int] | bool | None:
        """Units whose speaker passes every filter; ``None`` = no filter, ``False`` = none."""
        if not filters:
            return None
        speakers = self.unit_speakers(pi)
        names = {s for s in speakers if s}
        for f in filters:
            names &= matching_names(f, names)
        if not names:
            return False
        return {u for u, s in enumerate(speakers) if s in names}

    def _hit(self, pi: int, u: int, per: list[Found], context: int, unit=None) -> Hit:
        """A hit in unit ``u`` of panel ``pi``; ``unit`` overrides the span (a turn)."""
        seg, panel = self._segments[pi], self.panels[pi]
        spans = tuple(seg.folded.source_span(f.start, f.end) for f in per)
        start, end = spans[0]
        tier = max(f.tier for f in per)
        score = sum(f.score for f in per) / len(per)
        us, ue = unit or (seg.src_starts[u], seg.src_ends[u])
        snip = kwic(panel.text, start, end, context, spans[1:])
        speaker = self.unit_speakers(pi)[u]
        return Hit(panel.id, start, end, speaker, TIER_NAMES[tier], score, snip, us, ue, spans)

    def session(self, **options: object) -> SearchSession:
        return SearchSession(self, **options)  # type: ignore[arg-type]


class SearchSession:
    """Keystroke-by-keystroke search. ``update(query)`` returns the same hits as a fresh search
    but reuses work: a repeated query is served from memory, and a query that extends the last
    exhaustive one (a longer term, another term) only scans the panels that matched before."""

    def __init__(
        self,
        engine: SearchEngine,
        *,
        panels: Iterable[str] | None = None,
        speakers: Sequence[str] | None = None,
        limit: int = 50,
        context: int = 30,
        wait: bool = False,
    ) -> None:
        self.engine = engine
        self.options = {
            "panels": list(panels) if panels is not None else None,
            "speakers": speakers,
            "limit": limit,
            "context": context,
            "wait": wait,
        }
        self._memo: OrderedDict[str, tuple[_Plan, SearchResult]] = OrderedDict()
        self._last: tuple[_Plan, SearchResult] | None = None

    def update(self, query: str, cancel: Cancel | None = None) -> SearchResult:
        """Results for ``query``; raises :class:`SearchCancelled` when ``cancel()`` turns true."""
        memo = self._memo.get(query)
        if memo and memo[1].indexed == self.engine.indexed:
            self._memo.move_to_end(query)
            self._last = memo
            return memo[1]
        plan = _plan(parse(query), self.engine.names)
        within = None
        if self._last and self._last[1].exhaustive and narrows(self._last[0], plan):
            within = self._last[1].matched_panels
        res = self.engine._search(
            query,
            plan,
            self.options["panels"],
            self.options["speakers"],
            self.options["limit"],
            self.options["context"],
            cancel,
            within,
            self.options["wait"],
        )
        if within is not None and res.exhaustive:  # narrowed: matched panels are still complete
            res = SearchResult(
                res.query, res.hits, res.indexed, res.total, True, res.matched_panels
            )
        self._last = (plan, res)
        self._memo[query] = self._last
        while len(self._memo) > 64:
            self._memo.popitem(last=False)
        return res
