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
    assert set(people) == {"周明远", "孙丽华"}  # named by the full name, as title guests are
    assert "周明远先生" in people["周明远"]


def test_forum_talks_go_to_their_speakers() -> None:
    p = make(FORUM)
    check_well_formed(p)
    assert speaker_at(p, "推理的成本") == "周明远"
    assert speaker_at(p, "工厂里面") == "孙丽华"
    assert speaker_at(p, "接下来有请云帆") == "刘洋"


def test_words_are_not_given_names() -> None:
    """谢大家老师 is thanks to everyone, not a teacher called 谢大家."""
    assert "谢大家老师" not in found_in(
        "好，谢谢大家老师们的分享，也谢谢大家老师们的参与，谢谢大家老师，谢谢大家老师。\n"
    )


HEADER_CHAT = (
    "# 2024某大会-论坛 - P2：炉边对话：主持人：张三-嘉宾：李开明-王志远 - 上传者 - BV1xx411c7mF\n\n"
)


def chat(body: str):
    return make(body, HEADER_CHAT)


def test_a_misheard_name_thanked_with_a_title_is_a_thanks() -> None:
    """谢谢开平老师 for 开明老师: one syllable misheard, but the thanks and the title make it an
    address, as a plain call does."""
    from panel_tui.speakers.clauses import Clause
    from panel_tui.speakers.cues import clause_cues
    from panel_tui.speakers.name_match import NameMatcher

    p = chat("你好。\n")
    guests = [x.name for x in p.participants if x.role == "guest"]
    text = "谢谢开平老师，"
    hits = NameMatcher(p.participants, near=guests).find(text)
    cues = clause_cues(Clause(0, len(text), text, 0, True), hits)
    assert cues.thanked == {"李开明"}
    assert not cues.misheard  # a thanks, not a call


def test_a_misheard_thanks_run_on_after_an_answer_is_the_moderators() -> None:
    """A guard on a whole transcript: the moderator's misheard thanks and comment, run on by
    the ASR into the end of an answer, stay the moderator's, and the other guest then takes
    the floor unasked. (Here the acknowledgement alone already decides it; the clause-level
    test below has the shape where only "nobody thanks themselves" does.)"""
    p = chat(
        "两位怎么看今年的价格战？开明你先说。\n\n"
        "好的，我觉得价格战对行业是好事，成本降下来以后，用的人会越来越多，这是一个规律，"
        "我们自己的产品也降了价，用户多了三倍嗯，谢谢开平老师，刚才分析得很透彻啊，"
        "最后这个价格也很好看，也很好用，应该是这样的一个新的产品。\n\n"
        "嗯我有点没听清楚，还是价格战的问题是吧，我觉得价格战不会太久，大家还是要回到产品本身。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "对行业是好事") == "李开明"
    assert speaker_at(p, "分析得很透彻") == "张三"
    assert speaker_at(p, "不会太久") == "王志远"


def test_the_viterbi_never_gives_a_thanks_to_the_one_thanked() -> None:
    """On the clause level, the shape of the case that taught it (a fireside chat): a long
    answer, a thanks with an acknowledgement run on in the same paragraph, then the
    moderator's comment, which asks nothing and names nobody. Thanking the guest who was
    speaking takes the floor from them; thanking the other guest (a guest may thank a fellow
    guest mid-answer) leaves it with the speaker."""
    from panel_tui.model import GUEST, MODERATOR, Participant
    from panel_tui.speakers.clauses import Clause
    from panel_tui.speakers.cues import ClauseCues
    from panel_tui.speakers.segment import viterbi

    people = (
        Participant("张三", MODERATOR),
        Participant("李开明", GUEST),
        Participant("王志远", GUEST),
    )
    answer, comment = 30, 6  # clauses of the answer after its first, and of the comment
    n = 2 + answer + 1 + comment + 1
    clauses = [Clause(i * 10, i * 10 + 9, "某" * 9, 0, i == 0) for i in range(n)]
    thanks = 2 + answer

    def path(thanked: str) -> list[str]:
        cues = [ClauseCues() for _ in range(n)]
        cues[0] = ClauseCues(addressed={"李开明": 1.0}, question=1.0)  # 开明你先说？
        cues[1] = ClauseCues(answer=1.0)  # 好的，我觉得…
        cues[thanks] = ClauseCues(
            ack=1.0, thanked=frozenset({thanked}), mentioned=frozenset({thanked})
        )
        cues[-1] = ClauseCues(answer=0.5)
        return [people[s.who].name for s in viterbi(clauses, cues, people, {})]

    assert path("李开明")[thanks : thanks + comment + 1] == ["张三"] * (comment + 1)
    assert path("王志远")[1 : thanks + comment + 1] == ["李开明"] * (thanks + comment)


def test_a_surname_written_as_a_homophone_joins_the_person() -> None:
    """翱明老师 for 敖明老师: 翱 is no surname, but it sounds like 敖, so it counts for the person
    named with the real surname (here it adds the thanks that makes them a guest). Alone, such a
    spelling makes nobody."""
    body = (
        "下一个问题给敖明老师，请问数据够不够？\n\n"
        "我觉得数据不够，要靠合成。\n\n"
        "好的，谢谢翱明老师。\n"
    )
    people = found_in(body)
    assert "翱明老师" in people["敖明老师"]
    assert found_in("好的，谢谢翱翔老师。我们继续。\n") == {}


def test_an_mc_calling_a_speaker_up_is_a_call() -> None:
    """有请/邀请, who the speaker is, the name, then what they will do: the MC calls them up.
    Welcoming a list of guests, or speaking of the one who invited you, is no call."""
    from .test_attribution_cues import cues_of

    p = make(FORUM)
    called = cues_of("接下来让我们掌声有请星河科技创始人CEO周明远先生为我们带来主题演讲，", p)
    assert set(called.addressed) == {"周明远"}
    called = cues_of("我们邀请的是云帆智能联合创始人孙丽华女士，", p)
    assert set(called.addressed) == {"孙丽华"}
    assert not cues_of("也欢迎星河科技创始人周明远先生，", p).addressed
    assert not cues_of("我同意邀请我来的周明远先生说的，", p).addressed
