"""A document whose paragraphs are parsed on first use.

Loading a 500-panel corpus must be quick enough to paint the panel list at once, so the corpus
reads only what the list shows (metadata and participants, from the header) and parses the body
of a panel when someone opens, searches or attributes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from panel_tui.model import Block, PanelMeta, Participant, SourceDocument, Span


class LazyDocument:
    """Duck-types ``SourceDocument``: metadata now, ``blocks``/``hidden`` when first asked for."""

    def __init__(
        self,
        path: Path,
        fmt: str,
        text: str,
        meta: PanelMeta,
        participants: tuple[Participant, ...],
        parse: Callable[[Path, str], SourceDocument],
    ) -> None:
        self.path = path
        self.format = fmt
        self.text = text
        self.meta = meta
        self.participants = participants
        self._parse = parse

    @cached_property
    def full(self) -> SourceDocument:
        doc = self._parse(self.path, self.text)
        return replace(doc, meta=self.meta)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.full.blocks

    @property
    def hidden(self) -> tuple[Span, ...]:
        return self.full.hidden

    def with_id(self, new_id: str) -> LazyDocument:
        return LazyDocument(
            self.path,
            self.format,
            self.text,
            replace(self.meta, id=new_id),
            self.participants,
            self._parse,
        )
