"""Sixth pass, on invented people: a misheard given name said with a title is a call, and an
answer's closing words followed by another guest's opener hand the floor from guest to guest.

周明远 moderates 陈志强 / 林海波 / 宋佳怡 (the header of ``test_attribution_misheard``).
"""

from __future__ import annotations

import pytest

from panel_tui.speakers.clauses import Clause
from panel_tui.speakers.cues import clause_cues
from panel_tui.speakers.name_match import TITLED, NameMatcher

from .test_attribution import check_well_formed, speaker_at, turn_at
from .test_attribution_cues import cues_of
from .test_attribution_misheard import _matcher, make


def titled(text: str) -> list[tuple[str, str]]:
    return [(h.who, text[h.start : h.end]) for h in _matcher().find(text) if h.kind == TITLED]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Either syllable may be misheard however far (海坡 is near, 海中 / 山波 are not).
        ("那个海中老师，你刚提到了一个问题。", [("林海波", "海中老师")]),
        ("来山波总，你怎么看？", [("林海波", "山波总")]),
        ("好志刚师兄你先说。", [("陈志强", "志刚师兄")]),
    ],
)
def test_a_misheard_given_name_with_a_title_is_a_call(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert titled(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "刚才刘海中老师也讲过。",  # another person's surname before it: someone else
        "前边就是海中老师提到的。",  # after a word (是), not standing alone
        "好，都怡老师。",  # 都…: a function character where the name should start
        "我们听听海中总的想法。",  # a mention (…的想法), not said to him
        "算力志刚总量很大。",  # inside words
    ],
)
def test_a_titled_near_name_must_stand_alone(text: str) -> None:
    assert titled(text) == []


