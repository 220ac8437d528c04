"""Toneless pinyin with fuzzy initials and finals: how ASR homophones are recognised.

ASR writes 植麟 as 志玲 / 子琳 / 指林: different characters, nearly the same sound. Folding
zh/z, ch/c, sh/s, n/l, in/ing, en/eng, an/ang (and a few more) makes them compare equal.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

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


@lru_cache(maxsize=1)
def _reader() -> Callable[[str], list[str]]:
    """pypinyin, imported on first use: its dictionaries take ~0.15 s to load, which every
    start of the app and the CLI would otherwise pay before showing anything."""
    from pypinyin import Style, lazy_pinyin

    def read(text: str) -> list[str]:
        return lazy_pinyin(text, style=Style.NORMAL, errors="ignore")

    return read


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@lru_cache(maxsize=65536)
def char_pinyin(ch: str) -> str:
    """Toneless pinyin of one character (``''`` for anything that is not a Han character)."""
    if not _is_cjk(ch):
        return ""
    return _reader()(ch)[0] if ch else ""


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
    out = _reader()(han)
    if len(out) != len(han):  # defensive: fall back to per-character reading
        out = [char_pinyin(ch) for ch in han]
    return [fuzzy_syllable(s) for s in out] if fuzzy else out


def fuzzy_key(text: str) -> str:
    """A space-joined fuzzy pinyin key, e.g. ``杨植麟`` and ``杨志玲`` → ``yan zi lin``."""
    return " ".join(syllables(text, fuzzy=True))


def initials(text: str) -> str:
    """First letters of the toneless syllables: ``杨植麟`` → ``yzl``."""
    return "".join(s[0] for s in syllables(text) if s)


@lru_cache(maxsize=1)
def valid_syllables() -> frozenset[str]:
    """The toneless syllables pypinyin knows (``ü`` written ``v``), for splitting typed pinyin."""
    import unicodedata

    from pypinyin.constants import PINYIN_DICT

    out: set[str] = set()
    for r in {r for readings in set(PINYIN_DICT.values()) for r in readings.split(",")}:
        plain = "".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c))
        plain = plain.replace("ü", "v").lower()
        if plain.isascii() and plain.isalpha() and any(v in plain for v in "aeiouv"):
            out.add(plain)  # interjections without a vowel (m, n, hm, ng) would split anything
    return frozenset(out)


@lru_cache(maxsize=1)
def _syllable_prefixes() -> frozenset[str]:
    return frozenset(s[:i] for s in valid_syllables() for i in range(1, len(s) + 1))


def split_pinyin(text: str) -> tuple[list[str], bool] | None:
    """Split typed toneless pinyin into syllables, fewest first: ``yangzhilin`` → yang zhi lin.

    The last piece may be an unfinished syllable (``yangzh``), flagged by the returned bool,
    so a query typed letter by letter keeps matching. ``None`` when ``text`` is not pinyin.
    """
    text = text.lower().replace("'", "")
    if not text.isascii() or not text.isalpha():
        return None
    full, prefixes = valid_syllables(), _syllable_prefixes()
    n = len(text)
    # best[i]: fewest syllables covering text[:i]; None when impossible.
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = text[i:j]
            if piece in full:
                cand = [*best[i], piece]  # type: ignore[misc]
                if best[j] is None or len(cand) < len(best[j]):  # type: ignore[arg-type]
                    best[j] = cand
    if best[n] is not None:
        return best[n], False
    for i in range(n - 1, -1, -1):  # complete syllables, then one unfinished
        if best[i] is not None and text[i:] in prefixes:
            return [*best[i], text[i:]], True  # type: ignore[misc]
    return None
