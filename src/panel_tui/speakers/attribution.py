"""Who said what: labelled turns, single-speaker talks, and (for now) honest ``unknown``."""

from __future__ import annotations

from panel_tui.model import (
    SPEAKER,
    SPEECH,
    UNKNOWN_SPEAKER,
    Participant,
    SourceDocument,
    Turn,
)


def panel_participants(doc: SourceDocument) -> tuple[Participant, ...]:
    return doc.participants


def attribute(
    doc: SourceDocument,
    participants: tuple[Participant, ...],
    corrections: tuple[tuple[int, int, str], ...] = (),
) -> tuple[Turn, ...]:
    speech = [b for b in doc.blocks if b.kind == SPEECH]
    if not speech:
        return ()
    turns: list[Turn] = []
    if any(b.speaker for b in speech):
        for b in speech:
            if b.speaker:
                turns.append(Turn(b.speaker, b.body.start, b.end, "label", 1.0))
            elif turns and turns[-1].method == "label":
                last = turns[-1]
                turns[-1] = Turn(last.speaker, last.start, b.end, "label", 1.0)
            else:
                turns.append(Turn(UNKNOWN_SPEAKER, b.start, b.end, "unknown", 0.0))
    else:
        speakers = [p for p in participants if p.role == SPEAKER]
        if len(participants) == 1 and speakers:
            turns.append(Turn(speakers[0].name, speech[0].start, speech[-1].end, "title", 0.9))
        else:
            turns = [Turn(UNKNOWN_SPEAKER, b.start, b.end, "unknown", 0.0) for b in speech]
    return apply_corrections(tuple(turns), corrections)


def apply_corrections(
    turns: tuple[Turn, ...], corrections: tuple[tuple[int, int, str], ...]
) -> tuple[Turn, ...]:
    """Overlay ``(start, end, speaker)`` corrections: they always win over inference."""
    if not corrections:
        return turns
    out = list(turns)
    for start, end, speaker in sorted(corrections):
        pieces: list[Turn] = []
        for t in out:
            if t.end <= start or t.start >= end:
                pieces.append(t)
                continue
            if t.start < start:
                pieces.append(Turn(t.speaker, t.start, start, t.method, t.confidence))
            if t.end > end:
                pieces.append(Turn(t.speaker, end, t.end, t.method, t.confidence))
        pieces.append(Turn(speaker, start, end, "correction", 1.0))
        out = sorted(pieces, key=lambda t: t.start)
    return tuple(out)
