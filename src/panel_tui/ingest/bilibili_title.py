"""Parse a Bilibili header line: event, part, session title, uploader, BV id, who is on stage.

``# 2024北京智源大会-… - P7：圆桌讨论：主持人：张一甲-嘉宾：颜水成-谢剑 - 智源社区 - BV…``
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from panel_tui.ingest.names import is_chinese_name, is_name, squash
from panel_tui.model import GUEST, MODERATOR, SPEAKER, Participant

HEADER = re.compile(r"^#\s*(?P<body>.+?)\s+-\s+(?P<bv>BV[0-9A-Za-z]{10})\s*$")
PART = re.compile(r"^P(?P<n>\d+)\s*[：:]\s*(?P<rest>.*)$")
DATE = re.compile(r"(?<!\d)(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
# A role marker must be followed by a separator: "嘉宾介绍" is not a marker.
ROLE = re.compile(
    r"(?P<role>对话嘉宾|主讲嘉宾|提问嘉宾|演讲嘉宾|特邀嘉宾|主旨演讲|主持人|主持|嘉宾|主讲)\s*(?:[：:\-—]+|$)"
)
ROLES = {
    "主持人": MODERATOR,
    "主持": MODERATOR,
    "嘉宾": GUEST,
    "对话嘉宾": GUEST,
    "特邀嘉宾": GUEST,
    "提问嘉宾": GUEST,
    "主讲嘉宾": SPEAKER,
    "主讲": SPEAKER,
    "主旨演讲": SPEAKER,
    "演讲嘉宾": SPEAKER,
}
NAME_SEP = re.compile(r"\s*(?:[-—、，,；;／/]|\s和\s|和(?=[\u4e00-\u9fff]{2,3}$))\s*")
TAIL_SEP = re.compile(r"(?:\s*[-—]+\s*|\s*[：:；;]\s*)")
LEADING_DATE = re.compile(r"^20\d{6}\s*[-—：:]*\s*")
SESSION = re.compile(r"环节\s*\d+\s*[：:]\s*")


@dataclass(frozen=True)
class BilibiliTitle:
    event: str
    part: str
    title: str
    uploader: str
    bv: str
    date: str | None
    participants: tuple[Participant, ...]
    full_title: str


def iso_date(text: str) -> str | None:
    m = DATE.search(text)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _names(chunk: str) -> list[str]:
    out = []
    for piece in NAME_SEP.split(chunk.strip(" -—：:、，,")):
        piece = squash(piece.strip(" -—：:"))
        if piece and is_name(piece):
            out.append(piece)
    return out


def _split_tail(title: str) -> tuple[str, list[str]]:
    """Peel trailing ``-Name`` / ``：Name`` pieces off a title that has no role words."""
    title = title.strip(" -—")
    tail: list[str] = []
    while True:
        seps = list(TAIL_SEP.finditer(title))
        if not seps:
            break
        sep = seps[-1]
        piece = squash(title[sep.end() :].strip())
        latin_ok = any(c in sep.group() for c in ":：;；")
        if piece and (is_chinese_name(piece) or (latin_ok and is_name(piece))):
            tail.append(piece)
            title = title[: sep.start()].rstrip(" -—")
        else:
            break
    return title, tail[::-1]


def parse_rest(rest: str) -> tuple[str, list[Participant]]:
    """Split ``圆桌讨论：主持人：A-嘉宾：B-C`` into the session title and its participants."""
    people: list[Participant] = []
    seen: set[str] = set()

    def add(name: str, role: str) -> None:
        if name not in seen:
            seen.add(name)
            people.append(Participant(name, role, source="title"))

    markers = list(ROLE.finditer(rest))
    title, tail = _split_tail(rest[: markers[0].start()] if markers else rest)
    tail_role = SPEAKER if len(tail) == 1 else GUEST
    for name in tail:
        add(name, tail_role)
    role = None
    marker = ""
    in_dialogue: set[str] = set()  # named as 对话嘉宾
    for i, m in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(rest)
        chunk = rest[m.end() : end]
        # "主讲-嘉宾：刘嘉": a marker right before another one gives its role to the next names.
        role = role or ROLES[m.group("role")]
        marker = marker or m.group("role")
        names = _names(chunk)
        for name in names:
            add(name, role)
            if marker == "对话嘉宾":
                in_dialogue.add(name)
        if chunk.strip(" -—：:、，,"):
            role, marker = None, ""
    roles = {p.role for p in people}
    if SPEAKER in roles and MODERATOR not in roles and in_dialogue:
        # 主旨演讲-X-对话嘉宾-Y with nobody to chair: Y puts the questions to the speaker.
        people = [
            Participant(p.name, MODERATOR, source="title") if p.name in in_dialogue else p
            for p in people
        ]
    title = LEADING_DATE.sub("", title.strip(" -—：:;；"))
    short = SESSION.split(title)[-1].strip(" -—：:") if SESSION.search(title) else title
    return short or title, people


def parse_header(line: str) -> BilibiliTitle | None:
    m = HEADER.match(line.strip())
    if not m:
        return None
    fields = [f.strip() for f in re.split(r"\s+-\s+", m.group("body"))]
    event = fields[0]
    uploader = fields[-1] if len(fields) >= 3 else ""
    middle = " - ".join(fields[1:-1] if len(fields) >= 3 else fields[1:])
    part, rest = "", middle
    pm = PART.match(middle)
    if pm:
        part, rest = f"P{pm.group('n')}", pm.group("rest")
    title, people = parse_rest(rest)
    return BilibiliTitle(
        event=event,
        part=part,
        title=title or event,
        uploader=uploader,
        bv=m.group("bv"),
        date=iso_date(rest) or iso_date(event),
        participants=tuple(people),
        full_title=line.strip().lstrip("#").strip(),
    )
