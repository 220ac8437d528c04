"""The YouTube caption dump and the edited article, on the shipped files."""

from __future__ import annotations

from panel_tui.ingest import read_document
from panel_tui.ingest.youtube import title_names
from panel_tui.model import GUEST, HEADING, META, MODERATOR, NOTE, SPEECH, Panel

from .conftest import ARTICLE_004, YOUTUBE_003


def test_youtube_metadata_and_participants():
    doc = read_document(YOUTUBE_003)
    assert doc.format == "youtube"
    m = doc.meta
    assert m.id == "yt-Y4jRSIIdmB8"
    assert m.url == "https://www.youtube.com/watch?v=Y4jRSIIdmB8"
    assert m.platform == "youtube"
    assert m.uploader == "华尔街现场"
    assert m.title.startswith("清华 AGI-Next 圆桌对话")
    people = [(p.name, p.role, p.source) for p in doc.participants]
    assert people == [
        ("广觅", MODERATOR, "self_intro"),
        ("唐杰", GUEST, "title"),
        ("杨强", GUEST, "title"),
        ("林俊旸", GUEST, "title"),
        ("姚顺雨", GUEST, "title"),
    ]


def test_youtube_long_line_becomes_readable_paragraphs_and_sentences():
    doc = read_document(YOUTUBE_003)
    speech = [b for b in doc.blocks if b.kind == SPEECH]
    assert len(speech) >= 40
    assert max(b.end - b.start for b in speech) < 1200
    body = doc.text[speech[0].start : speech[-1].end]
    assert len(body) > 23000
    sentences = Panel(doc).sentences
    assert len(sentences) > 300
    assert (
        doc.text[sentences[0].start : sentences[0].end]
        == "Hello Hello 我是接下来拍拢的主持人广觅。"
    )
    assert all(s.end - s.start <= 400 for s in sentences)


def test_title_names_cut_the_last_name_out_of_the_sentence():
    assert title_names("圆桌对话：唐杰，杨强，林俊旸和姚顺雨都说了什么干货？") == [
        "唐杰",
        "杨强",
        "林俊旸",
        "姚顺雨",
    ]
    assert title_names("一场没有名字的对话") == []


def test_article_metadata():
    doc = read_document(ARTICLE_004)
    assert doc.format == "article"
    assert doc.meta.date == "2024-06-15"
    assert doc.meta.author == "华尔街见闻"
    assert doc.meta.title == "“AI春晚”智源大会首日:最重要的公司们谈论最关键的AI话题"
    assert doc.meta.platform == "web"
    assert doc.meta.id.startswith("web-")


def test_article_labels_resolve_short_names_and_skip_non_speakers():
    doc = read_document(ARTICLE_004)
    names = {p.name for p in doc.participants}
    assert names == {"李开复", "张亚勤", "杨植麟", "王小川", "张鹏", "李大海", "黄铁军", "王仲远"}
    roles = {p.name: p.role for p in doc.participants}
    assert roles["黄铁军"] == MODERATOR and roles["王仲远"] == MODERATOR
    assert roles["杨植麟"] == GUEST

    def block_of(snippet):
        i = doc.text.index(snippet)
        return next(b for b in doc.blocks if b.start <= i < b.end)

    # Short labels resolve to the unique full name.
    assert block_of("大海:会继续有价格战").speaker == "李大海"
    assert block_of("仲远:关于AGI的定义").speaker == "王仲远"
    # Section headers, metadata, breadcrumb, notes and footer are not speakers.
    assert block_of("关于开源:带来正收益").kind == HEADING
    assert block_of("关于Scaling Law:一段时间内仍然有效").kind == HEADING
    assert block_of("作者:华尔街见闻").kind == META
    assert block_of("当前位置:首页").kind == META
    assert block_of("【以下为华尔街见闻整理的要点】").kind == NOTE
    assert block_of("Copyright").kind == META
    # The body of a labelled paragraph starts after the label.
    b = block_of("李大海:我个人是数学专业毕业的")
    assert doc.text[b.body.start :].startswith("我个人是数学专业毕业的")


def test_article_labelled_turns_and_continuations():
    panel = Panel(read_document(ARTICLE_004))
    turns = panel.turns
    assert all(t.method == "label" and t.confidence == 1.0 for t in turns)
    text = panel.text
    # An unlabelled paragraph after a labelled one continues that speaker's turn.
    i = text.index("第二个,也一定程度上在短期内需要一些量化")
    owner = next(t for t in turns if t.start <= i < t.end)
    assert owner.speaker == "杨植麟"
    # The lede before any label is editorial, not a turn.
    lede = text.index("一年一度的中国“AI春晚”")
    assert not any(t.start <= lede < t.end for t in turns)
    last = text.index("王仲远:谢谢各位CEO")
    assert next(t for t in turns if t.start <= last + 5 < t.end).speaker == "王仲远"
