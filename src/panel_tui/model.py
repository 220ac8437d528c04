"""The panel model: frozen records whose offsets index the decoded source text.

Offsets are Python ``str`` indices into ``SourceDocument.text``. Every module (ingest,
attribution, search, store, TUI) speaks in these offsets, so a hit, a bookmark and a copied
quote always point at the same characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from panel_tui.attribution_cache import Attribution

# Roles a participant can have on stage.
MODERATOR = "moderator"
GUEST = "guest"
SPEAKER = "speaker"  # the single speaker of a talk
HOST = "host"  # the event's MC, not the panel's moderator
AUDIENCE = "audience"
UNKNOWN_ROLE = "unknown"

UNKNOWN_SPEAKER = "unknown"

# Block kinds.
SPEECH = "speech"
HEADING = "heading"
NOTE = "note"
META = "meta"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    role: str = GUEST
    aliases: tuple[str, ...] = ()
    source: str = "title"  # where we learnt of them: title, label, self_intro, text


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the source. ``body_start`` skips a ``Name:`` label when there is one."""

    start: int
    end: int
    kind: str = SPEECH
    speaker: str | None = None  # resolved speaker of an explicit label
    body_start: int = -1

    @property
    def body(self) -> Span:
        return Span(self.body_start if self.body_start >= 0 else self.start, self.end)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index into SourceDocument.blocks


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: str
    start: int
    end: int
    method: str  # label, title, cue, continuation, self_intro, unknown, correction
    confidence: float


@dataclass(frozen=True, slots=True)
class PanelMeta:
    id: str
    title: str
    event: str = ""
    part: str = ""
    date: str | None = None  # ISO date (YYYY-MM-DD) when the source states one
    platform: str = "text"  # bilibili, youtube, web, text
    url: str | None = None
    uploader: str = ""
    author: str = ""
    source_id: str = ""  # BV id or YouTube video id
    full_title: str = ""


@dataclass(frozen=True)
class SourceDocument:
    """What a reader makes of one file: text, metadata, who is on stage, paragraphs, noise."""

    path: Path
    format: str
    text: str
    meta: PanelMeta
    participants: tuple[Participant, ...]
    blocks: tuple[Block, ...]
    hidden: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Panel:
    """A source document with sentences and attributed turns, computed on first use."""

    doc: SourceDocument
    corrections: tuple[tuple[int, int, str], ...] = field(default=())

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def meta(self) -> PanelMeta:
        return self.doc.meta

    @property
    def title(self) -> str:
        return self.doc.meta.title

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def path(self) -> Path:
        return self.doc.path

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return self.doc.blocks

    @cached_property
    def _stored_attribution(self) -> Attribution | None:
        """Participants and turns from the on-disk cache, when the app turned it on."""
        from panel_tui import attribution_cache

        return attribution_cache.load(self)

    @cached_property
    def participants(self) -> tuple[Participant, ...]:
        if (stored := self._stored_attribution) is not None:
            return stored.participants
        from panel_tui.speakers.attribution import panel_participants

        return panel_participants(self.doc)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        from panel_tui.ingest.sentences import split_sentences

        return split_sentences(self.doc)

    @cached_property
    def turns(self) -> tuple[Turn, ...]:
        if (stored := self._stored_attribution) is not None:
            return stored.turns
        from panel_tui import attribution_cache
        from panel_tui.speakers.attribution import attribute

        turns = attribute(self.doc, self.participants, self.corrections)
        attribution_cache.save(self, self.participants, turns)
        return turns

    @cached_property
    def speaker_stats(self) -> Mapping[str, SpeakerStats]:
        from panel_tui.speakers.stats import speaker_stats

        return speaker_stats(self)

    def spoken_length(self) -> int:
        return sum(b.end - b.body.start for b in self.doc.blocks if b.kind == SPEECH)


@dataclass(frozen=True, slots=True)
class SpeakerStats:
    speaker: str
    chars: int
    turns: int
    share: float
