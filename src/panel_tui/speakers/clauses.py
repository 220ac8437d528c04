"""Clauses: the units a speaker change can fall between.

ASR paragraphs are cut by length, not by speaker, so a hand-off often sits mid-paragraph.
Speakers change at clause boundaries: after ，。？！；, at a pause (a space next to Chinese),
or at a paragraph break. Noise spans (image lines, emoji) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from panel_tui.model import SPEECH, SourceDocument

# A clause runs up to and including its punctuation; a pause (space beside Han) also ends it.
_CLAUSE = re.compile(
    r"[^，。？！；,?!;：:…\s]"
    r"(?:[^，。？！；,?!;：:…\n]*?)"
    r"(?:[，。？！；,?!;：:…]+|(?=\s*[\u4e00-\u9fff])(?<=[\u4e00-\u9fff])(?=\s)|(?=\n)|$)",
)


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    text: str
    block: int  # index of the speech block it lies in
    para_start: bool  # first clause of its paragraph


def _visible_runs(start: int, end: int, hidden: list[tuple[int, int]]) -> list[tuple[int, int]]:
    runs = [(start, end)]
    for hs, he in hidden:
        if he <= start or hs >= end:
            continue
        nxt: list[tuple[int, int]] = []
        for a, b in runs:
            if he <= a or hs >= b:
                nxt.append((a, b))
                continue
            if a < hs:
                nxt.append((a, hs))
            if he < b:
                nxt.append((he, b))
        runs = nxt
    return runs


def split_clauses(doc: SourceDocument) -> list[Clause]:
    """All clauses of the speech blocks, in order, with offsets into ``doc.text``."""
    text = doc.text
    hidden = sorted((h.start, h.end) for h in doc.hidden)
    out: list[Clause] = []
    for bi, b in enumerate(doc.blocks):
        if b.kind != SPEECH:
            continue
        first = True
        for a, z in _visible_runs(b.body.start, b.end, hidden):
            for m in _CLAUSE.finditer(text, a, z):
                s, e = m.start(), m.end()
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e <= s:
                    continue
                out.append(Clause(s, e, text[s:e], bi, first))
                first = False
    return out


def split_at(clauses: list[Clause], cuts: list[int]) -> list[Clause]:
    """Split clauses at the given offsets (e.g. right after a vocative: ``那志玲|对我们…``)."""
    if not cuts:
        return clauses
    todo = sorted(set(cuts))
    out: list[Clause] = []
    k = 0
    for c in clauses:
        while k < len(todo) and todo[k] <= c.start:
            k += 1
        start, first = c.start, c.para_start
        while k < len(todo) and todo[k] < c.end:
            cut = todo[k]
            k += 1
            if cut - start < 1:
                continue
            out.append(Clause(start, cut, c.text[start - c.start : cut - c.start], c.block, first))
            start, first = cut, False
        out.append(Clause(start, c.end, c.text[start - c.start :], c.block, first))
    return out
