"""TUI benchmark: first paint of the panel list against a minimal Textual app, and opening the
longest panel and jumping to its end, on the shipped corpus and on a 500-panel corpus.

    python benchmarks/tui.py [--panels 500] [--work DIR] [--runs 5]

What is measured (every number is the median of ``--runs`` fresh processes, so each run pays
for its own CSS parsing, corpus reading and caches; Python and Textual are imported before the
clock starts, by both apps alike):

* **first paint**: from ``App()`` construction, through ``run_test()`` (headless, 100×30), to
  the first frame the compositor hands to the display with a screenful of list rows (10, or
  all when fewer). On a large corpus panel-tui shows the first 10 files' rows while the rest
  is read, so the time until *all* rows are listed is printed too. The baseline is a minimal ``App`` whose only
  widget is an ``OptionList`` with as many static rows as the corpus has panels, measured the
  same way in the same kind of process. The ratio is panel-tui / baseline.
* **open + jump to end**: from asking to open the longest panel (by characters; what Enter
  does) to the frame showing its laid-out transcript, then ``G`` (``action_bottom``) to the
  frame showing the end. *idle*: the background warm-up has attributed it and nothing else
  runs (the usual case a few seconds after start); *warm*: attributed, but the warm-up is
  still busy with other panels; *cold*: Enter at once, attribution runs in the open worker.
  These three run with the attribution disk cache off (``PANEL_TUI_ATTRIBUTION_CACHE=0``): a
  first start. *cold, disk cache*: Enter at once in a later start, attribution read back
  from the disk cache (filled by one start beforehand that attributed every panel).

Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIPPED = HERE.parent / "corpus"
SIZE = (100, 30)
SCREENFUL = 10  # list rows that fill the pane at 100x30 (3 lines each)


# -- measurements, each in a fresh child process ----------------------------------------------
#
# Pilot's ``pause()``/``press()`` wait until the whole *process* is idle, which never happens
# while the warm-up thread attributes panels, so they would time the warm-up, not the screen.
# Instead every frame the compositor hands to the display (``App._display`` is called with
# each update, headless or not) is checked against a probe of the app's state, actions are
# called directly, and "drawn" means "the first frame rendered once the state was ready".


class Frames:
    """For each watched probe, the time of the first frame drawn while it held."""

    def __init__(self, app: object) -> None:
        self.probes: dict[str, object] = {}
        self.first: dict[str, float] = {}
        display = app._display  # type: ignore[attr-defined]

        def timed(screen: object, renderable: object) -> None:
            if renderable is not None:
                now = time.perf_counter()
                for name, probe in list(self.probes.items()):
                    if probe():  # type: ignore[operator]
                        self.first[name] = now
                        del self.probes[name]
            display(screen, renderable)

        app._display = timed  # type: ignore[attr-defined]

    def watch(self, name: str, probe: object) -> None:
        self.first.pop(name, None)
        self.probes[name] = probe

    async def wait(self, name: str, timeout: float = 300.0) -> float:
        deadline = time.perf_counter() + timeout
        while name not in self.first:
            if time.perf_counter() > deadline:
                raise TimeoutError
            await asyncio.sleep(0.005)  # the frame hook keeps the time; polling is cheap
        return self.first[name]


async def _until(ready: object, timeout: float = 300.0) -> None:
    deadline = time.perf_counter() + timeout
    while not ready():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.005)


def child_baseline(rows: int) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*[f"panel {i}" for i in range(rows)])

    async def main() -> float:
        t0 = time.perf_counter()
        app = Minimal()
        frames = Frames(app)
        async with app.run_test(size=SIZE):
            frames.watch("rows", lambda: app.query_one(OptionList).option_count == rows)
            return await frames.wait("rows") - t0

    return {"first_paint": asyncio.run(main())}


def child_panel_tui(corpus: str, data_dir: str, mode: str) -> dict[str, float]:
    from panel_tui.corpus import corpus_files
    from panel_tui.tui.app import PanelApp
    from panel_tui.tui.panel_list import PanelList
    from panel_tui.tui.transcript_view import TranscriptView

    out: dict[str, float] = {}
    panels_total = len(corpus_files(Path(corpus)))

    async def main() -> None:
        t0 = time.perf_counter()
        app = PanelApp(corpus_path=corpus, data_dir=data_dir)
        frames = Frames(app)
        async with app.run_test(size=SIZE):
            panels = app.query_one(PanelList)

            def screenful() -> bool:  # enough rows to fill the list pane
                return len(panels.panel_ids) >= min(panels_total, SCREENFUL)

            def listed() -> bool:
                return app.corpus is not None and len(panels.panel_ids) == len(app.corpus.panels)

            frames.watch("screenful", screenful)
            frames.watch("listed", listed)
            out["first_paint"] = await frames.wait("screenful") - t0
            out["all_listed"] = await frames.wait("listed") - t0
            assert app.corpus is not None
            longest = max(app.corpus.panels, key=lambda p: len(p.text))
            if mode == "prime":  # fill the disk cache: every panel attributed, then quit
                await _until(lambda: all("speaker_stats" in p.__dict__ for p in app.corpus.panels))
                app.exit()
                return
            # The reading panes are mounted right after the first frame.
            await _until(lambda: bool(app.query(TranscriptView)))
            if mode not in ("cold", "disk"):  # let the warm-up reach it (list order)
                await _until(lambda: "speaker_stats" in longest.__dict__)
            if mode == "idle":  # as if the warm-up were done: nothing else runs
                app.workers.cancel_group(app, "warm-up")
                await _until(lambda: all(w.is_finished for w in app.workers))
                await asyncio.sleep(0.3)
            view = app.query_one(TranscriptView)
            t1 = time.perf_counter()
            frames.watch(
                "opened",
                lambda: (
                    app.document is not None
                    and app.document.panel.id == longest.id
                    and len(view.layout_lines) > 0
                ),
            )
            app.open_panel_id(longest.id)  # what Enter on its row does
            t2 = await frames.wait("opened")
            bottom = view.max_scroll_y
            frames.watch("ended", lambda: view.scroll_y == bottom)
            view.action_bottom()  # G
            t3 = await frames.wait("ended")
            assert view.scroll_y == view.max_scroll_y
            out.update(open=t2 - t1, jump=t3 - t2, open_jump=t3 - t1, rows=len(view.layout_lines))
            out["chars"] = len(longest.text)
            app.exit()

    asyncio.run(main())
    return out


# -- driver ------------------------------------------------------------------------------------


def _child(*args: str, disk_cache: bool = False) -> dict[str, float]:
    env = dict(os.environ, PANEL_TUI_ATTRIBUTION_CACHE="1" if disk_cache else "0")
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def measure(name: str, corpus: Path, panels: int, runs: int, work: Path) -> None:
    base, idle, warm, cold, disk = [], [], [], [], []
    _child("panel-tui", str(corpus), str(work / f"data-{name}-prime"), "prime", disk_cache=True)
    for i in range(runs):
        base.append(_child("baseline", str(panels)))
        for mode, out in (("idle", idle), ("warm", warm), ("cold", cold)):
            out.append(_child("panel-tui", str(corpus), str(work / f"data-{name}-{mode}{i}"), mode))
        data = str(work / f"data-{name}-disk{i}")
        disk.append(_child("panel-tui", str(corpus), data, "disk", disk_cache=True))
    b = _median(base, "first_paint")
    p = _median(idle + warm + cold, "first_paint")
    print(f"\n## {name}: {panels} panels ({corpus})")
    print(f"first paint, minimal OptionList app ({panels} rows): {b * 1000:7.1f} ms")
    print(f"first paint, panel-tui panel list:             {p * 1000:7.1f} ms")
    print(f"ratio panel-tui / minimal:                     {p / b:7.2f}x")
    a = _median(idle + warm + cold, "all_listed")
    print(f"panel-tui, all {panels} rows listed:              {a * 1000:7.1f} ms")
    w = warm[0]
    print(
        f"longest panel: {int(w['chars']):,} chars, {int(w['rows']):,} rows at {SIZE[0]}x{SIZE[1]}"
    )
    cases = (
        ("idle (cached, warm-up done)  ", idle),
        ("warm (cached, warm-up busy)  ", warm),
        ("cold (attributes on open)    ", cold),
        ("cold, attribution disk cache ", disk),
    )
    for label, rs in cases:
        print(
            f"open + jump to end, {label}: {_median(rs, 'open_jump') * 1000:7.1f} ms "
            f"(open {_median(rs, 'open') * 1000:.1f} ms, G + frame {_median(rs, 'jump') * 1000:.1f}"
            f" ms)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--panels", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=None, help="where the scale corpus goes")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "baseline":
            result = child_baseline(int(rest[0]))
        else:
            result = child_panel_tui(rest[0], rest[1], mode=rest[2])
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="panel-tui-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        shipped = len([p for p in SHIPPED.iterdir() if p.suffix in (".txt", ".md")])
        measure("shipped corpus", SHIPPED, shipped, args.runs, work)
        scale = work / f"corpus-{args.panels}"
        if not scale.is_dir():
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "make_corpus.py"),
                    "--panels",
                    str(args.panels),
                    str(scale),
                ],
                check=True,
                capture_output=True,
            )
        measure("scale corpus", scale, args.panels, args.runs, work)


if __name__ == "__main__":
    main()
