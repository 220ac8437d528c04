"""Who is on stage: the title's people, self-introductions, the event's MC and the audience.

Titles name the moderator and guests when the uploader bothered; roundtables titled just
``圆桌讨论`` only reveal their people in the text (``我是来自南方电网的陈冰``). A self-introduced
name that sounds like a title participant (张英甲 for 张一甲) is an ASR alias, not a new person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from panel_tui.ingest.names import _SINGLE as SURNAMES
from panel_tui.ingest.names import is_chinese_name, surname_of
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
from panel_tui.speakers.name_match import fuzzy_char, rhymes, same_person

AUDIENCE_NAME = "观众"
UNNAMED_MODERATOR = "主持人"

_NAME = r"[\u4e00-\u9fff]{2,4}"
# "我是上海广播电视台第一财经的主持人黄伟", "我是接下来拍拢的主持人广觅"
_HOST_INTRO = re.compile(
    r"我是(?P<pre>[^。，,！？!?\n]{0,24}?)主持人[，, ]?(?P<name>" + _NAME + ")"
)
# "我是来自南方电网公司数字化部的陈冰", "我是西智智能的创始人孙一桥", "我是申真慧"
_GUEST_INTRO = re.compile(
    r"(?:大家好|各位好|你好|您好)?[，, ]*我(?:是|叫)(?:来自)?"
    r"(?:(?P<org>[^。，,！？!?\n的]{2,24})的)?"
    r"(?:(?:助理|副|首席|联合|特聘)?(?:创始人|CEO|CTO|COO|科学家|合伙人|董事长|总裁|总经理|教授|"
    r"研究员|负责人|博士生导师|导师|院长|主任|所长|总监)[和、及与]?){0,3}"
    r"(?:[A-Za-z]{2,12} ?)?"  # 我是Jackie朱建雄: an English name first
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
    r"自由提问|提问的?时间|"
    r"大家可以提问|(?:留给|交给).{0,6}(?:现场|观众|台下|朋友)|还有(?:哪位|谁|没有|问题)|"
    r"有没有.{0,6}(?:问题|提问)|最后一个问题|(?:现场|台下)的?(?:朋友|观众)们?.{0,10}(?:提问|问题)"
)
AUDIENCE_ASK = re.compile(
    r"我想问|我想请问|请问一下|我想请教|我有(?:一|两|几|三)个问题|想问一下|我的问题是|想请教|"
    r"我要问|我是.{0,12}(?:记者|学生|同学|研究生|博士生(?!导师))|想(?:探讨|讨论|问)一个问题"
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


def _known_at(s: str, names: list[str]) -> str:
    """The title participant whose full or given name (two characters or more) ``s`` starts
    with, compared on fuzzy pinyin; ``''`` if none, or more than one."""
    found = {
        n
        for n in names
        for k in (3, 2)
        if len(s) >= k
        and (same_person(n, s[:k]) or (len(n) == 3 and k == 2 and same_person(n[1:], s[:k])))
    }
    return found.pop() if len(found) == 1 else ""


def find_self_intros(doc: SourceDocument) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, name, role, org)`` for every self-introduction in the speech."""
    out: list[tuple[int, int, str, str, str]] = []
    text = doc.text
    roundtable = bool(ROUNDTABLE.search(doc.meta.title + doc.meta.full_title))
    has_mod = any(p.role == MODERATOR for p in doc.participants if p.source == "title")
    titled = [p.name for p in doc.participants if p.source == "title"]
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
            if "主持人" in m.group(0):
                continue
            # A name the title gives, however the ASR wrote it (我是神树科技的爆凡 for 鲍凡,
            # 我是俊男): that person introducing themselves.
            known = _known_at(seg[m.start("name") :], titled)
            name = known or _name_at(m.group("name") + m.group("after"))
            if not name:
                continue
            org = (m.group("org") or "").strip(" 呃啊嗯")
            said = m.group(0)
            if (
                not known
                and not org
                and "来自" not in said
                and "我叫" not in said
                and len(name) < 3
            ):
                continue  # "我是乐观的": a bare two-character 我是X is rarely a name (我叫X is)
            if org and "来自" not in m.group(0) and not _ORG_END.search(org):
                continue  # "我是先把他的钱骗到手": not an affiliation
            s = b.body.start + m.start()
            out.append((s, s + len(m.group(0)), name, GUEST, org))
    return out


