"""Roles from behaviour: in a labelled transcript the moderator is the one asking questions."""

from __future__ import annotations

import re
from collections import defaultdict

from panel_tui.model import MODERATOR, Block

_QUESTION = re.compile("？|\\?|请问|怎么看|谈谈|说说")
_MIN_TURNS = 3
_MIN_QUESTION_SHARE = 0.5


def infer_moderators(text: str, blocks: list[Block] | tuple[Block, ...]) -> dict[str, str]:
    """Speakers most of whose labelled turns ask something, and who ask more than anyone."""
    asks: dict[str, int] = defaultdict(int)
    turns: dict[str, int] = defaultdict(int)
    for b in blocks:
        if b.speaker:
            turns[b.speaker] += 1
            if _QUESTION.search(text, b.body.start, b.end):
                asks[b.speaker] += 1
    return {
        who: MODERATOR
        for who, n in turns.items()
        if n >= _MIN_TURNS and asks[who] / n >= _MIN_QUESTION_SHARE
    }
