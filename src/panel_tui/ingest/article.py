"""Edited web article: ``Name:`` labelled paragraphs among headers, metadata and boilerplate."""

from __future__ import annotations

import re
from pathlib import Path

from panel_tui.ingest.bilibili_title import iso_date
from panel_tui.ingest.common import content_id, labelled_blocks
from panel_tui.ingest.labels import speaker_labels
from panel_tui.ingest.noise import noise_spans
from panel_tui.model import HEADING, META, NOTE, Block, PanelMeta, Participant, SourceDocument
from panel_tui.speakers.roles import infer_moderators

BREADCRUMB = re.compile(r"^(当前位置|您的位置|位置)\s*[:：]")
AUTHOR = re.compile(r"作者\s*[:：]\s*(?P<author>.+?)\s*(?:发布时间|时间|日期|来源|$)")
DATE = re.compile(r"(?P<y>20\d\d)[-./年](?P<m>\d{1,2})[-./月](?P<d>\d{1,2})")
FOOTER = re.compile(r"(Copyright|©|版权所有|ICP备|All rights reserved)", re.I)
BRACKET_NOTE = re.compile(r"^[【\[].*[】\]]$")
TERMINAL = '。！？!?；;…”"）)'
HEADING_MAX = 32
ARTICLE_SIGNS = (BREADCRUMB, AUTHOR, FOOTER, re.compile(r"^【.+】$", re.M))


_LINE_LABEL = re.compile(
    r"^[ \t]*([\u4e00-\u9fff·]{2,6}|[A-Z][A-Za-z.' -]{0,30}?)[ \t]*[:：]", re.M
)


def sniff(text: str) -> bool:
    """Article signs (breadcrumb, byline, footer, 【notes】) and at least two labelled speakers."""
    if not any(rx.search(text) for rx in ARTICLE_SIGNS):
        return False
    labels = [m.group(1) for m in _LINE_LABEL.finditer(text)]
    speakers = speaker_labels(labels)
    return len(set(speakers.values())) >= 2 and sum(lab in speakers for lab in labels) >= 4


def _date(line: str) -> str | None:
    m = DATE.search(line)
    if not m:
        return iso_date(line)
    return f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"


def read(path: Path, text: str) -> SourceDocument:
    hidden = noise_spans(text)
    raw, people = labelled_blocks(text, 0, len(text), hidden)
    blocks: list[Block] = []
    title = author = ""
    date = None
    current: str | None = None
    for b in raw:
        line = text[b.start : b.end]
        if b.speaker:
            current = b.speaker
            blocks.append(b)
        elif BREADCRUMB.match(line) or (FOOTER.search(line) and len(line) < 200):
            blocks.append(Block(b.start, b.end, META))
        elif AUTHOR.search(line) and len(line) < 120:
            author = AUTHOR.search(line).group("author").strip()
            date = date or _date(line)
            blocks.append(Block(b.start, b.end, META))
        elif BRACKET_NOTE.match(line):
            current = None  # a new section of the article starts
            blocks.append(Block(b.start, b.end, NOTE))
        elif len(line) <= HEADING_MAX and line[-1] not in TERMINAL and "\n" not in line:
            if not title and not any(x.speaker for x in blocks):
                title = line
            blocks.append(Block(b.start, b.end, HEADING))
        elif current is None:
            blocks.append(Block(b.start, b.end, NOTE))  # editorial text, nobody on stage said it
        else:
            blocks.append(b)
    roles = infer_moderators(text, blocks)
    participants = tuple(
        Participant(p.name, roles.get(p.name, p.role), source="label") for p in people
    )
    title = title or next((text[b.start : b.end] for b in blocks if b.kind == HEADING), path.stem)
    meta = PanelMeta(
        id=content_id("web", text),
        title=title,
        event=re.split(r"[:：]", title)[0],
        date=date,
        platform="web",
        author=author,
        full_title=title,
    )
    return SourceDocument(path, "article", text, meta, participants, tuple(blocks), tuple(hidden))
