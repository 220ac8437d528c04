"""Segmentation: the best sequence of speakers over clauses, found by Viterbi.

Every clause gets a speaker. Staying with the current speaker is free; changing costs a fixed
penalty that hand-off cues pay back (a named addressee, an acknowledgement, a question, an
answer opener). Per-clause evidence (questions and addresses for the moderator, affiliations
for a guest, questions from the floor for the audience) scores who is speaking. With no
evidence the current speaker simply continues, which is how a long ASR answer reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from panel_tui.model import AUDIENCE, HOST, MODERATOR, Participant
from panel_tui.speakers import confidence as conf
from panel_tui.speakers.clauses import Clause
from panel_tui.speakers.cues import ClauseCues

# Costs and rewards are log-odds. Switch costs follow how often each hand-off happens per
# clause; cue rewards follow how much likelier a cue is at a hand-off than inside a turn. They
# were estimated once on the development panel and rounded; see docs/attribution.md.
SWITCH_MOD_TO_GUEST = 2.5
SWITCH_GUEST_TO_MOD = 3.2
SWITCH_GUEST_TO_GUEST = 4.6
SWITCH_TO_AUDIENCE = 4.0
SWITCH_FROM_AUDIENCE = 3.0
SWITCH_MOD_TO_MOD = 6.0  # the event's MC and the panel's moderator
HANDED_CLAUSES = 6  # after an MC appoints a panel's moderator, the hand-over is this close
# Hand-off cues at a boundary.
ACK_TO_MOD = 2.75  # 明白 / 理解 / 好的 opening a clause
CLOSE_TO_MOD = 2.0  # 这是我的理解 / 谢谢 closing the previous clause
CLOSE_TO_GUEST = 1.5  # 这是我的理解 then another guest's opener: the answer is over
PARA_TO_MOD = 0.35  # a paragraph break: an ASR pause, weak evidence
ADDRESS = 3.0  # the moderator just named this guest
ADDRESS_DECAY_CHARS = 60  # an address older than this many characters counts for half
ANSWER_STRONG_TO_GUEST = 3.8  # 我补充一下 / 我同意 / 好问题
ANSWER_WEAK_TO_GUEST = 1.2  # 对，我觉得 / 其实我
QUESTION_TO_GUEST = 2.3  # the previous clause ended with a question
QUESTION_WORD_TO_GUEST = 1.0  # the previous clause asked something
COME_TO_GUEST = 2.7  # bare 来 / 请 handing the floor on
SHORT_ACK_CHARS = 4  # an OK， this short at the head of an answer is the guest's
REFER_BACK = 1.5  # the new speaker mentions the previous one (赞同文昊的)
AUDIENCE_ASK_TO = 4.5  # 我想请教一下 once the floor is open
POINT_TO_AUDIENCE = 3.5  # 那位先生 pointing into the room
FLOOR_WINDOW_CHARS = 2500  # how long an opened floor stays open without a new cue
# Per-clause evidence for the moderator, relative to a guest.
MOD_QUESTION = 1.6  # the clause ends in a question
MOD_QUESTION_WORD = 0.75  # 怎么看 / 你觉得: asking someone; 是不是 / 有没有 count for nothing,
# answers reason aloud with them
MOD_ACK = 1.5
MOD_RUNNING = 1.25
MOD_ANSWERING = 0.5
# 你 / 您 counts for nothing: as common in answers (你会发现) as in questions.
MOD_ADDRESS = 2.5
MOD_FLOOR = 3.0
MOD_PER_CLAUSE = 0.2  # moderators speak briefly
# Per-clause evidence for a particular guest or the audience.
GUEST_SELF_REF = 2.0
GUEST_MENTIONED = 1.0
GUEST_ADDRESSED = 2.0
GUEST_THANKED = 2.0  # nobody thanks themselves (谢谢开复 is not 开复's)
AUD_QUESTION = 1.5
AUD_ASK = 2.0
AUD_PER_CLAUSE = 0.2
INTRO = 6.0
OPENS = 3.0  # the first clause's prior for the moderator / host
NEG = -1e9


@dataclass(frozen=True, slots=True)
class Step:
    """The winning speaker of a clause and why the speaker changed there (if they did)."""

    who: int
    reason: str  # "", "address", "ack", "question", "answer", "audience", "intro", "evidence"
    strength: float


def addressed_recently(clauses: list[Clause], cues: list[ClauseCues]) -> list[dict[str, float]]:
    """Seen from the start of each clause: who was addressed just before, decayed by distance."""
    recent: list[dict[str, float]] = []
    window: list[tuple[int, dict[str, float]]] = []
    for i, c in enumerate(clauses):
        here = c.start
        window = [(end, a) for end, a in window if here - end <= 3 * ADDRESS_DECAY_CHARS]
        acc: dict[str, float] = {}
        for age, (end, a) in enumerate(reversed(window)):
            # Older and superseded addresses count for less: the last name called wins.
            decay = (1.0 if here - end <= ADDRESS_DECAY_CHARS else 0.5) * 0.8**age
            for who, s in a.items():
                acc[who] = max(acc.get(who, 0.0), s * decay)
        recent.append(acc)
        if cues[i].addressed:
            window.append((c.end, cues[i].addressed))
    return recent


def _floor_open(clauses: list[Clause], cues: list[ClauseCues]) -> list[bool]:
    """Is the floor open to the audience at each clause? Opened by the moderator, it stays
    open for a while and each pointing into the room (那位先生) renews it."""
    out: list[bool] = []
    opened = -(10**9)
    for c, q in zip(clauses, cues, strict=True):
        out.append(c.start - opened <= FLOOR_WINDOW_CHARS)
        if q.floor_open or (q.point_at_floor and out[-1]):
            opened = c.end
    return out


def moderator_evidence(c: ClauseCues) -> float:
    """How much a clause sounds like the moderator rather than a guest."""
    return (
        MOD_QUESTION * (c.question == 1.0)
        + MOD_QUESTION_WORD * (0.5 < c.question < 1.0)
        + MOD_ACK * c.ack
        + MOD_RUNNING * (c.moderatorish > 0)
        - MOD_ANSWERING * (c.answer > 0)
    )


def _is_mod(p: Participant) -> bool:
    return p.role in (MODERATOR, HOST)


def viterbi(
    clauses: list[Clause],
    cues: list[ClauseCues],
    people: tuple[Participant, ...],
    intros: dict[int, str],
    spans: dict[int, tuple[int, int]] | None = None,
) -> list[Step]:
    """Speaker index per clause. ``intros`` maps a clause index to a self-introduced name;
    ``spans`` limits a person to clauses ``[lo, hi)`` (a forum panel's own moderator)."""
    n, k = len(clauses), len(people)
    if n == 0 or k == 0:
        return []
    names = [p.name for p in people]
    mod = [_is_mod(p) for p in people]
    aud = [p.role == AUDIENCE for p in people]
    spans = spans or {}
    moderators = [s for s, p in enumerate(people) if p.role == MODERATOR]

    def off_stage(i: int, s: int) -> bool:
        return s in spans and not spans[s][0] <= i < spans[s][1]

    idx = {name: i for i, name in enumerate(names)}

    recent = addressed_recently(clauses, cues)
    floor = _floor_open(clauses, cues)
    role = ["M" if m else "A" if a else "G" for m, a in zip(mod, aud, strict=True)]
    base = {
        ("M", "G"): SWITCH_MOD_TO_GUEST,
        ("G", "M"): SWITCH_GUEST_TO_MOD,
        ("G", "G"): SWITCH_GUEST_TO_GUEST,
        ("M", "A"): SWITCH_TO_AUDIENCE,
        ("G", "A"): SWITCH_TO_AUDIENCE + 1.0,
        ("A", "M"): SWITCH_FROM_AUDIENCE,
        ("A", "G"): SWITCH_FROM_AUDIENCE,
        ("A", "A"): NEG,
        ("M", "M"): SWITCH_MOD_TO_MOD,
    }

    # cost[b][a]: switching from a to b
    cost = [[base[(role[a], role[b])] for a in range(k)] for b in range(k)]

    def emission(i: int) -> list[float]:
        c = cues[i]
        e = [0.0] * k
        addressing = any(w in idx for w in c.addressed)
        for s in range(k):
            if mod[s]:
                v = (
                    mod_ev[i]
                    + (MOD_FLOOR if c.floor_open else 0.0)
                    + (MOD_ADDRESS if addressing and names[s] not in c.addressed else 0.0)
                    - GUEST_SELF_REF * bool(c.self_ref)
                    - GUEST_THANKED * (names[s] in c.thanked)  # nobody thanks themselves
                    - MOD_PER_CLAUSE
                )
                if people[s].role == HOST and any(not off_stage(i, m) for m in moderators):
                    v -= 0.3
                e[s] = v
            elif aud[s]:
                # From the floor people also call guests by name and say 你 / 您.
                e[s] = (
                    AUD_QUESTION * c.question
                    + AUD_ASK * c.audience_ask
                    + (MOD_ADDRESS if addressing else 0.0)
                    - AUD_PER_CLAUSE
                    if floor[i]
                    else NEG
                )
            else:
                e[s] = (
                    GUEST_SELF_REF * c.self_ref.get(names[s], 0.0)
                    - GUEST_MENTIONED * (names[s] in c.mentioned)
                    - GUEST_ADDRESSED * (names[s] in c.addressed)
                    - GUEST_THANKED * (names[s] in c.thanked)
                )
        who = intros.get(i)
        if who in idx:
            for s in range(k):
                e[s] += INTRO if names[s] == who else -INTRO / 3
        for s in spans:
            if off_stage(i, s):
                e[s] = NEG
        return e

    mod_ev = [moderator_evidence(c) for c in cues]
    handoff = [
        COME_TO_GUEST * q.come
        + QUESTION_TO_GUEST * (q.question == 1.0)
        + QUESTION_WORD_TO_GUEST * (0 < q.question < 1.0)
        for q in cues
    ]

    # A panel opens with whoever runs it (the moderator, or the event's host).
    score = [v + (OPENS if mod[s] else 0.0) for s, v in enumerate(emission(0))]
    back: list[list[int]] = []
    for i in range(1, n):
        c, prev = cues[i], cues[i - 1]
        rec = recent[i]
        to = [0.0] * k
        for b in range(k):
            if mod[b]:
                to[b] = (
                    ACK_TO_MOD * c.ack
                    + CLOSE_TO_MOD * prev.closing
                    + PARA_TO_MOD * clauses[i].para_start
                )
                if b in spans and spans[b][0] <= i < spans[b][0] + HANDED_CLAUSES:
                    to[b] += SWITCH_MOD_TO_MOD  # just appointed: the MC hands over the panel
            elif aud[b]:
                to[b] = AUDIENCE_ASK_TO * (c.audience_ask == 1.0) + POINT_TO_AUDIENCE * (
                    prev.point_at_floor
                )
            else:
                to[b] = ANSWER_STRONG_TO_GUEST * (c.answer == 1.0) + ANSWER_WEAK_TO_GUEST * (
                    c.answer == 0.5
                )
        to_guest_from_floor = handoff[i - 1]
        if i >= 2 and prev.ack and len(clauses[i - 1].text) <= SHORT_ACK_CHARS:
            # 来，| OK，| 其实我…: the guest's own OK does not use up the hand-off.
            to_guest_from_floor = max(to_guest_from_floor, handoff[i - 2])
        # A questioner from the floor names the guest first and asks after; the guest answers
        # once the question is over, or opens the answer outright (好的问题).
        floor_done = prev.question == 1.0 or prev.closing > 0 or c.answer == 1.0
        addr = [ADDRESS * rec.get(names[b], 0.0) for b in range(k)]
        e = emission(i)
        refer = [REFER_BACK if names[a] in c.mentioned else 0.0 for a in range(k)]
        new = [0.0] * k
        ptr = [0] * k
        for b in range(k):
            best, arg = score[b], b
            cost_b = cost[b]
            if role[b] == "G":
                from_floor = to[b] + addr[b] + to_guest_from_floor
                from_guest = to[b] + addr[b] + CLOSE_TO_GUEST * prev.closing * (c.answer > 0)
                for a in range(k):
                    if a == b:
                        continue
                    ra = role[a]
                    if ra == "A" and not floor_done:
                        v = score[a] - cost_b[a]  # no answer before the question is over
                    else:
                        v = score[a] - cost_b[a] + (from_guest if ra == "G" else from_floor)
                    v += refer[a]
                    if v > best:
                        best, arg = v, a
            else:
                tb = to[b]
                for a in range(k):
                    if a != b and (v := score[a] - cost_b[a] + tb) > best:
                        best, arg = v, a
            new[b] = best + e[b]
            ptr[b] = arg
        score = new
        back.append(ptr)
    s = max(range(k), key=lambda j: score[j])
    path = [s]
    for ptr in reversed(back):
        s = ptr[s]
        path.append(s)
    path.reverse()

    return [_explain(i, path, cues, recent, people, intros) for i in range(n)]


def _explain(
    i: int,
    path: list[int],
    cues: list[ClauseCues],
    recent: list[dict[str, float]],
    people: tuple[Participant, ...],
    intros: dict[int, str],
) -> Step:
    who = path[i]
    p = people[who]
    if intros.get(i) == p.name:
        return Step(who, "intro", 1.0)
    if i > 0 and path[i - 1] == who:
        return Step(who, "", 0.0)
    c = cues[i]
    prev = cues[i - 1] if i else None
    if _is_mod(p):
        if c.ack:
            return Step(who, "ack", conf.MOD_ACK)
        if prev and prev.closing:
            return Step(who, "ack", conf.MOD_ACK)
        return Step(who, "evidence", conf.MOD_EVIDENCE)
    if p.role == AUDIENCE:
        return Step(who, "audience", conf.AUDIENCE_ASKS if c.audience_ask else conf.AUDIENCE)
    r = recent[i].get(p.name, 0.0) if i else 0.0
    if r:
        return Step(who, "address", conf.ADDRESS)
    if c.self_ref.get(p.name):
        return Step(who, "evidence", conf.SELF_REF)
    if c.answer or (prev and (prev.question or prev.come)):
        return Step(who, "answer", conf.TURN_ORDER)
    return Step(who, "evidence", conf.TURN_ORDER)
