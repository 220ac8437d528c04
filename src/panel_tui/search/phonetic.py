"""Phonetic strings: each Han character replaced by one code character for its fuzzy syllable.

The phonetic string has the same length as the folded text, so a phonetic hit is a plain
substring hit at the same offsets: ``杨植麟`` and ``杨志玲`` both become ``<yan><zi><lin>``.
A second string holds syllable initials (``yzl``). Codes live in the Private Use Area and are
numbered from the sorted syllable list, so cached strings stay valid across runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from panel_tui.pinyin import (
    _is_cjk,
    char_pinyin,
    fuzzy_syllable,
    split_pinyin,
    valid_syllables,
)

_SYL_BASE = 0xE000
_INI_BASE = 0xE800
NON_HAN = "\x00"  # what a non-Han character becomes in the initials string


@lru_cache(maxsize=1)
def code_table() -> dict[str, str]:
    """Fuzzy syllable → its code character (numbered in sorted order: stable across runs)."""
    fuzzy = sorted({fuzzy_syllable(s) for s in valid_syllables()})
    return {s: chr(_SYL_BASE + i) for i, s in enumerate(fuzzy)}


def syllable_code(syl: str) -> str:
    """Code character of a toneless syllable (folded first); ``''`` if unknown."""
    return code_table().get(fuzzy_syllable(syl), "")


def initial_code(letter: str) -> str:
    return chr(_INI_BASE + ord(letter) - ord("a")) if "a" <= letter <= "z" else NON_HAN


@lru_cache(maxsize=65536)
def _char_codes(ch: str) -> tuple[str, str]:
    syl = char_pinyin(ch)
    if not syl:
        return ch, NON_HAN
    return syllable_code(syl) or ch, initial_code(syl[0])


def tables(chars: Iterable[str]) -> tuple[dict[int, str], dict[int, str]]:
    """``str.translate`` tables (phonetic, initials) for the given folded characters."""
    phon: dict[int, str] = {}
    ini: dict[int, str] = {}
    for ch in chars:
        if _is_cjk(ch):
            p, i = _char_codes(ch)
            if p != ch:
                phon[ord(ch)] = p
            ini[ord(ch)] = i
        else:
            ini[ord(ch)] = NON_HAN
    return phon, ini


def phonetic_strings(folded: str) -> tuple[str, str]:
    """The phonetic and initials strings of folded text (both ``len(folded)`` long)."""
    phon, ini = tables(set(folded))
    return folded.translate(phon), folded.translate(ini)


def typed_pinyin(term: str) -> tuple[str, frozenset[str], bool] | None:
    """Codes of pinyin typed in Latin letters: those of all syllables but the last, the codes
    the last may be (any syllable it begins: the user may still be typing), and whether it was
    complete. ``yangzhili`` → (yan zi, {li, lian, lin, …}, True); ``yangzh`` → (yan, {za, zi,
    …}, False). ``None`` when the term is not pinyin or is a single syllable."""
    split = split_pinyin(term)
    if split is None or len(split[0]) < 2:
        return None
    syls, partial = split
    codes = "".join(syllable_code(s) for s in syls[:-1])
    if len(codes) != len(syls) - 1:
        return None
    nxt = frozenset(
        c for s in valid_syllables() if s.startswith(syls[-1]) if (c := syllable_code(s))
    )
    return codes, nxt, not partial


def typed_initials(term: str) -> str | None:
    """Initials codes for a term like ``yzl`` (3-6 letters; two letters match nearly
    everything), else ``None``."""
    t = term.lower()
    if not (3 <= len(t) <= 6 and t.isascii() and t.isalpha()):
        return None
    return "".join(initial_code(c) for c in t)
