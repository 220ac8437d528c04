"""The search pieces of the TUI, standalone: hit navigation (core), the find bar and the
corpus-wide search screen, each driven by Pilot inside a small test app."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from panel_tui.hit_nav import (
    CURRENT,
    HIT,
    PLAIN,
    SELECTED,
    HitNav,
    PanelFinder,
    SpanSet,
    group_by_panel,
    mark_runs,
)
from panel_tui.recall import QueryHistory
from panel_tui.search import Hit, SearchCancelled, SearchResult, Snippet, engine_for
from panel_tui.store import Store
from panel_tui.tui.find_bar import FindBar
from panel_tui.tui.search_screen import SearchScreen, fit

from .pilot_helpers import until

SIZE = (100, 30)


def hit(start: int, end: int | None = None, *, panel: str = "p", tier: str = "exact") -> Hit:
    end = start + 2 if end is None else end
    snip = Snippet("xx" + "ab" + "yy", start - 2, ((2, 4),), True, True)
    return Hit(panel, start, end, "杨植麟", tier, 100.0, snip, start - 1, end + 5, ((start, end),))


# -- core: hit navigation --------------------------------------------------------------------


def test_hit_nav_steps_in_text_order_and_wraps():
    nav = HitNav.of([hit(50), hit(10, tier="fuzzy"), hit(30)], query="ab")
    assert [h.start for h in nav.hits] == [10, 30, 50]
    assert nav.counter == "-/3" and nav.tier == ""
    nav = nav.first_from(20)
    assert nav.counter == "2/3" and nav.current.start == 30
    nav, wrapped = nav.next()
    assert nav.counter == "3/3" and not wrapped
    nav, wrapped = nav.next()
    assert nav.counter == "1/3" and wrapped and nav.tier == "fuzzy"
    nav, wrapped = nav.prev()
    assert nav.counter == "3/3" and wrapped
    # The cursor moved away from the current hit: step from the cursor instead.
    nav, wrapped = nav.next(cursor=25)
    assert nav.current.start == 30 and not wrapped
    nav, _ = nav.prev(cursor=29)
    assert nav.current.start == 10
    # The cursor is still in the current hit's sentence: step from the hit.
    nav, _ = nav.next(cursor=nav.current.unit_start)
    assert nav.current.start == 30
    assert HitNav().counter == "0/0" and HitNav().next() == (HitNav(), False)
    assert HitNav.of([hit(1)], capped=True).first_from(0).counter == "1/1+"


def test_span_set_and_mark_runs_cut_a_row_by_source_offsets():
    spans = SpanSet([(10, 12), (20, 30), (5, 5)])
    assert len(spans) == 2
    assert spans.overlapping(0, 11) == [(10, 12)]
    assert spans.overlapping(12, 20) == []
    assert spans.overlapping(25, 26) == [(20, 30)]  # found though it starts before
    assert spans.touches(29, 40) and not spans.touches(30, 40)
    # A row showing offsets 8..13 with a hidden gap (offset 11 is skipped).
    offsets = [8, 9, 10, 12, 13]
    assert mark_runs(offsets, spans) == [(0, 2, PLAIN), (2, 3, HIT), (3, 5, PLAIN)]
    assert mark_runs(offsets, spans, current=(10, 12)) == [
        (0, 2, PLAIN),
        (2, 3, CURRENT),
        (3, 5, PLAIN),
    ]
    # The cursor's sentence (or a v range) is a flag of its own, combined with the others.
    assert mark_runs(offsets, spans, selected=(9, 13)) == [
        (0, 1, PLAIN),
        (1, 2, SELECTED),
        (2, 3, SELECTED | HIT),
        (3, 4, SELECTED),
        (4, 5, PLAIN),
    ]
    assert mark_runs([], spans) == []
    assert mark_runs([1, 2], SpanSet()) == [(0, 2, PLAIN)]


def test_group_by_panel_keeps_rank_order():
    hits = [hit(5, panel="b"), hit(1, panel="a"), hit(9, panel="b")]
    groups = group_by_panel(hits)
    assert [(p, [h.start for h in hs]) for p, hs in groups] == [("b", [5, 9]), ("a", [1])]


def test_query_history_walks_back_and_returns_to_the_draft():
    h = QueryHistory(["模型", "scaling", "模型", ""])
    assert h.entries == ["模型", "scaling"]
    assert h.older("杨") == "模型"
    assert h.older("模型") == "scaling"
    assert h.older("scaling") is None
    assert h.newer() == "模型"
    assert h.newer() == "杨"  # the draft
    assert h.newer() is None
    assert h.older("模型") == "scaling"  # the current text itself is skipped
    h.push("新的")
    assert h.entries[0] == "新的" and h.index == -1


def test_panel_finder_searches_one_panel_before_and_after_the_corpus_index(corpus):
    panel = corpus.panels[0]
    engine = engine_for(corpus)
    finder = PanelFinder(engine, panel)
    nav = finder.find("模型")  # whatever the corpus index's state: a private one-panel engine
    assert nav.hits and {h.panel_id for h in nav.hits} == {panel.id}
    assert [h.start for h in nav.hits] == sorted(h.start for h in nav.hits)
    assert all(panel.text[h.start : h.end] == "模型" for h in nav.hits if h.tier == "exact")
    engine.build()
    again = finder.find("模型")
    assert not finder._own  # the corpus engine now
    assert [h.start for h in again.hits] == [h.start for h in nav.hits]
    assert finder.find("  ").hits == ()


# -- test apps --------------------------------------------------------------------------------


class Pane(Static, can_focus=True):
    """Stands in for the transcript: focusable, records the keys it gets."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.keys: list[str] = []

    def on_key(self, event: events.Key) -> None:
        self.keys.append(event.key)


