"""Bilibili ASR Markdown: a ``# event - Pn：session - uploader - BV…`` header, then paragraphs."""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest.bilibili_title import HEADER, parse_header
from panel_tui.ingest.blocks import iter_lines, paragraph_spans
from panel_tui.ingest.noise import noise_spans
from panel_tui.model import META, SPEECH, Block, PanelMeta, Participant, SourceDocument


def sniff(text: str) -> bool:
    for a, b in iter_lines(text):
        line = text[a:b].strip()
        if line:
            return bool(HEADER.match(line))
    return False


def _header_span(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    nl = text.find("\n", start)
    return start, len(text) if nl < 0 else nl


def read_meta(path: Path, text: str) -> tuple[PanelMeta, tuple[Participant, ...]]:
    """Metadata and participants from the header line alone (cheap: no body parsing)."""
    head_start, head_end = _header_span(text)
    info = parse_header(text[head_start:head_end])
    assert info is not None, "sniff() accepted a file without a Bilibili header"
    part_no = info.part[1:] if info.part else ""
    meta = PanelMeta(
        id=f"{info.bv}-p{part_no}" if part_no else info.bv,
        title=info.title,
        event=info.event,
        part=info.part,
        date=info.date,
        platform="bilibili",
        url=f"https://www.bilibili.com/video/{info.bv}" + (f"?p={part_no}" if part_no else ""),
        uploader=info.uploader,
        source_id=info.bv,
        full_title=info.full_title,
    )
    return meta, info.participants


def read(path: Path, text: str) -> SourceDocument:
    meta, participants = read_meta(path, text)
    head_start, head_end = _header_span(text)
    hidden = noise_spans(text, head_end)
    blocks = [Block(head_start, head_end, META)]
    blocks += [
        Block(s.start, s.end, SPEECH) for s in paragraph_spans(text, head_end, hidden=hidden)
    ]
    return SourceDocument(path, "bilibili", text, meta, participants, tuple(blocks), tuple(hidden))
