"""Pilot tests: the app starts on the shipped corpus, opens panels and answers every key."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from unittest.mock import patch

from textual.pilot import Pilot

from panel_tui.corpus import Corpus, load_corpus
from panel_tui.tui.app import PanelApp
from panel_tui.tui.help_screen import HelpScreen
from panel_tui.tui.layout_lines import FOLD_LINE, SPEAKER_LINE
from panel_tui.tui.panel_header import PanelHeader
from panel_tui.tui.panel_list import FilterInput, PanelList
from panel_tui.tui.speaker_sidebar import SpeakerSidebar
from panel_tui.tui.transcript_view import TranscriptView

from .conftest import CORPUS

Scenario = Callable[[PanelApp, Pilot], Awaitable[None]]


async def settle(app: PanelApp, pilot: Pilot) -> None:
    """Let the corpus/panel workers (and the workers they start) finish, and the screen catch
    up."""
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


_SHIPPED: list[Corpus] = []


def shipped_once(path: Path | None = None) -> Corpus:
    """The shipped corpus, loaded and attributed once for all tests (panels are immutable:
    a correction makes a new ``Panel``), so each app does not redo the warm-up."""
    if Path(path or CORPUS) != CORPUS:
        return load_corpus(path)
    if not _SHIPPED:
        _SHIPPED.append(load_corpus(CORPUS))
    return _SHIPPED[0]


def run(
    scenario: Scenario,
    size: tuple[int, int] = (100, 30),
    corpus: Path = CORPUS,
    data_dir: Path | None = None,
) -> PanelApp:
    async def main() -> PanelApp:
        app = PanelApp(corpus_path=corpus, data_dir=data_dir)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await scenario(app, pilot)
        return app

    with patch("panel_tui.tui.app.load_corpus", shipped_once):
        return asyncio.run(main())


async def open_nth(app: PanelApp, pilot: Pilot, n: int) -> None:
    app.query_one(PanelList).focus()
    await pilot.press("g", *["j"] * n, "enter")
    await settle(app, pilot)


def header_text(app: PanelApp) -> str:
    return str(app.query_one(PanelHeader).render())


def test_starts_with_the_shipped_corpus_and_lists_five_panels():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        panels = app.query_one(PanelList)
        assert len(panels.panel_ids) == 5
        assert panels.panel_ids == [p.id for p in app.corpus.panels]
        assert app.focused is panels
        assert "5 panels" in header_text(app)
        assert app.document is None

    run(scenario)


def test_enter_opens_a_panel_in_header_transcript_and_sidebar():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 4)  # the article: labelled turns, headings, notes
        panel = app.corpus.panels[4]
        assert app.document is not None and app.document.panel is panel
        header = header_text(app)
        assert panel.title in header and panel.meta.event in header
        assert "2024-06-15" in header and "web" in header
        view = app.query_one(TranscriptView)
        assert app.focused is view
        assert len(view.layout_lines) > 100
        assert any(ln.kind == SPEAKER_LINE for ln in view.layout_lines.lines)
        sidebar = app.query_one(SpeakerSidebar)
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        assert {p.name for p in panel.participants} <= set(ids)
        # The screen shows it too.
        await pilot.pause()
        screen = app.export_screenshot()
        assert "李开复" in screen

    run(scenario)


def test_tab_cycles_focus_through_the_panes():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        seen = [type(app.focused)]
        for _ in range(3):
            await pilot.press("tab")
            seen.append(type(app.focused))
        assert seen == [TranscriptView, SpeakerSidebar, PanelList, TranscriptView]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, PanelList)

    run(scenario)


def test_list_keys_move_the_cursor():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        panels = app.query_one(PanelList)

        def current() -> str | None:
            return panels.get_option_at_index(panels.highlighted).id

        ids = panels.panel_ids
        await pilot.press("j", "j")
        assert current() == ids[2]
        await pilot.press("k")
        assert current() == ids[1]
        await pilot.press("G")
        assert current() == ids[4]
        await pilot.press("g")
        assert current() == ids[0]

    run(scenario)


def view_text(view: TranscriptView) -> str:
    """The transcript rows on screen, as plain text."""
    rows = range(view.scrollable_content_region.height)
    return "\n".join("".join(seg.text for seg in view.render_line(y)) for y in rows)


def on_screen(view: TranscriptView, row: int) -> bool:
    top = round(view.scroll_y)
    return top <= row < top + view.scrollable_content_region.height


def test_sentence_cursor_keys():
    """j/k/↓/↑ move the cursor a sentence and the view follows; g/G go to the ends."""

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 2)  # the longest panel
        view = app.query_one(TranscriptView)
        shown = view._sentences
        assert view.current_sentence == shown[0]
        await pilot.press("j", "j", "down")
        assert view.current_sentence == shown[3]
        await pilot.press("k", "up")
        assert view.current_sentence == shown[1]
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y > 1000
        assert view.current_sentence == shown[-1] and on_screen(view, view.cursor_row)
        await pilot.press("g")
        assert view.scroll_y == 0 and view.current_sentence == shown[0]
        await pilot.press(*["j"] * 24)  # the view follows the cursor
        assert view.current_sentence == shown[24] and view.scroll_y > 0
        assert on_screen(view, view.cursor_row)
        await pilot.press("end")
        assert view.current_sentence == shown[-1]
        await pilot.press("home")
        assert view.current_sentence == shown[0]
        # The cursor's sentence is highlighted on screen.
        strip = view.render_line(view.cursor_row - round(view.scroll_y))
        cursor_style = view.get_component_rich_style("transcript--cursor", partial=True)
        assert any(seg.style and seg.style.bgcolor == cursor_style.bgcolor for seg in strip)

    run(scenario)


def test_view_keys_scroll_and_keep_the_cursor_on_screen():
    """ctrl+e/ctrl+y a line, space/b/PgDn/PgUp a page, ctrl+d/ctrl+u half a page."""

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 2)
        view = app.query_one(TranscriptView)
        height = view.scrollable_content_region.height
        page, half = height - 2, height // 2
        await pilot.press("ctrl+e", "ctrl+e", "ctrl+e")
        assert view.scroll_y == 3
        await pilot.press("ctrl+y")
        assert view.scroll_y == 2
        steps = [
            ("space", 2 + page),
            ("b", 2),
            ("pagedown", 2 + page),
            ("pageup", 2),
            ("ctrl+d", 2 + half),
            ("ctrl+u", 2),
        ]
        for key, expected in steps:
            await pilot.press(key)
            assert view.scroll_y == expected, key
            assert on_screen(view, view.cursor_row), key

    run(scenario)


def test_next_and_previous_turn():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 4)
        view = app.query_one(TranscriptView)
        stops = view.layout_lines.turn_rows()
        first = next(r for r in stops if r > view.cursor_row)
        await pilot.press("right_curly_bracket")
        assert view.scroll_y == first
        second = next(r for r in stops if r > first)
        await pilot.press("right_curly_bracket")
        assert view.scroll_y == second
        assert view.current_sentence.start >= view.layout_lines.lines[second].start
        await pilot.press("left_curly_bracket")
        assert view.scroll_y == first

    run(scenario)


def test_brackets_jump_between_turns_of_the_selected_speaker():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        view = app.query_one(TranscriptView)
        sidebar = app.query_one(SpeakerSidebar)
        sidebar.focus()
        await pilot.press("home", "j")  # select the second speaker
        await pilot.pause()
        who = app.document.speakers[1].name
        assert app.selected_speaker == who
        view.focus()
        theirs = [
            r for r in view.layout_lines.turn_rows() if view.layout_lines.lines[r].speaker == who
        ]
        assert len(theirs) >= 2
        await pilot.press("right_square_bracket")
        assert view.current_turn.speaker == who and view.scroll_y == theirs[0]
        await pilot.press("right_square_bracket")
        assert view.current_turn.speaker == who and view.scroll_y == theirs[1]
        await pilot.press("left_square_bracket")
        assert view.current_turn.speaker == who and view.scroll_y == theirs[0]
        assert who in view.border_subtitle

    run(scenario)


def test_i_shows_how_each_turn_was_attributed():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        view = app.query_one(TranscriptView)
        turn = view.current_turn
        tag = f"[{turn.method} {turn.confidence:.2f}]"
        assert tag not in view_text(view)
        await pilot.press("i")
        await pilot.pause()
        assert view.show_info and tag in view_text(view)
        await pilot.press("i")
        assert not view.show_info
        # The status line names the cursor's turn, its method and confidence all the time.
        assert f"{turn.method} {turn.confidence:.2f}" in view.border_subtitle

    run(scenario)


def test_q_goes_back_then_quits_and_escape_goes_back():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.focused, PanelList)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, SpeakerSidebar)
        await pilot.press("escape")
        assert isinstance(app.focused, PanelList)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    run(scenario)


def test_ctrl_q_quits_from_the_transcript():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running

    run(scenario)


def test_sidebars_hide_and_the_transcript_reflows():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 1)
        view = app.query_one(TranscriptView)
        panels, speakers = app.query_one("#panels"), app.query_one(SpeakerSidebar)
        width, rows = view.text_width, len(view.layout_lines)
        await pilot.press("f3")
        await pilot.pause()
        assert not speakers.display and panels.display
        await pilot.press("f2")
        await pilot.pause()
        assert not panels.display
        assert view.text_width > width and len(view.layout_lines) < rows
        assert app.focused is view
        await pilot.press("backslash")  # both hidden: bring both back
        await pilot.pause()
        assert panels.display and speakers.display
        assert view.text_width == width and len(view.layout_lines) == rows
        await pilot.press("backslash")
        await pilot.pause()
        assert not panels.display and not speakers.display
        await pilot.press("escape")  # back to the list, which comes back to be used
        await pilot.pause()
        assert panels.display and app.focused is app.query_one(PanelList)

    run(scenario)


def test_help_screen_lists_every_binding():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {(keys, what) for _, keys, what in app.screen.rows}
        for widget in (PanelApp, PanelList, FilterInput, TranscriptView, SpeakerSidebar):
            for binding in widget.BINDINGS:
                keys = binding.key.split(",")
                said = binding.tooltip or binding.description
                assert any(what == said and len(k.split()) == len(keys) for k, what in listed), (
                    binding
                )
        assert ("tab", "Next pane") in listed
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run(scenario, size=(100, 60))


def test_resize_reflows_and_keeps_the_place():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 3)
        view = app.query_one(TranscriptView)
        narrow = len(view.layout_lines)
        await pilot.press(*["space"] * 5)
        offset = view.top_offset
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        wide = len(view.layout_lines)
        assert wide < narrow
        row = round(view.scroll_y)
        shown = view.layout_lines.lines[row : row + view.size.height]
        assert any(ln.start <= offset < ln.end or ln.start == offset for ln in shown)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert len(view.layout_lines) > narrow

    run(scenario)


def test_speaker_filter_folds_other_turns():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 4)
        view = app.query_one(TranscriptView)
        sidebar = app.query_one(SpeakerSidebar)
        sidebar.focus()
        await pilot.press("home", "space")  # hide the first speaker
        await pilot.pause()
        first = app.document.speakers[0].name
        assert app.hidden_speakers == {first}
        assert any(ln.kind == FOLD_LINE for ln in view.layout_lines.lines)
        assert not any(ln.speaker == first for ln in view.layout_lines.lines)
        await pilot.press("j", "enter")  # only the second speaker
        await pilot.pause()
        second = app.document.speakers[1].name
        assert app.hidden_speakers == {s.name for s in app.document.speakers} - {second}
        speakers = {ln.speaker for ln in view.layout_lines.lines if ln.kind != FOLD_LINE}
        assert speakers <= {second, None}
        await pilot.press("a")
        await pilot.pause()
        assert app.hidden_speakers == frozenset()
        assert not any(ln.kind == FOLD_LINE for ln in view.layout_lines.lines)

    run(scenario)


def test_skipped_files_are_a_notification_and_the_app_keeps_running(tmp_path: Path):
    (tmp_path / "good.txt").write_bytes((CORPUS / "001_2f339ea5d00f0181.txt").read_bytes())
    (tmp_path / "bad [draft].txt").write_bytes(bytes(range(256)) * 64)

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        assert app.corpus is not None and app.corpus.warnings
        notes = list(app._notifications)
        assert any("skipped" in n.message and n.severity == "warning" for n in notes)
        assert len(app.query_one(PanelList).panel_ids) == 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.document is not None

    run(scenario, corpus=tmp_path)


def test_readable_at_80x24_and_200x60():
    for size in ((80, 24), (200, 60)):

        async def scenario(app: PanelApp, pilot: Pilot) -> None:
            await open_nth(app, pilot, 0)
            view = app.query_one(TranscriptView)
            assert view.text_width >= 40
            assert app.query_one(PanelList).display and app.query_one(SpeakerSidebar).display
            screen = app.export_screenshot()
            assert "Transcript" in screen and "Speakers" in screen and "Panels" in screen

        run(scenario, size=size)


def test_scroll_to_offset_brings_the_source_offset_on_screen():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 2)
        view = app.query_one(TranscriptView)
        block = app.document.blocks[len(app.document.blocks) // 2]
        target = block.start + 5
        view.scroll_to_offset(target)
        await pilot.pause()
        line = view.layout_lines.lines[round(view.scroll_y)]
        assert line.start <= target < line.end
        view.action_top()
        view.scroll_to_offset(target, top=False)
        await pilot.pause()
        top = round(view.scroll_y)
        rows = view.layout_lines.lines[top : top + view.size.height]
        assert any(ln.start <= target < ln.end for ln in rows)

    run(scenario)


def test_fast_filter_keys_build_on_each_other():
    """Keys typed faster than the app answers still act on the latest filter."""

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 4)
        app.query_one(SpeakerSidebar).focus()
        names = [s.name for s in app.document.speakers]
        await pilot.press("home", "j", "enter", "a", "k", "space")
        await pilot.pause()
        assert app.hidden_speakers == {names[0]}

    run(scenario)


def test_mouse_clicks_open_a_panel_and_toggle_a_speaker():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await pilot.click(PanelList, offset=(3, 1))
        await settle(app, pilot)
        assert app.document is not None and app.document.panel is app.corpus.panels[0]
        await pilot.click(SpeakerSidebar, offset=(4, 1))
        await pilot.pause()
        assert app.hidden_speakers == {app.document.speakers[0].name}

    run(scenario)


def test_help_scrolls_with_j_and_k_and_closes_with_q():
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 5
        await pilot.press("j", "j", "j", "j", "j", "down", "k")
        assert body.scroll_y == 5
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen) and app.is_running

    run(scenario, size=(80, 24))
