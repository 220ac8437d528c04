"""Which reader fits a text: decided by content, never by file name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from panel_tui.ingest import article, bilibili, generic, youtube
from panel_tui.ingest.lazy import LazyDocument
from panel_tui.model import PanelMeta, Participant, SourceDocument

Reader = Callable[[Path, str], SourceDocument]
MetaReader = Callable[[Path, str], tuple[PanelMeta, tuple[Participant, ...]]]

# Most specific first; the generic reader takes whatever is left.
READERS: tuple[tuple[str, Callable[[str], bool], Reader], ...] = (
    ("bilibili", bilibili.sniff, bilibili.read),
    ("youtube", youtube.sniff, youtube.read),
    ("article", article.sniff, article.read),
)
# Formats whose metadata can be read without parsing the body.
META_READERS: dict[str, MetaReader] = {"bilibili": bilibili.read_meta, "youtube": youtube.read_meta}


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


def open_text(path: Path, text: str) -> SourceDocument | LazyDocument:
    """Parse what the panel list needs now; leave the body for first use where that is cheaper."""
    for name, sniff, read in READERS:
        if sniff(text):
            if name in META_READERS:
                meta, people = META_READERS[name](path, text)
                return LazyDocument(path, name, text, meta, people, read)
            return read(path, text)
    return generic.read(path, text)
