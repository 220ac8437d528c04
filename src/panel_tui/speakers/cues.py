"""Hand-off cues: what a clause says about who is speaking and who speaks next.

These are patterns of how panels are run, not of any one panel: the moderator names the next
speaker (``来，水城师兄`` / ``俊阳你怎么看`` / ``请赵老师先说``), asks, acknowledges an answer
(``明白``, ``理解``, ``好的``), opens the floor; a guest opens an answer (``对，我觉得``,
``我补充一下``), refers to the previous speaker (``赞同文昊的``), speaks for an affiliation
(``我们百川``), greets the room (``大家好``) or asks themselves (``是什么呢，``); someone from the
floor asks (``我想请教一下``) or greets the guest they ask (``X老师您好``). Names come from the
panel's own participants through :class:`~panel_tui.speakers.name_match.NameMatcher`; a name
is a call when it is addressed or asked (``Q一下俊阳``), a mention when someone reports what that
person said (``X也提到``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from panel_tui.speakers.clauses import Clause
from panel_tui.speakers.name_match import GIVEN, GIVEN_TITLES, NEAR, ORG, NameHit
from panel_tui.speakers.participants import AUDIENCE_ASK, FLOOR_OPEN, INTRO_AFTER, INTRODUCED

# The moderator takes the floor back: acknowledgement at the head of a clause.
ACK = re.compile(
    r"^(?:嗯|呃|啊|对|哦|好)?[，, ]*(?:明白|理解|了解|好的|好嘞|好啦|OK|Ok|ok|okay|非常精彩|非常好|"
    r"很好|太好了|精彩|非常感谢|谢谢|感谢|多谢|收到|非常清晰|好[啊呀嘞吧]?(?:[，,。 ]|$)|"
    r"行[，,。 ]|那好)"
)
# ...unless it is a guest thanking or praising the question.
NOT_ACK = re.compile(
    r"^(?:好的?问题|好问题|谢谢主持人|感谢主持人|谢谢.{0,3}老师的问题|谢谢邀请|感谢邀请)"
)
# A guest starts an answer.
ANSWER_STRONG = re.compile(
    r"^(?:对|嗯|是的|好的|行|OK|Ok|ok|呃|啊|那)?[，, ]*"
    r"(?!我.{0,3}补充.{0,2}问)"  # 我再补充问一下: adding a question, not an answer
    r"(?:我补充|我也补充|我先补充|我分享|我先分享|"
    r"我先开始|我先来|我来说|我先说|我说两|我说一|我说三|我简单说|我简单讲|好的?问题|好问题|"
    r"这是(?:个|一个)?(?:很|非常)?好的?问题|"
    r"谢谢主持人|感谢主持人|谢谢邀请|感谢邀请|我同意|我赞同|我比较同意|我比较赞同|我也同意|我也赞同|"
    r"我可能稍微|我回答|我来回答|这个问题我|首先关于|第一个问题|我可以先|"
    r"我.{0,4}(?:补充(?!.{0,2}问)|分享|澄清|来回答|回答一下|先开始|先表达|提供)|"
    r"我们?.{0,5}(?:赞同|同意|认同)(?!吗))"
)
ANSWER_WEAK = re.compile(
    r"^(?:对|嗯|是的|好的|行|OK|Ok|ok|呃|啊)?[，, ]*(?:我觉得|我认为|我个人|我是觉得|我其实|其实我|"
    r"我们|首先|我这边|我这里|我理解|我的理解|我的看法|整体上)|"
    r"^(?:没有|不是|并不是|也不是|其实没有|不会)[，, ]"  # answering back to a claim
)
# A clause that asks.
# 呢 after 的话 / 然后 / 第二个 is a pause, not a question (我想说的话呢，/ 然后呢，).
QUESTION_END = re.compile(
    r"[？?]$|(?:吗|(?<!的话)(?<!然后)(?<!个)(?<!同时)(?<!其实)(?<!所以)(?<!但是)(?<!首先)(?<!那么)"
    r"(?<!另外)(?<!当然)(?<!因为)(?<!如果)(?<!而且)(?<!一方面)(?<!另一方面)呢|(?<![那这怎什多])么)[，,。]?$"
)
# Asking someone on stage: these rarely occur inside an answer.
QUESTION_WORDS = re.compile(
    r"怎么看|如何看|怎么想|怎么理解|什么看法|怎么定义|怎么思考|你觉得|您觉得|你认为|您认为|认同吗|"
    r"同意吗|请问|想问|想请教|请教一下|想听听|聊聊|谈谈|说说|讲讲|分享一下|问一下|问问|插一个问题|问你|"
    r"问一个|有什么区别|对不对|对吗|哪位|"
    # 我不知道您…: the soft question; 您对这个问题。: a question cut short by the ASR
    r"我不知道.{0,12}[你您]|[你您]对.{0,14}(?:问题|主题|话题|事情|判断|看法)[。？?，,]?$"
)
# A speaker's own rhetorical question, answered in the next breath (是什么呢，就是…).
RHETORICAL = re.compile(r"(?:是|像|为|到)什么呢[，,。？?]?$")
# Asking in general: answers reason aloud with these too (是不是…, 有没有…), so they are weak.
QUESTION_WORDS_WEAK = re.compile(
    r"是不是|有没有|能不能|会不会|为什么|哪些|什么样|是否|多少|哪个|哪一|^还是|还是说|是吧"
)
WEAK_QUESTION = 0.3
# The end of an answer.
CLOSING = re.compile(
    r"这是我的(?:理解|感受|观点|看法|分享|想法)|我就先?(?:分享|说|讲)(?:这么多|这些|到这)|就这些|"
    r"这(?:可能|就)?是我(?:分享|说|讲|想说)的(?:两|几|三|一)(?:点|个)|"
    r"(?:^|[，, ])谢谢(?:大家)?[。！!]?$|就这(?:两|几|一)个问题|我就说这么多"
)
# Running the panel.
MODERATORISH = re.compile(
    r"各位|嘉宾|在座|我们请|有请|欢迎|下一个问题|最后一个问题|接下来|我们换|换一个|快问快答|"
    r"时间关系|时间有限|话题|这一轮|我们按照|大家|先听|听一下|听听|再问|等会|追问|插一个问题"
)
# Asking the others to add: only the moderator does, once an answer is over.
ASK_OTHERS = re.compile(
    r"(?:其他|别的|另外|其余|哪位)的?(?:老师|嘉宾|几位|两位|同学)|"
    r"还有(?:谁|哪位|没有(?:人|老师|嘉宾)|其他(?:人|老师|嘉宾))"
)
# The whole stage: a question to these opens a round in which every guest answers once.
GROUP = re.compile(
    r"各位|大家|几位|每位|每一位|诸位|在座的嘉宾|其他嘉宾|其他老师|还有谁|下一位|还有吗"
)
# A bare 来 / 请 that hands the floor on ("…怎么定义和理解，来，", "来说一下这一part").
COME = re.compile(
    r"(?:^|[，, 对好])来[，,。 ]?$|来说一下|请[，,。]?$|有请[，,。]?$|"
    r"(?<!我)(?<!我先)开始吧[，,。]?$|"
    r"(?:听一下|听听|请).{0,12}(?:观点|看法|想法|分享)[，,。]?$"
)
# Pointing into the room for the next questioner.
POINT_AT_FLOOR = re.compile(r"那位|这位|这边|那边|后面|中间|第一排|女士|先生|同学|男生|女生|举手")
AUDIENCE_HELLO = re.compile(r"老师好|老师您好|您好|各位老师|嘉宾好")
# 万博士您好，: greeting the guest one is about to ask (the moderator does not greet mid-panel).
GREET_PERSON = re.compile(r"^(?:老师|博士|总|教授)?(?:您好|你好)[，,。！! ]?$")
# A company speaking for itself: "我们百川", "在快手里面", "对于百川而言".
_SELF_PRE = ("我们", "咱们", "在", "对于", "我在")
# Words around a name that make it an address rather than a mention.
_FILLER_WORDS = (
    "来",
    "那",
    "那我",  # 好那我那个俊男：(问) elided
    "明白",  # an acknowledgement, then the next call: 明白，好敏敏老师啊
    "理解",
    "了解",
    "好的",
    "好",
    "OK",
    "Ok",
    "ok",
    "对",
    "嗯",
    "呃",
    "啊",
    "那个",
    "这个",
    "要不",
    "要不然",
    "请",
    "有请",
    "我们请",
    "先",
    "再",
    "然后",
    "所以",
    "接下来",
    "首先",
    "问一下",
    "想问一下",
    "我想问一下",
    "请教一下",
    "想请教一下",
    "我不知道",
    "不知道",
    "听听",
    "给到",
    "交给",
    "从",
    "还是",
    "最后",
    "那么",
    "也",
    "的",
)
# Longest first, so 那么 is not read as 那 + 么.
_FILLER = re.compile(
    r"^(?:来自[^，,]{0,10}的|"
    + "|".join(sorted(_FILLER_WORDS, key=len, reverse=True))
    + r"|\s|，|,)*"
)
_ADDRESS_AFTER = re.compile(
    r"^[，, ]*(?:你|您|咱们|来|先|可以|要不|怎么看|说说|谈谈|聊聊|讲讲|分享|开始|回答|补充|也|"
    r"呢|吧|这边|那边|的看法|的观点|怎么|有什么|有补充|有没有|还有|要不要|是不是|能不能|现在|请|就是|"
    r"对|答|再)"
)
_ADDRESS_BEFORE = re.compile(
    r"(?:请|有请|请教|请教一下|问一下|问问|听听|给到|交给|从|来自[^，,]{0,10}的)(?:那个|这个|呃|嗯)*$"
)

# Asking a person directly (追问/follow/cue someone): the name is the object of the verb.
_ASK_BEFORE = re.compile(r"(?:[A-Za-z]{1,8}一下|[Ff]ollow|[Cc]ue|问|追问|请教|考考)(?:一下)?\s?$")
# A name followed by what that person said is a mention (X也提到 / X刚才讲的).
_QUESTION_FOR = re.compile(r"^(?:老师|博士|总|教授)?的(?:一个|两个|几个)?小?问题")
_REPORTED = re.compile(
    r"^(?:老师|总)?(?:也|刚才|刚刚|之前|前面)?(?:提到|提了|提过|说到|说过|说的|讲到|讲过|讲的|谈到|聊到)|"
    r"^[呢啊]?[，, ]?(?:刚才|刚刚)"  # 江大新先生呢刚才给我们带来的分享: what they did just now
)
_ASK_AFTER = re.compile(r"^(?:[，,。？?！! ]|一个.{0,6}问题|个问题|$)")
# A greeting to the room opens a speaker's first turn (大家好，我现在…): not running the panel.
GREETING = re.compile(
    r"^(?:Hello|hello|Hi|hi|嗨|哈喽)?[，, ]*(?:大家|各位)(?:早上|上午|中午|下午|晚上)?好|^尊敬的"
)
# Whom a speech greets before it greets the room (尊敬的王区长，各位嘉宾，|大家下午好).
SALUTATION = re.compile(
    r"^(?:尊敬的|亲爱的|各位|在座的|女士们|先生们|朋友们)[^，,。？?！!]{0,20}[，,、。 ]?$"
)


@dataclass(frozen=True, slots=True)
class ClauseCues:
    ack: float = 0.0
    answer: float = 0.0
    question: float = 0.0
    closing: float = 0.0
    moderatorish: float = 0.0
    come: float = 0.0
    floor_open: bool = False
    point_at_floor: bool = False
    audience_ask: float = 0.0
    second_person: bool = False  # 你 / 您: talking to someone on stage
    group: bool = False  # 各位 / 大家 / 几位: speaking to the whole stage
    addressed: dict[str, float] = field(default_factory=dict)  # vocatives: who → strength
    mentioned: frozenset[str] = frozenset()  # third-person mentions by name
    thanked: frozenset[str] = frozenset()  # 谢谢X: X just finished speaking
    listed: bool = False  # two people named side by side (唐杰老师，俊阳和顺宇)
    org_mentioned: frozenset[str] = frozenset()  # whose affiliation is named (not 我们X)
    self_ref: dict[str, float] = field(default_factory=dict)  # speaking for an affiliation
    org_named: frozenset[str] = frozenset()  # whose affiliation is named in any form but 我们X
    misheard: dict[str, float] = field(default_factory=dict)  # a call by a misheard name
    thanks: bool = False  # a bare thanks (好，谢谢。 / 谢谢大家): a talk or an answer is over
    introduced: bool = False  # the call is an MC's introduction (有请…X先生为我们带来…)


# What may stand before a vocative that takes the floor back (对好|小川, 好谢谢|张鹏).
_ACK_BEFORE_NAME = re.compile(
    r"^[对嗯啊呃哦]*好[啊的嘞]?[，, ]*(?:谢谢|感谢|多谢)*[，, ]*$|^(?:谢谢|感谢|多谢)+"
)
_PARTICLE = re.compile(r"^(?:对|嗯|是的|对对|对对对|啊|呃|是|是啊|是呀|没错)[，,。 ]?$")
_THANKS = re.compile(r"(?:谢谢|感谢|多谢)[，, ]*$")


_TAIL_PARTICLES = "，,。？！?! 啊呀哈呢吧嗯呃哦诶"


def _is_address(s: str, h: NameHit, c_start: int, pre_start: int = 0) -> bool:
    """A vocative: the name stands alone (after fillers) and ends the clause or runs into a
    request (``小川你…``, ``张鹏张总啊``). ``pre_start`` skips a thanks to the previous
    speaker in the same breath (``谢谢张鹏，大海``)."""
    pre = s[pre_start : h.start - c_start]
    post = s[h.end - c_start :]
    if _THANKS.search(pre):
        return False  # 谢谢小川: closing the last answer, not calling on the next speaker
    if _ADDRESS_BEFORE.search(pre):
        return True
    if pre.endswith("给") and _QUESTION_FOR.match(post):
        return True  # 下一个给敖翔博士的问题: the next question is put to them
    if INTRODUCED.search(pre) and INTRO_AFTER.match(post):
        return True  # 掌声有请…创始人CEO姜大新先生（为我们带来…）: an MC calls a speaker up
    if _REPORTED.match(post):
        return False  # 唐杰老师也提到…: reporting what someone said
    if _ASK_BEFORE.search(pre) and _ASK_AFTER.match(post):
        return True  # 我接下来Q一下俊阳， / 我再follow顺雨一个问题
    short_pre = len(_FILLER.sub("", pre)) <= 2
    if not short_pre:
        return False
    return not post.strip(_TAIL_PARTICLES) or bool(_ADDRESS_AFTER.match(post))


NEAR_STRENGTH = 0.7
_NEAR_AFTER = re.compile(r"^[，, ]*(?:你|您)")
_NEAR_NOT_FIRST = "好对来那嗯啊哦呃是"


def _near_call(s: str, h: NameHit, c_start: int) -> bool:
    """A misheard given name (彭佩 for 鹏飞) counts only as a plain call: nothing but fillers
    or an acknowledgement before it, then nothing, 你/您, or (after an acknowledgement) the
    answer starting (好吉林对…)."""
    pre, post = s[: h.start - c_start], s[h.end - c_start :]
    if _THANKS.search(pre) or _FILLER.sub("", pre) or s[h.start - c_start] in _NEAR_NOT_FIRST:
        return False  # 那么好处，: a filler may not start a misheard name
    if not post.strip(_TAIL_PARTICLES) or _NEAR_AFTER.match(post):
        return True
    return bool(pre.strip()) and bool(_ACK_BEFORE_NAME.match(pre)) and post.startswith("对")


def _near_thanked(s: str, h: NameHit, c_start: int) -> bool:
    """A misheard given name thanked with a title (谢谢开普老师 for 开复老师): the thanks and
    the title make it an address, as a plain call does for ``_near_call``."""
    pre, post = s[: h.start - c_start], s[h.end - c_start :]
    return bool(_THANKS.search(pre)) and post.startswith(GIVEN_TITLES)


def _merge_same(hits: list[NameHit]) -> list[NameHit]:
    """Adjacent forms of one person (张鹏张总, 大海你你大海) are one vocative."""
    out: list[NameHit] = []
    for h in hits:
        same = out and out[-1].who == h.who and ORG not in (out[-1].kind, h.kind)
        if same and h.start - out[-1].end <= 3:
            last = out[-1]
            out[-1] = NameHit(h.who, last.start, h.end, last.kind)
        else:
            out.append(h)
    return out


_LIST_SEP = re.compile(r"^[，,、 和与及跟还有以老师教授总博士先生女士]{0,4}$")


def _listed(s: str, c_start: int, hits: list[NameHit]) -> bool:
    """Two different people named side by side: an introduction, not a call."""
    return any(
        a.who != b.who
        and _LIST_SEP.match(s[a.end - c_start : b.start - c_start])
        and not _THANKS.search(s[: a.start - c_start])  # 谢谢张鹏，大海: thanks, then a call
        for a, b in itertools.pairwise(hits)
    )


def clause_cues(c: Clause, hits: list[NameHit]) -> ClauseCues:
    """Everything one clause says; ``hits`` are the name mentions inside it."""
    s = c.text
    addressed: dict[str, float] = {}
    mentioned: set[str] = set()
    thanked: set[str] = set()
    orgs: set[str] = set()
    self_ref: dict[str, float] = {}
    misheard: dict[str, float] = {}
    pre_start = 0
    for h in _merge_same(hits):
        if h.kind == NEAR:
            if _near_call(s, h, c.start):
                misheard[h.who] = NEAR_STRENGTH
            elif _near_thanked(s, h, c.start):
                thanked.add(h.who)  # 谢谢开普老师 for 开复: thanks with a title, misheard
            continue
        pre = s[max(0, h.start - c.start - 2) : h.start - c.start]
        if h.kind == ORG and any(pre.endswith(p) for p in _SELF_PRE):
            self_ref[h.who] = 1.0
            continue
        if h.kind == ORG and not _is_address(s, h, c.start):
            orgs.add(h.who)  # a guest names their own company too: no evidence against
            continue
        if _THANKS.search(s[: h.start - c.start]) and h.kind != ORG:
            # 谢谢张鹏: thanks for the last answer; a name right after it is the next call.
            thanked.add(h.who)
            mentioned.add(h.who)
            pre_start = h.end - c.start
            continue
        if _is_address(s, h, c.start, pre_start):
            strength = 0.7 if h.kind == ORG else 0.85 if h.kind == GIVEN else 1.0
            addressed[h.who] = max(addressed.get(h.who, 0.0), strength)
        else:
            mentioned.add(h.who)
        pre_start = 0
    question = 0.0
    if QUESTION_END.search(s):
        question = 1.0
    elif QUESTION_WORDS.search(s):
        question = 0.6
    elif QUESTION_WORDS_WEAK.search(s):
        question = WEAK_QUESTION
    if question and RHETORICAL.search(s) and "你" not in s and "您" not in s:
        question = 0.0  # 特别像什么呢，/ 最有意思的是什么呢？: asked and answered by the speaker
    ack = 1.0 if ACK.match(s) and not NOT_ACK.match(s) else 0.0
    if question == 1.0 and ASK_OTHERS.search(s):
        ack = 1.0  # 还有其他老师想要补充的吗: the last answer is over, the moderator asks on
    head = s[: hits[0].start - c.start] if hits else ""
    if head and head[-1] == s[hits[0].start - c.start]:
        head = head[:-1]  # 对好小小川: a stutter on the name's first syllable
    if not ack and hits and _ACK_BEFORE_NAME.match(head):
        ack = 1.0  # 对好小川 / 好谢谢张鹏: the moderator takes the floor back and passes it on
    answer = 1.0 if ANSWER_STRONG.match(s) else 0.5 if ANSWER_WEAK.match(s) else 0.0
    greeting = bool(GREETING.match(s))
    if greeting:
        answer = 1.0
        mentioned |= set(addressed)  # 尊敬的王华区长: greeted, not called on
        addressed = {}
    return ClauseCues(
        ack=ack,
        answer=answer,
        question=question,
        closing=1.0 if CLOSING.search(s) else 0.0,
        moderatorish=0.0 if greeting else min(1.0, 0.5 * len(MODERATORISH.findall(s))),
        come=1.0 if COME.search(s) else 0.0,
        floor_open=bool(FLOOR_OPEN.search(s)),
        point_at_floor=bool(POINT_AT_FLOOR.search(s)),
        audience_ask=1.0
        if AUDIENCE_ASK.search(s) or (hits and GREET_PERSON.match(s[hits[-1].end - c.start :]))
        else 0.5
        if AUDIENCE_HELLO.search(s)
        else 0.0,
        second_person="你" in s or "您" in s,
        group=bool(GROUP.search(s)) and not greeting,
        addressed=addressed,
        mentioned=frozenset(mentioned),
        thanked=frozenset(thanked),
        listed=_listed(s, c.start, hits),
        org_mentioned=frozenset(orgs),
        self_ref=self_ref,
        org_named=frozenset(h.who for h in hits if h.kind == ORG) - frozenset(self_ref),
        misheard=misheard,
        thanks=bool(_BARE_THANKS.match(s)),
        introduced=any(
            INTRODUCED.search(s[: h.start - c.start]) and INTRO_AFTER.match(s[h.end - c.start :])
            for h in hits
            if h.who in addressed
        ),
    )


def all_clause_cues(
    text: str,
    clauses: list[Clause],
    hits: list[NameHit],
    cache: dict[tuple[Clause, tuple[NameHit, ...]], ClauseCues] | None = None,
) -> list[ClauseCues]:
    """Cues for every clause; ``hits`` are the name mentions over the whole text, in order.
    ``cache`` keeps each clause's own cues between passes over one panel."""
    cache = {} if cache is None else cache
    out: list[ClauseCues] = []
    k = 0
    for c in clauses:
        while k < len(hits) and hits[k].start < c.start:
            k += 1
        j = k
        mine: list[NameHit] = []
        while j < len(hits) and hits[j].end <= c.end:
            mine.append(hits[j])
            j += 1
        key = (c, tuple(mine))
        if key not in cache:
            cache[key] = clause_cues(c, mine)
        q = cache[key]
        if out and not q.addressed and (who := _introduced_across(clauses[len(out) - 1], c, mine)):
            # 有请的是复旦大学…教授，|…院长戚远先生带来分享: an introduction over a pause.
            q = replace(q, addressed={who: 1.0}, mentioned=q.mentioned - {who}, introduced=True)
        if out and out[-1].thanked and not q.addressed and (who := _glued_call(c, mine)):
            # 好谢谢小川，张鹏志源，: after thanks, a name opening a short clause is the next
            # call even when the ASR glued a word to it.
            q = replace(q, addressed={who: 0.85}, mentioned=q.mentioned - {who})
        out.append(q)
    # Names in a row (杨强教授，唐杰老师，俊阳和顺宇) introduce the panel; they call on nobody.
    called = [set(c.addressed) for c in out]
    for i, c in enumerate(out):
        if not c.addressed:
            continue
        near = (called[i - 1] if i else set()) | (called[i + 1] if i + 1 < len(out) else set())
        if c.listed or len(called[i]) > 1 or near - called[i]:
            out[i] = replace(c, addressed={}, mentioned=c.mentioned | frozenset(c.addressed))
    for i in range(1, len(out)):
        before, text = out[i - 1], clauses[i].text
        if before.addressed and not out[i].mentioned and _BARE_THANKS.match(text):
            # 有请韩教授。| 谢谢，我今天讲…: the one called up thanking for it, not the
            # moderator acknowledging.
            out[i] = replace(out[i], ack=0.0, answer=1.0)
        elif before.point_at_floor and GREETING.match(text):
            # 那位同学。| 大家好，我是…: the questioner taking the microphone (it only counts
            # while the floor is open).
            out[i] = replace(out[i], audience_ask=1.0)
    # A speech opens with whom it greets: 尊敬的王区长，|各位嘉宾，|大家下午好.
    for i in range(1, len(out)):
        if GREETING.match(clauses[i].text) and SALUTATION.match(clauses[i - 1].text):
            j = i - 1
            while j > 0 and SALUTATION.match(clauses[j - 1].text):
                j -= 1
            for m in range(j, i + 1):
                q = out[m]
                # 尊敬的王华区长: greeted by the speaker, not called on.
                out[m] = replace(
                    q,
                    answer=1.0 if m == j else 0.0,
                    ack=0.0,
                    moderatorish=0.0,
                    group=False,
                    addressed={},
                    mentioned=q.mentioned | frozenset(q.addressed),
                )
    # A bare particle (对，/ 嗯，) before an answer opener starts the answer.
    for i in range(len(out) - 1):
        if out[i + 1].answer and not out[i].answer and _PARTICLE.match(clauses[i].text):
            out[i] = replace(out[i], answer=out[i + 1].answer, ack=0.0)
            out[i + 1] = replace(out[i + 1], answer=0.0)
    return out


