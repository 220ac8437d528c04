"""Start-up and open paths: rows in the first frame, the reading panes mounted just after it,
Enter before they are in, documents laid out ahead by the warm-up, attribution read back from
the disk cache in a later start."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

import panel_tui.tui.app as app_module
from panel_tui import attribution_cache
from panel_tui.tui.app import PanelApp
from panel_tui.tui.panel_list import PanelList
from panel_tui.tui.speaker_sidebar import SpeakerSidebar
from panel_tui.tui.transcript_view import TranscriptView

from .pilot_helpers import until
from .test_tui_snapshots import MINI

# CSS paths are relative to the module of the App class: keep the app's for a subclass here.
CSS = [str(Path(app_module.__file__).parent / p) for p in PanelApp.CSS_PATH]


def corpus_of(tmp_path: Path, n: int = 2) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for i in range(n):
        (root / f"panel{i}.txt").write_text(MINI.replace("下一步", f"下一步 {i}"), encoding="utf-8")
    return root


async def settled(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_a_small_corpus_is_listed_in_the_first_frame(tmp_path: Path):
    """The rows are there before the first frame; the reading panes come right after it."""
    seen: list[tuple[int, bool]] = []

    class Watched(PanelApp):
        CSS_PATH = CSS

        def _display(self, screen, renderable) -> None:  # every frame handed to the display
            if renderable is not None and not seen:
                rows = len(self.query_one(PanelList).panel_ids)
                seen.append((rows, bool(self.query(TranscriptView))))
            super()._display(screen, renderable)

    async def main() -> None:
        app = Watched(corpus_path=corpus_of(tmp_path), data_dir=tmp_path / "data")
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: bool(app.query(SpeakerSidebar)))
            await settled(pilot)
            assert app.query_one(TranscriptView).document is None

    asyncio.run(main())
    assert seen == [(2, False)]


def test_enter_before_the_reading_panes_are_in_opens_the_panel_once_they_are(tmp_path: Path):
    class Eager(PanelApp):
        CSS_PATH = CSS

        def on_mount(self) -> None:
            super().on_mount()
            assert not self.query(TranscriptView)  # still to come
            first = self.query_one(PanelList).panel_ids[0]
            self.open_panel_id(first)  # what Enter in the first frame does

    async def main() -> None:
        app = Eager(corpus_path=corpus_of(tmp_path), data_dir=tmp_path / "data")
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.document is not None)
            await settled(pilot)
            assert app.document.panel.id == app.query_one(PanelList).panel_ids[0]
            assert len(app.query_one(TranscriptView).layout_lines) > 0

    asyncio.run(main())


def test_opens_take_the_document_the_warm_up_laid_out(tmp_path: Path):
    async def main() -> None:
        app = PanelApp(corpus_path=corpus_of(tmp_path, 3), data_dir=tmp_path / "data")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            assert app.corpus is not None
            ids = [p.id for p in app.corpus.panels]
            assert set(app._ahead) == set(ids)
            view = app.query_one(TranscriptView)
            document, layout = app._ahead[ids[1]]
            assert layout is not None and layout.width == view.text_width
            app.open_panel_id(ids[1])
            await until(pilot, lambda: app.document is not None)
            await settled(pilot)
            assert app.document is document
            assert view.layout_lines is layout
            await pilot.press("G")  # and it reads as usual
            await settled(pilot)
            assert view.scroll_y == view.max_scroll_y

    asyncio.run(main())


def test_a_later_start_reads_attribution_back_from_the_disk_cache(tmp_path: Path):
    corpus = corpus_of(tmp_path)

    async def start() -> tuple[dict, bool]:
        app = PanelApp(corpus_path=corpus, data_dir=tmp_path / "data")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            assert attribution_cache.is_enabled()
            panel = app.corpus.panels[0]
            stored = panel._stored_attribution is not None
            app.open_panel_id(panel.id)
            await until(pilot, lambda: app.document is not None)
            await settled(pilot)
            shown = {s.name: s.turns for s in app.document.speakers}
        return shown, stored

    try:
        first, stored_first = asyncio.run(start())
        again, stored_again = asyncio.run(start())
    finally:
        attribution_cache.enable(False)
    assert (stored_first, stored_again) == (False, True)
    assert first == again and sum(first.values()) > 0


def test_a_pane_counts_as_mounted_only_through_its_mount():
    """A widget just added is in the DOM before its Mount runs; ``loading`` set then is
    deferred by Textual and can land after a later ``loading = False``. Opens wait for the
    Mount (``_mounted``), so the spinner never outlives the open."""
    from textual.app import App
    from textual.widgets import Static

    seen: list[bool] = []

    class Probe(App[None]):
        async def on_mount(self) -> None:
            self.mount(Static(id="late"))  # not awaited: in the DOM, Mount still queued
            seen.append(app_module._mounted(self, Static))
            await until_mounted(self)
            seen.append(app_module._mounted(self, Static))

    async def until_mounted(app: App[None]) -> None:
        while not app.query_one("#late").is_mounted:
            await asyncio.sleep(0.01)

    async def main() -> None:
        async with Probe().run_test() as pilot:
            await pilot.pause()

    asyncio.run(main())
    assert seen == [False, True]


def test_a_deferred_pane_is_made_after_the_first_frame_and_bound_to_the_app():
    """``Deferred(make)`` calls ``make`` only once the first frame is out (so the modules it
    imports do not delay it), and ``data_bind`` inside ``make`` binds to the app's reactives
    as it would in ``compose``."""
    from textual.app import App, ComposeResult
    from textual.reactive import reactive
    from textual.widgets import Static

    from panel_tui.tui.deferred import Deferred

    events: list[str] = []

    class Shown(Static):
        value: reactive[int] = reactive(0)

    class Host(App[None]):
        value: reactive[int] = reactive(1)

        def compose(self) -> ComposeResult:
            yield Static("list")
            yield Deferred(self.make)

        def make(self) -> Shown:
            events.append("made")
            return Shown(id="late").data_bind(Host.value)

        def _display(self, screen, renderable) -> None:
            if renderable is not None and not events:
                events.append("frame")
            super()._display(screen, renderable)

    async def main() -> None:
        app = Host()
        async with app.run_test() as pilot:
            await until(pilot, lambda: bool(app.query("#late")))
            shown = app.query_one("#late", Shown)
            assert shown.value == 1
            app.value = 7
            await pilot.pause()
            assert shown.value == 7
            assert not app.query(Deferred)  # the stand-in is gone

    asyncio.run(main())
    assert events[:2] == ["frame", "made"]


def test_the_transcript_keeps_its_width_under_the_loading_cover(tmp_path: Path):
    """Textual gives a widget under its loading cover no region. An open slow enough for the
    spinner (right after start, when the store is still opening) lays the text out in its
    worker for ``text_width``: that must stay the pane's width, or the worker waited ~0.5 s
    for a width that only came back once the open was done."""

    async def main() -> None:
        app = PanelApp(corpus_path=corpus_of(tmp_path), data_dir=tmp_path / "data")
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: bool(app.query(TranscriptView)))
            view = app.query_one(TranscriptView)
            await until(pilot, lambda: view.text_width > 0)
            width = view.text_width
            view.loading = True
            await until(pilot, lambda: view.scrollable_content_region.width == 0)
            assert view.text_width == width
            view.loading = False
            await until(pilot, lambda: view.scrollable_content_region.width == width)
            assert view.text_width == width

    asyncio.run(main())


def test_slash_before_the_filter_line_is_in_opens_it_once_it_is(tmp_path: Path):
    """The list's filter line is made after the first frame; ``/`` pressed before that waits
    for it instead of failing."""
    from panel_tui.tui.panel_list import FilterInput

    class Early(PanelApp):
        CSS_PATH = CSS

        def on_mount(self) -> None:
            super().on_mount()
            assert not self.query(FilterInput)  # not made yet
            self.query_one(PanelList).action_filter()

    async def main() -> None:
        app = Early(corpus_path=corpus_of(tmp_path), data_dir=tmp_path / "data")
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: bool(app.query(FilterInput)))
            await settled(pilot)
            box = app.query_one(FilterInput)
            assert box.display and box.has_focus

    asyncio.run(main())
