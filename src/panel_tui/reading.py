"""The reading view of a panel as plain data: what each turn shows once noise is hidden."""

from __future__ import annotations

from dataclasses import dataclass

from panel_tui.ingest.noise import visible_text
from panel_tui.model import HEADING, NOTE, SPEECH, Panel, Span


@dataclass(frozen=True, slots=True)
class ReadingBlock:
    """A displayed paragraph: its source span, kind, speaker (of the turn it starts in)."""

    start: int
    end: int
    kind: str
    speaker: str | None
    method: str | None
    text: str
    turn_index: int | None


def reading_blocks(panel: Panel) -> list[ReadingBlock]:
    """Paragraphs cut at turn boundaries, so each displayed block has exactly one speaker."""
    text, hidden = panel.text, panel.doc.hidden
    turns = panel.turns
    out: list[ReadingBlock] = []
    ti = 0
    for b in panel.paragraphs:
        if b.kind in (HEADING, NOTE):
            shown = visible_text(text, b.start, b.end, hidden).strip()
            if shown:
                out.append(ReadingBlock(b.start, b.end, b.kind, None, None, shown, None))
            continue
        if b.kind != SPEECH:
            continue
        pos, end = b.body.start, b.end
        while ti < len(turns) and turns[ti].end <= pos:
            ti += 1
        while pos < end:
            if ti < len(turns) and turns[ti].start <= pos:
                t = turns[ti]
                stop = min(end, t.end)
                who, method, idx = t.speaker, t.method, ti
            else:
                nxt = turns[ti].start if ti < len(turns) else end
                stop = min(end, nxt)
                who, method, idx = None, None, None
            shown = visible_text(text, pos, stop, hidden).strip()
            if shown:
                out.append(ReadingBlock(pos, stop, SPEECH, who, method, shown, idx))
            pos = stop
            if idx is not None and stop >= turns[ti].end:
                ti += 1
    return out


def block_spans(panel: Panel, block: ReadingBlock) -> list[Span]:
    """The source spans whose concatenated text is exactly ``block.text``.

    A view that shows ``block.text`` (noise hidden, edges stripped) uses these to map each
    displayed character back to its source offset, so cursors, hits and bookmarks stay in
    source offsets.
    """
    text, hidden = panel.text, panel.doc.hidden
    spans: list[Span] = []
    pos = block.start
    for h in hidden:
        if h.end <= block.start or h.start >= block.end:
            continue
        if h.start > pos:
            spans.append(Span(pos, h.start))
        pos = max(pos, h.end)
    if pos < block.end:
        spans.append(Span(pos, block.end))
    # Mirror the ``.strip()`` of ``reading_blocks``: drop edge whitespace piece by piece.
    while spans:
        s = spans[0]
        lead = len(text[s.start : s.end]) - len(text[s.start : s.end].lstrip())
        if lead < s.end - s.start:
            spans[0] = Span(s.start + lead, s.end)
            break
        spans.pop(0)
    while spans:
        s = spans[-1]
        trail = len(text[s.start : s.end]) - len(text[s.start : s.end].rstrip())
        if trail < s.end - s.start:
            spans[-1] = Span(s.start, s.end - trail)
            break
        spans.pop()
    return spans
