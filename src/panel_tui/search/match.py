"""Matching one term against a segment, tier by tier.

Tiers, best first: exact (folded substring), fuzzy (rapidfuzz alignment, one or two edits),
phonetic (fuzzy pinyin codes, typed pinyin, or initials). A term's plan is computed once per
query; the gram masks turn each plan into the set of panels worth scanning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, reduce
from itertools import pairwise

from rapidfuzz import fuzz

from panel_tui.pinyin import _is_cjk, split_pinyin
from panel_tui.search.folding import fold
from panel_tui.search.index import Segment, trigram_indexed
from panel_tui.search.phonetic import phonetic_strings, typed_initials, typed_pinyin
from panel_tui.search.query import Term

EXACT, FUZZY, PHONETIC = 0, 1, 2
TIER_NAMES = ("exact", "fuzzy", "phonetic")


@dataclass(frozen=True, slots=True)
class Found:
    """A term found in a unit: tier, score (0-100) and folded offsets within the segment."""

    tier: int
    score: float
    start: int
    end: int

    def key(self) -> tuple[int, float, int]:
        return (self.tier, -self.score, self.start)


def _edits(f: str) -> int:
    """How many edits a term may have: Chinese 3+ chars one, 6+ two; Latin 4+ one, 8+ two."""
    n = len(f)
    if any(_is_cjk(c) for c in f):
        return 2 if n >= 6 else 1 if n >= 3 else 0
    return 2 if n >= 8 else 1 if n >= 4 else 0


def _pieces(f: str, k: int) -> tuple[str, ...]:
    """``k + 1`` contiguous pieces: a match with ``k`` edits keeps one of them intact."""
    n, parts = len(f), k + 1
    cuts = [round(i * n / parts) for i in range(parts + 1)]
    return tuple(f[a:b] for a, b in pairwise(cuts) if b > a)


def _word_char(c: str) -> bool:
    return c.isascii() and c.isalnum()


class Names:
    """Known names (with 2+ character prefixes) and their phonetic and initials strings, joined,
    so a plan can tell at once whether its pinyin could land on a name."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        strings = [phonetic_strings(n) for n in sorted(names)]
        self.phon = "\x01".join(p for p, _ in strings)
        self.inits = "\x01".join(i for _, i in strings)

    def __bool__(self) -> bool:
        return bool(self.names)


