"""Paragraph blocks: runs of non-blank lines, trimmed, with offsets into the source."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from panel_tui.model import Span

_LINE = re.compile(r"[^\n]*\n?")


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line without its newline."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    breaks_before: Callable[[int, int], bool] | None = None,
    hidden: list[Span] | None = None,
) -> list[Span]:
    """Group non-blank lines into paragraphs; ``breaks_before(line)`` forces a new one.

    Lines that are entirely hidden (image lines) count as blank.
    """
    hidden = hidden or []
    hidden_starts = {h.start: h.end for h in hidden}
    out: list[Span] = []
    cur: list[int] | None = None
    for a, b in iter_lines(text, start, end):
        s, e = trim(text, a, b)
        blank = s == e or hidden_starts.get(a, -1) >= b or hidden_starts.get(s, -1) >= e
        if blank:
            if cur:
                out.append(Span(cur[0], cur[1]))
            cur = None
            continue
        if cur and breaks_before and breaks_before(s, e):
            out.append(Span(cur[0], cur[1]))
            cur = None
        if cur is None:
            cur = [s, e]
        else:
            cur[1] = e
    if cur:
        out.append(Span(cur[0], cur[1]))
    return out