# Guests an untitled panel knows by a form of address (赵老师, 彭总, 赵建博士): how the moderator
# speaks of and to them.
_TITLE = r"(?:老师|总|教授|博士|院长|先生|女士)"
_FULL_NAME_TITLES = ("先生", "女士")  # said after a full name (周志峰先生), not a surname
_TITLED = re.compile(r"(?P<n>[\u4e00-\u9fff]{1,3}?)" + _TITLE)
# What may stand before the name: a pause, a non-Han character or one of these function
# characters (那曾老师, 要不赵老师, 东老师和曾老师); anything else ends a word or another name
# (刚东老师 is 刚才…, 王新龙老师's 龙 is no surname here).
_BEFORE_NAME = frozenset("请那谢给和跟与及对是呢吧啊呃嗯好先的位个要不听问从到来让这我们以还像由")
_REDUPLICATED = frozenset(("谢谢", "常常", "万万"))  # 谢谢老师 is thanks, not 谢老师
# A job title just before a full name introduces it (创始人CEO姜大新先生, 合伙人周志峰先生).
_JOB_BEFORE = re.compile(
    r"(?:创始人|合伙人|CEO|CTO|COO|主任|教授|院长|总裁|董事长|总经理|科学家|书记|区长|市长|"
    r"投资人|负责人|研究员|总监|主管)$"
)
# In a three-character name the given name holds none of these (谢大家老师 is no name), and
# is none of these words; 大, 天 or 好 alone may well be a given name (姜大新).
_NOT_GIVEN = set("很也呃啊嗯在是的和跟就呢吧了我们这那")
_GIVEN_WORDS = frozenset(("大家", "今天", "非常", "然后", "好的", "天天"))
# Asked to speak (有请/要不/从…) just before the name...
_CALL_BEFORE = re.compile(r"(?:有请|请|从|邀请|先请|交给|给到|要不|听听|问问|问一下)$")
# An MC's introduction: 有请/邀请, then who the speaker is (organisation, job title), then the
# name, then what they will do or the end of the clause.
INTRODUCED = re.compile(r"(?:有请|邀请)(?:的是)?[^，,。？?！!]{0,30}$")
INTRO_AFTER = re.compile(r"^(?:[，,。 ]|$|为|来|带来|上台|给我们|跟我们|和我们|分享|致辞)")
_THANKS_BEFORE = re.compile(r"(?:谢谢|感谢|多谢)$")  # thanked for what they just said
# ...or asked right after it (X老师，您的看法 / X老师有什么补充 / X老师先说).
_CALL_AFTER = re.compile(
    r"[，, ]*(?:先说|先来|开始|你|您|来说|来讲|请|有补充|有没有|有什么|还有|怎么看|呢|要不要|"
    r"能不能|说一下)"
)
MAX_CALLED = 16
MIN_GUESTS_CALLED = 3  # guests called on before the one never called can be the moderator
MIN_THANKED = 2  # thanked, and named at least this often (once may thank an earlier talk)
MIN_NAMED = 4  # never called or thanked, but spoken of this often: on stage all the same


