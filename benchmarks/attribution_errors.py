"""Where attribution goes wrong: predicted vs gold speaker per gold segment, and the error mass
split into role errors, guest-identity errors and audience errors.

Usage: python benchmarks/attribution_errors.py [--silver | --gold GOLD.json] [--segments]
Gold 000 comes from ../shared/eval; ``--silver`` uses the silver annotation of 001 instead,
``--gold`` any gold file (e.g. benchmarks/gold/gold_003.json), scored against its document.
Reads gold only here, in a benchmark, never in library code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from panel_tui.ingest import read_document
from panel_tui.model import Panel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import source_of  # the benchmark next to this one

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def gold_spans(text: str, gold: dict) -> list[tuple[int, int, str]]:
    pos, starts = 0, []
    for i, t in enumerate(gold["turns"]):
        j = text.find(t["start"], pos if i else 0)
        starts.append((j, t["speaker"]))
        pos = j + 1
    return [
        (a, starts[k + 1][0] if k + 1 < len(starts) else len(text), who)
        for k, (a, who) in enumerate(starts)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--silver", action="store_true")
    ap.add_argument("--gold", type=Path, help="a gold file other than gold_000")
    ap.add_argument("--segments", action="store_true", help="print every gold segment")
    args = ap.parse_args(argv)
    if args.silver:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from silver_001 import ASR, build_silver

        gold, source = build_silver(), ROOT / "corpus" / ASR
    else:
        gold_path = args.gold or EVAL / "gold_000.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found = source_of(gold_path, ROOT / "corpus")
        if found is None:
            print(f"{gold_path}: its transcript is not here", file=sys.stderr)
            return 2
        source = found
    panel = Panel(read_document(source))
    text = panel.text
    role = {p["name"]: p["role"] for p in gold["participants"]}
    alias = {a: p["name"] for p in gold["participants"] for a in [p["name"], *p["aliases"]]}
    who = [""] * len(text)
    meth = [""] * len(text)
    for t in panel.turns:
        for i in range(t.start, t.end):
            who[i] = alias.get(t.speaker, "?" + t.speaker)
            meth[i] = f"{t.method}@{t.confidence:.2f}"
    mass: Counter[str] = Counter()
    by_conf: dict[str, list[int]] = {}
    by_method: dict[str, list[int]] = {}
    total = 0
    for a, b, g in gold_spans(text, gold):
        seg = Counter()
        for i in range(a, b):
            if text[i].isspace():
                continue
            total += 1
            p = who[i]
            seg[p] += 1
            m = meth[i]
            by_method.setdefault(m.split("@")[0], [0, 0])
            by_method[m.split("@")[0]][0] += 1
            by_method[m.split("@")[0]][1] += p == g
            by_conf.setdefault(m, [0, 0])
            by_conf[m][0] += 1
            by_conf[m][1] += p == g
            if p == g:
                continue
            gr, pr = role.get(g, "?"), role.get(p, "?")
            if gr == pr == "guest":
                mass["guest identity"] += 1
            elif "audience" in (gr, pr):
                mass[f"audience ({gr}→{pr})"] += 1
            else:
                mass[f"role {gr}→{pr}"] += 1
        if args.segments:
            right = seg[g] / max(1, sum(seg.values()))
            flag = "  " if right > 0.8 else "!!"
            preds = ", ".join(f"{k or '-'}:{v}" for k, v in seg.most_common(3))
            print(f"{flag} {a:>6} {g:<5} {right:4.2f} [{preds}] {text[a : a + 30]!r}")
    role_wrong = sum(v for k, v in mass.items() if k != "guest identity")
    print(
        f"\nrole accuracy {1 - role_wrong / total:.3f}   accuracy {1 - sum(mass.values()) / total:.3f}"
    )
    print(f"error mass (of {total} chars):")
    for k, v in mass.most_common():
        print(f"  {k:<28} {v:>6}  {v / total:.3f}")
    print("accuracy by method (chars):")
    for k, (n, r) in sorted(by_method.items(), key=lambda x: -x[1][0]):
        print(f"  {k or '-':<14} {n:>6}  {r / n:.3f}")
    print("calibration: accuracy by method@confidence (chars)")
    for k, (n, r) in sorted(by_conf.items()):
        print(f"  {k or '-':<22} {n:>6}  {r / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
