"""Guests of an untitled roundtable, found by how they are addressed (invented people).

A title that says only ``圆桌讨论`` names nobody; the moderator calls the guests 曾老师, 韩总,
孟老师 or by a full name before a title. They become the panel's guests, so the speaker filter
and attribution have someone to give the answers to.
"""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest import parse_text
from panel_tui.model import GUEST, HOST, MODERATOR, Panel, Participant
from panel_tui.speakers.name_match import NameMatcher
from panel_tui.speakers.participants import addressed_in_text

from .test_attribution import check_well_formed, speaker_at

UNTITLED = "# 2024某大会-论坛 - P3：圆桌讨论 - 上传者 - BV1xx411c7mE\n\n"
TALK = "# 2024某大会-论坛 - P4：报告题目：郑一鸣-主持人：马雷 - 上传者 - BV1xx411c7mE\n\n"


def make(body: str, header: str = UNTITLED) -> Panel:
    return Panel(parse_text(Path("x.md"), header + body))


def found_in(body: str) -> dict[str, tuple[str, ...]]:
    return {a.name: a.aliases for a in addressed_in_text(make(body).doc)}


ROUNDTABLE = (
    "好，我们开始今天的圆桌，第一个问题想问一下各位，数据会不会成为瓶颈？要不有请曾老师先说。\n\n"
    "对，我觉得数据肯定是瓶颈，高质量的数据越来越少，我们实验室今年也在做合成数据。\n\n"
    "好的，谢谢曾老师，韩总，您怎么看？\n\n"
    "我觉得企业里面的数据其实很多，关键是能不能用起来，我们公司在做数据治理。\n\n"
    "明白，孟孟老师有什么补充吗？\n\n"
    "我补充一下，评测的数据也很重要，没有好的评测就不知道模型好不好。\n\n"
    "非常好，那最后请沈春华老师，沈老师您来说一下。\n\n"
    "对，我从学术界的角度说，开源的数据集还是太少了，这是我的看法。\n\n"
    "谢谢沈老师，谢谢老师们。\n"
)


def test_guests_called_by_surname_and_title_are_found() -> None:
    found = found_in(ROUNDTABLE)
    assert set(found) == {"曾老师", "韩总", "孟老师", "沈老师"}
    # Named by the form used most; the full name said before a title is an alias (the ASR
    # often misspells it).
    assert {"沈春华", "沈春华老师"} <= set(found["沈老师"])
    # 谢谢老师们 is thanks, not a 谢老师.
    assert not any(name.startswith("谢") for name in found)


def test_found_guests_take_the_answers() -> None:
    p = make(ROUNDTABLE)
    check_well_formed(p)
    roles = {x.name: x.role for x in p.participants}
    assert roles["主持人"] == MODERATOR
    assert all(roles[n] == GUEST for n in ("曾老师", "韩总", "孟老师", "沈老师"))
    assert speaker_at(p, "高质量的数据越来越少") == "曾老师"
    assert speaker_at(p, "我们公司在做数据治理") == "韩总"
    assert speaker_at(p, "评测的数据也很重要") == "孟老师"
    assert speaker_at(p, "开源的数据集还是太少了") == "沈老师"
    assert speaker_at(p, "韩总，您怎么看") == "主持人"


def test_only_forms_that_stand_alone_and_are_called_count() -> None:
    body = (
        "好，我们开始，请大家谈谈开源。\n\n"
        # 刚才卢老师: 才 ends a word, a fellow guest reporting, not a call; said once only.
        "我觉得开源很重要，刚才卢老师也讲了，社区很关键。\n\n"
        # 王新龙老师 once: 龙 is a given name here, and once is no evidence of being on stage.
        "对，王新龙老师的报告也提到过这个，我同意。\n\n"
        # 张鹏张总: one call of 张总, whose full name 张鹏 is an alias; not 鹏张.
        "好的，那张鹏张总，你怎么看？\n\n"
        "我觉得商业化更重要一些。\n"
    )
    found = found_in(body)
    assert set(found) == {"张总"}
    assert "张鹏" in found["张总"]


def test_a_form_spoken_of_often_counts_without_a_call() -> None:
    body = "".join(
        f"我觉得这个问题{x}，像黎老师说的那样。\n\n" for x in ("很难", "很大", "很新", "很重要")
    )
    assert found_in(body) == {"黎老师": ()}
    # Thanked but named once: perhaps the speaker of an earlier talk.
    assert found_in("好的，谢谢黎老师。我们开始今天的圆桌。\n") == {}


