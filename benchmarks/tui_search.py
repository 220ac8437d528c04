"""TUI search benchmark: type into the corpus-wide search screen and measure how long the app
ever failed to respond to a key.

    python benchmarks/tui_search.py [CORPUS_DIR] [--panels 500] [--cache DIR] [--cold]

CORPUS_DIR (default ``/tmp/panel-tui-bench-500``) is generated with make_corpus.py when it
does not exist (never inside the repo). The app is Textual's headless ``run_test`` at 100x30
with the real ``SearchScreen``; queries are typed one key at a time as key events.

Two numbers per key:

- **key latency**: from the key event reaching the app (sent as the terminal driver does, every
  80 ms, a fast typist) until the query line shows the character, i.e. how long typing waited;
- **loop lag**: a 5 ms interval timer records the longest gap between its ticks beyond 5 ms
  while typing: the longest time the event loop could not have answered any key.

And per query, **results**: from its last key until the results list shows that query's hits
(searches run in a cancellable thread worker, so this may be later than the key's latency).

Scenarios: ``ready`` (index loaded before typing, nothing else running), ``startup`` (the
screen opens at once while the engine loads the cached index and attributes every panel's
speakers in the background, as in the first seconds of the app), ``startup-idle`` (the same
with no keys: the lag the background work causes on its own) and, with ``--cold``, ``cold``
(empty cache: the index builds while typing). Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERIES = ["杨植麟", "多模态数据", "scaling law", "yangzhilin", "模型 数据 !价格", "@杨植麟 模型"]
TICK = 0.005
GAP = 0.08  # seconds between keys: a fast typist


def send_key(app, ch: str) -> None:
    """Hand a key to the app as the terminal driver would, without ``pilot.press``'s wait for
    the whole process (worker threads included) to go idle."""
    from textual import events

    key = "space" if ch == " " else ch
    event = events.Key(key, ch)
    event.set_sender(app)
    app._driver.send_message(event)


def ensure_corpus(path: Path, panels: int) -> Path:
    if ROOT in path.resolve().parents:
        raise SystemExit(f"refusing to write a scale corpus inside the repo: {path}")
    if not path.exists():
        print(f"generating {panels} panels in {path} …", flush=True)
        make = [sys.executable, str(HERE / "make_corpus.py"), str(path), "--panels", str(panels)]
        subprocess.run(make, check=True)
    return path


async def type_queries(engine, queries: list[str], typing: bool = True) -> dict[str, list[float]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Input, Static

    from panel_tui.tui.search_screen import SearchScreen

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("bench")

    app = Bench()
    out: dict[str, list[float]] = {"key": [], "lag": [], "results": []}
    async with app.run_test(size=(100, 30)) as pilot:
        screen = SearchScreen(engine)
        await app.push_screen(screen)
        await pilot.pause()
        box = screen.query_one(Input)
        last = [time.perf_counter()]
        lag = [0.0]

        def tick() -> None:
            now = time.perf_counter()
            lag[0] = max(lag[0], now - last[0] - TICK)
            last[0] = now

        app.set_interval(TICK, tick)
        if not typing:  # the same time with no keys: the lag the background work causes
            for _ in range(sum(map(len, queries))):
                last[0], lag[0] = time.perf_counter(), 0.0
                await asyncio.sleep(GAP + 0.005)
                out["lag"].append(lag[0])
            return out
        for q in queries:
            box.value = ""
            await pilot.pause(0.05)
            for ch in q:
                await asyncio.sleep(GAP)  # keys come a little apart, as from a person
                last[0], lag[0] = time.perf_counter(), 0.0
                want = box.value + ch
                t0 = time.perf_counter()
                send_key(app, ch)
                while box.value != want:  # this coroutine shares the app's event loop
                    await asyncio.sleep(0)
                out["key"].append(time.perf_counter() - t0)
                await asyncio.sleep(0.005)
                out["lag"].append(lag[0])
            t0 = time.perf_counter()
            while screen.result is None or screen.result.query != q:
                await asyncio.sleep(0.002)
                if time.perf_counter() - t0 > 60:
                    break
            out["results"].append(time.perf_counter() - t0)
    return out


def summary(name: str, xs: list[float]) -> str:
    ms = sorted(x * 1000 for x in xs)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return (
        f"  {name:<9} n={len(ms):<3} p50 {statistics.median(ms):7.1f} ms   "
        f"p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms"
    )


def scenario(name: str, corpus_dir: Path, cache: Path) -> None:
    os.environ["PANEL_TUI_CACHE_DIR"] = str(cache)
    from panel_tui import load_corpus
    from panel_tui.search import SearchEngine

    corpus = load_corpus(corpus_dir)
    engine = SearchEngine(corpus.panels)
    t0 = time.perf_counter()
    if name == "ready":
        engine.build()
        engine.start(warm_speakers=False)  # the screen's start() is then a no-op
    else:
        engine.start()  # cached or cold build, then speaker warm-up, all in the background
    print(f"\n{name}: {len(corpus.panels)} panels, index {'ready' if engine.ready else 'building'}")
    got = asyncio.run(type_queries(engine, QUERIES, typing=name != "startup-idle"))
    if name == "startup-idle":
        print(summary("loop lag", got["lag"]) + "   (no keys: the background work alone)")
        return
    print(summary("key", got["key"]))
    print(summary("loop lag", got["lag"]))
    print(summary("results", got["results"]))
    print(
        f"  longest time the app did not respond to a key: "
        f"{max(max(got['key']), max(got['lag'])) * 1000:.1f} ms"
        f" (index {engine.indexed}/{engine.total} after {time.perf_counter() - t0:.1f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=Path("/tmp/panel-tui-bench-500"))
    ap.add_argument("--panels", type=int, default=500)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/panel-tui-bench-cache"))
    ap.add_argument("--cold", action="store_true", help="also type while the index builds")
    ap.add_argument(
        "--only", choices=["ready", "startup", "startup-idle", "cold"], help=argparse.SUPPRESS
    )
    args = ap.parse_args(argv)
    corpus = ensure_corpus(args.corpus, args.panels)
    if args.only:  # one scenario per process: a fresh engine, no warm caches in memory
        cache = args.cache / "cold" if args.only == "cold" else args.cache / "warm"
        scenario(args.only, corpus, cache)
        return 0
    print(f"queries typed key by key: {QUERIES}")
    warm = args.cache / "warm"
    if not warm.exists():
        print("building the cached index once (not timed) …", flush=True)
        os.environ["PANEL_TUI_CACHE_DIR"] = str(warm)
        from panel_tui import load_corpus
        from panel_tui.search import SearchEngine

        SearchEngine(load_corpus(corpus).panels).build()
    runs = ["ready", "startup", "startup-idle"] + (["cold"] if args.cold else [])
    for name in runs:
        if name == "cold":
            subprocess.run(["rm", "-rf", str(args.cache / "cold")], check=True)
        me = [sys.executable, __file__, str(corpus), "--cache", str(args.cache), "--only", name]
        subprocess.run(me, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