def _form_at(text: str, m: re.Match[str], lo: int) -> tuple[str, str]:
    """The name before the title at ``m`` and the form as written: a surname (赵, 赵老师), a
    stuttered surname (孟, 孟老师), a full name (沈春华, 刘迦 for 刘嘉老师) or a full name said
    before its surname form (张鹏, 张总), where it stands on its own; ``('', '')`` otherwise."""
    for k in (3, 2, 1):  # longest first: 沈春华老师 before 华老师
        start = m.end("n") - k
        if start < lo:
            continue
        name = text[start : m.end("n")]
        before = text[start - 1] if start > lo else ""
        if k == 3 and (
            not is_chinese_name(name)
            or name[2] == name[0]
            or name[:2] in _REDUPLICATED
            or set(name[1:]) & _NOT_GIVEN
            or name[1:] in _GIVEN_WORDS
        ):
            continue  # 张鹏张总 is 张鹏 + 张总; 谢谢宋老师 thanks 宋老师; 万物的老师 is no name
        if k == 2 and name[0] == name[1]:
            name = name[1:]  # 孟孟老师: a stuttered surname
        elif k == 2 and (not is_chinese_name(name) or name[1] in _BEFORE_NAME | _AFTER_NAME):
            continue  # 那曾老师, 谢宋老师: a word or a thanks before the surname
        if name[0] not in SURNAMES or before + name[0] in _REDUPLICATED:
            continue
        written = name + text[m.end("n") : m.end()]
        pair = text[start - 2 : start] if start - 2 >= lo else ""
        if (
            k == 1
            and pair[:1] == name
            and is_chinese_name(pair)
            and pair[1] not in _BEFORE_NAME | _AFTER_NAME
        ):
            start, name = start - 2, pair  # 张鹏张总: the two-character full name, then 张总
        if not _stands_alone(text, start, lo):
            continue
        return name, written
    return "", ""


def _stands_alone(text: str, start: int, lo: int) -> bool:
    """Whether a name starting at ``start`` begins a word: after a pause or a non-Han
    character, a function character (那曾老师) or a job title (创始人CEO姜大新先生)."""
    before = text[start - 1] if start > lo else ""
    return (
        not before
        or not "\u4e00" <= before <= "\u9fff"
        or before in _BEFORE_NAME
        or bool(_JOB_BEFORE.search(text, lo, start))
    )


def _said(text: str, m: re.Match[str], start: int, lo: int, hi: int) -> str:
    """How the form of address written from ``start`` to the end of ``m`` is used: ``call``
    (有请X老师, X老师您…), ``thanks`` (谢谢X老师) or ``''`` (spoken of)."""
    head = text[max(lo, start - 4) : start]
    if _CALL_BEFORE.search(head) or _CALL_AFTER.match(text, m.end(), hi):
        return "call"
    if INTRODUCED.search(text, max(lo, start - 36), start) and INTRO_AFTER.match(
        text[m.end() : hi]
    ):
        return "call"  # 有请…副主任张洪涛先生为论坛致辞: an MC introducing the next speaker
    return "thanks" if _THANKS_BEFORE.search(head) else ""


def _sound_alike_at(text: str, m: re.Match[str], lo: int) -> str:
    """A two-character name before the title at ``m`` whose first character is no surname
    (翱翔博士 for 敖翔博士): the ASR wrote the surname as a homophone. Counted only for someone
    also named with a real surname (see ``addressed_in_text``); ``''`` otherwise."""
    start = m.end("n") - 2
    if start < lo:
        return ""
    name = text[start : m.end("n")]
    if not all("\u4e00" <= ch <= "\u9fff" for ch in name) or name[0] in SURNAMES:
        return ""
    if name[0] == name[1] or name[1] in _BEFORE_NAME | _AFTER_NAME | _NOT_GIVEN:
        return ""
    if name[0] in _BEFORE_NAME or not _stands_alone(text, start, lo):
        return ""
    return name


@dataclass(frozen=True, slots=True)
class Addressed:
    """Someone an untitled panel knows by a form of address."""

    name: str
    aliases: tuple[str, ...]
    calls: int  # times asked to speak (有请X老师, X老师您…)


