"""Folding: one comparable character per source character, so offsets survive the trip back.

Traditional → simplified (OpenCC's character table), full-width → half-width, lower case.
Every fold is one character to one character; characters that should not take part in
matching (hidden noise spans, the pause spaces ASR puts between Chinese phrases) are dropped,
and a run table maps folded offsets back to source offsets.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from panel_tui.pinyin import _is_cjk

FOLD_VERSION = 1
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Traditional → simplified, per character, from OpenCC's t2s character dictionary (read
    directly: asking the converter character by character costs a third of a second)."""
    from importlib.util import find_spec

    out: dict[int, str] = {}
    spec = find_spec("opencc")  # locate the package without importing it (that is slow)
    try:
        path = Path(spec.origin).parent / "dictionary" / "TSCharacters.txt"  # type: ignore[union-attr, arg-type]
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, AttributeError, TypeError):
        lines = []
    for line in lines:
        src, _, dst = line.partition("\t")
        dst = dst.split(" ")[0]
        if len(src) == 1 and len(dst) == 1 and src != dst:
            out[ord(src)] = dst
    if out:
        return out
    from opencc import OpenCC

    cc = OpenCC("t2s")  # the file moved: fall back to the public API
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            conv = cc.convert(chr(cp))
            if len(conv) == 1 and conv != chr(cp):
                out[cp] = conv
    return out


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The folded form of one character (always exactly one character)."""
    cp = ord(ch)
    if 0xFF01 <= cp <= 0xFF5E:
        ch = chr(cp - 0xFEE0)
    elif cp == 0x3000:
        ch = " "
    elif cp in _t2s_table():
        ch = _t2s_table()[cp]
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold_table(chars: Iterable[str]) -> dict[int, str]:
    """A ``str.translate`` table for the given characters (only those that change)."""
    out: dict[int, str] = {}
    for ch in chars:
        f = fold_char(ch)
        if f != ch:
            out[ord(ch)] = f
    return out


def fold(text: str) -> str:
    """Fold a short string (a query term); same length as ``text``."""
    return text.translate(fold_table(set(text)))


@dataclass(frozen=True)
class Folded:
    """Folded text with the runs that map it back: ``text[f_starts[k] + i]`` is source
    character ``o_starts[k] + i`` for ``i < lengths[k]``."""

    text: str
    f_starts: array
    o_starts: array
    lengths: array

    def to_source(self, f: int) -> int:
        """Source offset of folded offset ``f`` (``len(text)`` maps to the end of the last run)."""
        k = max(bisect.bisect_right(self.f_starts, f) - 1, 0)
        if not len(self.f_starts):
            return f
        return self.o_starts[k] + min(f - self.f_starts[k], self.lengths[k])

    def source_span(self, f_start: int, f_end: int) -> tuple[int, int]:
        """Source ``(start, end)`` of a non-empty folded span."""
        return self.to_source(f_start), self.to_source(f_end - 1) + 1

    def to_folded(self, o: int) -> int:
        """Folded offset of source offset ``o`` (a dropped character maps to the next kept one)."""
        if not len(self.o_starts):
            return o
        k = bisect.bisect_right(self.o_starts, o) - 1
        if k < 0:
            return 0
        return self.f_starts[k] + min(o - self.o_starts[k], self.lengths[k])


def _dropped(text: str, hidden: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans to leave out: hidden noise, and whitespace between two Han characters."""
    spans = [(s, e) for s, e in hidden if e > s]
    n = len(text)
    for m in _SPACES.finditer(text):
        i, j = m.span()
        if i > 0 and j < n and _is_cjk(text[i - 1]) and _is_cjk(text[j]):
            spans.append((i, j))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def fold_document(text: str, hidden: Iterable[tuple[int, int]] = ()) -> Folded:
    """Fold a whole panel text, dropping hidden spans and pause spaces between Han characters."""
    table = fold_table(set(text))
    f_starts, o_starts, lengths = array("I"), array("I"), array("I")
    pieces: list[str] = []
    pos = f = 0
    for s, e in [*_dropped(text, hidden), (len(text), len(text))]:
        if s > pos:
            f_starts.append(f)
            o_starts.append(pos)
            lengths.append(s - pos)
            pieces.append(text[pos:s])
            f += s - pos
        pos = max(pos, e)
    return Folded("".join(pieces).translate(table), f_starts, o_starts, lengths)


def warm_up() -> None:
    """Load the lazy tables (OpenCC, pypinyin) so the first keystroke does not pay for them."""
    from panel_tui.search.phonetic import phonetic_strings, typed_pinyin

    fold("繁體")
    phonetic_strings("拼音")
    typed_pinyin("pinyin")
