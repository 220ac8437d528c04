"""Who said what: explicit labels, single-speaker talks, and cue-based segmentation of ASR text.

Explicit ``Name:`` labels are never overridden. An unlabelled transcript is cut into clauses,
each clause scored for hand-off cues against the panel's own participants, and the best
speaker sequence found by Viterbi (:mod:`panel_tui.speakers.segment`). A corrections overlay
always wins.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from panel_tui.model import (
    AUDIENCE,
    MODERATOR,
    SPEAKER,
    SPEECH,
    UNKNOWN_SPEAKER,
    Participant,
    SourceDocument,
    Turn,
)
from panel_tui.speakers import confidence as conf
from panel_tui.speakers.affiliation import learn_affiliations
from panel_tui.speakers.clauses import Clause, split_at, split_clauses
from panel_tui.speakers.cues import (
    ClauseCues,
    all_clause_cues,
    learn_orgs,
    thanks_cuts,
    vocative_cuts,
)
from panel_tui.speakers.identity import Run, assign_guests, is_guest
from panel_tui.speakers.name_match import NEAR, ORG, NameHit, NameMatcher
from panel_tui.speakers.participants import (
    SelfIntro,
    appointed_moderators,
    panel_participants,
    resolve_participants,
)
from panel_tui.speakers.profile import refine_guests
from panel_tui.speakers.segment import Step, addressed_recently, viterbi

__all__ = ["apply_corrections", "attribute", "panel_participants"]

# Turn methods.
LABEL = "label"
TITLE = "title"
CUE = "cue"
CONTINUATION = "continuation"
SELF_INTRO = "self_intro"
UNKNOWN = "unknown"
CORRECTION = "correction"


def attribute(
    doc: SourceDocument,
    participants: tuple[Participant, ...],
    corrections: tuple[tuple[int, int, str], ...] = (),
) -> tuple[Turn, ...]:
    speech = [b for b in doc.blocks if b.kind == SPEECH]
    if not speech:
        return ()
    turns = _labelled(doc) if any(b.speaker for b in speech) else _inferred(doc, participants)
    return apply_corrections(turns, corrections)


def _labelled(doc: SourceDocument) -> tuple[Turn, ...]:
    """Labels are ground truth; an unlabelled paragraph continues the labelled turn before it."""
    turns: list[Turn] = []
    for b in doc.blocks:
        if b.kind != SPEECH:
            continue
        if b.speaker:
            turns.append(Turn(b.speaker, b.body.start, b.end, LABEL, 1.0))
        elif turns and turns[-1].method == LABEL:
            last = turns[-1]
            turns[-1] = Turn(last.speaker, last.start, b.end, LABEL, 1.0)
        else:
            turns.append(Turn(UNKNOWN_SPEAKER, b.start, b.end, UNKNOWN, 0.0))
    return tuple(turns)


def _inferred(doc: SourceDocument, participants: tuple[Participant, ...]) -> tuple[Turn, ...]:
    speech = [b for b in doc.blocks if b.kind == SPEECH]
    talkers = [p for p in participants if p.role != AUDIENCE]
    if len(talkers) == 1 and talkers[0].role in (SPEAKER, MODERATOR) and len(participants) == 1:
        # A talk: one person on stage for the whole file.
        return (Turn(talkers[0].name, speech[0].body.start, speech[-1].end, TITLE, conf.TITLE),)
    if not participants:
        return tuple(Turn(UNKNOWN_SPEAKER, b.body.start, b.end, UNKNOWN, 0.0) for b in speech)
    _, intros = resolve_participants(doc)
    clauses = split_clauses(doc)
    if not clauses:
        return ()
    orgs: dict[str, set[str]] = {}
    for si in intros:
        if si.org:
            orgs.setdefault(si.name, set()).add(si.org)
    guests = [p.name for p in participants if is_guest(p)]
    names = NameMatcher(participants, near=guests).find(doc.text)
    for who, found in learn_orgs(doc.text, names).items():
        orgs.setdefault(who, set()).update(found)
    clauses, runs = _segment(doc, clauses, participants, intros, orgs, names)
    return _turns(clauses, runs, participants)


def _segment(
    doc: SourceDocument,
    clauses: list[Clause],
    participants: tuple[Participant, ...],
    intros: list[SelfIntro],
    orgs: dict[str, set[str]],
    names: list[NameHit],
) -> tuple[list[Clause], list[Run]]:
    """Viterbi, then guest identity. ``names`` are the participants' names in the text; known
    affiliations are added to them. If the guests' confident turns reveal affiliations the
    moderator calls them by (快手怎么看), the cues are redone with them and the panel runs again."""
    hits = _with_orgs(doc.text, participants, names, orgs)
    clauses = split_at(clauses, vocative_cuts(doc.text, hits) + thanks_cuts(doc.text))
    intro_at = _intro_clauses(clauses, intros)
    spans = _moderator_spans(doc, clauses, participants)
    cache: dict[tuple[Clause, tuple[NameHit, ...]], ClauseCues] = {}

    def run_chars(r: Run) -> int:
        return clauses[r.last].end - clauses[r.first].start

    def run_text(r: Run) -> str:
        return " ".join(clauses[i].text for i in range(r.first, r.last + 1))

    def one_pass(hits: list[NameHit]) -> list[Run]:
        cues = all_clause_cues(doc.text, clauses, hits, cache)
        casts = _panel_casts(clauses, cues, spans, participants, hits)

        def cast(r: Run) -> list[int]:
            return next((c for (lo, hi), c in casts if lo <= r.first < hi), [])

        steps = viterbi(clauses, cues, participants, intro_at, spans)
        recent = addressed_recently(clauses, cues)
        return assign_guests(_runs(steps), cues, recent, participants, run_chars, cast)

    runs = one_pass(hits)
    named = [(participants[r.who].name, run_text(r)) for r in runs if r.reason in NAMED]
    learnt = {w: v - orgs.get(w, set()) for w, v in learn_affiliations(doc.text, named).items()}
    if any(learnt.values()):
        runs = one_pass(_with_orgs(doc.text, participants, hits, learnt))
    guests = [i for i, p in enumerate(participants) if is_guest(p)]
    return clauses, refine_guests(runs, guests, run_text)


def _with_orgs(
    text: str,
    participants: tuple[Participant, ...],
    hits: list[NameHit],
    orgs: Mapping[str, Collection[str]],
) -> list[NameHit]:
    """``hits`` plus the mentions of the given affiliations."""
    if not any(orgs.values()):
        return hits
    forms = {w: tuple(sorted(v)) for w, v in orgs.items()}
    matcher = NameMatcher(participants, forms, orgs_only=True)
    return _merge_hits(hits, matcher.find(text))


def _merge_hits(hits: list[NameHit], extra: list[NameHit]) -> list[NameHit]:
    """Earlier hits win; an extra hit is kept where it overlaps none of them."""
    spans = [(h.start, h.end) for h in hits]
    keep = [x for x in extra if not any(a < x.end and x.start < b for a, b in spans)]
    return sorted([*hits, *keep], key=lambda h: h.start)


def _moderator_spans(
    doc: SourceDocument, clauses: list[Clause], participants: tuple[Participant, ...]
) -> dict[int, tuple[int, int]]:
    """Clause ranges of the moderators an MC appointed: from the appointment to the next one."""
    at = appointed_moderators(doc, participants)
    if not at:
        return {}
    starts = sorted((off, name) for name, off in at.items())
    index = {p.name: i for i, p in enumerate(participants)}
    out: dict[int, tuple[int, int]] = {}
    for k, (off, name) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(doc.text)
        lo = next((i for i, c in enumerate(clauses) if c.start >= off), len(clauses))
        hi = next((i for i, c in enumerate(clauses) if c.start >= end), len(clauses))
        out[index[name]] = (lo, hi)
    return out


CAST_LEAD_CHARS = 800  # the MC names a panel's guests as they come on stage, just before


def _panel_casts(
    clauses: list[Clause],
    cues: list[ClauseCues],
    spans: dict[int, tuple[int, int]],
    participants: tuple[Participant, ...],
    names: list[NameHit],
) -> list[tuple[tuple[int, int], list[int]]]:
    """For each appointed moderator's panel, the guests the MC names as they come on stage
    (just before the appointment) and those called on during it: the speakers of a forum's
    earlier talks are not on this stage."""
    index = {p.name: i for i, p in enumerate(participants)}
    out = []
    for lo, hi in spans.values():
        if lo >= hi:
            continue
        a, b = clauses[lo].start - CAST_LEAD_CHARS, clauses[lo].end
        named = {
            index[h.who]
            for h in names
            if a <= h.start < b and h.who in index and h.kind not in (ORG, NEAR)
        }
        named |= {index[w] for i in range(lo, hi) for w in cues[i].addressed if w in index}
        out.append(((lo, hi), [g for g in sorted(named) if is_guest(participants[g])]))
    return out


def _intro_clauses(clauses: list[Clause], intros: list[SelfIntro]) -> dict[int, str]:
    """Clause index → the name introduced in it (every clause the introduction spans)."""
    out: dict[int, str] = {}
    j = 0
    for si in sorted(intros, key=lambda x: x.start):
        while j < len(clauses) and clauses[j].end <= si.start:
            j += 1
        k = j
        while k < len(clauses) and clauses[k].start < si.end:
            out[k] = si.name
            k += 1
    return out


NAMED = ("address", "intro")  # guest runs whose guest a call or self-introduction named

_METHOD = {
    "intro": SELF_INTRO,
    "address": CUE,
    "ack": CUE,
    "audience": CUE,
    "answer": CONTINUATION,
    "evidence": CONTINUATION,
    "turn_order": CONTINUATION,
    "topic": CONTINUATION,
    "resume": CONTINUATION,
    "follow_up": CONTINUATION,
    "profile": CONTINUATION,
}


def _runs(steps: list[Step]) -> list[Run]:
    runs: list[Run] = []
    i, n = 0, len(steps)
    while i < n:
        j = i
        while j + 1 < n and steps[j + 1].who == steps[i].who:
            j += 1
        reason = steps[i].reason
        if any(steps[m].reason == "intro" for m in range(i, j + 1)):
            reason = "intro"
        runs.append(Run(i, j, steps[i].who, reason, steps[i].strength))
        i = j + 1
    return runs


def _turns(
    clauses: list[Clause], runs: list[Run], people: tuple[Participant, ...]
) -> tuple[Turn, ...]:
    """Runs become turns (a speaker's consecutive runs merge); the first run's reason gives
    the method and confidence."""
    turns: list[Turn] = []
    for k, r in enumerate(runs):
        name = people[r.who].name
        if turns and turns[-1].speaker == name:
            last = turns[-1]
            turns[-1] = Turn(name, last.start, clauses[r.last].end, last.method, last.confidence)
            continue
        if k == 0 and not r.reason:
            method, confidence = CONTINUATION, conf.FIRST
        elif r.reason == "intro":
            method, confidence = SELF_INTRO, conf.SELF_INTRO
        else:
            method, confidence = _METHOD.get(r.reason, CONTINUATION), r.strength
        turns.append(Turn(name, clauses[r.first].start, clauses[r.last].end, method, confidence))
    return tuple(turns)


def apply_corrections(
    turns: tuple[Turn, ...], corrections: tuple[tuple[int, int, str], ...]
) -> tuple[Turn, ...]:
    """Overlay ``(start, end, speaker)`` corrections: they always win over inference."""
    if not corrections:
        return turns
    out = list(turns)
    for start, end, speaker in sorted(corrections):
        pieces: list[Turn] = []
        for t in out:
            if t.end <= start or t.start >= end:
                pieces.append(t)
                continue
            if t.start < start:
                pieces.append(Turn(t.speaker, t.start, start, t.method, t.confidence))
            if t.end > end:
                pieces.append(Turn(t.speaker, end, t.end, t.method, t.confidence))
        pieces.append(Turn(speaker, start, end, CORRECTION, 1.0))
        out = sorted(pieces, key=lambda t: t.start)
    return tuple(out)
