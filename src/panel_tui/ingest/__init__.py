"""Ingest: one reader per source format, content-based detection, decoding and cleanup."""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest.decode import UndecodableError, decode_bytes
from panel_tui.ingest.detect import detect_format, open_text, parse_text
from panel_tui.ingest.lazy import LazyDocument
from panel_tui.model import SourceDocument

__all__ = [
    "LazyDocument",
    "UndecodableError",
    "decode_bytes",
    "detect_format",
    "open_document",
    "parse_text",
    "read_document",
]


def read_document(path: Path) -> SourceDocument:
    """Read and parse one file; raises UndecodableError (or OSError) with a short reason."""
    text, _ = decode_bytes(Path(path).read_bytes())
    return parse_text(Path(path), text)


def open_document(path: Path) -> SourceDocument | LazyDocument:
    """Like ``read_document``, but the body of ASR and caption files is parsed on first use."""
    text, _ = decode_bytes(Path(path).read_bytes())
    return open_text(Path(path), text)
