"""What the widgets show of an open panel, built once off the UI thread.

``open_document`` touches ``panel.turns`` and ``panel.speaker_stats`` (attribution may take a
while on a long transcript), so the app calls it from a worker and hands the result down to
the header, the transcript and the speaker sidebar as one reactive value.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field, replace

from panel_tui.model import MODERATOR, UNKNOWN_ROLE, UNKNOWN_SPEAKER, Panel, Sentence, Span, Turn
from panel_tui.panel_filter import MatchKey, SortFacts, match_key
from panel_tui.reading import ReadingBlock, block_spans, reading_blocks

# Distinct on dark and light themes; a speaker keeps its colour for as long as the panel is open.
PALETTE = (
    "#4fa3e0",
    "#e0a84f",
    "#6cc070",
    "#c77ddb",
    "#e06c75",
    "#3fbfbf",
    "#b5a642",
    "#8f9be8",
    "#d98aa8",
    "#9ccc65",
)
UNKNOWN_COLOUR = "#8a8a8a"


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """A row of the speaker sidebar."""

    name: str
    role: str
    colour: str
    chars: int
    turns: int
    share: float


@dataclass(frozen=True)
class PanelDocument:
    """An open panel: reading blocks with their source spans, and who speaks how much."""

    panel: Panel
    blocks: tuple[ReadingBlock, ...]
    spans: tuple[tuple[Span, ...], ...]
    speakers: tuple[SpeakerInfo, ...]
    sentences: tuple[Sentence, ...] = ()
    _turn_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._turn_starts.extend(t.start for t in self.panel.turns)

    def turn_at(self, offset: int) -> Turn | None:
        """The attributed turn covering source ``offset`` (``None`` between turns)."""
        i = bisect.bisect_right(self._turn_starts, offset) - 1
        if i >= 0:
            turn = self.panel.turns[i]
            if turn.start <= offset < turn.end:
                return turn
        return None

    @property
    def moderators(self) -> frozenset[str]:
        return frozenset(s.name for s in self.speakers if s.role == MODERATOR)

    def colour(self, speaker: str | None) -> str:
        for s in self.speakers:
            if s.name == speaker:
                return s.colour
        return UNKNOWN_COLOUR

    def role(self, speaker: str | None) -> str:
        for s in self.speakers:
            if s.name == speaker:
                return s.role
        return UNKNOWN_ROLE


def open_document(panel: Panel) -> PanelDocument:
    """Collect everything the views need; slow parts of the core run here, not on a keystroke."""
    blocks = tuple(reading_blocks(panel))
    spans = tuple(tuple(block_spans(panel, b)) for b in blocks)
    stats = panel.speaker_stats
    roles = {p.name: p.role for p in panel.participants}
    # Participants first (their order is stable: title order), then anyone else who speaks.
    names = list(roles)
    names += [n for n in stats if n not in roles and n != UNKNOWN_SPEAKER]
    if UNKNOWN_SPEAKER in stats:
        names.append(UNKNOWN_SPEAKER)
    speakers = []
    for i, name in enumerate(names):
        st = stats.get(name)
        colour = UNKNOWN_COLOUR if name == UNKNOWN_SPEAKER else PALETTE[i % len(PALETTE)]
        speakers.append(
            SpeakerInfo(
                name,
                roles.get(name, UNKNOWN_ROLE),
                colour,
                st.chars if st else 0,
                st.turns if st else 0,
                st.share if st else 0.0,
            )
        )
    sentences = split_at_turns(panel.text, panel.sentences, panel.turns)
    return PanelDocument(panel, blocks, spans, tuple(speakers), sentences)


def split_at_turns(
    text: str, sentences: tuple[Sentence, ...], turns: tuple[Turn, ...]
) -> tuple[Sentence, ...]:
    """Sentences cut where a turn starts inside them, so each belongs to one speaker.

    ASR punctuation rarely ends a sentence where the speaker changes (``…哪个多，我们第一反应
    是…``): the cursor, a quote and a bookmark would otherwise take words from two people and
    credit them to the first. A piece with nothing but spaces and punctuation is dropped."""
    starts = [t.start for t in turns]
    out: list[Sentence] = []
    for s in sentences:
        lo = bisect.bisect_right(starts, s.start)
        hi = bisect.bisect_left(starts, s.end)
        if lo >= hi:
            out.append(s)
            continue
        cuts = [s.start, *starts[lo:hi], s.end]
        for a, b in itertools.pairwise(cuts):
            if any(ch.isalnum() for ch in text[a:b]):
                out.append(Sentence(a, b, s.block))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PanelSummary:
    """A row of the panel list."""

    id: str
    title: str
    event: str
    date: str | None
    platform: str
    speakers: int
    length: int  # characters of the file
    names: tuple[str, ...] = ()
    key: MatchKey | None = None  # for the list filter; see ``panel_filter``

    @property
    def facts(self) -> SortFacts:
        return SortFacts(self.event, self.date, self.length)

    def with_pinyin(self) -> PanelSummary:
        """This row with a pinyin-aware filter key (~0.3 ms: built in a worker)."""
        return replace(self, key=match_key((self.title, self.event, *self.names)))


def summarize(panel: Panel) -> PanelSummary:
    """List-row facts from the header only (title participants, file length): no body parse
    and no attribution, so the list of 500 panels paints at once."""
    names = tuple(p.name for p in panel.doc.participants)
    m = panel.meta
    event = " ".join(x for x in (m.event, m.part) if x)
    key = match_key((panel.title, event, *names), with_pinyin=False)
    return PanelSummary(
        panel.id, panel.title, event, m.date, m.platform, len(names), len(panel.text), names, key
    )
