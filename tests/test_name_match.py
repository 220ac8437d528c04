"""ASR-tolerant name matching: homophones, given names and forms of address."""

from __future__ import annotations

import pytest

from panel_tui.model import Participant
from panel_tui.speakers.name_match import FULL, GIVEN, TITLED, NameMatcher, same_person

PANEL_001 = [
    Participant("王仲远", "moderator"),
    Participant("王小川"),
    Participant("张鹏"),
    Participant("杨植麟"),
    Participant("李大海"),
]
PANEL_003 = [
    Participant("广觅", "moderator"),
    Participant("唐杰"),
    Participant("杨强"),
    Participant("林俊旸"),
    Participant("姚顺雨"),
]
PANEL_000 = [
    Participant("张一甲", "moderator"),
    Participant("颜水成"),
    Participant("谢剑"),
    Participant("黄文灏"),
    Participant("万鹏飞"),
]


def who(people: list[Participant], text: str) -> list[str]:
    return [h.who for h in NameMatcher(people).find(text)]


@pytest.mark.parametrize("written", ["志玲", "子琳", "指林", "紫菱", "植麟"])
def test_zhilin_homophones(written: str) -> None:
    assert who(PANEL_001, f"那{written}你怎么看") == ["杨植麟"]


@pytest.mark.parametrize(
    ("people", "written", "expected"),
    [
        (PANEL_000, "水城", "颜水成"),
        (PANEL_000, "水城师兄", "颜水成"),
        (PANEL_000, "彭飞", "万鹏飞"),
        (PANEL_000, "文昊", "黄文灏"),
        (PANEL_000, "文豪", "黄文灏"),
        (PANEL_003, "俊阳", "林俊旸"),
        (PANEL_003, "顺宇", "姚顺雨"),
        (PANEL_003, "顺语", "姚顺雨"),
    ],
)
def test_given_name_homophones(people: list[Participant], written: str, expected: str) -> None:
    assert who(people, f"来，{written}，") == [expected]


@pytest.mark.parametrize(
    ("people", "written", "expected", "kind"),
    [
        (PANEL_003, "唐老师", "唐杰", TITLED),
        (PANEL_003, "杨强教授", "杨强", TITLED),
        (PANEL_000, "谢总", "谢剑", TITLED),
        (PANEL_000, "万博士", "万鹏飞", TITLED),
        (PANEL_000, "严老师", "颜水成", TITLED),  # 严 for 颜: same toneless syllable
        (PANEL_001, "小川", "王小川", GIVEN),
        (PANEL_001, "张鹏", "张鹏", FULL),
    ],
)
def test_forms_of_address(
    people: list[Participant], written: str, expected: str, kind: str
) -> None:
    hits = NameMatcher(people).find(f"好，{written}，")
    assert [(h.who, h.kind) for h in hits] == [(expected, kind)]
    assert hits[0].end - hits[0].start == len(written)


def test_full_name_one_near_syllable() -> None:
    """ASR writes the moderator 张一甲 as 张英甲: one syllable off, same initial."""
    hits = NameMatcher(PANEL_000).find("我自己是甲子光年的创始人张英甲，")
    assert [(h.who, h.kind) for h in hits] == [("张一甲", FULL)]


def test_offsets_point_at_the_name() -> None:
    text = "今天我们请到，来自百川的谢总，"
    (hit,) = NameMatcher(PANEL_000).find(text)
    assert text[hit.start : hit.end] == "谢总"


def test_shared_forms_are_dropped() -> None:
    """王总 could be 王仲远 or 王小川: an ambiguous form names nobody."""
    assert who(PANEL_001, "王总，你好") == []
    assert who(PANEL_001, "仲远，你好") == ["王仲远"]


def test_thanks_reduplication_is_not_a_name() -> None:
    """谢谢院长 is thanks, not 谢院长 (谢剑)."""
    assert who(PANEL_000, "好的 谢谢 谢谢院长，") == []


def test_stuttered_given_name_is_a_name() -> None:
    """ASR repeats a syllable (对好小小川): the given name still counts, the stutter does not
    make 谢谢院长 a name."""
    assert who(PANEL_001, "对好小小川对我刚注意到这题") == ["王小川"]
    assert who(PANEL_000, "谢谢谢谢大家") == []


def test_unrelated_words_do_not_match() -> None:
    assert who(PANEL_003, "大模型的发展非常快，开源生态很好。") == []


def test_latin_names() -> None:
    people = [Participant("Andrew Ng"), Participant("李四")]
    assert who(people, "Thanks, andrew ng, 李四你说") == ["Andrew Ng", "李四"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("张一甲", "张英甲", True),
        ("申琛惠", "申真慧", True),
        ("杨植麟", "杨志玲", True),
        ("张鹏", "张帆", False),
        ("颜水成", "谢剑", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
