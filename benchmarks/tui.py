"""TUI benchmark: first paint of the panel list against a minimal Textual app, and opening the
longest panel and jumping to its end, on the shipped corpus and on a 500-panel corpus.

    python benchmarks/tui.py [--panels 500] [--work DIR] [--runs 5]

What is measured (every number is the median of ``--runs`` fresh processes, so each run pays
for its own imports, CSS parsing, corpus reading and caches):

* **first paint**, the time a user waits after typing the command: from launching the
  process (the parent's clock just before it spawns the child: interpreter start-up and every
  import included) to the first frame the compositor hands to the display with a screenful of
  list rows (10, or all when fewer). panel-tui's child imports what the ``panel-tui`` command
  imports before its first frame (``panel_tui.cli``, ``parse_args``, the app module); the
  baseline is a minimal ``App`` whose only widget is an ``OptionList`` with as many static
  rows as the corpus has panels, in the same kind of process. The ratio is panel-tui /
  baseline. Both run headless at 100×30 under ``run_test()``; the frame hook is installed
  right after ``App()`` so no frame is missed. The same frame measured from ``App()``
  (imports excluded) is printed too. On a large corpus panel-tui shows the first 10 files'
  rows while the rest is read, so the time until *all* rows are listed is printed as well.
* **scrolling**: with the longest panel open and nothing else running (*idle*), each of
  ``j``, ``ctrl+d``, ``space`` (from the top) and ``b`` (from the end) pressed 40 times: the
  time from the action to the frame that shows it, median and worst.
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

import asyncio
import json
import os
import sys
import time
from pathlib import Path

# The children import only what a Textual app needs anyway (their clock starts before the
# interpreter does): the driver's own modules are imported in ``main``.

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


# The child's clocks, read once as it starts: a frame's perf_counter() time becomes time since
# launch through them (the parent passes the wall-clock time at which it spawned the child).
_PERF0, _WALL0 = time.perf_counter(), time.time()


def since_launch(perf: float, launched: float) -> float:
    return perf - _PERF0 + (_WALL0 - launched)


def _probe(check: object) -> object:
    """A probe that is false until the widgets it reads are there (frames before compose)."""

    def probe() -> bool:
        try:
            return bool(check())  # type: ignore[operator]
        except Exception:
            return False

    return probe


def child_baseline(rows: int, launched: float) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*[f"panel {i}" for i in range(rows)])

    async def main() -> dict[str, float]:
        t0 = time.perf_counter()
        app = Minimal()
        frames = Frames(app)
        frames.watch("rows", _probe(lambda: app.query_one(OptionList).option_count == rows))
        async with app.run_test(size=SIZE):
            t = await frames.wait("rows")
            return {"first_paint": since_launch(t, launched), "in_process": t - t0}

    return asyncio.run(main())


def child_panel_tui(
    corpus: str, panels_total: int, data_dir: str, mode: str, launched: float
) -> dict[str, float]:
    # What ``panel-tui`` imports and does before its first frame: the CLI and its parser,
    # then the app module (``run_app``).
    from panel_tui.cli import parse_args

    args = parse_args(["--corpus", corpus, "--data-dir", data_dir])
    from panel_tui.tui.app import PanelApp
    from panel_tui.tui.panel_list import PanelList
    from panel_tui.tui.transcript_view import TranscriptView

    out: dict[str, float] = {}

    async def main() -> None:
        t0 = time.perf_counter()
        app = PanelApp(corpus_path=args.corpus, data_dir=args.data_dir)
        frames = Frames(app)

        def screenful() -> bool:  # enough rows to fill the list pane
            return len(app.query_one(PanelList).panel_ids) >= min(panels_total, SCREENFUL)

        def listed() -> bool:
            rows = len(app.query_one(PanelList).panel_ids)
            return app.corpus is not None and rows == len(app.corpus.panels)

        frames.watch("screenful", _probe(screenful))
        frames.watch("listed", _probe(listed))
        async with app.run_test(size=SIZE):
            t = await frames.wait("screenful")
            out["first_paint"] = since_launch(t, launched)
            out["in_process"] = t - t0
            out["all_listed"] = since_launch(await frames.wait("listed"), launched)
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
            if mode == "idle":
                out.update(await scrolling(view, frames))
            app.exit()

    asyncio.run(main())
    return out


SCROLL_STEPS = 40  # key presses per kind of scrolling, from the top of the longest panel


async def scrolling(view: object, frames: Frames) -> dict[str, float]:
    """Each scrolling key from the top of the open panel, as the reader presses it: the time
    from the action to the frame showing its result (worst and median of SCROLL_STEPS)."""
    out: dict[str, float] = {}
    for action in ("cursor_down", "half_page_down", "page_down", "page_up"):
        start = view.action_bottom if action == "page_up" else view.action_top  # type: ignore[attr-defined]
        start()  # page_up from the end, the others from the top
        await asyncio.sleep(0.05)
        steps = []
        for _ in range(SCROLL_STEPS):
            t0 = time.perf_counter()
            frames.watch("step", lambda: True)  # the next frame: the action has refreshed
            getattr(view, f"action_{action}")()
            try:
                steps.append(await frames.wait("step", timeout=1.0) - t0)
            except TimeoutError:  # nothing to redraw (at the end already)
                break
        steps.sort()
        out[f"{action}_max"] = steps[-1] if steps else 0.0
        out[f"{action}_median"] = steps[len(steps) // 2] if steps else 0.0
    return out


# -- driver ------------------------------------------------------------------------------------


def _child(*args: str, disk_cache: bool = False) -> dict[str, float]:
    import subprocess

    env = dict(os.environ, PANEL_TUI_ATTRIBUTION_CACHE="1" if disk_cache else "0")
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args, repr(time.time())],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict[str, float]], key: str) -> float:
    import statistics

    return statistics.median(r[key] for r in runs)


def measure(name: str, corpus: Path, panels: int, runs: int, work: Path) -> None:
    base, idle, warm, cold, disk = [], [], [], [], []
    ours = ("panel-tui", str(corpus), str(panels))
    _child(*ours, str(work / f"data-{name}-prime"), "prime", disk_cache=True)
    for i in range(runs):
        base.append(_child("baseline", str(panels)))
        for mode, out in (("idle", idle), ("warm", warm), ("cold", cold)):
            out.append(_child(*ours, str(work / f"data-{name}-{mode}{i}"), mode))
        disk.append(_child(*ours, str(work / f"data-{name}-disk{i}"), "disk", disk_cache=True))
    b = _median(base, "first_paint")
    p = _median(idle + warm + cold, "first_paint")
    bi = _median(base, "in_process")
    pi = _median(idle + warm + cold, "in_process")
    print(f"\n## {name}: {panels} panels ({corpus})")
    print("first paint, from launch (imports included):")
    print(f"  minimal OptionList app ({panels} rows):        {b * 1000:7.1f} ms")
    print(f"  panel-tui panel list:                        {p * 1000:7.1f} ms")
    print(f"  ratio panel-tui / minimal:                   {p / b:7.2f}x")
    print("first paint, from App() (imports excluded):")
    print(f"  minimal OptionList app:                      {bi * 1000:7.1f} ms")
    print(f"  panel-tui panel list:                        {pi * 1000:7.1f} ms")
    print(f"  ratio panel-tui / minimal:                   {pi / bi:7.2f}x")
    a = _median(idle + warm + cold, "all_listed")
    print(f"panel-tui, all {panels} rows listed, from launch:  {a * 1000:7.1f} ms")
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
    print(f"scrolling the longest panel, key to frame ({SCROLL_STEPS} presses each, idle):")
    for action in ("cursor_down", "half_page_down", "page_down", "page_up"):
        worst = max(r[f"{action}_max"] for r in idle)
        med = _median(idle, f"{action}_median")
        print(
            f"  {action:<15} median {med * 1000:5.1f} ms, worst of all runs {worst * 1000:5.1f} ms"
        )


def main() -> None:
    if sys.argv[1:2] == ["--child"]:  # no argparse here: the children import only what they time
        kind, *rest = sys.argv[2:]
        launched = float(rest.pop())
        if kind == "baseline":
            result = child_baseline(int(rest[0]), launched)
        else:
            result = child_panel_tui(rest[0], int(rest[1]), rest[2], rest[3], launched)
        print(json.dumps(result))
        return
    import argparse
    import compileall
    import subprocess
    import tempfile

    import panel_tui

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--panels", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=None, help="where the scale corpus goes")
    args = ap.parse_args()
    # Byte-compile panel-tui first, as ``pip install`` does (Textual's bytecode is there from
    # its install): with PYTHONDONTWRITEBYTECODE set, a checkout would otherwise recompile
    # every module in every child (~40 ms) and time the compiler, not the start-up.
    compileall.compile_dir(Path(panel_tui.__file__).parent, quiet=1)
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
