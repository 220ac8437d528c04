"""Which guest holds a guest turn: evidence over the whole turn, then how panels take turns.

Viterbi finds where guests speak; naming one needs evidence that may sit anywhere in the
turn (``我们百川…`` half-way through) or just before it (the moderator's ``来，水城师兄``). A
guest rarely speaks of themselves in the third person, so mentions count against. With no
evidence, the floor usually goes round: the guest who has waited longest is the best guess,
reported with low confidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from panel_tui.model import AUDIENCE, HOST, MODERATOR, Participant
from panel_tui.speakers.cues import ClauseCues

ADDRESS_WEIGHT = 3.0
SELF_REF_WEIGHT = 1.5
MENTION_WEIGHT = 0.7
REFER_BACK_WEIGHT = 1.0
SURE = 1.0  # evidence needed to name a guest outright
ASIDE_CHARS = 40  # a moderator aside this short (OK继续, 明白吗) leaves the floor with the guest
TOPIC_CLAUSES = 8  # the moderator's last clauses, where a mention counts double


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
) -> list[Run]:
    """Re-decide every guest run from its evidence, then style, then who has waited longest."""
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
            decided[n] = (r.who, "intro", 0.9)
            prev_guest = r.who
            continue
        prev_name = people[prev_guest].name if prev_guest >= 0 else ""
        called = _called(runs, n, cues, recent, people)
        ev = {g: guest_evidence(r, cues, called, people[g].name, prev_name) for g in guests}
        ranked = sorted(ev.values(), reverse=True)
        best = max(guests, key=lambda g: ev[g])
        if ev[best] >= SURE and ranked[0] > (ranked[1] if len(ranked) > 1 else 0.0):
            reason = "address" if called.get(people[best].name) else "evidence"
            decided[n] = (best, reason, min(0.95, 0.5 + 0.15 * ev[best]))
            prev_guest = best
        else:
            prev_guest = r.who
    # Pass 2: in order, so turn-taking knows who spoke last.
    last_spoke: dict[int, int] = {g: -1 - k for k, g in enumerate(reversed(guests))}
    out: list[Run] = []
    prev_guest = -1
    for n, r in enumerate(runs):
        if r.who not in guests:
            out.append(r)
            continue
        if n in decided:
            g, reason, strength = decided[n]
            out.append(Run(r.first, r.last, g, reason, strength))
        else:
            mentioned = {w for i in range(r.first, r.last + 1) for w in cues[i].mentioned}
            cands = (
                [g for g in guests if g != prev_guest and people[g].name not in mentioned]
                or [g for g in guests if g != prev_guest]
                or guests
            )
            if _aside(runs, n, cues, people, run_chars) and prev_guest in guests:
                out.append(Run(r.first, r.last, prev_guest, "resume", 0.4))
                last_spoke[prev_guest] = n
                continue
            topic = _topic(runs, n, cues, people)
            pick = max(cands, key=lambda g: (topic.get(people[g].name, 0.0), -last_spoke[g]))
            if topic.get(people[pick].name, 0.0) > 0:
                out.append(Run(r.first, r.last, pick, "topic", 0.4))
            else:
                out.append(Run(r.first, r.last, pick, "turn_order", 0.3))
        prev_guest = out[-1].who
        last_spoke[prev_guest] = n
    return out


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
    if not is_guest(people[runs[n - 1].who]):
        # The moderator may call on a guest and go on asking: the last call in the turn counts.
        out = dict(recent[runs[n].first])
        prev = runs[n - 1]
        weight = 1.0
        for i in range(prev.last, prev.first - 1, -1):
            if cues[i].addressed:
                for who, s in cues[i].addressed.items():
                    out[who] = max(out.get(who, 0.0), s * weight)
                weight *= 0.6
        return out
    prev = runs[n - 1]
    out: dict[str, float] = {}
    for i in range(max(prev.first, prev.last - 2), prev.last + 1):
        for who, s in cues[i].addressed.items():
            out[who] = max(out.get(who, 0.0), s)
    return out


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
    return not any(
        cues[i].addressed or cues[i].floor_open for i in range(aside.first, aside.last + 1)
    )
