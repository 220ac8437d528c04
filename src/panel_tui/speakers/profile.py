"""Guest identity from what each guest talks about: a per-panel lexical profile.

When no call, affiliation or mention names the guest of a run, the round-robin fallback is
right only about half the time. But each guest keeps returning to their own company, products
and pet terms (千问/阿里, 联邦学习, 快手), and these words are spread unevenly over the panel.
So the turns that *were* named confidently teach, for this panel only, which words belong to
whom: a TF-IDF profile per guest against everything else said in the panel. A weakly decided
run moves to the guest whose profile it matches clearly better; otherwise it stays. The
profiles are trusted only if they recognise the confidently named runs themselves (each left
out of its profile in turn): misheard calls teach the wrong words, and then nothing moves.
Nothing here knows any name or word in advance.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

from panel_tui.speakers import confidence as conf
from panel_tui.speakers.identity import Run

_log = math.log
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]{1,}")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Runs decided by a cue teach the profile; runs decided by a fallback may be re-decided.
TEACH = ("address", "intro")
WEAK = ("turn_order", "topic", "resume")
MIN_RUN_CHARS = 60  # too little text to compare below this
MIN_PROFILE_CHARS = 300  # a guest needs this much confident text to have a profile
TRUST = 0.6  # share of confident runs the profiles must recognise, left out in turn
MARGIN = 0.2  # gap in relative similarity between the best and the current guest
RATIO = 1.2  # ...and the best relative similarity must beat the current guest's by this factor


def tokens(text: str) -> list[str]:
    """Latin words (lower-cased) and Han character bigrams: no dictionary needed."""
    out = [w.lower() for w in _LATIN.findall(text)]
    for m in _HAN.finditer(text):
        s = m.group()
        out.extend(s[i : i + 2] for i in range(len(s) - 1))
    return out


def _vector(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    v = {t: (1.0 + _log(c)) * w for t, c in counts.items() if (w := idf.get(t, 0.0)) > 0}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / norm for t, x in v.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def refine_guests(
    runs: list[Run],
    guests: Sequence[int],
    run_text: Callable[[Run], str],
) -> list[Run]:
    """Re-decide fallback guest runs by profile similarity where the margin is clear."""
    if len(guests) < 2 or not any(
        r.reason in WEAK and len(run_text(r)) >= MIN_RUN_CHARS for r in runs
    ):
        return runs
    docs = [Counter(tokens(run_text(r))) for r in runs]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    idf = {t: math.log(n / c) for t, c in df.items()}
    teach: dict[int, Counter[str]] = {g: Counter() for g in guests}
    chars: Counter[int] = Counter()
    for r, d in zip(runs, docs, strict=True):
        if r.who in teach and r.reason in TEACH:
            teach[r.who].update(d)
            chars[r.who] += len(run_text(r))
    profiles = {g: _vector(c, idf) for g, c in teach.items() if chars[g] >= MIN_PROFILE_CHARS}
    if len(profiles) < 2:
        return runs
    long = [k for k, r in enumerate(runs) if r.who in teach and len(run_text(r)) >= MIN_RUN_CHARS]
    vecs = {k: _vector(docs[k], idf) for k in long}  # only long runs are ever compared
    # A guest with more confident text matches every run a little better: score a run by how
    # much more it resembles a profile than the other guests' confident runs do.
    base: dict[int, float] = {}
    for g, p in profiles.items():
        sims = [_cos(vecs[k], p) for k in long if runs[k].who != g and runs[k].reason in TEACH]
        base[g] = (sum(sims) / len(sims)) if sims else 0.0
    if any(b <= 0 for b in base.values()):
        return runs
    if _self_check(runs, docs, vecs, idf, teach, profiles, long, run_text) < TRUST:
        return runs
    out = list(runs)
    for k in long:
        r = runs[k]
        if r.who not in profiles or r.reason not in WEAK:
            continue
        rel = {g: _cos(vecs[k], p) / base[g] for g, p in profiles.items()}
        best = max(rel, key=lambda g: rel[g])
        if best != r.who and rel[best] >= RATIO * rel[r.who] and rel[best] - rel[r.who] >= MARGIN:
            out[k] = Run(r.first, r.last, best, "profile", conf.PROFILE)
    return out


def _self_check(
    runs: list[Run],
    docs: list[Counter[str]],
    vecs: dict[int, dict[str, float]],
    idf: dict[str, float],
    teach: dict[int, Counter[str]],
    profiles: dict[int, dict[str, float]],
    long: list[int],
    run_text: Callable[[Run], str],
) -> float:
    """Leave each confidently named run out of its guest's profile: how many characters of
    them do the profiles give back to the right guest? Low when calls were misheard and the
    profiles learnt from the wrong turns."""
    right = total = 0
    for k in long:
        r = runs[k]
        if r.reason not in TEACH or r.who not in profiles:
            continue
        d = docs[k]
        rest = Counter({t: c - d[t] for t, c in teach[r.who].items() if c > d[t]})
        if not rest:
            continue  # the guest's only confident run: nothing left to check it against
        own = _vector(rest, idf)
        sims = {g: _cos(vecs[k], own if g == r.who else p) for g, p in profiles.items()}
        n = len(run_text(r))
        total += n
        right += n * (max(sims, key=lambda g: sims[g]) == r.who)
    return right / total if total else 0.0
