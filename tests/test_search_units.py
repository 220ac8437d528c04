"""Building blocks of search: folding with offset maps, pinyin splitting, names, query syntax."""

from __future__ import annotations

import pytest

from panel_tui.pinyin import split_pinyin
from panel_tui.search.folding import fold, fold_document
from panel_tui.search.kwic import kwic
from panel_tui.search.names import name_matches
from panel_tui.search.query import Term, parse


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("楊植麟說", "杨植麟说"),
        ("ＧＰＴ－４", "gpt-4"),
        ("Scaling　Law", "scaling law"),
        ("？", "?"),
    ],
)
def test_fold_is_one_to_one(raw, folded):
    assert fold(raw) == folded and len(fold(raw)) == len(raw)


def test_fold_document_drops_noise_and_pauses_but_maps_back():
    text = "好的 谢谢 杨植😀麟 and Scaling Law"
    emoji = text.index("😀")
    doc = fold_document(text, [(emoji, emoji + 1)])
    assert doc.text == "好的谢谢杨植麟 and scaling law"
    i = doc.text.index("杨植麟")
    assert doc.source_span(i, i + 3) == (text.index("杨"), text.index("麟") + 1)
    j = doc.text.index("scaling law")
    a, b = doc.source_span(j, j + 11)
    assert text[a:b] == "Scaling Law"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yangzhilin", (["yang", "zhi", "lin"], False)),
        ("yangzh", (["yang", "zh"], True)),
        ("xian", (["xian"], False)),
        ("yzl", None),
        ("gpt", None),
        ("杨", None),
    ],
)
def test_split_pinyin(typed, expected):
    assert split_pinyin(typed) == expected


@pytest.mark.parametrize(
    ("query", "name", "ok"),
    [
        ("杨植麟", "杨植麟", True),
        ("植麟", "杨植麟", True),
        ("志玲", "杨植麟", True),
        ("紫菱", "杨植麟", True),
        ("杨总", "杨植麟", True),
        ("yangzhilin", "杨植麟", True),
        ("yzl", "杨植麟", True),
        ("小川", "王小川", True),
        ("俊阳", "林俊旸", True),
        ("顺宇", "姚顺雨", True),
        ("张老师", "张鹏", True),
        ("王小川", "杨植麟", False),
        ("李总", "王小川", False),
        ("altman", "Sam Altman", True),
        ("", "王小川", False),
    ],
)
def test_name_matches(query, name, ok):
    assert name_matches(query, name) is ok


def test_parse_syntax():
    q = parse('\'exact !skip 模型 | 算法 @王小川 "scaling law"')
    assert q.groups == (
        (Term("exact", True),),
        (Term("模型"), Term("算法")),
        (Term("scaling law"),),
    )
    assert q.excludes == (Term("skip", True),)
    assert q.speakers == ("王小川",)


@pytest.mark.parametrize("prefix", ["!", "@", "'", "a |", '"', "| a"])
def test_every_prefix_parses(prefix):
    parse(prefix)


def test_kwic_context_and_marks():
    text = "0123456789abcdefghij"
    s = kwic(text, 10, 12, context=3, marks=[(14, 15)])
    assert s.text == "789abcde" and s.offset == 7
    assert s.marks == ((3, 5), (7, 8))
    assert s.cut_left and s.cut_right
    assert s.marked() == "…789[ab]cd[e]…"
