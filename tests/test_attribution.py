"""Speaker attribution on small hand-written transcripts: one test per kind of cue."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_tui.ingest import parse_text
from panel_tui.model import AUDIENCE, HOST, MODERATOR, SPEECH, Panel, Turn
from panel_tui.speakers.attribution import attribute
from panel_tui.speakers.participants import panel_participants
from panel_tui.speakers.stats import speaker_stats

HEADER = (
    "# 2024某大会-论坛 - P3：圆桌讨论：主持人：张三-嘉宾：李四-王五 - 上传者 - BV1xx411c7mD\n\n"
)
METHODS = {"label", "title", "cue", "continuation", "self_intro", "unknown", "correction"}


def make(body: str, header: str = HEADER) -> Panel:
    return Panel(parse_text(Path("x.md"), header + body))


def speaker_at(p: Panel, snippet: str) -> str:
    pos = p.text.index(snippet)
    for t in p.turns:
        if t.start <= pos < t.end:
            return t.speaker
    raise AssertionError(f"{snippet!r} is in no turn")


def turn_at(p: Panel, snippet: str) -> Turn:
    pos = p.text.index(snippet)
    return next(t for t in p.turns if t.start <= pos < t.end)


def check_well_formed(p: Panel) -> None:
    speech = [b for b in p.doc.blocks if b.kind == SPEECH]
    names = {q.name for q in p.participants} | {"unknown"}
    last = -1
    for t in p.turns:
        assert last <= t.start < t.end
        last = t.end
        assert t.method in METHODS
        assert 0.0 <= t.confidence <= 1.0
        assert t.speaker in names
        assert any(b.start <= t.start < b.end for b in speech), "a turn starts outside speech"


def test_moderator_names_the_next_speaker() -> None:
    p = make(
        "大家好，欢迎来到今天的圆桌。第一个问题，来，李四，你怎么看？\n\n"
        "对，我觉得大模型还有很大的空间，我们今年做了很多尝试，这是我的看法。\n\n"
        "明白，那王五你怎么看？\n\n"
        "我补充一点，数据非常重要，尤其是高质量的数据。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "大家好") == "张三"
    assert speaker_at(p, "我觉得大模型") == "李四"
    assert turn_at(p, "我觉得大模型").method == "cue"
    assert speaker_at(p, "明白，那王五") == "张三"
    assert speaker_at(p, "数据非常重要") == "王五"


def test_handoff_in_the_middle_of_a_paragraph() -> None:
    """ASR paragraphs ignore speakers: thanks + the next name split one paragraph."""
    p = make(
        "我们先请李四讲讲，李四你先说吧。\n\n"
        "好的，我觉得开源会越来越重要，这是我的理解，好，谢谢李四，王五你怎么看，"
        "对，我比较同意，但是我觉得闭源也有它的价值。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "开源会越来越重要") == "李四"
    assert speaker_at(p, "王五你怎么看") == "张三"
    assert speaker_at(p, "闭源也有") == "王五"
    # The hand-off falls at a clause boundary, not at the paragraph.
    assert turn_at(p, "闭源也有").start == p.text.index("对，我比较同意")


def test_acknowledgement_closes_a_guest_turn() -> None:
    p = make(
        "来，王五，你怎么看这个问题？\n\n"
        "我觉得这个问题要分两个层面来看，第一是技术，第二是产品，"
        "技术上我们已经看到很多进展了，产品上还需要时间。理解，"
        "所以我们下一个问题，想问问各位对价格战怎么看？\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "技术上我们已经") == "王五"
    assert speaker_at(p, "所以我们下一个问题") == "张三"
    assert turn_at(p, "所以我们下一个问题").start == p.text.index("理解，所以")


def test_guest_refers_to_the_previous_speaker() -> None:
    """An answer that opens by agreeing with 李四 is not 李四's."""
    p = make("李四，你先说说？\n\n对，我觉得数据最重要。\n\n我赞同李四的观点，另外算力也很关键。\n")
    check_well_formed(p)
    assert speaker_at(p, "我觉得数据最重要") == "李四"
    assert speaker_at(p, "另外算力也很关键") == "王五"


