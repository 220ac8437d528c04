"""Spans the reading view hides: image lines and emoji noise. The source is never rewritten."""

from __future__ import annotations

import re

from panel_tui.model import Span

IMAGE_LINE = re.compile(r"^[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*(?:\n|$)", re.M)
# Pictographs, dingbats, variation selectors and joiners that ASR sprinkles into transcripts.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u200d\u20e3\U000e0020-\U000e007f]+"
)


def noise_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    end = len(text) if end is None else end
    spans = [Span(m.start(), m.end()) for m in IMAGE_LINE.finditer(text, start, end)]
    spans += [Span(m.start(), m.end()) for m in EMOJI.finditer(text, start, end)]
    return merge_spans(spans)


def merge_spans(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Span(out[-1].start, s.end)
        else:
            out.append(s)
    return out


def visible_text(text: str, start: int, end: int, hidden: tuple[Span, ...] | list[Span]) -> str:
    """The characters of ``text[start:end]`` the reader sees."""
    parts, pos = [], start
    for h in hidden:
        if h.end <= start or h.start >= end:
            continue
        if h.start > pos:
            parts.append(text[pos : h.start])
        pos = max(pos, h.end)
    if pos < end:
        parts.append(text[pos:end])
    return "".join(parts)