class Recorder(App[None]):
    """Collects the messages the components post."""

    def __init__(self, make: Callable[[], Any] | None = None) -> None:
        super().__init__()
        self.make = make
        self.got: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Pane("transcript", id="transcript")
        if self.make is not None:
            yield self.make()

    def on_find_bar_changed(self, m: FindBar.Changed) -> None:
        self.got.append(m)

    def on_find_bar_found(self, m: FindBar.Found) -> None:
        self.got.append(m)

    def on_find_bar_submitted(self, m: FindBar.Submitted) -> None:
        self.got.append(m)

    def on_find_bar_closed(self, m: FindBar.Closed) -> None:
        self.got.append(m)

    def on_search_screen_open_hit(self, m: SearchScreen.OpenHit) -> None:
        self.got.append(m)

    def of(self, kind: type) -> list[Any]:
        return [m for m in self.got if isinstance(m, kind)]


def run(app: Recorder, scenario: Callable[[Recorder, Pilot], Awaitable[None]]) -> Recorder:
    async def main() -> Recorder:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await scenario(app, pilot)
        return app

    return asyncio.run(main())


def status_of(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


# -- the find bar ------------------------------------------------------------------------------


def test_find_bar_searches_as_you_type_counts_steps_and_closes(corpus):
    panel = corpus.panels[0]
    finder = PanelFinder(engine_for(corpus), panel)

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        bar = app.query_one(FindBar)
        pane = app.query_one(Pane)
        pane.focus()
        await pilot.pause()
        assert not bar.display
        bar.open(finder, origin=0)
        await pilot.pause()
        assert bar.display and app.focused is bar.input
        await pilot.press(*"模型")
        await until(pilot, lambda: bar.nav.query == "模型")
        assert [m.query for m in app.of(FindBar.Changed)] == ["模", "模型"]
        found = app.of(FindBar.Found)[-1].nav
        n = len(found.hits)
        assert n > 3 and found.counter == f"1/{n}" and found.current.panel_id == panel.id
        assert status_of(app, "#find-status") == f"1/{n} · exact"
        await pilot.press("down")  # next hit from the bar
        assert app.of(FindBar.Found)[-1].nav.counter == f"2/{n}"
        await pilot.press("up", "up")  # back past the first: wraps to the last
        last = app.of(FindBar.Found)[-1]
        assert last.nav.counter == f"{n}/{n}" and last.wrapped
        # n/N from the app: step from the transcript's cursor.
        nav = bar.step(1, cursor=found.hits[2].start)
        assert nav.current is found.hits[2] and f"3/{n}" in status_of(app, "#find-status")
        # Enter hands the focus back to what had it: n goes to the transcript, not the query.
        await pilot.press("enter", "n")
        assert app.of(FindBar.Submitted)[-1].query == "模型" and bar.display
        assert app.focused is pane and pane.keys == ["n"] and bar.value == "模型"
        bar.open(finder, origin=0)
        await pilot.pause()
        await pilot.press("backspace", "backspace", *"zzqqxx")
        await until(pilot, lambda: bar.nav.query == "zzqqxx")
        assert status_of(app, "#find-status") == "no hits"
        await pilot.press("escape")
        assert app.of(FindBar.Closed) and not bar.display and bar.value == ""
        assert app.focused is pane
        assert bar.nav.hits == ()
        bar.open(finder, origin=len(panel.text) - 1)  # origin past the last hit: wraps to 1
        await pilot.press(*"模型")
        await until(pilot, lambda: bar.nav.query == "模型")
        assert bar.nav.counter == f"1/{n}"
        # Another panel: the last query is searched there at once.
        other = PanelFinder(engine_for(corpus), corpus.panels[4])
        bar.open(other, origin=0)
        await until(pilot, lambda: bar.nav.hits and bar.nav.hits[0].panel_id == other.panel.id)
        # find(): a query carried over (from the corpus search), current = first after origin.
        bar.origin = found.hits[3].start
        bar.open(finder, origin=found.hits[3].start)
        bar.find("模型")
        await until(
            pilot, lambda: bar.nav.current is not None and bar.nav.current.panel_id == panel.id
        )
        assert bar.value == "模型" and bar.nav.current.start == found.hits[3].start

    run(Recorder(lambda: FindBar()), scenario)


# -- the search screen -------------------------------------------------------------------------


def results_of(app: App) -> list[tuple[bool, str]]:
    """(is a hit, text) for every row of the results list."""
    ol = app.screen.query_one("#search-results", OptionList)
    out = []
    for i in range(ol.option_count):
        o = ol.get_option_at_index(i)
        out.append((not o.disabled, str(o.prompt)))
    return out


def test_search_screen_updates_on_every_keystroke_groups_by_panel_and_opens_a_hit(corpus):
    engine = engine_for(corpus)
    engine.build()
    store = Store.open()

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = SearchScreen(engine, store)
        await app.push_screen(screen)
        await pilot.pause()
        assert "type to search 5 panels" in status_of(app, "#search-status")
        await pilot.press(*"scaling")
        await until(pilot, lambda: screen.result is not None and screen.result.query == "scaling")
        rows = results_of(app)
        assert rows and not rows[0][0]  # a panel header first
        titles = {p.title for p in corpus.panels}
        headers = [t for is_hit, t in rows if not is_hit]
        assert all(any(title in h for title in titles) for h in headers)
        assert len(headers) == len({h.panel_id for h in screen.hits})
        assert any("│" in t and "caling" in t.lower() for is_hit, t in rows if is_hit)
        assert "hits in" in status_of(app, "#search-status")
        # Narrow it with @name: every hit by that speaker.
        await pilot.press(*" @杨植麟")
        await until(pilot, lambda: screen.result.query == "scaling @杨植麟")
        assert screen.hits and {h.speaker for h in screen.hits} == {"杨植麟"}
        await pilot.press("ctrl+n")  # second hit, still typing in the query line
        ol = app.screen.query_one("#search-results", OptionList)
        chosen = screen.hits[int(ol.get_option_at_index(ol.highlighted).id)]
        await pilot.press("enter")
        await pilot.pause()
        opened = app.of(SearchScreen.OpenHit)
        assert len(opened) == 1 and app.screen is not screen
        m = opened[0]
        assert (m.panel_id, m.start, m.end) == (chosen.panel_id, chosen.start, chosen.end)
        assert m.query == "scaling @杨植麟" and m.hit is chosen
        await app.workers.wait_for_complete()
        assert store.recent_queries(5)[0] == "scaling @杨植麟"

    run(Recorder(), scenario)


def test_search_screen_up_arrow_recalls_recent_queries_from_the_store(corpus):
    engine = engine_for(corpus)
    store = Store.open()
    for q in ("old one", "模型", "王小川"):
        store.add_query(q)  # newest last

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = SearchScreen(engine, store)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen.query_one(Input)
        await pilot.press("A", "I")
        await pilot.press("up")
        assert box.value == "王小川" and box.cursor_position == 3
        await pilot.press("up", "up")
        assert box.value == "old one"
        await pilot.press("up")
        assert box.value == "old one"  # the oldest stays
        await pilot.press("down")
        assert box.value == "模型"
        await pilot.press("down", "down")
        assert box.value == "AI"  # back to what was typed
        await until(pilot, lambda: screen.result is not None and screen.result.query == "AI")
        await pilot.press("escape")
        assert app.screen is not screen and not app.of(SearchScreen.OpenHit)

    run(Recorder(), scenario)


@dataclass
class SlowSession:
    """A fake session: every query takes ``delay`` seconds unless cancelled (polled often)."""

    delay: float
    log: list[tuple[str, str]]
    options: dict[str, Any]

    def update(self, query: str, cancel: Callable[[], bool] | None = None) -> SearchResult:
        end = time.monotonic() + self.delay
        while time.monotonic() < end:
            if cancel is not None and cancel():
                self.log.append((query, "cancelled"))
                raise SearchCancelled
            time.sleep(0.005)
        self.log.append((query, "done"))
        snip = Snippet(query, 0, ((0, len(query)),), False, False)
        h = Hit("p1", 0, len(query), "x", "exact", 100.0, snip, 0, len(query), ((0, len(query)),))
        return SearchResult(query, (h,), self.indexed, 10, True)

    indexed: int = 10


class FakeEngine:
    def __init__(self, delay: float, ready: bool = True) -> None:
        self.log: list[tuple[str, str]] = []
        self.delay = delay
        self.panels = [type("P", (), {"id": "p1", "title": "Panel One"})()]
        self.total, self.indexed = 10, 10 if ready else 3
        self.error = None
        self._ready = threading.Event()
        if ready:
            self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def start(self, progress: Any = None) -> None:
        pass

    def session(self, **options: Any) -> SlowSession:
        return SlowSession(self.delay, self.log, options)


def test_search_screen_cancels_a_slow_search_when_the_next_key_arrives():
    engine = FakeEngine(delay=1.0)

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = SearchScreen(engine)  # type: ignore[arg-type]
        await app.push_screen(screen)
        await pilot.pause()
        began = time.monotonic()
        await pilot.press("a", "b", "c")
        typed = time.monotonic() - began
        box = app.screen.query_one(Input)
        assert box.value == "abc" and typed < 0.8  # typing never waited for a 1 s search
        await until(pilot, lambda: ("abc", "done") in engine.log)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ("a", "cancelled") in engine.log and ("ab", "cancelled") in engine.log
        assert [q for q, what in engine.log if what == "done"] == ["abc"]
        assert [h.snippet.text for h in screen.hits] == ["abc"]
        assert results_of(app)[1][1].split("│")[1].strip().startswith("abc")

    run(Recorder(), scenario)


def test_search_screen_shows_index_progress_and_searches_again_when_ready():
    engine = FakeEngine(delay=0.0, ready=False)

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        screen = SearchScreen(engine)  # type: ignore[arg-type]
        await app.push_screen(screen)
        await pilot.press("x")
        await until(pilot, lambda: screen.result is not None)
        assert "indexing 3/10 panels" in status_of(app, "#search-status")
        runs = len(engine.log)
        engine.indexed = 10
        engine._ready.set()
        await until(
            pilot,
            lambda: len(engine.log) > runs and "indexing" not in status_of(app, "#search-status"),
        )
        assert "1 hits in 1 panels" in status_of(app, "#search-status")

    run(Recorder(), scenario)


@pytest.mark.parametrize(
    ("text", "cells", "out"),
    [
        ("杨植麟", 10, "杨植麟    "),
        ("abcdefghijkl", 5, "abcd…"),
        ("主持人李开复博士", 8, "主持人… "),
    ],
)
def test_fit_cuts_by_terminal_cells(text: str, cells: int, out: str):
    assert fit(text, cells) == out


class SlowFinder:
    """A fake ``PanelFinder``: 0.5 s a query unless cancelled."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []

    def find(self, query: str, cancel: Callable[[], bool] | None = None) -> HitNav:
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            if cancel is not None and cancel():
                self.log.append((query, "cancelled"))
                raise SearchCancelled
            time.sleep(0.005)
        self.log.append((query, "done"))
        return HitNav.of([hit(10), hit(20)], query=query)


def test_find_bar_cancels_a_slow_search_when_the_next_key_arrives():
    finder = SlowFinder()

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        bar = app.query_one(FindBar)
        bar.open(finder, origin=15)  # type: ignore[arg-type]
        await pilot.pause()
        await pilot.press("x", "y", "z")
        assert bar.value == "xyz" and bar.searching
        assert "searching" in status_of(app, "#find-status")
        await until(pilot, lambda: bar.nav.query == "xyz")
        await app.workers.wait_for_complete()
        assert [q for q, what in finder.log if what == "done"] == ["xyz"]
        assert ("x", "cancelled") in finder.log and ("xy", "cancelled") in finder.log
        assert [m.nav.query for m in app.of(FindBar.Found)] == ["xyz"]
        assert bar.nav.counter == "2/2"  # the first hit at or after the origin

    run(Recorder(lambda: FindBar()), scenario)


def test_find_bar_steps_pressed_during_a_search_apply_to_its_hits():
    """n/N while the search still runs are kept and applied once its hits arrive."""
    finder = SlowFinder()

    async def scenario(app: Recorder, pilot: Pilot) -> None:
        bar = app.query_one(FindBar)
        bar.open(finder, origin=0)  # type: ignore[arg-type]
        await pilot.pause()
        await pilot.press("x")
        assert bar.searching
        bar.step(1)
        assert bar.nav.counter == "0/0"  # nothing yet: the step waits
        await until(pilot, lambda: bar.nav.query == "x")
        assert bar.nav.counter == "2/2"  # the first hit, then the step
        await pilot.press("y")  # a new query: steps typed for the old one are dropped
        bar.step(1)
        bar.step(-1)
        bar.step(-1)
        await until(pilot, lambda: bar.nav.query == "xy")
        assert bar.nav.counter == "2/2"  # 1, then back one: wraps to the last

    run(Recorder(lambda: FindBar()), scenario)


# -- wired into the app --------------------------------------------------------------------------

from panel_tui.tui.app import PanelApp  # noqa: E402


def run_app(scenario: Callable[[Any, Pilot], Awaitable[None]]) -> None:
    from .conftest import CORPUS

    async def main() -> None:
        app = PanelApp(corpus_path=CORPUS)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


async def open_first_panel(app: Any, pilot: Pilot) -> None:
    from panel_tui.tui.panel_list import PanelList

    app.query_one(PanelList).focus()
    await pilot.press("g", "enter")
    await until(pilot, lambda: app.document is not None)
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_app_slash_finds_in_the_panel_and_n_steps_through_the_hits():
    from panel_tui.tui.transcript_view import TranscriptView

    async def scenario(app: Any, pilot: Pilot) -> None:
        await open_first_panel(app, pilot)
        view, bar = app.query_one(TranscriptView), app.query_one(FindBar)
        await pilot.press("slash", *"模型")
        await until(pilot, lambda: bar.nav.query == "模型" and bar.nav.current is not None)
        await pilot.pause()
        n = len(bar.nav.hits)
        assert n > 3 and len(view.hits) >= n and bar.nav.counter == f"1/{n}"
        assert view.current_hit == (bar.nav.current.start, bar.nav.current.end)
        assert view.current_sentence.start <= bar.nav.current.start < view.current_sentence.end
        await pilot.press("enter")
        assert app.focused is view and bar.display
        await pilot.press("n")
        assert bar.nav.counter == f"2/{n}"
        assert view.current_sentence.start <= bar.nav.current.start < view.current_sentence.end
        await pilot.press("N", "N")
        assert bar.nav.counter == f"{n}/{n}"  # wrapped
        await pilot.press("escape")
        assert not bar.display and not view.hits and view.current_hit is None

    run_app(scenario)


def test_app_corpus_search_opens_the_panel_at_the_hit_highlighted():
    from panel_tui.tui.transcript_view import TranscriptView

    async def scenario(app: Any, pilot: Pilot) -> None:
        await pilot.press("ctrl+f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"scaling")
        await until(pilot, lambda: screen.result is not None and screen.result.query == "scaling")
        await pilot.press("ctrl+n", "ctrl+n")
        ol = screen.query_one(OptionList)
        chosen = screen.hits[int(ol.get_option_at_index(ol.highlighted).id)]
        await pilot.press("enter")
        await until(pilot, lambda: app.document is not None)
        bar, view = app.query_one(FindBar), app.query_one(TranscriptView)
        await until(pilot, lambda: bar.nav.current is not None and bar.nav.query == "scaling")
        await pilot.pause()
        assert app.document.panel.id == chosen.panel_id
        assert view.current_hit == (chosen.start, chosen.end) and app.focused is view
        s = view.current_sentence
        assert s.start <= chosen.start < s.end

    run_app(scenario)


def test_app_corpus_search_keeps_to_the_sidebar_speaker_filter():
    async def scenario(app: Any, pilot: Pilot) -> None:
        await open_first_panel(app, pilot)
        names = [p.name for p in app.document.panel.participants]
        keep = names[1]
        app.hidden_speakers = frozenset(n for n in names if n != keep)
        await pilot.pause()
        await pilot.press("ctrl+f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.speakers == [keep]
        await pilot.press(*"我觉得")
        await until(
            pilot,
            lambda: screen.result is not None and screen.result.query == "我觉得" and screen.hits,
            timeout=15,
        )
        assert {h.speaker for h in screen.hits} == {keep}

    run_app(scenario)
