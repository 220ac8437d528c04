"""Ingest: one reader per source format, content-based detection, decoding and cleanup."""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest.decode import UndecodableError, decode_bytes
from panel_tui.ingest.detect import detect_format, parse_text
from panel_tui.model import SourceDocument

__all__ = ["UndecodableError", "decode_bytes", "detect_format", "parse_text", "read_document"]


def read_document(path: Path) -> SourceDocument:
    """Read and parse one file; raises UndecodableError (or OSError) with a short reason."""
    text, _ = decode_bytes(Path(path).read_bytes())
    return parse_text(Path(path), text)
