"""Any other text: paragraphs, with ``Name: text`` labels where the file has them."""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest.common import content_id, labelled_blocks
from panel_tui.ingest.noise import noise_spans
from panel_tui.model import PanelMeta, SourceDocument


def read(path: Path, text: str) -> SourceDocument:
    hidden = noise_spans(text)
    blocks, people = labelled_blocks(text, 0, len(text), hidden)
    first = next((text[b.start : b.end] for b in blocks), "")
    title = first.lstrip("#").strip().split("\n")[0][:80] if len(first) <= 120 else path.stem
    meta = PanelMeta(id=content_id("txt", text), title=title or path.stem, full_title=title)
    return SourceDocument(path, "text", text, meta, tuple(people), tuple(blocks), tuple(hidden))
