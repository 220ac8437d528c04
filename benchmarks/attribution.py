"""Score speaker attribution against gold annotations, and time it.

Usage: python benchmarks/attribution.py [GOLD.json ...] [--scorer PATH] [--corpus DIR]

With no gold files, every ``gold_*.json`` next to the scorer is used, plus our own development
annotations in ``benchmarks/gold/gold_*.json`` (kind ``gold*``). Each gold file names its
transcript (``"document"``), looked up in the corpus directory, then in
``../shared/corpora/baai24`` (development golds of panels we may not ship; skipped with a note
when that folder is missing). A silver annotation of 001,
derived at run time from the edited article 004 (:mod:`silver_001`), is scored too (``--no-silver``
skips it). The official scorer (``score_attribution.py``) runs on our predicted turns; we print
its accuracy, boundary F1 and boundary counts per panel, then the attribution time of every
shipped transcript (it runs when a panel opens).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from panel_tui.ingest import read_document
from panel_tui.model import Panel

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score_attribution.py"
BAAI24 = ROOT.parent / "shared" / "corpora" / "baai24"
_RESULT = re.compile(r"accuracy=(?P<acc>[\d.]+) boundary_f1=(?P<f1>[\d.]+)")
_BOUNDS = re.compile(r"boundaries: (?P<b>.*)")


def _import_ms() -> float:
    """Milliseconds a fresh interpreter needs to import attribution (pypinyin included)."""
    code = (
        "import time; t = time.perf_counter(); import panel_tui.speakers.attribution; "
        "print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def attribute_timed(path: Path, repeat: int = 3) -> tuple[Panel, float]:
    """A fresh panel's turns and the seconds attribution took (reading excluded); the best of
    ``repeat`` fresh panels, so a busy machine does not decide the number."""
    doc = read_document(path)
    best = float("inf")
    panel = Panel(doc)
    for _ in range(repeat):
        panel = Panel(doc)
        t0 = time.perf_counter()
        _ = panel.turns
        best = min(best, time.perf_counter() - t0)
    return panel, best


def source_of(gold: Path, corpus: Path) -> Path | None:
    """The transcript a gold file annotates: in the corpus, else among the baai24 panels."""
    doc_name = json.loads(gold.read_text(encoding="utf-8"))["document"]
    return next((d / doc_name for d in (corpus, BAAI24) if (d / doc_name).is_file()), None)


def score(gold: Path, source: Path, scorer: Path) -> tuple[str, float, float, int, float, str]:
    doc_name = source.name
    panel, seconds = attribute_timed(source)
    turns = [{"speaker": t.speaker, "start": t.start, "end": t.end} for t in panel.turns]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({"turns": turns}, f, ensure_ascii=False)
    out = subprocess.run(
        [sys.executable, str(scorer), str(source), str(gold), f.name],
        capture_output=True,
        text=True,
        check=False,
    )
    Path(f.name).unlink(missing_ok=True)
    m = _RESULT.search(out.stdout)
    if not m:
        raise SystemExit(f"scorer failed on {gold}:\n{out.stdout}\n{out.stderr}")
    b = _BOUNDS.search(out.stdout)
    return doc_name, float(m["acc"]), float(m["f1"]), len(turns), seconds, b["b"] if b else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--no-silver", action="store_true", help="skip the silver annotation of 001")
    args = ap.parse_args(argv)
    if not args.scorer.exists():
        print(f"scorer not found: {args.scorer}", file=sys.stderr)
        return 2
    if args.gold:
        golds = [(g, "gold") for g in args.gold]
    else:
        golds = [(g, "gold") for g in sorted(args.scorer.parent.glob("gold_*.json"))]
        golds += [(g, "gold*") for g in sorted((ROOT / "benchmarks" / "gold").glob("gold_*.json"))]
    tmp = tempfile.TemporaryDirectory()
    if not args.no_silver:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from silver_001 import write_silver

        golds.append((write_silver(Path(tmp.name) / "silver_001.json", args.corpus), "silver"))
    print(
        f"importing attribution + pypinyin (fresh process, once per process): "
        f"{_import_ms():.0f} ms\n"
    )
    print(f"{'panel':<32} {'kind':<6} {'accuracy':>8} {'bound_f1':>8} {'turns':>6} {'ms':>7}")
    details = []
    for g, kind in golds:
        source = source_of(g, args.corpus)
        if source is None:
            print(f"{g.name:<32} {kind:<6} skipped: its transcript is not here")
            continue
        name, acc, f1, n, sec, bounds = score(g, source, args.scorer)
        label = name if source.parent == args.corpus else g.stem.removeprefix("gold_")
        print(f"{label:<32} {kind:<6} {acc:>8.3f} {f1:>8.3f} {n:>6} {sec * 1000:>7.1f}")
        details.append(f"{label[:13]} {kind}: boundaries {bounds}")
    print("\n".join(["", *details]))
    tmp.cleanup()
    print("\ntiming (attribution only, fresh panel)")
    for path in sorted(args.corpus.glob("*.txt")):
        panel, sec = attribute_timed(path)
        print(
            f"{path.name:<32} {len(panel.text):>7} chars {len(panel.turns):>5} turns "
            f"{sec * 1000:>7.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
