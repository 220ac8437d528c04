"""Sentences: the unit of cursor, bookmark and quote. Long ASR clauses are cut at commas."""

from __future__ import annotations

import re

from panel_tui.ingest.blocks import trim
from panel_tui.model import NOTE, SPEECH, Sentence, SourceDocument, Span

_END = re.compile(r"(?:[。！？!?]+|…+|(?<=[a-zA-Z0-9])\.(?=\s))[”’\"」』）)]*|\n")
_COMMA = re.compile(r"[，,；;、]\s*|\s{2,}")
MAX_LEN = 90
MIN_PIECE = 30


def sentence_spans(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    pos = start
    for m in _END.finditer(text, start, end):
        out.extend(_cut_long(text, pos, m.end()))
        pos = m.end()
    out.extend(_cut_long(text, pos, end))
    return out


def _cut_long(text: str, start: int, end: int) -> list[Span]:
    start, end = trim(text, start, end)
    if start >= end:
        return []
    if end - start <= MAX_LEN:
        return [Span(start, end)]
    out, pos = [], start
    for m in _COMMA.finditer(text, start, end):
        if m.end() - pos >= MIN_PIECE and end - m.end() >= 8:
            s, e = trim(text, pos, m.end())
            if s < e:
                out.append(Span(s, e))
            pos = m.end()
    s, e = trim(text, pos, end)
    if s < e:
        out.append(Span(s, e))
    return out


def split_sentences(doc: SourceDocument) -> tuple[Sentence, ...]:
    hidden = doc.hidden
    out: list[Sentence] = []
    hi = 0
    for i, block in enumerate(doc.blocks):
        if block.kind not in (SPEECH, NOTE):
            continue
        body = block.body
        for sp in sentence_spans(doc.text, body.start, body.end):
            # Drop sentences that are nothing but hidden noise (an emoji on its own).
            while hi < len(hidden) and hidden[hi].end <= sp.start:
                hi += 1
            if hi < len(hidden) and hidden[hi].start <= sp.start and hidden[hi].end >= sp.end:
                continue
            out.append(Sentence(sp.start, sp.end, i))
    return tuple(out)