def test_a_self_introduced_guest_keeps_the_form_of_address_as_an_alias() -> None:
    body = (
        "好，请各位先介绍一下自己。\n\n"
        "大家好，我是来自星河科技的韩立明，我们做数据平台。\n\n"
        "好的，韩总，您先说说最大的挑战？\n\n"
        "我觉得最大的挑战是数据质量。\n"
    )
    people = {x.name: x for x in make(body).participants}
    assert "韩总" not in people
    assert "韩总" in people["韩立明"].aliases


def test_a_talk_with_a_moderator_gains_nobody() -> None:
    """The title names the speaker: the people the host thanks are not new speakers."""
    body = (
        "下面有请郑一鸣老师给我们做报告，郑老师请。\n\n"
        "谢谢马老师，今天我讲三个部分，感谢张教授的邀请，也谢谢张教授。\n"
    )
    names = {x.name for x in make(body, TALK).participants}
    assert names == {"郑一鸣", "马雷"}


QA = (
    "好，我们开始，第一个问题，要不有请曾老师先说。\n\n"
    "对，我觉得数据是瓶颈。\n\n"
    "好的，韩总，您怎么看？\n\n"
    "像黎老师说的，我觉得算力更重要。\n\n"
    "明白，那孟老师呢？\n\n"
    "我补充一下，评测也很重要。\n\n"
    "好，我们把时间留给现场观众，大家可以举手提问。\n\n"
    "谢谢黎老师，我是一名记者，我想问一下曾老师，数据从哪里来？\n\n"
    "好的问题，我们主要用公开数据。\n"
)


def test_the_one_never_called_but_thanked_from_the_floor_moderates() -> None:
    """Nobody asks 黎老师 to speak, and a questioner thanks 黎老师 for the microphone: the
    unnamed moderator is 黎老师."""
    p = make(QA)
    roles = {x.name: x.role for x in p.participants}
    assert roles["黎老师"] == MODERATOR
    assert "主持人" not in roles
    assert all(roles[n] == GUEST for n in ("曾老师", "韩总", "孟老师"))
    assert speaker_at(p, "韩总，您怎么看") == "黎老师"
    # Thanked only by the moderator, after an answer: a guest like the others.
    plain = make(
        QA.replace("谢谢黎老师，我是一名记者，", "").replace(
            "对，我觉得数据", "谢谢黎老师，我觉得数据"
        )
    )
    assert {x.name: x.role for x in plain.participants}.get("主持人") == MODERATOR


def test_a_guest_known_by_a_form_of_address_is_not_every_teacher() -> None:
    """赵老师 is 赵老师 and 赵总, never the bare 老师 of 各位老师 (its "given name")."""
    people = [Participant("赵老师", GUEST), Participant("主持人", MODERATOR)]
    text = "各位老师好，赵老师您先说，赵总也来，老师们"
    hits = [(h.who, text[h.start : h.end]) for h in NameMatcher(people).find(text)]
    assert hits == [("赵老师", "赵老师"), ("赵老师", "赵总")]


def test_a_session_of_called_up_speakers_has_a_host() -> None:
    """No roundtable in the title, nobody named in it: the people called up (有请X教授) give
    the talks, and whoever calls them is the session's unnamed host."""
    header = "# 2024某大会-医学论坛 - P8：挑战与应对策略 - 上传者 - BV1xx411c7mE\n\n"
    p = make(
        "尊敬的各位专家，接下来我们进入下一个专题，第一位讲者是韩教授，有请韩教授。\n\n"
        "谢谢主持人，我今天讲三个部分，第一是影像，第二是数据，第三是临床，影像这几年进步很大。\n\n"
        "好，谢谢韩教授的精彩报告，下面有请孟教授。\n\n"
        "谢谢，我今天讲的是心脏的建模，我们做了很多年的仿真，现在终于可以用到临床了。\n",
        header,
    )
    check_well_formed(p)
    roles = {x.name: x.role for x in p.participants}
    assert roles["主持人"] == HOST
    assert speaker_at(p, "第一位讲者是韩教授") == "主持人"
    assert speaker_at(p, "影像这几年进步很大") == "韩教授"
    assert speaker_at(p, "下面有请孟教授") == "主持人"
    assert speaker_at(p, "心脏的建模") == "孟教授"


def test_a_dean_is_a_form_of_address_too() -> None:
    """林院长 and 林老师 are one person, called up like the others."""
    found = found_in("好，要不有请林院长先说说？\n\n我觉得数据很重要。\n\n好的，谢谢林老师。\n")
    assert found == {"林院长": ("林老师",)}