_INTRODUCED_BEFORE = re.compile(r"(?:有请|邀请)(?:的是)?[^，,。？?！!]{0,30}[，,]$")
_INTRO_CONTINUED = re.compile(r"^[^，,。？?！!]{0,30}$")  # who they are, up to the name


def _introduced_across(before: Clause, c: Clause, hits: list[NameHit]) -> str:
    """The person an MC's introduction names after a pause (``有请的是X大学教授，|Y院长Z先生
    带来分享``): the introduction opens the clause before and the name ends it, or ''."""
    if len(hits) != 1 or hits[0].kind in (ORG, NEAR) or not _INTRODUCED_BEFORE.search(before.text):
        return ""
    h = hits[0]
    pre, post = c.text[: h.start - c.start], c.text[h.end - c.start :]
    if not _INTRO_CONTINUED.match(pre) or not INTRO_AFTER.match(post):
        return ""
    return h.who


_BARE_THANKS = re.compile(r"^(?:好的?[，, ]*)?(?:谢谢|感谢|多谢)(?:大家|您)?[，,。！! 啊]*$")
GLUED_CHARS = 2  # characters the ASR may glue to a name (小川本, 张鹏志源)


def _glued_call(c: Clause, hits: list[NameHit]) -> str:
    """The person named at the head of a short clause (``张鹏志源，``), or ''."""
    if len(hits) != 1 or hits[0].kind in (ORG, NEAR) or hits[0].start != c.start:
        return ""
    rest = c.text[hits[0].end - c.start :].rstrip(_TAIL_PARTICLES)
    return hits[0].who if len(rest) <= GLUED_CHARS else ""