def addressed_in_text(doc: SourceDocument) -> list[Addressed]:
    """The people an untitled panel knows by a form of address, in the order first named.

    A person counts when the moderator calls on them (有请赵老师, 从罗老师开始, 姜老师，您的
    看法), is thanked and named again, or is spoken of often. Spellings that sound alike
    (东/董老师, 黄磊/黄雷博士) are one person; a full name before a title (沈春华老师) joins the
    surname form (沈老师) as an alias."""
    people: dict[tuple[str, ...], dict[str, int]] = {}  # fuzzy name → written form → count
    calls: dict[tuple[str, ...], int] = {}
    thanks: dict[tuple[str, ...], int] = {}
    names: dict[tuple[str, ...], dict[str, int]] = {}  # full names said (沈春华, 张鹏)
    first: dict[tuple[str, ...], int] = {}  # where each is first named
    sound_alike: list[tuple[tuple[str, ...], str, str, int, str]] = []
    text = doc.text
    for b in doc.blocks:
        if b.kind != SPEECH:
            continue
        for m in _TITLED.finditer(text, b.body.start, b.end):
            name, written = _form_at(text, m, b.body.start)
            if not name:
                if alike := _sound_alike_at(text, m, b.body.start):
                    written = alike + text[m.end("n") : m.end()]
                    said = _said(text, m, m.end() - len(written), b.body.start, b.end)
                    key = tuple(fuzzy_char(ch) for ch in alike)
                    sound_alike.append((key, alike, written, m.start(), said))
                continue
            said = _said(text, m, m.end() - len(written), b.body.start, b.end)
            key = tuple(fuzzy_char(ch) for ch in name)
            if len(name) > 1:
                names.setdefault(key, {})
                names[key][name] = names[key].get(name, 0) + 1
            people.setdefault(key, {})
            people[key][written] = people[key].get(written, 0) + 1
            first.setdefault(key, m.start())
            if said == "call":
                calls[key] = calls.get(key, 0) + 1
            elif said == "thanks":
                thanks[key] = thanks.get(key, 0) + 1
    # A surname the ASR wrote as a homophone (翱翔博士) joins whoever is named with a real one.
    for key, name, written, at, said in sound_alike:
        if key in people:
            people[key][written] = people[key].get(written, 0) + 1
            names.setdefault(key, {})[name] = names.get(key, {}).get(name, 0) + 1
            first[key] = min(first[key], at)
            counts = calls if said == "call" else thanks if said == "thanks" else None
            if counts is not None:
                counts[key] = counts.get(key, 0) + 1
    # A surname form and the one full name with that surname are one person (沈老师, 沈春华).
    for key in [k for k in people if len(k) == 1]:
        fulls = [k for k in people if len(k) > 1 and k[0] == key[0]]
        if len(fulls) == 1:
            for w, n in people.pop(key).items():
                people[fulls[0]][w] = people[fulls[0]].get(w, 0) + n
            for counts in (calls, thanks):
                counts[fulls[0]] = counts.get(fulls[0], 0) + counts.pop(key, 0)
            first[fulls[0]] = min(first[fulls[0]], first.pop(key))
    found: list[tuple[int, int, Addressed]] = []
    for key, written in people.items():
        total = sum(written.values())
        thanked = thanks.get(key, 0) and total >= MIN_THANKED
        if not (calls.get(key, 0) or thanked or total >= MIN_NAMED):
            continue
        # Named by the form the panel uses most (朱老师): the full name the ASR wrote (朱璐莎
        # for 朱露莎) is often misspelt, so it is kept as an alias.
        ranked = sorted(written, key=lambda w: -written[w])
        full = sorted(names.get(key, {}), key=lambda n: -names[key][n])
        name = ranked[0]
        if name.endswith(_FULL_NAME_TITLES) and len(name) >= 4:
            # 周志峰先生: 先生/女士 follow a full name, which is how people are named anyway.
            name = name[:-2]
        aliases = tuple(w for w in (*ranked, *full) if w != name)
        found.append((total, first[key], Addressed(name, aliases, calls.get(key, 0))))
    # The most named, in the order the panel first names them: the moderator usually goes
    # along the row in the first round, so that order stands in for the seating.
    found.sort(key=lambda x: -x[0])
    return [a for _, _, a in sorted(found[:MAX_CALLED], key=lambda x: x[1])]


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