def test_affiliation_named_by_the_moderator_identifies_the_guest() -> None:
    """来自百川的李总 ties 百川 to 李四; 我们百川 later speaks for him."""
    p = make(
        "我们先请来自百川的李总谈一谈，你怎么看？\n\n"
        "对，我觉得模型能力是核心，这是我的看法。\n\n"
        "好的，那再说一个问题，开源和闭源怎么选？\n\n"
        "我们百川一直是开源和闭源都做，开源帮助生态，闭源服务客户。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "模型能力是核心") == "李四"
    assert speaker_at(p, "我们百川一直是") == "李四"


def test_audience_questions_after_the_floor_opens() -> None:
    p = make(
        "李四，你怎么看开源？\n\n"
        "我觉得开源很重要，谢谢。\n\n"
        "好，时间差不多了，大家可以举手提问。好，那位先生，"
        "我想请教一下李四老师，开源模型怎么赚钱呢，谢谢。\n\n"
        "好的问题，我觉得开源主要是帮助生态，商业化靠服务。\n"
    )
    check_well_formed(p)
    roles = {q.name: q.role for q in p.participants}
    assert roles.get("观众") == AUDIENCE
    assert speaker_at(p, "开源模型怎么赚钱") == "观众"
    assert speaker_at(p, "商业化靠服务") == "李四"
    assert speaker_at(p, "大家可以举手提问") == "张三"


def test_no_audience_without_questions_from_the_floor() -> None:
    p = make("李四，你怎么看？\n\n我觉得很好，谢谢。\n")
    assert all(q.role != AUDIENCE for q in p.participants)


def test_self_introduced_guests_of_an_untitled_roundtable() -> None:
    header = "# 2024某大会-数据论坛 - P9：圆桌讨论 - 上传者 - BV1xx411c7mD\n\n"
    p = make(
        "各位嘉宾好，我们请各位先做个自我介绍，从左边开始吧。\n\n"
        "大家好，我是来自南方电网公司的陈冰，主要负责数据治理的工作。\n\n"
        "好的，谢谢，下一位。\n\n"
        "大家好，我是来自中国航信的赵玉霞，我们主要做航空数据。\n",
        header,
    )
    check_well_formed(p)
    people = {q.name: (q.role, q.source) for q in p.participants}
    assert people["陈冰"] == ("guest", "self_intro")
    assert people["赵玉霞"] == ("guest", "self_intro")
    assert any(role == MODERATOR for role, _ in people.values())
    assert turn_at(p, "我是来自南方电网").speaker == "陈冰"
    assert turn_at(p, "我是来自南方电网").method == "self_intro"
    assert speaker_at(p, "我们主要做航空数据") == "赵玉霞"


def test_self_introduced_moderator_and_asr_alias() -> None:
    """The moderator introduces herself under an ASR spelling of the title's name."""
    p = make(
        "大家好，我是今天圆桌的主持人张山，很高兴和大家交流。李四你先说？\n\n我觉得今年变化很大。\n"
    )
    mod = next(q for q in p.participants if q.role == MODERATOR)
    assert mod.name == "张三"
    assert "张山" in mod.aliases
    assert [q.name for q in p.participants][:3] == ["张三", "李四", "王五"]


def test_event_mc_is_a_host() -> None:
    header = "# 2024世界人工智能大会 - P50：创业与投资论坛 - 上传者 - BV1xx411c7mD\n\n"
    p = make(
        "尊敬的各位来宾，大家下午好。我是上海电视台的主持人黄伟，非常高兴见到大家。"
        "下面有请第一位嘉宾。\n\n"
        "大家好，我是来自智谱AI的张帆，今天分享大模型的进展。\n",
        header,
    )
    people = {q.name: q.role for q in p.participants}
    assert people["黄伟"] == HOST
    assert people["张帆"] == "guest"
    assert speaker_at(p, "尊敬的各位来宾") == "黄伟"
    assert speaker_at(p, "今天分享大模型") == "张帆"


def test_no_participants_means_unknown() -> None:
    header = "# 2024某大会-论坛 - P2：开场 - 上传者 - BV1xx411c7mD\n\n"
    p = make("今天天气很好。\n\n我们开始吧。\n", header)
    assert p.participants == ()
    assert {t.speaker for t in p.turns} == {"unknown"}
    assert {t.method for t in p.turns} == {"unknown"}


def test_single_speaker_talk() -> None:
    header = "# 2024北京智源大会-AI系统 - P3：AI系统的重要问题-袁进辉 - 智源社区 - BV1DS411w7EG\n\n"
    p = make("大家好，今天我讲三个问题。\n\n第一个是算力。\n", header)
    assert [t.speaker for t in p.turns] == ["袁进辉"]


def test_corrections_always_win() -> None:
    body = "来，李四，你怎么看？\n\n我觉得很好，我们做了很多工作。\n"
    p = make(body)
    start = p.text.index("我们做了")
    end = start + len("我们做了很多工作。")
    fixed = Panel(p.doc, corrections=((start, end, "王五"),))
    t = turn_at(fixed, "我们做了")
    assert (t.speaker, t.method, t.confidence) == ("王五", "correction", 1.0)
    assert speaker_at(fixed, "我觉得很好") == "李四"
    check_well_formed(fixed)


def test_labels_are_never_overridden() -> None:
    text = (
        "某文章标题\n\n"
        "张三：来，李四，你怎么看？\n\n"
        "李四：我觉得很好。明白，那王五你怎么看？\n\n"
        "王五：我赞同李四。\n"
    )
    doc = parse_text(Path("x.txt"), text)
    if not any(b.speaker for b in doc.blocks):
        pytest.skip("the generic reader does not label this layout")
    turns = attribute(doc, panel_participants(doc))
    labelled = [t for t in turns if t.method == "label"]
    assert labelled and all(t.confidence == 1.0 for t in labelled)
    # "明白，那王五你怎么看" sits inside 李四's labelled paragraph and stays his.
    pos = text.index("明白，那王五")
    assert next(t for t in turns if t.start <= pos < t.end).speaker == "李四"


def test_speaker_stats_share_and_turns() -> None:
    p = make(
        "来，李四，你怎么看？\n\n我觉得很好，我们做了很多工作，这是我的看法。\n\n明白，王五呢？\n"
    )
    stats = speaker_stats(p)
    assert abs(sum(s.share for s in stats.values()) - 1.0) < 1e-9
    assert stats["李四"].turns == 1
    assert stats["张三"].turns == 2
    assert stats["李四"].chars == len("我觉得很好，我们做了很多工作，这是我的看法。")


def test_guests_known_only_by_title_are_called_on() -> None:
    """An untitled roundtable: the moderator calls on 赵老师 and 曾老师; they become guests."""
    header = "# 2024某大会-大语言模型 - P8：圆桌讨论 - 上传者 - BV1xx411c7mD\n\n"
    p = make(
        "首先我想问各位嘉宾，大模型的能力为什么会有代际差？要不有请赵老师先说。\n\n"
        "好的，非常感谢，我觉得关键是数据和算力，这是我的看法。\n\n"
        "明白，那曾老师你怎么看？\n\n"
        "我补充一点，算法的进步也很重要。\n",
        header,
    )
    check_well_formed(p)
    people = {q.name: (q.role, q.source) for q in p.participants}
    assert people["赵老师"] == ("guest", "text")
    assert people["曾老师"] == ("guest", "text")
    assert speaker_at(p, "关键是数据和算力") == "赵老师"
    assert speaker_at(p, "算法的进步") == "曾老师"
    assert speaker_at(p, "明白，那曾老师") == "主持人"


def test_bare_two_character_self_reference_is_not_a_name() -> None:
    header = "# 2024某大会-论坛 - P6：圆桌讨论 - 上传者 - BV1xx411c7mD\n\n"
    p = make("我们开始吧。\n\n我是乐观，我觉得会越来越好。\n", header)
    assert "乐观" not in {q.name for q in p.participants}