_ORG_BEFORE = re.compile(r"来自([^，,。？！?!\s的]{2,12})的?$")


def learn_orgs(text: str, hits: list[NameHit]) -> dict[str, tuple[str, ...]]:
    """Affiliations the text pins to a participant: ``来自百川的谢总`` → 谢剑: 百川. ``hits``
    are the participants' names found in ``text``."""
    orgs: dict[str, set[str]] = {}
    for h in hits:
        m = _ORG_BEFORE.search(text, max(0, h.start - 16), h.start)
        if m:
            orgs.setdefault(h.who, set()).add(m.group(1))
    return {who: tuple(sorted(v)) for who, v in orgs.items()}


# What follows a vocative when the addressee starts answering in the same ASR clause.
_ANSWER_START = re.compile(r"[对嗯好我其是行]")


def vocative_cuts(text: str, hits: list[NameHit]) -> list[int]:
    """Offsets right after a name that ends a call and starts an answer (那志玲|对我们…)."""
    cuts: list[int] = []
    for h in hits:
        if h.kind == ORG:
            continue
        before = text[max(0, h.start - 4) : h.start]
        after = text[h.end : h.end + 1]
        if not after or not _ANSWER_START.match(after):
            continue
        if re.search(r"(?:^|[，,。？！?! ]|来|那|好)$", before) or before.endswith(text[h.start]):
            cuts.append(h.end)
    return cuts


# A thanks glued to the end of an answer by the ASR (…重要的问题啊啊好谢谢谢谢大海，).
_GLUED_THANKS = re.compile(r"(?<=[啊呀吧哈呢了嘛])(?=(?:好的?|OK|ok)?(?:谢谢|感谢|多谢))")


def thanks_cuts(text: str) -> list[int]:
    """Offsets where a thanks starts right after a sentence-final particle, mid-clause: the
    moderator taking the floor back without an ASR pause."""
    return [m.start() for m in _GLUED_THANKS.finditer(text)]
