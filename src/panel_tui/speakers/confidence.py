"""How far to trust each kind of attribution: calibrated confidences.

Each value is roughly the share of characters attributed for that reason that were right on
the two development panels (gold_000 and the silver annotation of 001, measured with
``benchmarks/attribution_errors.py``; the two measurements are in brackets), rounded. A reader
who sees 0.3 should expect to be wrong more often than right.
"""

from __future__ import annotations

SELF_INTRO = 0.9  # the turn contains the speaker's self-introduction
TITLE = 0.9  # a talk with one speaker named in the title
MOD_ACK = 0.75  # moderator taking the floor back: 明白 / 好，谢谢 (0.73, 0.88)
MOD_EVIDENCE = 0.55  # moderator from questions and running the panel (0.85, 0.38)
ADDRESS = 0.75  # the guest the moderator or a questioner just called on (0.66, 0.82)
SELF_REF = 0.3  # only an affiliation self-reference (我们百川) names the guest (0.15, one run)
AUDIENCE_ASKS = 0.8  # a question from the floor after the floor opened (1.0)
AUDIENCE = 0.6  # someone in the room, without an asking phrase (too rare to measure)
TOPIC = 0.45  # the guest the moderator's question was about (1.0 on one short run)
TURN_ORDER = 0.45  # the next guest along the row who has not answered this round (0.51, 0.66)
RESUME = 0.25  # the same guest again after a brief moderator aside (0.25)
FIRST = 0.5  # the first run of a transcript, nothing before it
