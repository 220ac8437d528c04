"""Which reader fits a text: decided by content, never by file name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from panel_tui.ingest import article, bilibili, generic, youtube
from panel_tui.model import SourceDocument

Reader = Callable[[Path, str], SourceDocument]

# Most specific first; the generic reader takes whatever is left.
READERS: tuple[tuple[str, Callable[[str], bool], Reader], ...] = (
    ("bilibili", bilibili.sniff, bilibili.read),
    ("youtube", youtube.sniff, youtube.read),
    ("article", article.sniff, article.read),
)


def detect_format(text: str) -> str:
    for name, sniff, _ in READERS:
        if sniff(text):
            return name
    return "text"


def parse_text(path: Path, text: str) -> SourceDocument:
    for _, sniff, read in READERS:
        if sniff(text):
            return read(path, text)
    return generic.read(path, text)
