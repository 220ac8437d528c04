"""YouTube caption dump: ``Title:`` / ``Video ID:`` / ``====`` then one very long line."""

from __future__ import annotations

import re
from pathlib import Path

from panel_tui.ingest.bilibili_title import iso_date
from panel_tui.ingest.blocks import trim
from panel_tui.ingest.names import is_chinese_name, squash
from panel_tui.ingest.noise import noise_spans
from panel_tui.ingest.sentences import sentence_spans
from panel_tui.model import (
    GUEST,
    META,
    MODERATOR,
    SPEECH,
    Block,
    PanelMeta,
    Participant,
    SourceDocument,
)

_TITLE = re.compile(r"^Title:[ \t]*(?P<v>.*)$", re.M)
_VIDEO = re.compile(r"^Video ID:[ \t]*(?P<v>[\w-]+)[ \t]*$", re.M)
_RULE = re.compile(r"^={4,}[ \t]*$", re.M)
_HEAD_LIMIT = 4000
_LIST_SEP = re.compile(r"[，、,]|和|与|及")
_HOST_INTRO = re.compile(r"我是[^。，,！？!?\n]{0,24}?主持人[，, ]?(?P<name>[\u4e00-\u9fff]{2,3})")
PARAGRAPH_CHARS = 240


def _header(text: str) -> tuple[re.Match[str], re.Match[str], re.Match[str]] | None:
    """``Title:``, then ``Video ID:``, then a ``====`` rule, in that order, near the top."""
    head = text[:_HEAD_LIMIT]
    title = _TITLE.search(head)
    video = title and _VIDEO.search(head, title.end())
    rule = video and _RULE.search(head, video.end())
    return (title, video, rule) if title and video and rule else None


def sniff(text: str) -> bool:
    return _header(text) is not None


def title_names(title: str) -> list[str]:
    """``…圆桌对话：唐杰，杨强，林俊旸和姚顺雨都说了什么干货？`` → the four names."""
    tail = re.split(r"[：:]", title)[-1]
    tail = re.split(r"[？?｜|！!]", tail)[0]
    tokens = [squash(t) for t in _LIST_SEP.split(tail) if t.strip()]
    names: list[str] = []
    for i, tok in enumerate(tokens):
        if is_chinese_name(tok):
            names.append(tok)
        elif names and i == len(tokens) - 1:
            # The last name of a list runs into the rest of the sentence: "姚顺雨都说了".
            for n in (3, 2):
                if is_chinese_name(tok[:n]):
                    names.append(tok[:n])
                    break
    return names if len(names) >= 2 else []


def read_meta(path: Path, text: str) -> tuple[PanelMeta, tuple[Participant, ...]]:
    """Metadata from the three header lines; people from the title and the host's intro."""
    found = _header(text)
    assert found, "sniff() accepted a file without the header"
    title_m, video_m, rule_m = found
    full_title = title_m.group("v").strip()
    title, _, uploader = full_title.partition("｜")
    if not uploader:
        title, _, uploader = full_title.partition("|")
    vid = video_m.group("v")
    people = [Participant(n, GUEST, source="title") for n in title_names(title)]
    m = _HOST_INTRO.search(text, rule_m.end(), rule_m.end() + 3000)
    if m:
        people.insert(0, Participant(m.group("name"), MODERATOR, source="self_intro"))
    meta = PanelMeta(
        id=f"yt-{vid}",
        title=title.strip(),
        event=re.split(r"[：:]", title)[0].strip(),
        date=iso_date(full_title),
        platform="youtube",
        url=f"https://www.youtube.com/watch?v={vid}",
        uploader=uploader.strip(),
        source_id=vid,
        full_title=full_title,
    )
    return meta, tuple(people)


def read(path: Path, text: str) -> SourceDocument:
    meta, people = read_meta(path, text)
    found = _header(text)
    assert found
    title_m, _, rule_m = found
    body_start = rule_m.end()
    hidden = noise_spans(text, body_start)
    blocks = [Block(title_m.start(), rule_m.end(), META)]
    # One caption line: group its sentences into readable paragraphs.
    para: list[int] | None = None
    for sp in sentence_spans(text, body_start, len(text)):
        if para is None:
            para = [sp.start, sp.end]
        else:
            para[1] = sp.end
        size = para[1] - para[0]
        ends = text[para[1] - 1] in "。？！?!"
        if size >= PARAGRAPH_CHARS or (size >= PARAGRAPH_CHARS * 2 // 3 and ends):
            blocks.append(Block(*trim(text, para[0], para[1]), SPEECH))
            para = None
    if para:
        blocks.append(Block(*trim(text, para[0], para[1]), SPEECH))
    return SourceDocument(path, "youtube", text, meta, people, tuple(blocks), tuple(hidden))
