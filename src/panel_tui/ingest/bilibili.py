"""Bilibili ASR Markdown: a ``# event - Pn：session - uploader - BV…`` header, then paragraphs."""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest.bilibili_title import HEADER, parse_header
from panel_tui.ingest.blocks import iter_lines, paragraph_spans
from panel_tui.ingest.noise import noise_spans
from panel_tui.model import META, SPEECH, Block, PanelMeta, SourceDocument


def sniff(text: str) -> bool:
    for a, b in iter_lines(text):
        line = text[a:b].strip()
        if line:
            return bool(HEADER.match(line))
    return False


def read(path: Path, text: str) -> SourceDocument:
    head_start = len(text) - len(text.lstrip())
    nl = text.find("\n", head_start)
    head_end = len(text) if nl < 0 else nl
    info = parse_header(text[head_start:head_end])
    assert info is not None, "sniff() accepted a file without a Bilibili header"
    hidden = noise_spans(text, head_end)
    blocks = [Block(head_start, head_end, META)]
    blocks += [
        Block(s.start, s.end, SPEECH) for s in paragraph_spans(text, head_end, hidden=hidden)
    ]
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
    return SourceDocument(
        path, "bilibili", text, meta, info.participants, tuple(blocks), tuple(hidden)
    )
