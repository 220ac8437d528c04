"""How far to trust each kind of attribution: calibrated confidences.

Each value is roughly the share of characters attributed for that reason that were right on
the development panels (gold_000, the silver annotation of 001 and our gold_003, measured with
``benchmarks/attribution_errors.py``; the three measurements are in brackets, then the pooled
one; the sixth pass re-measured the fallbacks over those and the three baai24 golds), rounded
down where the panels disagree. A reader who sees 0.3 should expect to be wrong more often
than right.
"""

from __future__ import annotations

SELF_INTRO = 0.9  # the turn contains the speaker's self-introduction
TITLE = 0.9  # a talk with one speaker named in the title
MOD_ACK = 0.8  # moderator taking the floor back: 明白 / 好，谢谢 (0.86, 0.87, 0.80; 0.85)
MOD_EVIDENCE = 0.6  # moderator from questions and running the panel (0.20, 0.36, 0.94; 0.71)
ADDRESS = 0.8  # the guest just called on (name, affiliation, misheard name) (0.69, 0.86, 0.98)
SELF_REF = 0.3  # only an affiliation self-reference (我们百川) names the guest (0.31, 000 only)
AUDIENCE_ASKS = 0.8  # a question from the floor after the floor opened (0.98, 000 only)
AUDIENCE = 0.4  # someone in the room, without an asking phrase (0.0 on 29 characters)
TOPIC = 0.7  # the guest the moderator's question was about (0.32, 1.0, 1.0; 0.82, 1,815 chars)
# The next guest along the row who has not answered (0.44, –, –; sixth pass, six panels:
# 0.38 on 14,155 chars, from 0.76 on baai24_llm_p8 to 0.0 on the consciousness debate; eighth
# pass, twelve golds: 0.50 on 37,725 chars, still 0.0 on some panels).
TURN_ORDER = 0.35
# The same guest after a brief aside, no answer opener (1.0 on one 241-char run; sixth pass,
# six panels: 0.59 on 1,893 chars).
RESUME = 0.5
# The same guest after the moderator's brief unnamed follow-up question (eighth pass: 1.0 on
# 639 chars, too few to trust; the gold turns say 14 of 19 such questions).
FOLLOW_UP = 0.5
PROFILE = 0.65  # a fallback run moved to the guest whose words it shares (–, –, 0.95)
FIRST = 0.5  # the first run of a transcript, nothing before it
