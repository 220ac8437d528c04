"""``Name: text`` speaker labels: find them, tell them from headers and metadata, resolve them."""

from __future__ import annotations

import re
from collections import Counter

from panel_tui.ingest.names import given_name, is_chinese_name, is_latin_name, squash
from panel_tui.model import AUDIENCE, HOST, MODERATOR

LABEL = re.compile(
    r"(?P<label>[A-Z][A-Za-z.'’ -]{0,30}?|[\u4e00-\u9fff·]{2,6}|[A-Za-z][\w.'’ -]{0,30}?)"
    r"[ \t]*[:：][ \t]*"
)
# Label-shaped keys that are metadata or headings, never speakers.
NOT_SPEAKERS = {
    "作者",
    "来源",
    "编辑",
    "责编",
    "责任编辑",
    "原标题",
    "导语",
    "注",
    "备注",
    "时间",
    "发布时间",
    "当前位置",
    "地址",
    "链接",
    "标签",
    "关键词",
    "摘要",
    "图",
    "图片",
    "视频",
    "记者",
    "出品",
    "撰文",
    "title",
    "video id",
    "date",
    "source",
    "author",
    "url",
    "note",
    "tags",
    "http",
    "https",
}


# Labels that name a role rather than a person are still speakers.
ROLE_LABELS = {
    "主持人": MODERATOR,
    "主持": MODERATOR,
    "观众": AUDIENCE,
    "提问者": AUDIENCE,
    "Moderator": MODERATOR,
    "Host": HOST,
    "Audience": AUDIENCE,
    "Interviewer": MODERATOR,
}


def label_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """If the line ``text[start:end]`` opens with a label, return (label, body start)."""
    m = LABEL.match(text, start, end)
    if not m or m.end() >= end:
        return None
    label = squash(m.group("label"))
    if label.lower() in NOT_SPEAKERS or label.startswith("关于"):
        return None
    return label, m.end()


def speaker_labels(labels: list[str]) -> dict[str, str]:
    """Map each label that names a speaker to its full name.

    A label is a speaker when it looks like a person's name or recurs; a short label that
    uniquely names one known speaker (``大海`` → ``李大海``) resolves to that speaker.
    """
    counts = Counter(labels)
    full = {
        lab
        for lab, n in counts.items()
        if is_chinese_name(lab)
        or is_latin_name(lab)
        or lab in ROLE_LABELS
        or (n >= 2 and len(lab) <= 20)
    }
    out = {lab: lab for lab in full}
    for lab in counts:
        candidates = [
            f
            for f in full
            if f != lab and len(lab) < len(f) and (f.endswith(lab) or given_name(f) == lab)
        ]
        if len(candidates) == 1:
            out[lab] = candidates[0]
    return out
