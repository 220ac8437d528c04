"""Search benchmark: per-keystroke latency, index build, cold and cached load, peak memory,
and the ratio to a brute-force rapidfuzz scan, at several corpus sizes.

    python benchmarks/search.py [--panels 5 500] [--work DIR]

For each size a scale corpus is generated (benchmarks/make_corpus.py) under ``--work`` (a
temporary directory by default) and measured in fresh worker processes, each with its own
empty cache directory: a cold run (load + build + write the cache), a cached run (load + read
the cache), then the typing run. Queries are typed one character at a time through a
``SearchSession``, as the app does. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = {
    "chinese": ["杨植麟", "多模态数据", "楊植麟"],
    "english": ["scaling law", "Transformer", "scalng"],
    "pinyin": ["yangzhilin", "yzl", "duomotai"],
    "multi-term": ["模型 数据 !价格", "scaling 数据", "@杨植麟 模型"],
}


def _load(corpus: str) -> tuple[object, object, float, float]:
    from panel_tui import load_corpus
    from panel_tui.search import SearchEngine

    t0 = time.perf_counter()
    c = load_corpus(corpus)
    t1 = time.perf_counter()
    engine = SearchEngine(c.panels)
    engine.build()
    t2 = time.perf_counter()
    return c, engine, t1 - t0, t2 - t1


def worker_load(corpus: str) -> dict[str, float]:
    _, engine, load, index = _load(corpus)
    return {"load": load, "index": index, "from_cache": engine.from_cache}  # type: ignore[attr-defined]


def worker_typing(corpus: str) -> dict[str, object]:
    import resource

    from rapidfuzz import fuzz, process

    c, engine, load, index = _load(corpus)
    t0 = time.perf_counter()
    for i in range(engine.total):  # type: ignore[attr-defined]
        engine.unit_speakers(i)  # type: ignore[attr-defined]
    attribution = time.perf_counter() - t0
    chars = sum(len(p.text) for p in c.panels)  # type: ignore[attr-defined]
    sentences = [p.text[s.start : s.end] for p in c.panels for s in p.sentences]  # type: ignore[attr-defined]
    per_kind: dict[str, list[float]] = {}
    brute: list[float] = []
    final: list[float] = []
    hits: dict[str, int] = {}
    for kind, queries in QUERIES.items():
        for q in queries:
            session = engine.session(limit=50)  # type: ignore[attr-defined]
            for i in range(1, len(q) + 1):
                t = time.perf_counter()
                res = session.update(q[:i])
                per_kind.setdefault(kind, []).append(time.perf_counter() - t)
            final.append(per_kind[kind][-1])
            plain = " ".join(w for w in q.split() if w[0] not in "!@'")
            t = time.perf_counter()
            process.extract(plain, sentences, scorer=fuzz.partial_ratio, limit=50, score_cutoff=70)
            brute.append(time.perf_counter() - t)
            hits[q] = len(res.hits)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "panels": engine.total,  # type: ignore[attr-defined]
        "chars": chars,
        "sentences": len(sentences),
        "load": load,
        "index": index,
        "attribution": attribution,
        "latency": per_kind,
        "brute": brute,
        "final": final,
        "peak_mb": peak,
        "hits": hits,
    }


def _run_worker(mode: str, corpus: Path, cache: Path) -> dict:
    env = dict(os.environ, PANEL_TUI_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, __file__, "--worker", mode, str(corpus)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _ms(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return 1000 * xs[min(len(xs) - 1, int(q * len(xs)))]


def measure(n: int, work: Path) -> dict:
    corpus = work / f"corpus-{n}"
    if not corpus.exists():
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--panels", str(n)],
            check=True,
            capture_output=True,
        )
    cache = work / f"cache-{n}"
    if cache.exists():
        import shutil

        shutil.rmtree(cache)
    cold = _run_worker("load", corpus, cache)
    cached = _run_worker("load", corpus, cache)
    typing = _run_worker("typing", corpus, cache)
    return {"n": n, "cold": cold, "cached": cached, "typing": typing}


def report(results: list[dict]) -> None:
    print("\n## Corpus, index and load\n")
    print(
        "| panels | chars | sentences | ingest | index build (cold) | cached index load | "
        "cached load total | speaker warm-up | peak RSS |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        t, cold, cached = r["typing"], r["cold"], r["cached"]
        print(
            f"| {r['n']} | {t['chars']:,} | {t['sentences']:,} | {cached['load']:.2f} s "
            f"| {cold['index']:.2f} s | {cached['index']:.2f} s "
            f"| {cached['load'] + cached['index']:.2f} s | {t['attribution']:.1f} s "
            f"| {t['peak_mb']:.0f} MB |"
        )
    print("\n## Per-keystroke latency (ms), queries typed one character at a time\n")
    print("| panels | kind | keystrokes | p50 | p95 | max |")
    print("|---:|---|---:|---:|---:|---:|")
    for r in results:
        lat = r["typing"]["latency"]
        for kind, xs in [*lat.items(), ("all", [x for v in lat.values() for x in v])]:
            print(
                f"| {r['n']} | {kind} | {len(xs)} | {_ms(xs, 0.5):.2f} | {_ms(xs, 0.95):.2f} "
                f"| {1000 * max(xs):.2f} |"
            )
    print("\n## Against a brute-force rapidfuzz scan (same sentences, same run)\n")
    print("| panels | brute force per query (mean) | index, full query (mean) | speed-up |")
    print("|---:|---:|---:|---:|")
    for r in results:
        b, f = r["typing"]["brute"], r["typing"]["final"]
        mb, mf = statistics.mean(b), statistics.mean(f)
        print(f"| {r['n']} | {1000 * mb:.1f} ms | {1000 * mf:.2f} ms | {mb / mf:.0f}x |")
    for r in results:
        print(f"\nhits (limit 50) at {r['n']} panels: {r['typing']['hits']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--panels", type=int, nargs="+", default=[5, 500])
    ap.add_argument("--work", type=Path, help="where corpora and caches go (default: a temp dir)")
    ap.add_argument("--worker", nargs=2, metavar=("MODE", "CORPUS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        mode, corpus = args.worker
        out = worker_load(corpus) if mode == "load" else worker_typing(corpus)
        print(json.dumps(out))
        return 0
    with tempfile.TemporaryDirectory(prefix="panel-tui-bench-") as tmp:
        work = args.work or Path(tmp)
        results = []
        for n in args.panels:
            print(f"measuring {n} panels …", file=sys.stderr)
            results.append(measure(n, work))
        report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
