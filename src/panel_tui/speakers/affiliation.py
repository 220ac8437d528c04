"""Affiliations a guest's own confident turns imply: ``在快手里面我们…`` → the guest is 快手.

Only ``来自X的<name>`` and self-introductions pin an affiliation outright. But a guest keeps
speaking for their company (我们X, 在X里面, 对于X而言), and the moderator calls on them by it
(``X怎么看``, ``X来你说``). Two-character tokens after 我们/咱们/在/对于 are mostly ordinary
words (我们觉得, 在做, 我们这个), so a candidate must (1) follow those words in at least two of
the guest's confidently named turns, (2) never do so in another guest's, (3) not start with a
function character (这, 一, 也…), and (4) be called on somewhere in the panel like a person
(``X怎么看``, ``来自X的``). No word, name or company is known in advance.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_SELF = re.compile(r"(?:我们|咱们|在|对于)([\u4e00-\u9fff]{2})")
# A name does not start with a function character (我们这个, 在一个, 我们也…).
_FUNCTION = set(
    "这那哪一个些每各其该此本们的了是也就都还再又很最更不没有在和与跟对从把被让给为会要能可所以"
)
_CALLED_AFTER = r"(?:怎么看|来你说|你来|您来|你说|的观点|的看法|这边)"
_CALLED_BEFORE = r"(?:来自|听一下|听听|请)"
MIN_TURNS = 2


def learn_affiliations(text: str, named_turns: Sequence[tuple[str, str]]) -> dict[str, set[str]]:
    """Guest → learnt affiliations; ``named_turns`` are (guest, text) of the guest runs a call
    or self-introduction named, ``text`` the whole transcript."""
    seen: dict[str, Counter[str]] = {}
    for who, t in named_turns:
        seen.setdefault(who, Counter()).update(set(_SELF.findall(t)))
    out: dict[str, set[str]] = {}
    for who, c in seen.items():
        for tok, n in c.items():
            if (
                n < MIN_TURNS
                or tok[0] in _FUNCTION
                or any(tok in seen[o] for o in seen if o != who)
            ):
                continue
            t = re.escape(tok)
            if re.search(f"{t}{_CALLED_AFTER}|{_CALLED_BEFORE}{t}", text):
                out.setdefault(who, set()).add(tok)
    return out
