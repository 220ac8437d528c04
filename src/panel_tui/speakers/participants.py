"""Who is on stage: the title's people, self-introductions, the event's MC and the audience.

Titles name the moderator and guests when the uploader bothered; roundtables titled just
``圆桌讨论`` only reveal their people in the text (``我是来自南方电网的陈冰``). A self-introduced
name that sounds like a title participant (张英甲 for 张一甲) is an ASR alias, not a new person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from panel_tui.ingest.names import _SINGLE as SURNAMES
from panel_tui.ingest.names import is_chinese_name
from panel_tui.model import (
    AUDIENCE,
    GUEST,
    HOST,
    MODERATOR,
    SPEAKER,
    SPEECH,
    Participant,
    SourceDocument,
)
from panel_tui.speakers.name_match import same_person

AUDIENCE_NAME = "观众"
UNNAMED_MODERATOR = "主持人"

_NAME = r"[\u4e00-\u9fff]{2,4}"
# "我是上海广播电视台第一财经的主持人黄伟", "我是接下来拍拢的主持人广觅"
_HOST_INTRO = re.compile(
    r"我是(?P<pre>[^。，,！？!?\n]{0,24}?)主持人[，, ]?(?P<name>" + _NAME + ")"
)
# "我是来自南方电网公司数字化部的陈冰", "我是西智智能的创始人孙一桥", "我是申真慧"
_GUEST_INTRO = re.compile(
    r"(?:大家好|各位好|你好|您好)?[，, ]*我是(?:来自)?(?:(?P<org>[^。，,！？!?\n的]{2,24})的)?"
    r"(?:创始人|联合创始人|CEO|CTO|首席科学家|合伙人|董事长|总裁|总经理|副总裁|教授|研究员|负责人)?"
    r"(?P<name>" + _NAME + r")(?P<after>[，,。！!？? 呃啊嗯]|$)"
)
# How affiliations end when a self-introduction gives one without 来自.
_ORG_END = re.compile(
    r"(?:公司|大学|学院|研究院|研究所|实验室|科技|智能|集团|银行|资本|创投|基金|AI|中心|团队|"
    r"医院|台|报|社|部|处|所|厂|局)$"
)
# Characters that end a name run but are not part of the name ("黄伟非常高兴").
_AFTER_NAME = set("非很今也呃啊嗯在是的和跟就呢吧了我们大家好今天这那然")
# A moderator of the panel itself rather than the event's MC.
_PANEL_WORDS = re.compile(r"圆桌|对话|panel|Panel|拍拢|派对|环节|讨论|论坛的?对谈")
ROUNDTABLE = re.compile(r"圆桌|对话|对谈|panel|Panel|座谈|讨论|论坛(?:.*)嘉宾")
# The moderator opens the floor; then people from the audience ask.
FLOOR_OPEN = re.compile(
    r"(?:可以|请|欢迎).{0,4}举手|举手.{0,12}(?:提问|问)|(?:提问|问答|Q&A|QA)环节|现场提问|观众提问|"
    r"大家可以提问|(?:留给|交给).{0,6}(?:现场|观众|台下|朋友)|还有(?:哪位|谁|没有|问题)|"
    r"有没有.{0,6}(?:问题|提问)|最后一个问题|(?:现场|台下)的?(?:朋友|观众)们?.{0,10}(?:提问|问题)"
)
AUDIENCE_ASK = re.compile(
    r"我想问|我想请问|请问一下|我想请教|我有(?:一|两|几|三)个问题|想问一下|我的问题是|想请教"
)


@dataclass(frozen=True, slots=True)
class SelfIntro:
    name: str  # canonical participant name after merging
    start: int
    end: int
    role: str
    org: str = ""


def _name_at(s: str) -> str:
    """The most plausible 2-3 character name at the start of ``s``."""
    if len(s) >= 3 and is_chinese_name(s[:3]) and s[2] not in _AFTER_NAME:
        return s[:3]
    if is_chinese_name(s[:2]):
        return s[:2]
    return ""


def find_self_intros(doc: SourceDocument) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, name, role, org)`` for every self-introduction in the speech."""
    out: list[tuple[int, int, str, str, str]] = []
    text = doc.text
    roundtable = bool(ROUNDTABLE.search(doc.meta.title + doc.meta.full_title))
    has_mod = any(p.role == MODERATOR for p in doc.participants if p.source == "title")
    for b in doc.blocks:
        if b.kind != SPEECH:
            continue
        seg = text[b.body.start : b.end]
        for m in _HOST_INTRO.finditer(seg):
            name = _name_at(m.group("name") + seg[m.end() : m.end() + 1])
            if not name:
                continue
            panelish = bool(_PANEL_WORDS.search(m.group("pre")))
            role = MODERATOR if panelish or (roundtable and not has_mod) else HOST
            s = b.body.start + m.start()
            out.append((s, s + (m.end() - m.start()), name, role, ""))
        for m in _GUEST_INTRO.finditer(seg):
            name = _name_at(m.group("name") + m.group("after"))
            if not name or "主持人" in m.group(0):
                continue
            org = (m.group("org") or "").strip(" 呃啊嗯")
            if not org and "来自" not in m.group(0) and len(name) < 3:
                continue  # "我是乐观的": a bare two-character 我是X is rarely a name
            if org and "来自" not in m.group(0) and not _ORG_END.search(org):
                continue  # "我是先把他的钱骗到手": not an affiliation
            s = b.body.start + m.start()
            out.append((s, s + len(m.group(0)), name, GUEST, org))
    return out