def _unnamed_moderator(
    people: list[Participant], addressed: list[Addressed], doc: SourceDocument
) -> Addressed | None:
    """On a roundtable with no named moderator: the one addressed person nobody asks to speak
    whom someone from the floor thanks before asking (谢谢宋老师，我是…/我想问…). The moderator
    asks every guest, and a questioner thanks the moderator for the microphone."""
    if any(p.role == MODERATOR for p in people) or not ROUNDTABLE.search(
        doc.meta.title + doc.meta.full_title
    ):
        return None
    never = [a for a in addressed if not a.calls]
    if len(never) != 1 or len(addressed) - 1 < MIN_GUESTS_CALLED:
        return None
    floor = FLOOR_OPEN.search(doc.text)
    if floor is None:
        return None
    forms = "|".join(re.escape(f) for f in sorted((never[0].name, *never[0].aliases), key=len))
    thanked = re.compile(r"(?:谢谢|感谢|多谢)[，, ]*(?:" + forms + r")[^。？！?!]{0,6}[。，, \n]*")
    for m in thanked.finditer(doc.text, floor.start()):
        after = doc.text[m.end() : m.end() + 30]
        if AUDIENCE_ASK.search(after) or after.lstrip().startswith("我是"):
            return never[0]
    return None


def _merge_addressed(people: list[Participant], name: str, aliases: tuple[str, ...]) -> None:
    """Add a guest found by a form of address, unless it names someone already known: the
    same name or alias, or a self-introduced guest with that surname (赵总 for 赵玉霞)."""
    sur = surname_of(name)
    kin = [
        i
        for i, p in enumerate(people)
        if p.source != "title" and p.role == GUEST and surname_of(p.name) == sur
    ]
    forms_here = [f for f in (name, *aliases) if surname_of(f) == sur]
    shared = len(kin) > 1 and all(_given(f) == sur for f in forms_here)
    if shared and not any(name in people[i].aliases for i in kin):
        return  # 王老师 with 王华 and 王鹤 on stage: whose it is, the form does not say
    for i, p in enumerate(people):
        forms = (p.name, *p.aliases)
        same = name in forms or any(a in forms for a in aliases) or same_person(p.name, name)
        if same or (i in kin and all(_could_be(p, f) for f in forms_here)):
            extra = tuple(a for a in (name, *aliases) if a not in forms)
            people[i] = replace(p, aliases=(*p.aliases, *extra))
            return
    people.append(Participant(name, GUEST, aliases, source="text"))


def _given(form: str) -> str:
    """The name in a form of address, title dropped (赵总 → 赵, 陈明总 → 陈明)."""
    return re.sub(_TITLE + "$", "", form)


def _could_be(p: Participant, form: str) -> bool:
    """Can a form with ``p``'s surname be ``p``? A surname form can (赵总 for 赵玉霞), and so
    can a misheard name as long as a self-introduced one whose syllables rhyme (陈明总 for
    陈冰); another full name (张洪涛 beside 张帆, 王华 beside 王鹤) is another person."""
    given = _given(form)
    if given == surname_of(p.name):
        return True
    return (
        p.source == "self_intro"
        and len(p.name) == len(given)
        and all(rhymes(x, y) for x, y in zip(p.name[1:], given[1:], strict=True))
    )


