"""Toneless pinyin with fuzzy initials and finals: how ASR homophones are recognised.

ASR writes 植麟 as 志玲 / 子琳 / 指林: different characters, nearly the same sound. Folding
zh/z, ch/c, sh/s, n/l, in/ing, en/eng, an/ang (and a few more) makes them compare equal.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Initials that ASR (and southern accents) confuse, folded to one representative.
_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("r", "l"), ("f", "h"))
# Finals folded the same way; longest first.
_FINALS = (
    ("iang", "ian"),
    ("uang", "uan"),
    ("ang", "an"),
    ("eng", "en"),
    ("ing", "in"),
    ("ong", "on"),
)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@lru_cache(maxsize=65536)
def char_pinyin(ch: str) -> str:
    """Toneless pinyin of one character (``''`` for anything that is not a Han character)."""
    if not _is_cjk(ch):
        return ""
    return lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")[0] if ch else ""


@lru_cache(maxsize=65536)
def fuzzy_syllable(syl: str) -> str:
    """Fold a syllable so near-homophones coincide: ``zhi`` → ``zi``, ``ling`` → ``lin``."""
    for a, b in _INITIALS:
        if syl.startswith(a):
            syl = b + syl[len(a) :]
            break
    for a, b in _FINALS:
        if syl.endswith(a):
            syl = syl[: -len(a)] + b
            break
    return syl


def syllables(text: str, *, fuzzy: bool = False) -> list[str]:
    """One toneless syllable per Han character of ``text`` (others are skipped).

    Uses pypinyin's phrase dictionary for the whole string so polyphones read right
    (``重庆`` → ``chong qing``).
    """
    han = "".join(ch for ch in text if _is_cjk(ch))
    if not han:
        return []
    out = lazy_pinyin(han, style=Style.NORMAL, errors="ignore")
    if len(out) != len(han):  # defensive: fall back to per-character reading
        out = [char_pinyin(ch) for ch in han]
    return [fuzzy_syllable(s) for s in out] if fuzzy else out


def fuzzy_key(text: str) -> str:
    """A space-joined fuzzy pinyin key, e.g. ``杨植麟`` and ``杨志玲`` → ``yan zi lin``."""
    return " ".join(syllables(text, fuzzy=True))


def initials(text: str) -> str:
    """First letters of the toneless syllables: ``杨植麟`` → ``yzl``."""
    return "".join(s[0] for s in syllables(text) if s)
