"""Pieces every reader uses: a content id and labelled blocks."""

from __future__ import annotations

import hashlib

from panel_tui.ingest.blocks import paragraph_spans
from panel_tui.ingest.labels import ROLE_LABELS, label_at, speaker_labels
from panel_tui.model import GUEST, SPEAKER, SPEECH, Block, Participant, Span


def content_id(prefix: str, text: str) -> str:
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


def labelled_blocks(
    text: str, start: int, end: int, hidden: list[Span]
) -> tuple[list[Block], list[Participant]]:
    """Paragraphs split at ``Name:`` lines; labels that name speakers become block speakers."""
    spans = paragraph_spans(
        text, start, end, breaks_before=lambda s, e: label_at(text, s, e) is not None, hidden=hidden
    )
    found = [label_at(text, sp.start, sp.end) for sp in spans]
    resolve = speaker_labels([f[0] for f in found if f])
    blocks, order = [], []
    for sp, f in zip(spans, found, strict=True):
        if f and f[0] in resolve:
            who = resolve[f[0]]
            if who not in order:
                order.append(who)
            blocks.append(Block(sp.start, sp.end, SPEECH, who, f[1]))
        else:
            blocks.append(Block(sp.start, sp.end, SPEECH))
    role = GUEST if len(order) > 1 else SPEAKER
    return blocks, [Participant(n, ROLE_LABELS.get(n, role), source="label") for n in order]
