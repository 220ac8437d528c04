"""Cues added in the fourth pass, each on a small hand-written transcript or clause.

Invented people only (张三 moderates 李四 / 王五 / 赵六; companies 星河 and 云帆 are invented):
learnt affiliations, a strong answer opener after a brief aside, 补充问 as a question, and a
questioner greeting the guest they ask.
"""

from __future__ import annotations

from panel_tui.speakers.affiliation import learn_affiliations
from panel_tui.speakers.attribution import _merge_hits
from panel_tui.speakers.name_match import NameHit

from .test_attribution import check_well_formed, speaker_at, turn_at
from .test_attribution_cues import cues_of, make3

# 李四 speaks for 星河 in two answers he was called on for; later the moderator asks 星河.
AFFILIATION_PANEL = (
    "李四，你先说说今年最大的变化？\n\n"
    "对，我觉得变化很大，我们星河今年把推理成本降了一半，客户也多了。\n\n"
    "明白，王五，你怎么看？\n\n"
    "我觉得开源会越来越重要，社区的力量很大。\n\n"
    "理解，赵六呢？\n\n"
    "我觉得芯片还是瓶颈，供应链很难。\n\n"
    "好的，李四，下一个问题，商业化怎么做？\n\n"
    "对，在星河里面我们先做企业客户，再做消费者，这个顺序很重要。\n\n"
    "明白，王五你补充一下？\n\n"
    "我觉得企业客户付费意愿更强，这是事实。\n\n"
    "好的，接下来一个问题，星河怎么看价格战？\n\n"
    "价格战其实是一个阶段，长期看还是要靠产品和技术。\n"
)


def test_an_affiliation_learnt_from_confident_turns_identifies_a_later_call() -> None:
    p = make3(AFFILIATION_PANEL)
    check_well_formed(p)
    assert speaker_at(p, "推理成本降了一半") == "李四"
    assert speaker_at(p, "先做企业客户") == "李四"
    # Without the learnt 星河 the round-robin would give this answer to someone else.
    assert speaker_at(p, "价格战其实是一个阶段") == "李四"


def test_affiliation_needs_two_turns_exclusivity_and_a_call() -> None:
    text = "星河怎么看这个问题？"
    two = [("李四", "我们星河做模型。"), ("李四", "在星河里面我们很专注。")]
    assert learn_affiliations(text, two) == {"李四": {"星河"}}
    # Said once only: not enough.
    assert learn_affiliations(text, two[:1]) == {}
    # Another guest says it too (我们觉得, 在做…: ordinary words): never an affiliation.
    shared = [*two, ("王五", "我们星河也很好。")]
    assert learn_affiliations(text, shared) == {}
    # Nobody ever calls on 星河 like a person: not learnt.
    assert learn_affiliations("今天天气不错。", two) == {}
    # 我们这个…/在这个… is grammar, not a company, even when 这个怎么看 follows somewhere.
    demo = [("李四", "我们这个方向很好。"), ("李四", "在这个阶段我们很专注。")]
    assert learn_affiliations("这个怎么看？", demo) == {}


def test_learnt_hits_never_replace_earlier_ones() -> None:
    old = [NameHit("李四", 0, 2, "full"), NameHit("王五", 10, 12, "full")]
    extra = [NameHit("李四", 1, 3, "org"), NameHit("赵六", 5, 7, "org")]
    merged = _merge_hits(old, extra)
    assert [(h.who, h.start) for h in merged] == [("李四", 0), ("赵六", 5), ("王五", 10)]


def test_a_strong_opener_after_a_brief_aside_is_another_guest() -> None:
    """OK继续 keeps the floor with the same guest; 我也补充一下 after 明白 does not."""
    p = make3(
        "各位嘉宾，大家怎么看开源和闭源？\n\n"
        "我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到问题。\n\n"
        "明白，\n\n"
        "我也补充一下，闭源更容易商业化，客户愿意为服务付费，这是事实。\n"
    )
    check_well_formed(p)
    first = speaker_at(p, "生态的基础")
    assert first in {"李四", "王五", "赵六"}
    assert speaker_at(p, "更容易商业化") not in {first, "张三"}


def test_adding_a_question_is_not_an_answer() -> None:
    """我再补充问一下 adds a question (the moderator); 我补充一下 adds to an answer."""
    q = cues_of("我再补充问一下两位，")
    assert q.answer == 0.0
    assert q.question > 0.0
    assert cues_of("我补充一下，").answer == 1.0
    assert cues_of("我先补充一个问题，").answer == 0.0


def test_a_questioner_greeting_a_guest_takes_the_floor() -> None:
    """王五老师您好，… from the floor is the audience; 好的问题 answers once it is asked."""
    assert cues_of("王五老师您好，").audience_ask == 1.0
    assert cues_of("王五你好吗？").audience_ask == 0.0
    p = make3(
        "好，时间差不多了，大家可以举手提问，提问谁都可以。好，\n\n"
        "王五老师您好，刚才我们聊到开源，那么未来开源模型是否会超过闭源模型，"
        "是否会改变整个行业，\n\n"
        "好的问题，我觉得开源会越来越强，但是闭源也有它的优势。\n\n"
        "好，还有吗，那位女士，我想问一下李四，推理成本还会降吗？\n\n"
        "我觉得还会降，硬件和算法都在进步。\n"
    )
    check_well_formed(p)
    assert any(x.role == "audience" for x in p.participants)
    assert speaker_at(p, "刚才我们聊到开源") == "观众"
    assert speaker_at(p, "开源会越来越强") == "王五"
    assert speaker_at(p, "推理成本还会降吗") == "观众"
    assert speaker_at(p, "硬件和算法都在进步") == "李四"


def test_after_thanks_a_name_with_a_glued_word_is_the_next_call() -> None:
    """好谢谢李四，赵六志远，: the ASR glued a word to 赵六; he is still called on (the row
    would give the floor to 王五)."""
    p = make3(
        "李四，你怎么看开源？\n\n"
        "对，我觉得开源很重要，社区会帮你找到问题，这是我的理解。\n\n"
        "好谢谢李四，赵六志远，我们很熟悉了，这个问题你怎么看？\n\n"
        "我觉得闭源更容易商业化，客户愿意为服务付费。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "社区会帮你") == "李四"
    assert speaker_at(p, "更容易商业化") == "赵六"
    assert turn_at(p, "更容易商业化").method == "cue"  # called on, not merely talked about
    # Without a thanks before it, a name in a short clause is only a mention.
    assert cues_of("赵六志远，").addressed == {}
