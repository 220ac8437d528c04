"""Which guest holds a guest turn: evidence over the whole turn, then how panels take turns.

Viterbi finds where guests speak; naming one needs evidence that may sit anywhere in the
turn (``我们百川…`` half-way through) or just before it (the moderator's ``来，水城师兄``). A
guest rarely speaks of themselves in the third person, so mentions count against. Whoever the
moderator or MC called holds the floor until they are thanked (a talk cut by host-like
phrases stays its speaker's). With no evidence, a brief unnamed follow-up goes back to the
guest who answered, a guest the question was about comes next, and otherwise the floor goes
round: after a question to the whole stage each guest answers once, and the microphone passes
along the row, so the next guest in seat (title) order after the last speaker who has not
answered this round is the best guess, reported with low confidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from panel_tui.model import AUDIENCE, HOST, MODERATOR, Participant
from panel_tui.speakers import confidence as conf
from panel_tui.speakers.cues import ClauseCues

ADDRESS_WEIGHT = 3.0
SELF_REF_WEIGHT = 1.5
MENTION_WEIGHT = 0.7
REFER_BACK_WEIGHT = 1.0
THANKED_AFTER_WEIGHT = 2.0  # 谢谢X的分享 as the moderator or host takes the floor back
THANKS_HEAD_CLAUSES = 2  # where that thanks sits: the first clauses of their run
BRACKET_WEIGHT = 1.0  # called before and thanked after, nobody else named between
SURE = 1.0  # evidence needed to name a guest outright
FOLLOW_UP_CHARS = 60  # a brief unnamed question back to the guest who just answered
ASIDE_CHARS = 40  # a moderator aside this short (OK继续, 明白吗) leaves the floor with the guest
TOPIC_CLAUSES = 8  # the moderator's last clauses, where a mention counts double
HEAD_CLAUSES = 3  # an answer's first clauses, where naming a company speaks for it


@dataclass(frozen=True, slots=True)
class Run:
    first: int  # clause indices, inclusive
    last: int
    who: int  # index into people
    reason: str
    strength: float


def is_guest(p: Participant) -> bool:
    return p.role not in (MODERATOR, HOST, AUDIENCE)


def guest_evidence(
    run: Run, cues: list[ClauseCues], recent: dict[str, float], name: str, prev: str
) -> float:
    e = ADDRESS_WEIGHT * recent.get(name, 0.0)
    for i in range(run.first, run.last + 1):
        c = cues[i]
        e += SELF_REF_WEIGHT * c.self_ref.get(name, 0.0)
        e -= MENTION_WEIGHT * ((name in c.mentioned) + (name in c.addressed))
    if name == prev and prev in cues[run.first].mentioned:
        e -= REFER_BACK_WEIGHT
    return e


def assign_guests(
    runs: list[Run],
    cues: list[ClauseCues],
    recent: list[dict[str, float]],
    people: tuple[Participant, ...],
    run_chars: Callable[[Run], int],
    cast: Callable[[Run], list[int]] | None = None,
) -> list[Run]:
    """Re-decide every guest run from its evidence; without any, a brief aside keeps the same
    guest, a guest the moderator talked about comes next, else the next seat in the round.
    ``cast`` gives the guests on stage around a run (a forum panel's own guests), if known."""
    guests = [i for i, p in enumerate(people) if is_guest(p)]
    if not guests:
        return runs
    # Pass 1: runs whose guest the cues name outright.
    decided: dict[int, tuple[int, str, float]] = {}
    prev_guest = -1
    for n, r in enumerate(runs):
        if r.who not in guests:
            continue
        if r.reason == "intro":
            decided[n] = (r.who, "intro", conf.SELF_INTRO)
            prev_guest = r.who
            continue
        prev_name = people[prev_guest].name if prev_guest >= 0 else ""
        called = _called(runs, n, cues, recent, people)
        thanked = _thanked_after(runs, n, cues, people)
        held, _ = _bracket(runs, n, cues, people)
        ev = {
            g: guest_evidence(r, cues, called, people[g].name, prev_name)
            + THANKED_AFTER_WEIGHT * (people[g].name in thanked)
            + BRACKET_WEIGHT * (people[g].name == held)
            for g in guests
        }
        ranked = sorted(ev.values(), reverse=True)
        best = max(guests, key=lambda g: ev[g])
        if ev[best] >= SURE and ranked[0] > (ranked[1] if len(ranked) > 1 else 0.0):
            reason = "address" if called.get(people[best].name) else "evidence"
            decided[n] = (best, reason, conf.ADDRESS if reason == "address" else conf.SELF_REF)
            prev_guest = best
        else:
            prev_guest = r.who
    # Pass 2: in order, so turn-taking knows who spoke last and who has answered this round.
    out: list[Run] = []
    prev_guest = -1
    answered: set[int] = set()
    called_next = _called_next(runs, decided, guests)
    for n, r in enumerate(runs):
        if r.who not in guests:
            if _opens_round(r, cues) and run_chars(r) > ASIDE_CHARS:
                answered = set()
            out.append(r)
            continue
        if answered >= set(guests):
            answered = set()
        if n in decided:
            g, reason, strength = decided[n]
            out.append(Run(r.first, r.last, g, reason, strength))
        else:
            mentioned = {w for i in range(r.first, r.last + 1) for w in cues[i].mentioned}
            stage = (cast(r) if cast else []) or guests
            cands = (
                [
                    g
                    for g in stage
                    if g != prev_guest
                    and g not in answered
                    and g != called_next[n]
                    and people[g].name not in mentioned
                ]
                or [g for g in stage if g != prev_guest and people[g].name not in mentioned]
                or [g for g in stage if g != prev_guest]
                or stage
            )
            # 我也补充一下 / 我分享一下 after the aside: someone else takes the floor.
            opens = cues[r.first].answer == 1.0
            if _aside(runs, n, cues, people, run_chars) and prev_guest in guests and not opens:
                out.append(Run(r.first, r.last, prev_guest, "resume", conf.RESUME))
                continue
            if (
                _follow_up(runs, n, cues, people)
                and prev_guest in guests
                and not opens
                and run_chars(runs[n - 1]) <= FOLLOW_UP_CHARS
            ):
                out.append(Run(r.first, r.last, prev_guest, "follow_up", conf.FOLLOW_UP))
                continue
            topic = _topic(runs, n, cues, people) or _topic_left(out, n, cues, people, run_chars)
            own = _own_org(r, cues)
            start = guests.index(prev_guest) + 1 if prev_guest in guests else 0

            def seat(g: int, start: int = start) -> int:
                return (guests.index(g) - start) % len(guests)

            # Its own company named at the head of the answer beats turn-taking, even for the
            # last guest: the Viterbi may have cut one answer at an aside it did not see.
            cands = [g for g in guests if people[g].name in own] or cands
            pick = max(cands, key=lambda g: (topic.get(people[g].name, 0.0), -seat(g)))
            if people[pick].name in own:
                out.append(Run(r.first, r.last, pick, "evidence", conf.SELF_REF))
            elif topic.get(people[pick].name, 0.0) > 0:
                out.append(Run(r.first, r.last, pick, "topic", conf.TOPIC))
            else:
                out.append(Run(r.first, r.last, pick, "turn_order", conf.TURN_ORDER))
        prev_guest = out[-1].who
        answered.add(prev_guest)
    return _within_brackets(out, cues, people, run_chars)


def _asks(c: ClauseCues) -> bool:
    """A clause that hands the floor on: a question, a call, a 来, the open floor."""
    return bool(c.question >= 0.6 or c.come or c.addressed or c.misheard or c.floor_open)


def _calls(c: ClauseCues) -> bool:
    """A clause that calls someone by name or opens the floor."""
    return bool(c.addressed or c.misheard or c.floor_open)


def _within_brackets(
    runs: list[Run],
    cues: list[ClauseCues],
    people: tuple[Participant, ...],
    run_chars: Callable[[Run], int],
) -> list[Run]:
    """A moderator or host run between two runs of guest X, inside X's call-to-thanks
    bracket, that asks nobody anything, is X's: the one called up is still talking (a talk's
    own words often sound like the host's: 那大家有兴趣的可以去看). A follow-up question to
    X is the moderator's and stays; so does a brief aside."""
    out = list(runs)
    for n in range(1, len(runs) - 1):
        r = runs[n]
        if is_guest(people[r.who]) or people[r.who].role == AUDIENCE:
            continue
        x = out[n - 1].who
        if out[n + 1].who != x or not is_guest(people[x]):
            continue
        held, talk = _bracket(runs, n, cues, people)
        if held != people[x].name or (not talk and run_chars(r) <= ASIDE_CHARS):
            continue
        # In a talk the MC does not speak until it is over, so even a short passage with a
        # (rhetorical) question is the speaker's; in an answer, a question is the moderator's
        # follow-up and a brief aside stays an aside.
        asking = _calls if talk else _asks
        if not any(asking(cues[i]) or cues[i].thanked for i in range(r.first, r.last + 1)):
            out[n] = Run(r.first, r.last, x, "resume", conf.RESUME)
    return out


def _called_next(
    runs: list[Run], decided: dict[int, tuple[int, str, float]], guests: list[int]
) -> list[int]:
    """For each guest run, the guest a call names for the next guest run (-1: none). The
    moderator calls on someone who has not just spoken (on the three development panels the
    called guest had held the guest run before 11 times in 63), so an unnamed answer right
    before a call is rarely the called guest's."""
    out = [-1] * len(runs)
    nxt = -1
    for n in range(len(runs) - 1, -1, -1):
        if runs[n].who in guests:
            out[n] = nxt
            nxt = decided[n][0] if n in decided and decided[n][1] == "address" else -1
    return out


def _own_org(run: Run, cues: list[ClauseCues]) -> set[str]:
    """Guests whose affiliation an unnamed answer names in its first clauses
    (``我也补充一下，其实百川也是…``): one opens by speaking for one's own company, so it is
    weak self-reference even without ``我们百川``. The moderator and the floor name companies
    too, but their runs are not guest runs."""
    head = cues[run.first : min(run.last, run.first + HEAD_CLAUSES - 1) + 1]
    return {w for c in head for w in c.org_named}


def _opens_round(run: Run, cues: list[ClauseCues]) -> bool:
    """A moderator question to the whole stage (各位怎么看) with nobody named: each guest
    will answer once, usually in seat order. (A brief 还有吗 only asks for the rest of the
    round: the caller checks the length.)"""
    clauses = cues[run.first : run.last + 1]
    return any(c.group and c.question for c in clauses) and not any(c.addressed for c in clauses)


def _topic(
    runs: list[Run], n: int, cues: list[ClauseCues], people: tuple[Participant, ...]
) -> dict[str, float]:
    """Who the moderator's turn just before run ``n`` talked about (百川的观点, 谢总的说法);
    its last clauses count double."""
    if n == 0 or is_guest(people[runs[n - 1].who]):
        return {}
    prev = runs[n - 1]
    out: dict[str, float] = {}
    for i in range(prev.first, prev.last + 1):
        w = 2.0 if i > prev.last - TOPIC_CLAUSES else 1.0
        for who in (*cues[i].mentioned, *cues[i].org_mentioned, *cues[i].addressed):
            out[who] = out.get(who, 0.0) + w
    return out


def _topic_left(
    done: list[Run],
    n: int,
    cues: list[ClauseCues],
    people: tuple[Participant, ...],
    run_chars: Callable[[Run], int],
) -> dict[str, float]:
    """After the guest called on has answered (彭飞你先答…刚才那个水城师兄的), the guests the
    moderator's question was about who have not spoken since: an unnamed answer next is
    likely theirs. ``done`` are the runs before ``n``, already decided."""
    spoke: set[str] = set()
    for m in range(n - 1, -1, -1):
        r = done[m]
        if is_guest(people[r.who]):
            spoke.add(people[r.who].name)
            continue
        if m == n - 1 and run_chars(r) > ASIDE_CHARS:
            return {}  # a turn of the moderator's own: _topic reads it
        if not any(cues[i].addressed or cues[i].mentioned for i in range(r.first, r.last + 1)):
            continue  # 非常清晰，: a brief acknowledgement between two answers
        t = _topic(done, m + 1, cues, people)
        return {w: v for w, v in t.items() if w not in spoke}
    return {}


def _called(
    runs: list[Run],
    n: int,
    cues: list[ClauseCues],
    recent: list[dict[str, float]],
    people: tuple[Participant, ...],
) -> dict[str, float]:
    """Who was called on just before run ``n``. After another guest's turn only that guest's
    own closing words count (俊阳你来说): an older call by the moderator is used up."""
    if n == 0:
        return recent[runs[n].first]
    out: dict[str, float] = {}
    if not is_guest(people[runs[n - 1].who]):
        # The moderator may call on a guest and go on asking, and a questioner from the floor
        # names the guest first: the last call since the previous guest's turn counts most.
        weight = 1.0
        m = n - 1
        while m >= 0 and not is_guest(people[runs[m].who]):
            for i in range(runs[m].last, runs[m].first - 1, -1):
                calls = cues[i].addressed or cues[i].misheard
                if calls:
                    for who, s in calls.items():
                        out[who] = max(out.get(who, 0.0), s * weight)
                    weight *= 0.6
            m -= 1
        return out
    prev = runs[n - 1]
    for i in range(max(prev.first, prev.last - 2), prev.last + 1):
        for who, s in cues[i].addressed.items():
            out[who] = max(out.get(who, 0.0), s)
    return out


def _thanked_after(
    runs: list[Run], n: int, cues: list[ClauseCues], people: tuple[Participant, ...]
) -> set[str]:
    """Who the moderator or host thanks as they take the floor back right after run ``n``
    (谢谢X先生的分享, 好谢谢小川): the one who just spoke. Only at the head of their run: a
    thanks later on may be for anyone, and a guest's own 谢谢X is inside a guest run."""
    if n + 1 >= len(runs) or is_guest(people[runs[n + 1].who]):
        return set()
    nxt = runs[n + 1]
    last = min(nxt.last, nxt.first + THANKS_HEAD_CLAUSES - 1)
    return {w for i in range(nxt.first, last + 1) for w in cues[i].thanked}


def _bracket(
    runs: list[Run], n: int, cues: list[ClauseCues], people: tuple[Participant, ...]
) -> tuple[str, bool]:
    """The guest who holds the floor from a call to a thanks around run ``n``: the moderator
    or host called X (有请X, 来，X) before it and next thanks X (谢谢X) after it, naming
    nobody else on the way. A long answer or a talk the ASR cut at a few phrases that sound
    like the moderator's is all X's. Also whether the call was an MC's introduction (a talk);
    ``('', False)`` when there is no such bracket."""
    called, talk = "", False
    for m in range(n - 1, -1, -1):
        if is_guest(people[runs[m].who]):
            continue
        for i in range(runs[m].last, runs[m].first - 1, -1):
            c = cues[i]
            if c.thanked or len(c.addressed) > 1:
                return "", False  # the floor was closed before anyone was called
            if c.addressed:
                called, talk = next(iter(c.addressed)), c.introduced
                break
        if called:
            break
    if not called:
        return "", False
    for m in range(n + 1, len(runs)):
        if is_guest(people[runs[m].who]):
            continue
        for i in range(runs[m].first, runs[m].last + 1):
            c = cues[i]
            if c.thanked:
                return (called, talk) if c.thanked == {called} else ("", False)
            if c.thanks and talk:
                return called, talk  # 好，谢谢: the talk the MC introduced is over
            if c.addressed and set(c.addressed) != {called}:
                return "", False  # someone else is called before X is thanked
    return "", False


def _follow_up(
    runs: list[Run], n: int, cues: list[ClauseCues], people: tuple[Participant, ...]
) -> bool:
    """Is run ``n-1`` the moderator asking the guest who just answered something more
    (我能追问一句吗…, 这个与你生存有关系吗)? A question that names nobody, asks nobody else and
    is not to the whole stage goes back to that guest: on the eleven annotated panels the same
    guest answered 14 of 19 such questions, against 20 of 131 after a call."""
    if n < 2 or people[runs[n - 1].who].role not in (MODERATOR, HOST):
        return False
    if not is_guest(people[runs[n - 2].who]):
        return False
    q = cues[runs[n - 1].first : runs[n - 1].last + 1]
    if any(c.addressed or c.misheard or c.group or c.floor_open or c.thanked for c in q):
        return False
    return any(c.question >= 0.6 for c in q)


def _aside(
    runs: list[Run],
    n: int,
    cues: list[ClauseCues],
    people: tuple[Participant, ...],
    run_chars: Callable[[Run], int],
) -> bool:
    """Is run ``n-1`` a brief moderator aside inside one guest's answer?"""
    if n < 2 or people[runs[n - 1].who].role not in (MODERATOR, HOST):
        return False
    aside = runs[n - 1]
    if not is_guest(people[runs[n - 2].who]) or run_chars(aside) > ASIDE_CHARS:
        return False
    # Thanks (谢谢X) close an answer and 其他嘉宾呢 asks the others: a new turn follows.
    return not any(
        cues[i].addressed or cues[i].floor_open or cues[i].thanked or cues[i].group
        for i in range(aside.first, aside.last + 1)
    )