# A moderator who calls guests by their given name alone: 家辉有什么补充吗, 好谢谢家辉.
_GIVEN_CALL = re.compile(
    r"(?:谢谢|感谢)[，, ]?(?P<a>[\u4e00-\u9fff]{2})(?=[，,。？?！! 啊呀哈]|$)"
    r"|(?:^|[，,。？?！! ])(?:那|来|好|嗯|对)?(?P<b>[\u4e00-\u9fff]{2})"
    r"(?=[，, ]?(?:有什么补充|有没有补充|有补充|你怎么看|怎么看|你来|你先|你觉得|您觉得|要不要))"
)
# Two-character words said in those places that are no given names.
_NOT_A_GIVEN_NAME = frozenset(
    (
        "大家",
        "老师",
        "各位",
        "嘉宾",
        "主持",
        "我们",
        "你们",
        "他们",
        "其他",
        "其余",
        "另外",
        "这边",
        "那边",
        "线上",
        "现场",
        "今天",
        "刚才",
        "非常",
        "观众",
        "同学",
        "朋友",
        "两位",
        "三位",
        "四位",
        "几位",
        "在座",
        "领导",
        "专家",
        "您们",
        "大伙",
        "所以",
        "但是",
        "然后",
        "因为",
        "如果",
        "其实",
        "那么",
        "而且",
        "或者",
        "不过",
        "可是",
        "还是",
        "就是",
        "只是",
        "虽然",
        "当然",
        "首先",
        "最后",
        "同时",
        "现在",
        "目前",
        "这里",
        "那里",
        "真的",
        "确实",
        "感觉",
        "觉得",
    )
)
_FUNCTION_CHARS = frozenset("的了是在我你他她们这那个吗呢吧啊嗯呃很也都就和还再又")
MIN_GIVEN_CALLS = 3


def _may_be_given_name(n: str) -> bool:
    """A two-character word said where a given name would be that could be one."""
    return n not in _NOT_A_GIVEN_NAME and not set(n) & _FUNCTION_CHARS


def called_by_given_name(
    doc: SourceDocument, people: list[Participant]
) -> list[tuple[str, tuple[str, ...]]]:
    """Guests a moderator calls by given name alone, at least three times in spellings that
    sound alike (家辉, 佳辉), and who are nobody known already (not a known name's given
    name or alias). Named by the spelling used most."""
    known = [f for p in people for f in (p.name, *p.aliases)]
    given = [p.name[1:] for p in people if len(p.name) == 3]
    groups: dict[tuple[str, ...], dict[str, int]] = {}
    for m in _GIVEN_CALL.finditer(doc.text):
        n = m.group("a") or m.group("b")
        if not _may_be_given_name(n):
            continue
        if any(n in k for k in known) or any(same_person(n, g) for g in given):
            continue
        key = tuple(fuzzy_char(ch) for ch in n)
        groups.setdefault(key, {})
        groups[key][n] = groups[key].get(n, 0) + 1
    out = []
    for forms in groups.values():
        if sum(forms.values()) >= MIN_GIVEN_CALLS:
            ranked = sorted(forms, key=lambda f: -forms[f])
            out.append((ranked[0], tuple(ranked[1:])))
    return out


# A guest opening an answer by naming who asked (对啊冯老师这个问题很有挑战性, 叶璇博士说这个
# 问题啊是关于…): the form before 这个问题 is the moderator's.
_ASKER = re.compile(
    r"(?:^|[，,。？?！!\s])(?:对啊?|好的?|嗯|啊|呃|那)*"
    r"(?P<form>(?P<n>[\u4e00-\u9fff]{1,3}?)(?:老师|博士|教授|院长|总))"
    r"(?:说的?|提的|问的|刚才问的|的)?(?:这个|这一个|您的|你的)问题"
)


_ASKS_FOR_FLOOR = re.compile(
    r"(?:^|[，,。？?！!\s])(?:嗯|呃|那个)?(?P<n>[\u4e00-\u9fff]{2})[，, ]?我(?:能|可以)(?:不能)?"
    r"[^，,。？?]{0,10}(?:补充|补个|补两句|补一句|说两句|说一句|插一句)"
)


