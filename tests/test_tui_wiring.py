"""Pilot tests of how search, bookmarks and quoting are wired into the app (beyond the
component tests): Esc order, the bookmark mark in the gutter, the palette entry, ``Y``'s
notification, and the search index's progress in the transcript's status line."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot

from panel_tui.quote import format_quote
from panel_tui.tui import app as app_module
from panel_tui.tui.app import PanelApp
from panel_tui.tui.find_bar import FindBar
from panel_tui.tui.panel_list import PanelList
from panel_tui.tui.search_screen import SearchScreen
from panel_tui.tui.transcript_view import TranscriptView

from .conftest import ASR_000, ASR_001
from .test_tui import open_nth, settle
from .test_tui import run as run_app


def test_escape_closes_the_find_line_then_drops_the_range_then_goes_back(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 1)
        view, bar = app.query_one(TranscriptView), app.query_one(FindBar)
        await pilot.press("v", "j")
        await pilot.press("slash")
        await pilot.press(*"模型")
        await settle(app, pilot)
        assert bar.display and view.has_range
        await pilot.press("escape")
        assert not bar.display and view.has_range and app.focused is view
        assert "range (v)" in view.border_subtitle
        await pilot.press("escape")
        assert not view.has_range and app.focused is view
        await pilot.press("escape")
        assert isinstance(app.focused, PanelList)

    run_app(scenario, data_dir=tmp_path)


def test_a_bookmarked_sentence_carries_a_mark_in_the_gutter(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 1)
        view = app.query_one(TranscriptView)
        s = view.current_sentence
        row = view.layout_lines.rows_between(s.start, s.end).start - round(view.scroll_y)
        assert view.render_line(row).text[1] == " "
        await pilot.press("m")
        await settle(app, pilot)
        assert view.render_line(row).text[1] == "•"
        await pilot.press("m")
        await settle(app, pilot)
        assert view.render_line(row).text[1] == " "

    run_app(scenario, data_dir=tmp_path)


def test_Y_copies_the_turn_and_says_so(tmp_path: Path, monkeypatch):
    import pyperclip

    monkeypatch.setattr(pyperclip, "copy", lambda t: None)

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        view = app.query_one(TranscriptView)
        await pilot.press("j", "j", "Y")
        turn = view.current_turn
        assert app.clipboard == format_quote(app.document.panel, turn.start, turn.end)
        await settle(app, pilot)
        note = list(app._notifications)[-1]
        assert note.title == "Copied turn" and "OSC 52" in note.message

    run_app(scenario, data_dir=tmp_path)


def test_the_palette_offers_the_corpus_search(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"search all")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)

    run_app(scenario, data_dir=tmp_path)


def test_index_progress_shows_in_the_status_line_then_clears(tmp_path: Path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in (ASR_000, ASR_001):
        shutil.copy(f, corpus)
    monkeypatch.setattr(app_module, "PROGRESS_AFTER", 0.0)
    monkeypatch.setattr(app_module, "PROGRESS_EVERY", 0.0)
    seen: list[str] = []
    monkeypatch.setattr(TranscriptView, "watch_status", lambda self: seen.append(self.status))

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        assert app.engine is not None and app.engine.wait(30)
        await settle(app, pilot)
        assert "indexing 1/2" in seen and seen[-1] == "" and app.status == ""

    run_app(scenario, corpus=corpus, data_dir=tmp_path / "data")


def test_keys_typed_right_behind_the_query_step_the_hits(tmp_path: Path):
    """``/数据⏎nn`` in one burst (a fast typist, a terminal's paste of keys): the n's are not
    typed into the query, and each steps one hit from where Enter left it."""
    from textual import events

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 1)
        bar = app.query_one(FindBar)
        await pilot.press("slash")
        for key, char in (("数", "数"), ("据", "据"), ("enter", None), ("n", "n"), ("n", "n")):
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await settle(app, pilot)
        assert bar.value == "数据"
        assert isinstance(app.focused, TranscriptView)
        assert len(bar.nav.hits) > 3
        assert bar.nav.index == 2  # the first hit, then two steps

    run_app(scenario, data_dir=tmp_path)
