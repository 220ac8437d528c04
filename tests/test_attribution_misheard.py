"""Fifth pass: calls by a misheard given name (彭佩 for 鹏飞), on invented people.

周明远 moderates 陈志强 / 林海波 / 宋佳怡. A guest's two-syllable given name with one syllable
off (佳丽 for 佳怡, 海坡 for 海波) is a call only in a plain vocative, only names the next
answer's guest (it never moves a turn boundary), and a spelling that recurs is a word.
"""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest import parse_text
from panel_tui.model import Panel
from panel_tui.speakers.clauses import Clause
from panel_tui.speakers.cues import clause_cues
from panel_tui.speakers.identity import is_guest
from panel_tui.speakers.name_match import NEAR, NameMatcher

from .test_attribution import check_well_formed, speaker_at, turn_at

HEADER = (
    "# 2024某大会-论坛 - P3：圆桌讨论：主持人：周明远-嘉宾：陈志强-林海波-宋佳怡 - 上传者"
    " - BV1xx411c7mE\n\n"
)


def make(body: str) -> Panel:
    return Panel(parse_text(Path("x.md"), HEADER + body))


def _matcher() -> NameMatcher:
    people = make("你好。\n").participants
    return NameMatcher(people, near=[p.name for p in people if is_guest(p)])


def near_hits(text: str) -> list[tuple[str, str]]:
    return [(h.who, text[h.start : h.end]) for h in _matcher().find(text) if h.kind == NEAR]


def cues(text: str):
    return clause_cues(Clause(0, len(text), text, 0, True), _matcher().find(text))


def test_a_given_name_one_syllable_off_is_found_for_guests_only() -> None:
    assert near_hits("好海坡对，") == [("林海波", "海坡")]  # bo → po: same final
    assert near_hits("那佳丽你怎么看，") == [("宋佳怡", "佳丽")]  # yi → li: same final
    # Exact forms stay exact; the moderator's own name is never looked for (明院).
    assert near_hits("海波你怎么看，") == []
    assert near_hits("明院你怎么看，") == []
    # Both syllables off: no name.
    assert near_hits("开车你怎么看，") == []
    # Without the guests named, the matcher finds nothing approximate.
    people = make("你好。\n").participants
    assert [h for h in NameMatcher(people).find("好海坡对，") if h.kind == NEAR] == []


def test_a_spelling_that_recurs_is_a_word() -> None:
    text = "佳丽你怎么看，佳丽很多，佳丽也很多。"
    assert near_hits(text) == []


def test_a_misheard_name_is_a_call_only_in_a_plain_vocative() -> None:
    assert cues("那佳丽你怎么看开源？").misheard == {"宋佳怡": 0.7}
    assert cues("好海坡对，").misheard == {"林海波": 0.7}  # after an acknowledgement
    assert cues("海坡，").misheard == {"林海波": 0.7}
    # Inside a sentence, after thanks, or with words after it: no call, and no mention.
    for text in ("我们去海坡看看，", "谢谢海坡，", "海坡的风景很好，"):
        q = cues(text)
        assert not q.misheard and not q.addressed and not q.mentioned, text
    # It never counts as an ordinary vocative (the Viterbi does not switch on it).
    assert not cues("那佳丽你怎么看开源？").addressed


ROUND = (
    "各位好，今天我们聊聊大模型，先请陈志强老师说说今年的变化？\n\n"
    "对，我觉得大模型今年进步很快，推理成本也在下降。\n\n"
    "明白，{call}你怎么看开源的趋势？\n\n"
    "我觉得开源会越来越重要，社区的力量很大，生态也会更丰富。\n"
)


def test_a_misheard_call_names_the_next_answer() -> None:
    p = make(ROUND.format(call="那佳丽"))
    check_well_formed(p)
    assert speaker_at(p, "开源会越来越重要") == "宋佳怡"
    assert turn_at(p, "开源会越来越重要").method == "cue"
    # The same panel without the call: nothing names 宋佳怡 (陈志强 is asked a follow-up).
    q = make(ROUND.format(call="那么"))
    assert speaker_at(q, "开源会越来越重要") == "陈志强"
    # The turns are cut in the same places either way: the call only names the guest.
    assert [t.speaker for t in p.turns][:3] == [t.speaker for t in q.turns][:3]
    assert len(p.turns) == len(q.turns) == 4
