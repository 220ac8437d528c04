"""Filter-as-you-type and sort keys for the panel list (plain data; the TUI calls it).

A query matches a panel when every whitespace-separated term matches its title, event or a
participant name: as typed (case-folded), by pinyin initials (``yzl`` → 杨植麟), or by fuzzy
toneless pinyin (``yangzhilin``, even ``yangzh`` while typing; zh/z, ing/in … folded, so ASR
homophones such as 杨志玲 match too).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from panel_tui.pinyin import fuzzy_key, fuzzy_syllable, initials, split_pinyin

SORTS = ("corpus", "event", "date", "length")  # the order ``o`` cycles through


@dataclass(frozen=True, slots=True)
class MatchKey:
    """What a query is matched against, built once per panel."""

    text: str  # case-folded fields joined by "\n"
    pinyin: str  # fuzzy syllables, fields joined by " | "
    initials: str  # pinyin initials, fields joined by "|"


def match_key(fields: Iterable[str], *, with_pinyin: bool = True) -> MatchKey:
    """``fields``: title, event, participant names. Pinyin costs ~0.3 ms a panel: build the
    keys off the UI thread, or pass ``with_pinyin=False`` for a plain-text key at once."""
    fields = [f for f in fields if f]
    text = "\n".join(f.casefold() for f in fields)
    if not with_pinyin:
        return MatchKey(text, "", "")
    return MatchKey(
        text,
        " | ".join(fuzzy_key(f) for f in fields),
        "|".join(initials(f) for f in fields),
    )


def _term_matches(key: MatchKey, term: str) -> bool:
    if term in key.text:
        return True
    if not key.pinyin or not term.isascii() or not term.isalpha():
        return False
    if len(term) >= 2 and term in key.initials:
        return True
    split = split_pinyin(term)
    if split is None:
        return False
    sylls, _unfinished = split
    typed = " ".join(fuzzy_syllable(s) for s in sylls)
    return typed in key.pinyin


def matches(key: MatchKey, query: str) -> bool:
    """Every term of ``query`` matches somewhere in ``key`` (an empty query matches all)."""
    return all(_term_matches(key, term) for term in query.casefold().split())


@dataclass(frozen=True, slots=True)
class SortFacts:
    event: str
    date: str | None
    length: int


def sort_order(facts: Sequence[SortFacts], by: str) -> list[int]:
    """Indexes of ``facts`` in list order for sort key ``by`` (one of ``SORTS``).

    Event: by event name, then date. Date: newest first, undated last. Length: longest first.
    Ties keep corpus order.
    """
    idx = list(range(len(facts)))
    if by == "event":
        idx.sort(key=lambda i: (facts[i].event == "", facts[i].event, facts[i].date or ""))
    elif by == "date":
        idx.sort(key=lambda i: facts[i].date or "", reverse=True)
        idx.sort(key=lambda i: facts[i].date is None)
    elif by == "length":
        idx.sort(key=lambda i: -facts[i].length)
    return idx
