"""Find a quote again in a transcript that has changed since it was bookmarked.

Pure functions, no I/O. A saved span carries its quote, ~32 characters of context either side
and the old offsets. When the text changes we look for, in order:

1. the exact quote. If it occurs more than once, the occurrence whose context matches best
   wins, and distance from the old position breaks ties (text inserted before a repeated quote
   shifts every occurrence, so position alone can pick the wrong one). An exact hit whose
   context survived is taken at once;
2. otherwise an approximate match of the quote (rapidfuzz), scored like the text-quote selector
   of web annotation tools (Hypothesis ``match-quote``): quote 50, prefix 20, suffix 20,
   position 2. It beats an exact hit with lost context only if it scores higher: a quote edited
   in place must not jump to an identical sentence elsewhere.

A short quote (under ``SHORT`` characters) found exactly but out of context is not trusted:
"我觉得" occurs everywhere.

Nothing found above the thresholds returns ``None``: the caller keeps the item as orphaned.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CONTEXT = 32  # characters of prefix and suffix kept with a quote

QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POS_WEIGHT = 2.0

MIN_QUOTE_SCORE = 0.75  # an approximate match must keep at least this much of the quote
MIN_SCORE = 0.6  # and score at least this overall
INTACT = 0.9  # prefix and suffix at least this similar: an exact hit is right where it was
SHORT = 16  # quotes shorter than this need their context to be trusted


@dataclass(frozen=True, slots=True)
class Anchor:
    """Everything needed to find a span again: offsets, quote, context and the text's hash."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    text_hash: str


class Anchored:
    """A record kept at a place in a panel's text (a bookmark, a correction): the anchor its
    fields hold, so both re-anchor the same way."""

    __slots__ = ()
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    text_hash: str

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.start, self.end, self.quote, self.prefix, self.suffix, self.text_hash)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    score: float  # 0..1, Hypothesis-style weighted score
    method: str  # "exact" or "fuzzy"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor of ``text[start:end]``; raises ``ValueError`` unless 0 ≤ start < end ≤ len."""
    if not (0 <= start < end <= len(text)):
        raise ValueError(
            f"span {start}–{end} is not inside the text (need 0 ≤ start < end ≤ {len(text)})"
        )
    return Anchor(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        text_hash=text_hash(text),
    )


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return Levenshtein.normalized_similarity(a, b)


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> tuple[float, float]:
    pre = text[max(0, start - len(anchor.prefix)) : start]
    suf = text[end : end + len(anchor.suffix)]
    return _similarity(anchor.prefix, pre), _similarity(anchor.suffix, suf)


def score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """Weighted quote, prefix, suffix and position similarity of ``text[start:end]``."""
    q = _similarity(anchor.quote, text[start:end])
    p, s = _context_score(anchor, text, start, end)
    pos = 1.0 - min(1.0, abs(start - anchor.start) / max(1, len(text)))
    total = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POS_WEIGHT
    return (QUOTE_WEIGHT * q + PREFIX_WEIGHT * p + SUFFIX_WEIGHT * s + POS_WEIGHT * pos) / total


def _exact(anchor: Anchor, text: str) -> Match | None:
    hits: list[int] = []
    i = text.find(anchor.quote)
    while i >= 0:
        hits.append(i)
        i = text.find(anchor.quote, i + 1)
    if not hits:
        return None
    n = len(anchor.quote)

    def key(s: int) -> tuple[float, int]:
        p, q = _context_score(anchor, text, s, s + n)
        return (-round(p + q, 6), abs(s - anchor.start))

    best = min(hits, key=key)
    p, q = _context_score(anchor, text, best, best + n)
    if n < SHORT and (p + q) / 2 < 0.5:
        return None
    return Match(best, best + n, score(anchor, text, best, best + n), "exact")


def _intact(anchor: Anchor, text: str, m: Match) -> bool:
    p, s = _context_score(anchor, text, m.start, m.end)
    return p >= INTACT and s >= INTACT


def _refine(anchor: Anchor, text: str, start: int, end: int) -> tuple[int, int]:
    """Adjust a rough window's edges to the span most similar to the quote."""
    slack = max(2, min(32, len(anchor.quote) // 3))

    def sim(s: int, e: int) -> float:
        return _similarity(anchor.quote, text[s:e]) if s < e else -1.0

    for _ in range(2):  # start then end, twice: edges interact a little
        lo, hi = max(0, start - slack), min(end - 1, start + slack)
        start = max(range(lo, hi + 1), key=lambda s: (sim(s, end), -abs(s - start)))
        lo, hi = max(start + 1, end - slack), min(len(text), end + slack)
        end = max(range(lo, hi + 1), key=lambda e: (sim(start, e), -abs(e - end)))
    return start, end


def _candidates(anchor: Anchor, text: str) -> list[tuple[int, int]]:
    """Rough windows where the quote may now be: best global alignment of the quote, of the
    quote with its context, and the best alignment near the old position."""
    quote, n = anchor.quote, len(anchor.quote)
    out: list[tuple[int, int]] = []
    al = fuzz.partial_ratio_alignment(quote, text)
    if al is not None:
        out.append((al.dest_start, al.dest_end))
    full = anchor.prefix + quote + anchor.suffix
    if len(full) > n:
        al = fuzz.partial_ratio_alignment(full, text)
        if al is not None:
            # Re-align the quote alone inside the window the context found.
            lo = max(0, al.dest_start - n // 2)
            hi = min(len(text), al.dest_end + n // 2)
            inner = fuzz.partial_ratio_alignment(quote, text[lo:hi])
            if inner is not None:
                out.append((lo + inner.dest_start, lo + inner.dest_end))
    lo = max(0, anchor.start - 4 * n - 64)
    hi = min(len(text), anchor.end + 4 * n + 64)
    if lo < hi:
        al = fuzz.partial_ratio_alignment(quote, text[lo:hi])
        if al is not None:
            out.append((lo + al.dest_start, lo + al.dest_end))
    return [(s, e) for s, e in dict.fromkeys(out) if s < e]


def _fuzzy(anchor: Anchor, text: str) -> Match | None:
    best: Match | None = None
    for s0, e0 in _candidates(anchor, text):
        s, e = _refine(anchor, text, s0, e0)
        if _similarity(anchor.quote, text[s:e]) < MIN_QUOTE_SCORE:
            continue
        sc = score(anchor, text, s, e)
        if sc >= MIN_SCORE and (best is None or sc > best.score):
            best = Match(s, e, sc, "fuzzy")
    return best


def locate(anchor: Anchor, text: str) -> Match | None:
    """Where ``anchor`` is in ``text`` now, or ``None`` if it cannot be placed."""
    if not anchor.quote:
        return None
    if text[anchor.start : anchor.end] == anchor.quote:
        p, s = _context_score(anchor, text, anchor.start, anchor.end)
        if p == 1.0 and s == 1.0:
            return Match(anchor.start, anchor.end, 1.0, "exact")
    exact = _exact(anchor, text)
    if exact is not None and _intact(anchor, text, exact):
        return exact
    fuzzy = _fuzzy(anchor, text)
    if exact is None or (fuzzy is not None and fuzzy.score > exact.score):
        return fuzzy
    return exact


def rebase(anchor: Anchor, text: str, match: Match, context: int = CONTEXT) -> Anchor:
    """The anchor for ``match`` in the new ``text``: new offsets, quote, context and hash."""
    return make_anchor(text, match.start, match.end, context)
