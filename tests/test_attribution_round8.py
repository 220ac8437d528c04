"""Seventh pass, on small hand-written transcripts with invented people.

* The moderator or host thanking someone as they take the floor back (谢谢李四) names who just
  spoke: evidence for that answer's guest when nobody called on them before it.
* A forum's MC introduces speakers by job title, full name and 先生/女士 (创始人CEO周明远先生)
  and thanks them by the same form after their talk: they are found on untitled sessions.
"""

from __future__ import annotations

from .test_attribution import check_well_formed, speaker_at
from .test_attribution_addressed import found_in, make
from .test_attribution_cues import make3


def test_an_unnamed_answer_thanked_after_is_the_thanked_guests() -> None:
    """Turn-taking alone would give the first answer to 李四 (first in seat order); the
    moderator's thanks right after it says it was 赵六's."""
    p = make3(
        "各位嘉宾，大家怎么看开源和闭源？\n\n"
        "对，我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到问题。\n\n"
        "好，谢谢赵六，那大家觉得价格战会持续吗？\n\n"
        "我觉得价格战不会太久，成本降到一定程度就停了，大家还是要回到产品。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "生态的基础") == "赵六"
    assert speaker_at(p, "价格战不会太久") != "赵六"  # the thanks names only the answer before


def test_a_guest_thanking_at_the_head_of_an_answer_names_nobody_before() -> None:
    """A guest's own 谢谢X opens a guest run, not the moderator's: it is no evidence about the
    answer before."""
    p = make3(
        "王五，你先说说开源？\n\n"
        "对，我觉得开源是生态的基础，长期看一定会赢。\n\n"
        "明白，李四你呢？\n\n"
        "谢谢张三，我觉得闭源更容易商业化，客户愿意为服务付费。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "生态的基础") == "王五"
    assert speaker_at(p, "更容易商业化") == "李四"


FORUM = (
    "各位来宾下午好，我是今天的主持人刘洋。接下来让我们掌声有请星河科技创始人CEO周明远先生"
    "为我们带来主题演讲，掌声有请。\n\n"
    "尊敬的各位来宾，大家下午好。今天我想和大家分享三个观察。\n\n"
    "我们投资了很多公司，第一是模型越来越便宜，我们看到推理的成本一年降了十倍；"
    "第二是应用越来越多，我们的被投企业里面有一半都在做应用；第三是硬件越来越重要，"
    "我们也在看机器人。这是我今天的分享，谢谢大家。\n\n"
    "谢谢周明远先生的精彩分享。接下来有请云帆智能联合创始人孙丽华女士。\n\n"
    "大家好，很高兴来到这里。我们做的是机器人，今天给大家看几个视频，"
    "这是我们在工厂里面的一个落地的场景。谢谢大家。\n\n"
    "谢谢孙丽华女士的分享，谢谢。\n"
)


def test_forum_speakers_introduced_by_job_title_and_xiansheng_are_found() -> None:
    people = found_in(FORUM)
    assert set(people) == {"周明远先生", "孙丽华女士"}
    assert "周明远" in people["周明远先生"]


def test_forum_talks_go_to_their_speakers() -> None:
    p = make(FORUM)
    check_well_formed(p)
    assert speaker_at(p, "推理的成本") == "周明远先生"
    assert speaker_at(p, "工厂里面") == "孙丽华女士"
    assert speaker_at(p, "接下来有请云帆") == "刘洋"


def test_words_are_not_given_names() -> None:
    """谢大家老师 is thanks to everyone, not a teacher called 谢大家."""
    assert "谢大家老师" not in found_in(
        "好，谢谢大家老师们的分享，也谢谢大家老师们的参与，谢谢大家老师，谢谢大家老师。\n"
    )