def _moderator_named_by_guests(doc: SourceDocument, people: list[Participant]) -> Participant:
    """The unnamed moderator of a roundtable, named if guests name the one who asked them and
    that name is nobody else's; else the placeholder ``主持人``."""
    known = [f for p in people for f in (p.name, *p.aliases)]
    forms: dict[str, int] = {}
    for m in _ASKER.finditer(doc.text):
        n = m.group("n")
        if n[0] not in SURNAMES or any(
            same_person(n, k[: len(n)]) or k.startswith(n) for k in known
        ):
            continue
        forms[m.group("form")] = forms.get(m.group("form"), 0) + 1
    if not forms:
        # 新龙我能补充两句: a guest asking the moderator, by given name, for the floor.
        for m in _ASKS_FOR_FLOOR.finditer(doc.text):
            n = m.group("n")
            if _may_be_given_name(n) and not any(n in k for k in known):
                forms[n] = forms.get(n, 0) + 1
    surnames = {f[0] for f in forms}
    if len(surnames) != 1:
        return Participant(UNNAMED_MODERATOR, MODERATOR, source="text")
    ranked = sorted(forms, key=lambda f: -forms[f])
    return Participant(ranked[0], MODERATOR, tuple(ranked[1:]), source="text")


# An MC handing a panel to its moderator, in one breath: 有请本场的话题引领人…周孝飞先生来,
# 有请…胡奇先生来担任本场的话题引领人.
_APPOINTED = re.compile(r"话题引领|担任.{0,8}主持|主持人")
_APPOINTING = re.compile(r"(?:有请|邀请)")
_BREATH = re.compile(r"[^，,。！？!?\n]*")


def appointed_moderators(
    doc: SourceDocument, people: list[Participant] | tuple[Participant, ...]
) -> dict[str, int]:
    """People found in the text whom an MC appoints to run a panel, with where: a forum's
    panels each have their own moderator, who runs the panel from there on."""
    text = doc.text
    out: dict[str, int] = {}
    for m in _APPOINTED.finditer(text):
        lo = max(text.rfind(ch, 0, m.start()) for ch in "，,。！？!?\n") + 1
        hi = m.end() + len(_BREATH.match(text, m.end()).group())
        breath = text[lo:hi]
        if not _APPOINTING.search(breath) or "由我" in breath or "我来" in breath:
            continue
        for p in people:
            if p.role not in (GUEST, MODERATOR) or p.source != "text":
                continue
            if any(len(f) >= 3 and f in breath for f in (p.name, *p.aliases)):
                out.setdefault(p.name, hi)  # from the end of the appointment on
    return out


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
    titled = [p.role for p in doc.participants]
    if SPEAKER not in titled and titled.count(GUEST) < 2:
        # A panel whose title names fewer than two guests (and no talk): the rest are known
        # by how they are addressed.
        addressed = addressed_in_text(doc)
        host = _unnamed_moderator(people, addressed, doc)
        for a in addressed:
            if a is not host:
                _merge_addressed(people, a.name, a.aliases)
        if host is not None:
            people.insert(0, Participant(host.name, MODERATOR, host.aliases, source="text"))
        for name, aliases in called_by_given_name(doc, people):
            people.append(Participant(name, GUEST, aliases, source="text"))
    if not single_talk:
        appointed = appointed_moderators(doc, people)
        people = [replace(p, role=MODERATOR) if p.name in appointed else p for p in people]
        has_mod = any(p.role in (MODERATOR, HOST) for p in people)
        if not has_mod and ROUNDTABLE.search(doc.meta.title + doc.meta.full_title):
            people.insert(0, _moderator_named_by_guests(doc, people))
        elif not has_mod and sum(p.source == "text" and p.role == GUEST for p in people) >= 2:
            # Several people called up by name (有请朱教授…有请龙教授) on a session that is no
            # roundtable: someone unnamed is calling them, the session's host.
            people.insert(0, Participant(UNNAMED_MODERATOR, HOST, source="text"))
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
    "INTRODUCED",
    "INTRO_AFTER",
    "UNNAMED_MODERATOR",
    "SelfIntro",
    "addressed_in_text",
    "appointed_moderators",
    "audience_asks",
    "called_by_given_name",
    "find_self_intros",
    "panel_participants",
    "resolve_participants",
]
