"""Guest identity without a call (sixth pass), on small hand-written transcripts.

Invented people only (张三 moderates 李四 / 王五 / 赵六; the company 星河 is invented): an
unnamed answer right before the moderator calls on a guest is not that guest's, and an unnamed
answer that opens by naming a guest's company is that guest's.
"""

from __future__ import annotations

from panel_tui.speakers import confidence

from .test_attribution import check_well_formed, speaker_at, turn_at
from .test_attribution_cues import make3


def test_an_unnamed_answer_before_a_call_is_not_the_called_guests() -> None:
    """李四 sits first, so turn-taking alone would give him the first answer; but the moderator
    then calls on him, so someone else gave it."""
    p = make3(
        "各位嘉宾，大家怎么看开源和闭源？\n\n"
        "对，我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到问题。\n\n"
        "明白，李四，你怎么看？\n\n"
        "我觉得闭源更容易商业化，客户愿意为服务付费，这是事实。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "更容易商业化") == "李四"
    assert speaker_at(p, "生态的基础") in {"王五", "赵六"}


def test_a_call_after_a_follow_up_keeps_other_evidence() -> None:
    """The rule only removes a candidate from turn-taking: a called answer stays called."""
    p = make3(
        "王五，你先说说开源？\n\n"
        "对，我觉得开源是生态的基础，长期看一定会赢。\n\n"
        "明白，王五，那闭源呢？\n\n"
        "闭源更容易商业化，客户愿意为服务付费，这是事实。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "生态的基础") == "王五"
    assert speaker_at(p, "更容易商业化") == "王五"


OWN_COMPANY = (
    "首先有请来自星河的李四，你怎么看今年的变化？\n\n"
    "对，我觉得变化很大，推理成本降了一半，客户也多了。\n\n"
    "明白，王五呢，你怎么看？\n\n"
    "我觉得开源会越来越重要，社区的力量很大。\n\n"
    "理解，大家怎么看价格战？\n\n"
    "我也补充一下，其实星河也是很早就降价了，所以这个事情不新鲜，长期看还是要靠产品。\n"
)


def test_an_answer_that_opens_with_a_guests_company_is_theirs() -> None:
    """After 王五, turn-taking would pass to 赵六; the answer names 星河 (李四's) at its head."""
    p = make3(OWN_COMPANY)
    check_well_formed(p)
    assert speaker_at(p, "变化很大") == "李四"
    assert speaker_at(p, "开源会越来越重要") == "王五"
    assert speaker_at(p, "很早就降价") == "李四"
    assert turn_at(p, "很早就降价").confidence < confidence.TURN_ORDER  # below turn-taking


def test_a_company_named_late_in_an_answer_is_no_evidence() -> None:
    """Only the answer's first clauses count: 星河 mentioned in passing later says nothing."""
    p = make3(
        OWN_COMPANY.replace(
            "我也补充一下，其实星河也是很早就降价了，所以这个事情不新鲜，",
            "我也补充一下，这个事情不新鲜，价格一直在降，长期看，成本，规模，其实星河也很早就降价了，",
        )
    )
    check_well_formed(p)
    assert speaker_at(p, "这个事情不新鲜") == "赵六"