@dataclass(frozen=True)
class TermPlan:
    text: str
    f: str  # folded
    exact_only: bool
    latin: bool  # a Latin word: exact hits inside a longer word score lower
    phon: str  # phonetic codes of a Chinese term ('' if none)
    py: str  # codes of typed pinyin but its last syllable ('' if none)
    py_next: frozenset[str] | None  # codes the last syllable allows (it may be unfinished)
    py_done: bool  # the last syllable is a whole one: hits score 80 rather than 75
    ini: str  # initials codes ('' if none)
    k: int
    pieces: tuple[str, ...]
    names: frozenset[str] = frozenset()  # known names and their prefixes (2+ characters):
    # a pinyin or initials hit on one scores 10 more
    name_reach: tuple[bool, bool] = (False, False)  # can the pinyin / initials hit a name?

    @classmethod
    def of(cls, term: Term, names: Names | None = None) -> TermPlan:
        f = fold(term.text)
        han = sum(1 for c in f if _is_cjk(c))
        phon = phonetic_strings(f)[0] if han >= 2 and not term.exact_only else ""
        py, py_next, py_done, ini = "", None, False, ""
        if not term.exact_only and not han:
            typed = typed_pinyin(f)
            if typed:
                py, py_next, py_done = typed
            ini = typed_initials(f) or ""
        # Latin letters that spell pinyin (maybe unfinished) are pinyin, not an English typo.
        split = None if han else split_pinyin(f)
        k = 0 if term.exact_only or split else _edits(f)
        pieces = _pieces(f, k) if k else ()
        latin = f.isascii() and f.isalnum()
        plan = cls(term.text, f, term.exact_only, latin, phon, py, py_next, py_done, ini, k, pieces)
        if names and (py or ini):
            _, p_py, p_ini = plan._patterns
            reach = (
                bool(p_py and p_py.search(names.phon)),
                bool(p_ini and p_ini.search(names.inits)),
            )
            if any(reach):
                plan = replace(plan, names=names.names, name_reach=reach)
        return plan

    # -- which panels can match -------------------------------------------------------------

    def tiers(self, masks: dict[str, int], everything: int) -> list[tuple[int, float, int]]:
        """``(tier, best score, panel mask)`` for each way this term can match: which panels
        can hold such a match, and how well it could rank there."""

        def all_of(s: str) -> int:
            n = 3 if len(s) >= 3 and trigram_indexed(s) else min(len(s), 2)
            grams = [s[i : i + n] for i in range(len(s) - n + 1)]
            return reduce(lambda m, g: m & masks.get(g, 0), grams, everything)

        py_bonus, ini_bonus = (10.0 if r else 0.0 for r in self.name_reach)
        out = [(EXACT, 100.0, all_of(self.f))]
        if self.pieces:
            # one substitution is the least a fuzzy (not exact) match can differ by
            best = 100.0 * (1 - 1 / len(self.f))
            out.append((FUZZY, best, reduce(lambda m, p: m | all_of(p), self.pieces, 0)))
        if self.phon:
            out.append((PHONETIC, 60.0 + 30.0 * (len(self.f) - 1) / len(self.f), all_of(self.phon)))
        if self.py:
            out.append((PHONETIC, (80.0 if self.py_done else 75.0) + py_bonus, all_of(self.py)))
        if self.ini:
            out.append((PHONETIC, 60.0 + ini_bonus, all_of(self.ini)))
        return [t for t in out if t[2]]

    # -- a whole segment ---------------------------------------------------------------------

    def in_segment(
        self, seg: Segment, budget: list[int], max_tier: int = PHONETIC
    ) -> dict[int, Found]:
        """Best match per unit, in tiers up to ``max_tier``. ``budget[0]`` caps fuzzy
        verifications across a search."""
        best: dict[int, Found] = {}

        def put(u: int, found: Found) -> None:
            if u >= 0 and (u not in best or found.key() < best[u].key()):
                best[u] = found

        text = seg.text
        n = len(self.f)
        i = text.find(self.f)
        while i >= 0:
            u = seg.unit_at(i)
            put(u, Found(EXACT, self._exact_score(text, i), i, i + n))
            # one more look in this unit only if a better-placed occurrence could follow
            if u >= 0 and best[u].score >= 100.0:
                i = text.find(self.f, max(i + 1, seg.unit_ends[u]))
            else:
                i = text.find(self.f, i + 1)
        if self.pieces and max_tier >= FUZZY:
            self._fuzzy(seg, best, budget, put)
        if max_tier >= PHONETIC:
            for form in self._phonetic_forms(seg):
                self._phonetic(seg, form, put)
        return best

    def _exact_score(self, text: str, i: int) -> float:
        """100, or 90 for a Latin term found inside a word (``law`` in ``outlaw``); a word's
        start counts as whole, since the last word of a query is usually still being typed."""
        if self.latin and i > 0 and _word_char(text[i - 1]):
            return 90.0
        return 100.0

    def _fuzzy(self, seg: Segment, best: dict[int, Found], budget: list[int], put) -> None:
        units: set[int] = set()
        text = seg.text
        for p in self.pieces:
            i = text.find(p)
            while i >= 0:
                u = seg.unit_at(i)
                if u >= 0 and u not in best:
                    units.add(u)
                i = text.find(p, i + 1)
        for u in sorted(units):
            if budget[0] <= 0:
                return
            budget[0] -= 1
            found = self.fuzzy_in(text, seg.unit_starts[u], seg.unit_ends[u])
            if found:
                put(u, found)

    def fuzzy_in(self, text: str, a: int, b: int) -> Found | None:
        n = len(self.f)
        if not self.k or b - a < n:
            return None
        cutoff = 100.0 * (1 - self.k / n) - 0.01
        al = fuzz.partial_ratio_alignment(self.f, text[a:b], score_cutoff=cutoff)
        if al is None or al.dest_end <= al.dest_start:
            return None
        s, e = a + al.dest_start, a + al.dest_end
        if self.latin:  # highlight whole words: "scalng" marks "scaling", not "scalin"
            while s > a and s > e - n - 2 and _word_char(text[s - 1]):
                s -= 1
            while e < b and e < s + n + 2 and _word_char(text[e]):
                e += 1
        return Found(FUZZY, min(al.score, 99.0), s, e)

    def _phonetic_forms(self, seg: Segment) -> list[tuple[str, re.Pattern[str], float]]:
        """(haystack, pattern, base score): Chinese typed (score 0: computed from agreeing
        characters), pinyin typed (80, unfinished 75), initials (60)."""
        forms = [(seg.phon, self._patterns[0], 0.0), (seg.inits, self._patterns[2], 60.0)]
        forms.insert(1, (seg.phon, self._patterns[1], 80.0 if self.py_done else 75.0))
        return [f for f in forms if f[1] is not None]

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str] | None, ...]:
        def pat(codes: str, nxt: frozenset[str] | None = None) -> re.Pattern[str] | None:
            if not codes:
                return None
            tail = "[" + "".join(sorted(nxt)) + "]" if nxt else ""
            return re.compile(re.escape(codes) + tail)

        return pat(self.phon), pat(self.py, self.py_next), pat(self.ini)

    def _phonetic(self, seg: Segment, form, put) -> None:
        hay, pattern, base = form
        text = seg.text
        top = base + 10.0 if self.names else base  # once a unit has this, skip to its end
        pos, end = 0, len(hay)
        while (m := pattern.search(hay, pos, end)) is not None:
            i, j = m.span()
            u = seg.unit_at(i)
            score = self._phon_score(text, i, j - i, base)
            put(u, Found(PHONETIC, score, i, j))
            pos = seg.unit_ends[u] if u >= 0 and base and score >= top else i + 1

    def _phon_score(self, text: str, i: int, n: int, base: float) -> float:
        if base:
            return base + 10.0 if text[i : i + n] in self.names else base
        same = sum(1 for a, b in zip(self.f, text[i : i + n], strict=False) if a == b)
        return 60.0 + 30.0 * same / n

    # -- one unit -----------------------------------------------------------------------------

    def in_unit(self, seg: Segment, u: int, max_tier: int = PHONETIC) -> Found | None:
        a, b = seg.unit_starts[u], seg.unit_ends[u]
        text = seg.text
        i = text.find(self.f, a, b)
        exact = None
        while i >= 0:
            found = Found(EXACT, self._exact_score(text, i), i, i + len(self.f))
            if exact is None or found.score > exact.score:
                exact = found
            if found.score >= 100.0:
                break
            i = text.find(self.f, i + 1, b)
        if exact or max_tier == EXACT:
            return exact
        found = self.fuzzy_in(text, a, b) if self.k else None
        if found or max_tier == FUZZY:
            return found
        for hay, pattern, base in self._phonetic_forms(seg):
            m = pattern.search(hay, a, b)
            if m:
                i, j = m.span()
                return Found(PHONETIC, self._phon_score(text, i, j - i, base), i, j)
        return None

    def excludes(self, seg: Segment, u: int) -> bool:
        return seg.text.find(self.f, seg.unit_starts[u], seg.unit_ends[u]) >= 0
