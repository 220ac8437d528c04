"""Each speaker's share of the spoken characters and number of turns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from panel_tui.model import SpeakerStats

if TYPE_CHECKING:
    from panel_tui.model import Panel


def speaker_stats(panel: Panel) -> dict[str, SpeakerStats]:
    chars: dict[str, int] = {}
    turns: dict[str, int] = {}
    text = panel.text
    for t in panel.turns:
        n = sum(1 for ch in text[t.start : t.end] if not ch.isspace())
        chars[t.speaker] = chars.get(t.speaker, 0) + n
        turns[t.speaker] = turns.get(t.speaker, 0) + 1
    total = sum(chars.values()) or 1
    return {
        who: SpeakerStats(who, chars[who], turns[who], chars[who] / total)
        for who in sorted(chars, key=lambda w: -chars[w])
    }
