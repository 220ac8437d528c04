"""Bad input never stops a corpus from loading, and offsets always index the decoded text."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel_tui import load_corpus
from panel_tui.ingest import UndecodableError, decode_bytes, detect_format, parse_text
from panel_tui.model import Panel

from .conftest import ASR_000, BAAI24, CORPUS

SAMPLE = "# 2024某大会-某论坛 - P2：圆桌讨论：主持人：张三-嘉宾：李四 - 上传者 - BV1xx411c7mD\n\n好，谢谢李四。\n\n我觉得这个问题很好。\n"


def write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p


def test_bad_files_are_skipped_with_one_line_warnings(tmp_path):
    shutil.copy(ASR_000, tmp_path / "good.txt")
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.md", b"   \n\n  \n")
    write(tmp_path, "binary.txt", bytes(range(256)) * 40)
    write(tmp_path, "ignored.pdf", b"%PDF-1.4 not a transcript")
    corpus = load_corpus(tmp_path)
    assert [p.path.name for p in corpus.panels] == ["good.txt"]
    assert len(corpus.warnings) == 3
    for w in corpus.warnings:
        assert "\n" not in w
    joined = " ".join(corpus.warnings)
    assert "empty.txt: empty file" in joined
    assert "blank.md: empty file" in joined
    assert "binary.txt: binary file" in joined


def test_encodings_gb18030_bom_utf16_crlf(tmp_path):
    text = SAMPLE
    write(tmp_path, "gb.txt", text.encode("gb18030"))
    write(
        tmp_path, "bom.txt", codecs.BOM_UTF8 + text.replace("BV1xx411c7mD", "BV1yy411c7mD").encode()
    )
    write(tmp_path, "u16.txt", text.replace("BV1xx411c7mD", "BV1zz411c7mD").encode("utf-16"))
    write(
        tmp_path,
        "crlf.txt",
        text.replace("BV1xx411c7mD", "BV1ww411c7mD").replace("\n", "\r\n").encode(),
    )
    corpus = load_corpus(tmp_path)
    assert corpus.warnings == []
    assert len(corpus.panels) == 4
    for p in corpus.panels:
        assert p.title == "圆桌讨论"
        assert [x.name for x in p.participants][:2] == ["张三", "李四"]
        assert "\r" not in p.text and "\ufeff" not in p.text
        assert p.text.endswith("我觉得这个问题很好。\n")


def test_decode_reports_the_encoding():
    assert decode_bytes("中文".encode("gb18030"))[1] == "gb18030"
    assert decode_bytes(codecs.BOM_UTF8 + b"x")[1] == "utf-8-sig"
    assert decode_bytes("x".encode("utf-16"))[1] == "utf-16"
    with pytest.raises(UndecodableError, match="empty"):
        decode_bytes(b"")
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"\x00\x01\x02abc")


def test_five_megabyte_single_line(tmp_path):
    line = ("这是一个很长的句子，没有换行" * 10 + "。") * 36000
    assert len(line.encode()) > 5_000_000
    write(tmp_path, "huge.txt", line.encode())
    corpus = load_corpus(tmp_path)
    (panel,) = corpus.panels
    assert panel.doc.format == "text"
    sentences = panel.sentences
    assert len(sentences) >= 36000
    assert sentences[-1].end == len(panel.text)


def test_detection_is_by_content_not_name(tmp_path):
    youtube = (CORPUS / "003_c9c55d6e56e0590a.txt").read_text(encoding="utf-8")
    write(tmp_path, "looks_like_bilibili_BV1xx411c7mD.md", youtube.encode())
    (panel,) = load_corpus(tmp_path).panels
    assert panel.doc.format == "youtube"
    assert detect_format("Alice: hi\n\nBob: hello\n") == "text"


def test_generic_reader_english_and_chinese_labels():
    text = "Panel on tools\n\nAlice Smith: Hello and welcome.\n\nBob Jones: Thanks.\nMore from Bob.\n\n主持人：大家好\n"
    doc = parse_text(Path("x.txt"), text)
    assert doc.format == "text"
    names = [p.name for p in doc.participants]
    assert names == ["Alice Smith", "Bob Jones", "主持人"]
    assert doc.participants[2].role == "moderator"
    turns = Panel(doc).turns
    bob = next(t for t in turns if t.speaker == "Bob Jones")
    assert text[bob.start : bob.end] == "Thanks.\nMore from Bob."


def test_duplicate_sessions_get_distinct_ids(tmp_path):
    shutil.copy(ASR_000, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(
        ASR_000.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8"
    )
    ids = [p.id for p in load_corpus(tmp_path).panels]
    assert ids == ["BV1HM4m1U7bM-p7", "BV1HM4m1U7bM-p7~2"]


def check_offsets(panel: Panel) -> None:
    n = len(panel.text)
    for seq in (panel.paragraphs, panel.sentences, panel.turns, panel.doc.hidden):
        prev_end = 0
        for item in seq:
            assert 0 <= item.start < item.end <= n
            assert item.start >= prev_end
            prev_end = item.end


def test_shipped_offsets_are_in_range_ordered_and_disjoint(corpus):
    for panel in corpus.panels:
        check_offsets(panel)
        for s in panel.sentences:
            assert panel.text[s.start : s.end].strip() == panel.text[s.start : s.end]


_PIECES = st.sampled_from(
    [
        "# 2024大会-论坛 - P1：圆桌讨论：主持人：张三-嘉宾：李四 - 上传者 - BV1xx411c7mD\n",
        "Title: 访谈：王五和赵六\nVideo ID: abcdefghijk\n=====\n",
        "李四：",
        "Alice: ",
        "作者:某某发布时间:2024-06-15\n",
        "【以下为实录】\n",
        "关于开源:带来正收益\n",
        "![](img/x.png)\n",
        "🎼😊",
        "。",
        "，",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "好的，谢谢。",
        "我觉得",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=40))
def test_ingest_never_raises_and_offsets_hold(pieces):
    text = "".join(pieces)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = parse_text(Path("prop.txt"), text)
    check_offsets(Panel(doc))


@pytest.mark.skipif(not BAAI24.is_dir(), reason=f"extra corpus not present at {BAAI24}")
def test_baai24_loads_with_a_title_for_every_file():
    corpus = load_corpus(BAAI24)
    assert corpus.warnings == []
    assert len(corpus.panels) == 88
    assert len({p.id for p in corpus.panels}) == 88
    for panel in corpus.panels:
        assert panel.title.strip(), panel.path
        assert panel.meta.event.startswith("2024北京智源大会"), panel.path
        check_offsets(panel)


def test_lazy_documents_match_eager_parsing(corpus):
    from panel_tui.ingest import LazyDocument, read_document

    lazy_count = 0
    for panel in corpus.panels:
        eager = read_document(panel.path)
        doc = panel.doc
        if isinstance(doc, LazyDocument):
            lazy_count += 1
            assert "full" not in doc.__dict__ or doc.full  # parsed only on demand
        assert doc.meta == eager.meta
        assert doc.participants == eager.participants
        assert doc.blocks == eager.blocks
        assert doc.hidden == eager.hidden
    assert lazy_count == 4  # the article is parsed at load: its speakers come from labels


def test_loading_does_not_parse_bodies(tmp_path):
    shutil.copy(ASR_000, tmp_path / "a.txt")
    (panel,) = load_corpus(tmp_path).panels
    assert "full" not in panel.doc.__dict__
    assert panel.meta.title == "圆桌讨论" and len(panel.participants) >= 5
    assert panel.paragraphs  # first use parses
    assert "full" in panel.doc.__dict__
