"""What the widgets show of an open panel, built once off the UI thread.

``open_document`` touches ``panel.turns`` and ``panel.speaker_stats`` (attribution may take a
while on a long transcript), so the app calls it from a worker and hands the result down to
the header, the transcript and the speaker sidebar as one reactive value.
"""

from __future__ import annotations

from dataclasses import dataclass

from panel_tui.model import UNKNOWN_ROLE, UNKNOWN_SPEAKER, Panel, Span
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
    return PanelDocument(panel, blocks, spans, tuple(speakers))


@dataclass(frozen=True, slots=True)
class PanelSummary:
    """A row of the panel list."""

    id: str
    title: str
    event: str
    date: str | None
    platform: str
    speakers: int
    length: int  # spoken characters


def summarize(panel: Panel) -> PanelSummary:
    """List-row facts; reads participants, so it runs in the corpus-loading worker."""
    speakers = len(panel.participants)
    m = panel.meta
    event = " ".join(x for x in (m.event, m.part) if x)
    return PanelSummary(
        panel.id, panel.title, event, m.date, m.platform, speakers, panel.spoken_length()
    )
