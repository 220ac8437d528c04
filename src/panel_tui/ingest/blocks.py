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


_CONTENT_LINE = re.compile(r"^[ \t\f\v]*(\S(?:[^\n]*\S)?)", re.M)


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
    end = len(text) if end is None else end
    hidden_at = {h.start: h.end for h in hidden or ()}
    out: list[Span] = []
    cur_start = cur_end = -1
    for m in _CONTENT_LINE.finditer(text, start, end):
        s, e = m.span(1)
        line_start = m.start()
        if hidden_at.get(line_start, -1) >= e or hidden_at.get(s, -1) >= e:
            continue  # an image line: as good as blank
        adjacent = cur_end >= 0 and text.count("\n", cur_end, line_start) == 1
        if adjacent and not (breaks_before and breaks_before(s, e)):
            cur_end = e
            continue
        if cur_end >= 0:
            out.append(Span(cur_start, cur_end))
        cur_start, cur_end = s, e
    if cur_end >= 0:
        out.append(Span(cur_start, cur_end))
    return out