def test_the_titled_call_hands_the_floor_to_that_guest() -> None:
    p = make(
        "好，我们开始。陈志强，你先说说今年最大的变化？\n\n"
        "对，我觉得变化很大，推理成本降了一半，客户也多了很多。\n\n"
        "明白，那我再补充一个小小的问题，那个海中老师，你刚提到了开源，能不能展开说一下？\n\n"
        "其实开源的话就是大家一起做，社区的力量非常大，这是我们一直相信的。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "推理成本降了一半") == "陈志强"
    assert speaker_at(p, "能不能展开说一下") == "周明远"
    assert speaker_at(p, "社区的力量非常大") == "林海波"


def test_closing_words_then_an_opener_pass_the_floor_to_another_guest() -> None:
    """这是我的理解 ends an answer; 我可能可以提供一个不一样的视角 is someone else's."""
    p = make(
        "好，我们开始。陈志强，你先说说价格战？\n\n"
        "对，我觉得价格战是一个阶段，长期看还是要靠产品和技术，企业客户付费意愿更强，"
        "消费者那边其实更看重体验，免费的东西大家都会试一试，但是留下来的很少，"
        "所以我们一直觉得不能只靠降价，还要把模型做得更好，把应用做得更顺手，"
        "同时成本也要控制住，不然规模越大亏得越多，这个账大家心里都清楚，"
        "这是我的理解，我可能可以提供一个不一样的视角，第一个其实是成本，"
        "模型越来越便宜，应用就会越来越多。\n\n"
        "明白，宋佳怡呢？\n\n"
        "我觉得芯片还是瓶颈，供应链很难。\n"
    )
    check_well_formed(p)
    first = speaker_at(p, "价格战是一个阶段")
    second = speaker_at(p, "提供一个不一样的视角")
    assert first == "陈志强"
    assert speaker_at(p, "这是我的理解") == "陈志强"
    assert second not in (first, "周明远")
    assert speaker_at(p, "模型越来越便宜") == second
    assert speaker_at(p, "芯片还是瓶颈") == "宋佳怡"


@pytest.mark.parametrize(
    "clause",
    [
        "好的李四老师有补充吗，",  # asked whether they have something to add
        "那王五还有要说的吗，",
        "我们可能先请那个赵六老师就此来啊，",  # 请 + a filler + the name
        "好的好，那李四就是关于这个问题，",  # the call runs straight into the question
    ],
)
def test_asking_someone_to_add_is_a_call(clause: str) -> None:
    q = cues_of(clause)
    assert q.addressed, clause
    assert not q.mentioned


def test_a_questioner_introducing_themselves_asks_from_the_floor() -> None:
    """Once the floor is open, 我是…的记者/学生 and 我要问 are someone in the room asking."""
    p = make(
        "好，我们开始。陈志强，你先说说开源？\n\n"
        "对，我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到问题。\n\n"
        "明白，时间关系，我们把时间留给现场观众，大家可以举手提问。那位女士。\n\n"
        "我是一家报社的记者，我要问两个问题，开源模型会不会被滥用，监管怎么跟上？\n\n"
        "好的问题，我觉得监管一定要跟上，但是不能因噎废食。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "开源模型会不会被滥用") == "观众"
    assert speaker_at(p, "监管一定要跟上") != "观众"


@pytest.mark.parametrize(
    ("clause", "asks_others"),
    [
        ("还有其他老师想要补充的吗，", True),
        ("其他嘉宾呢？", True),
        ("还有哪位想说一下吗？", True),
        ("还有其他的可能吗？", False),  # a guest reasoning aloud
        ("其他老师都讲得很好，", False),  # no question
    ],
)
def test_asking_the_others_to_add_takes_the_floor_back(clause: str, asks_others: bool) -> None:
    assert bool(cues_of(clause).ack) is asks_others


def test_a_guest_introducing_themselves_by_a_misheard_or_given_name() -> None:
    """我是星河科技的临海波 (临 is no surname: ASR for 林海波) and 我是佳怡 are those guests'
    introductions; and the panel opens with its moderator, though nothing in the opening says so."""
    p = make(
        "今天的话虽然是视觉的这个论坛，但是我们也有多模态的在这个地方啊，一起聊一聊，"
        "我们请每一位这个嘉宾做一个简短的介绍，比如说你自己的兴趣爱好是什么，好吧好，"
        "那么从这边开始吧，呃喂大家好，我是星河科技的临海波，我主要在做视频生成的大模型。\n\n"
        "好的，下一位。\n\n"
        "大家好，我是佳怡，我博士是在新加坡读的，现在做多模态。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "一起聊一聊") == "周明远"
    assert speaker_at(p, "视频生成的大模型") == "林海波"
    assert turn_at(p, "视频生成的大模型").method == "self_intro"
    assert speaker_at(p, "现在做多模态") == "宋佳怡"
    assert turn_at(p, "现在做多模态").method == "self_intro"


@pytest.mark.parametrize(
    "clause",
    [
        "明白，好海波老师啊，",  # an acknowledgement, then the next call
        "好那我那个佳怡嗯，",  # 那我(问)那个…: the verb elided
    ],
)
def test_a_call_after_an_acknowledgement(clause: str) -> None:
    people = make("你好。\n").participants
    hits = NameMatcher(people).find(clause)
    q = clause_cues(Clause(0, len(clause), clause, 0, True), hits)
    assert q.addressed, clause


def test_free_questions_then_a_greeting_from_the_room() -> None:
    """自由提问的时间 opens the floor; after 那位同学, 大家好 is the questioner, and
    我想探讨一个问题 asks from the floor."""
    p = make(
        "好，我们开始。陈志强，你先说说开源？\n\n"
        "对，我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到问题。\n\n"
        "好的，接下来是大家自由提问的时间，好吧，那位同学。\n\n"
        "大家好，我是做视频应用的，我想问一下陈老师，动作的控制怎么做？\n\n"
        "好的问题，我觉得控制信号要和文字一起训练，效果会更好。\n\n"
        "好，那边那位。\n\n"
        "各位老师好，我主要想探讨一个问题，就是评测到底怎么做才可信？\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "我是做视频应用的") == "观众"
    assert speaker_at(p, "控制信号要和文字一起训练") == "陈志强"
    assert speaker_at(p, "评测到底怎么做") == "观众"