# The moderator calls on a guest known only by surname and title: 有请赵老师, 从刘老师开始.
_CALL = re.compile(
    r"(?:有请|请|从|邀请|先请|交给|给到)(?P<a>[\u4e00-\u9fff])(?P<t>老师|总|博士|教授)"
    r"|(?P<b>[\u4e00-\u9fff])(?P<u>老师|总|博士|教授)[，, ]*"
    r"(?:先说|开始|你来|您来|来说|请讲|你怎么看|您怎么看|怎么看)"
)
MAX_CALLED = 6


def called_by_title(doc: SourceDocument) -> list[str]:
    """``刘老师``-style names the moderator calls on, for panels whose guests are unnamed."""
    found: list[str] = []
    for b in doc.blocks:
        if b.kind != SPEECH:
            continue
        for m in _CALL.finditer(doc.text, b.body.start, b.end):
            sur, title = (m.group("a"), m.group("t")) if m.group("a") else (m["b"], m["u"])
            if sur in SURNAMES and sur + title not in found:
                found.append(sur + title)
    return found[:MAX_CALLED]


def _merge(people: list[Participant], name: str, role: str, source: str) -> str:
    """Add ``name`` unless it sounds like someone already known; return the canonical name."""
    for i, p in enumerate(people):
        given = p.name[1:] if len(p.name) == 3 else ""
        if same_person(p.name, name) or (given and same_person(given, name)):
            if name != p.name and name not in p.aliases:
                people[i] = replace(p, aliases=(*p.aliases, name))
            if p.role == GUEST and role in (MODERATOR, HOST) and p.source != "title":
                people[i] = replace(people[i], role=role)
            return p.name
    people.append(Participant(name, role, source=source))
    return name


def audience_asks(doc: SourceDocument) -> bool:
    """Does someone open the floor and someone then ask from it?"""
    text = doc.text
    m = FLOOR_OPEN.search(text)
    return bool(m and AUDIENCE_ASK.search(text, m.end()))


def resolve_participants(doc: SourceDocument) -> tuple[tuple[Participant, ...], list[SelfIntro]]:
    """Participants (title first) plus the self-introductions that named them."""
    people = list(doc.participants)
    intros: list[SelfIntro] = []
    single_talk = len(people) == 1 and people[0].role == SPEAKER
    for start, end, name, role, org in find_self_intros(doc):
        if single_talk and role == GUEST:
            continue  # a talk's speaker introducing themselves is not a new person
        canon = _merge(people, name, role, "self_intro")
        intros.append(SelfIntro(canon, start, end, role, org))
    if not single_talk and sum(p.role == GUEST for p in people) < 2:
        for name in called_by_title(doc):
            if all(p.name != name and name not in p.aliases for p in people):
                people.append(Participant(name, GUEST, source="text"))
    if not single_talk:
        has_mod = any(p.role == MODERATOR for p in people)
        if not has_mod and ROUNDTABLE.search(doc.meta.title + doc.meta.full_title):
            people.insert(0, Participant(UNNAMED_MODERATOR, MODERATOR, source="text"))
        if audience_asks(doc) and not any(p.role == AUDIENCE for p in people):
            people.append(Participant(AUDIENCE_NAME, AUDIENCE, source="text"))
    return tuple(people), intros


def panel_participants(doc: SourceDocument) -> tuple[Participant, ...]:
    """Everyone the panel shows: title participants first, then those found in the text."""
    if any(b.speaker for b in doc.blocks):
        return doc.participants
    return resolve_participants(doc)[0]


__all__ = [
    "AUDIENCE_NAME",
    "UNNAMED_MODERATOR",
    "SelfIntro",
    "audience_asks",
    "called_by_title",
    "find_self_intros",
    "panel_participants",
    "resolve_participants",
]
