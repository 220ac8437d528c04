"""The Bilibili ASR reader on the shipped files and on title shapes seen in the wild."""

from __future__ import annotations

import pytest

from panel_tui.ingest import read_document
from panel_tui.ingest.bilibili_title import parse_header
from panel_tui.model import GUEST, META, MODERATOR, SPEAKER, SPEECH

from .conftest import ASR_000, ASR_001, ASR_002


def roles(participants):
    return [(p.name, p.role) for p in participants]


def test_roundtable_000_metadata_and_participants():
    doc = read_document(ASR_000)
    m = doc.meta
    assert doc.format == "bilibili"
    assert m.id == "BV1HM4m1U7bM-p7"
    assert m.event == "2024北京智源大会-大模型产业技术"
    assert m.part == "P7"
    assert m.title == "圆桌讨论"
    assert m.uploader == "智源社区"
    assert m.source_id == "BV1HM4m1U7bM"
    assert m.platform == "bilibili"
    assert m.url == "https://www.bilibili.com/video/BV1HM4m1U7bM?p=7"
    assert roles(doc.participants) == [
        ("张一甲", MODERATOR),
        ("颜水成", GUEST),
        ("谢剑", GUEST),
        ("黄文灏", GUEST),
        ("万鹏飞", GUEST),
    ]


def test_dialogue_001_title_with_spaced_name_and_session():
    doc = read_document(ASR_001)
    assert doc.meta.id == "BV1uH4y1w77V-p5"
    assert doc.meta.title == "尖峰对话：通往AGI之路"
    assert doc.meta.event == "2024北京智源大会-开幕式及全体大会"
    assert roles(doc.participants) == [
        ("王仲远", MODERATOR),
        ("王小川", GUEST),
        ("张鹏", GUEST),  # written "张 鹏" in the title
        ("杨植麟", GUEST),
        ("李大海", GUEST),
    ]


def test_event_002_date_from_title_and_noise_hidden():
    doc = read_document(ASR_002)
    assert doc.meta.date == "2024-07-06"
    assert doc.meta.part == "P50"
    assert doc.meta.title == "创业与投资论坛—超级模型、超级应用、超级机遇"
    hidden = [doc.text[h.start : h.end] for h in doc.hidden]
    assert sum(h.startswith("![](img/") for h in hidden) == 22
    assert any("🎼" in h for h in hidden)
    assert any("😊" in h for h in hidden)
    # Hidden spans never reach into words: they hold only images and emoji.
    for h in hidden:
        assert h.startswith("![](") or all(not ("\u4e00" <= c <= "\u9fff") for c in h)


def test_header_is_meta_and_paragraphs_are_speech():
    doc = read_document(ASR_000)
    assert doc.blocks[0].kind == META
    assert doc.text[doc.blocks[0].start : doc.blocks[0].end].startswith("# 2024北京智源大会")
    speech = [b for b in doc.blocks if b.kind == SPEECH]
    assert len(speech) > 200
    assert doc.text[speech[0].start :].startswith("好的 谢谢 谢谢院长")
    for b in speech:
        chunk = doc.text[b.start : b.end]
        assert chunk == chunk.strip() and "\n\n" not in chunk


@pytest.mark.parametrize(
    ("rest", "title", "people"),
    [
        ("论坛背景与嘉宾介绍-林咏华", "论坛背景与嘉宾介绍", [("林咏华", SPEAKER)]),
        (
            "深度学习编译-从定制化资源分配到高性能代码生成-赵 捷",
            "深度学习编译-从定制化资源分配到高性能代码生成",
            [("赵捷", SPEAKER)],
        ),
        (
            "Unlocking Al Potential：David Edelsohn",
            "Unlocking Al Potential",
            [("David Edelsohn", SPEAKER)],
        ),
        (
            "健康信息学定量分析研究：张贺烨-主持人：马雷",
            "健康信息学定量分析研究",
            [("张贺烨", SPEAKER), ("马雷", MODERATOR)],
        ),
        (
            "意识是通向AGI的必由之路-主讲-嘉宾：刘 嘉 、提问嘉宾：罗欢",
            "意识是通向AGI的必由之路",
            [("刘嘉", SPEAKER), ("罗欢", GUEST)],
        ),
        (
            "主题讨论：通用人工智能-环节1：Fireside Chat-李开复-张亚勤",
            "Fireside Chat",
            [("李开复", GUEST), ("张亚勤", GUEST)],
        ),
        (
            # A keynote, then a dialogue with nobody chairing: the dialogue guest asks.
            "主题报告-多模态大模型-主旨演讲-Aditya Rameah-对话嘉宾-谢赛宁",
            "主题报告-多模态大模型",
            [("Aditya Rameah", SPEAKER), ("谢赛宁", MODERATOR)],
        ),
        (
            # ...but with a moderator named, 对话嘉宾 are the guests of the dialogue.
            "尖峰对话-主持人-王仲远-对话嘉宾-王小川-杨植麟",
            "尖峰对话",
            [("王仲远", MODERATOR), ("王小川", GUEST), ("杨植麟", GUEST)],
        ),
        ("圆桌讨论;主持人", "圆桌讨论", []),
        (
            "圆桌讨论- Multimodal Perception and Generation",
            "圆桌讨论- Multimodal Perception and Generation",
            [],
        ),
        (
            "网络驱动的大规模AI训练- 阿里云可预期网络HPN7",
            "网络驱动的大规模AI训练- 阿里云可预期网络HPN7",
            [],
        ),
        ("RISC-V+AI算力系统软件栈建设-谢 涛", "RISC-V+AI算力系统软件栈建设", [("谢涛", SPEAKER)]),
        ("20240706-创业与投资论坛—超级模型", "创业与投资论坛—超级模型", []),
    ],
)
def test_title_shapes(rest, title, people):
    info = parse_header(f"# 某大会-某论坛 - P3：{rest} - 上传者 - BV1xx411c7mD")
    assert info is not None
    assert info.title == title
    assert roles(info.participants) == people


def test_not_a_header():
    assert parse_header("# Just a markdown title") is None
    assert parse_header("2024北京智源大会 - P1：x - y - BV1xx411c7mD") is None
