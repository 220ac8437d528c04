"""The search index: per panel a segment (folded, phonetic and initials strings with sentence
units), and for the corpus a gram table mapping every 1- and 2-character gram of those strings to
a bitmask of the panels that contain it.

Why this shape: the three strings turn exact, phonetic and initials search into plain substring
search (C speed, offsets shared), and the gram masks cut a query down to the few panels that can
match before any string is scanned. It is small (one int per gram) and cheap to rebuild.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from pathlib import Path

from panel_tui.model import Panel
from panel_tui.search.folding import FOLD_VERSION, Folded, fold_document
from panel_tui.search.phonetic import code_table, phonetic_strings

INDEX_VERSION = 2
_ASCII_RUN = re.compile(r"[\x00-\x7f]{3,}")


def trigram_indexed(s: str) -> bool:
    """Are all 3-grams of ``s`` in the gram masks whenever ``s`` occurs? (ASCII, or initials)"""
    return s.isascii() or all("\ue800" <= c <= "\ue81a" or c == "\x00" for c in s)


@dataclass(frozen=True)
class Segment:
    """One panel, ready to search. Unit ``u`` spans ``folded.text[unit_starts[u]:unit_ends[u]]``
    and source sentence ``src_starts[u]:src_ends[u]``."""

    key: str
    folded: Folded
    phon: str
    inits: str
    unit_starts: array
    unit_ends: array
    src_starts: array
    src_ends: array

    @property
    def text(self) -> str:
        return self.folded.text

    def unit_at(self, f: int) -> int:
        """The unit holding folded offset ``f``, or -1 when it falls between sentences."""
        u = bisect.bisect_right(self.unit_starts, f) - 1
        return u if u >= 0 and f < self.unit_ends[u] else -1

    def grams(self) -> set[str]:
        """What the gram masks record: every 1- and 2-character gram of the three strings, and
        3-grams of the initials string and of runs of ASCII in the text (English words, typed
        pinyin, initials: short alphabets whose bigrams are everywhere)."""
        out: set[str] = set()
        for s in (self.text, self.phon, self.inits):
            out.update(s)
            out.update(map(add, s, s[1:]))
        ini = self.inits
        out.update(map(add, map(add, ini, ini[1:]), ini[2:]))
        for m in _ASCII_RUN.finditer(self.text):
            run = m.group()
            out.update(map(add, map(add, run, run[1:]), run[2:]))
        return out


@lru_cache(maxsize=1)
def _fingerprint() -> bytes:
    """What else shapes a segment besides the text: our versions, pypinyin's, the syllable
    codes, and the code of ingest (sentences, noise), so that a change there invalidates the
    cache instead of misaligning it."""
    import pypinyin

    import panel_tui.ingest as ingest

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{INDEX_VERSION}/{FOLD_VERSION}/{pypinyin.__version__}".encode())
    h.update("".join(sorted(code_table())).encode())  # the syllable numbering of phonetic strings
    for p in sorted(Path(ingest.__file__).parent.glob("*.py")):
        h.update(p.read_bytes())
    return h.digest()


def segment_key(panel: Panel) -> str:
    """Cache key of a panel: a hash of its source text plus :func:`_fingerprint`."""
    h = hashlib.blake2b(_fingerprint(), digest_size=20)
    h.update(panel.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def build_segment(panel: Panel, key: str | None = None) -> Segment:
    folded = fold_document(panel.text, ((h.start, h.end) for h in panel.doc.hidden))
    phon, inits = phonetic_strings(folded.text)
    us, ue, ss, se = array("I"), array("I"), array("I"), array("I")
    for s in panel.sentences:
        a, b = folded.to_folded(s.start), folded.to_folded(s.end)
        if b > a:
            us.append(a)
            ue.append(b)
            ss.append(s.start)
            se.append(s.end)
    return Segment(key or segment_key(panel), folded, phon, inits, us, ue, ss, se)


def add_grams(masks: dict[str, int], grams: Iterable[str], bit: int) -> None:
    get = masks.get
    for g in grams:
        masks[g] = get(g, 0) | bit


def manifest_key(keys: Iterable[str]) -> str:
    """Key of the gram table: the ordered segment keys it was built from."""
    h = hashlib.blake2b(digest_size=20)
    for k in keys:
        h.update(k.encode())
    return h.hexdigest()
