"""Pilot tests of the reading features: store-backed position and corrections, the question
context, the panel list filter and sort, the command palette, the mouse in the transcript."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.events import MouseScrollDown
from textual.pilot import Pilot
from textual.widgets import Input

from panel_tui.model import MODERATOR
from panel_tui.store import Store
from panel_tui.tui.app import PanelApp
from panel_tui.tui.document import PanelSummary
from panel_tui.tui.layout_lines import FOLD_LINE, SPEAKER_LINE
from panel_tui.tui.panel_list import FilterInput, PanelList
from panel_tui.tui.speaker_picker import SpeakerPicker, rank
from panel_tui.tui.speaker_sidebar import SpeakerSidebar
from panel_tui.tui.transcript_view import TranscriptView

from .test_tui import Scenario, open_nth, settle
from .test_tui import run as run_app


def run(scenario: Scenario, data_dir: Path, size: tuple[int, int] = (100, 30)) -> PanelApp:
    return run_app(scenario, size=size, data_dir=data_dir)


def shown_speakers(view: TranscriptView) -> list[str | None]:
    """Speaker of every heading on the layout, in order (what the reader sees turn by turn)."""
    return [ln.speaker for ln in view.layout_lines.lines if ln.kind == SPEAKER_LINE]


def test_reading_position_is_restored_in_a_fresh_app(tmp_path: Path):
    saved: dict[str, int] = {}

    async def read(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 1)
        view = app.query_one(TranscriptView)
        await pilot.press(*["j"] * 25)
        saved["offset"] = view.current_sentence.start
        saved["panel"] = app.document.panel.id
        await pilot.press("q", "q")  # back to the list, then quit: the position is written
        await pilot.pause()

    async def reopen(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 1)
        view = app.query_one(TranscriptView)
        assert view.current_sentence.start == saved["offset"]
        assert view.scroll_y > 0 and view.cursor_row >= round(view.scroll_y)

    run(read, tmp_path)
    assert Store.open(tmp_path).get_position(saved["panel"]) == saved["offset"]
    run(reopen, tmp_path)


def test_position_is_saved_after_a_pause_without_quitting(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        view = app.query_one(TranscriptView)
        await pilot.press("j", "j", "j")
        await pilot.pause(1.2)  # debounce
        await app.workers.wait_for_complete()
        assert Store.open(tmp_path).get_position(app.document.panel.id) == (
            view.current_sentence.start
        )

    run(scenario, tmp_path)


def test_s_reassigns_the_turn_and_saves_a_correction(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 4)  # the article: 李开复 and the moderator
        view = app.query_one(TranscriptView)
        await pilot.press("right_curly_bracket")
        turn = view.current_turn
        other = next(s for s in app.document.speakers if s.name != turn.speaker)
        before = {s.name: s.turns for s in app.document.speakers}
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press(*other.name)
        await pilot.press("enter")
        await settle(app, pilot)
        fixes = Store.open(tmp_path).corrections_for(app.document.panel.id)
        assert (turn.start, turn.end, other.name) in fixes
        now = view.current_turn
        assert now.speaker == other.name and now.method == "correction"
        after = {s.name: s.turns for s in app.document.speakers}
        assert after != before  # the sidebar's counts follow
        sidebar = app.query_one(SpeakerSidebar)
        assert sidebar.document is app.document
        assert "corrected" in "".join(
            seg.text for y in range(view.size.height) for seg in view.render_line(y)
        )

    run(scenario, tmp_path)


def test_escape_cancels_the_speaker_picker(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, SpeakerPicker)
        assert Store.open(tmp_path).corrections_for(app.document.panel.id) == ()

    run(scenario, tmp_path)


def test_picker_ranks_pinyin_and_initials():
    names = ["张一甲", "颜水成", "谢剑", "黄文灏"]
    assert rank(names, "xj")[0] == "谢剑"
    assert rank(names, "yanshuicheng")[0] == "颜水成"
    assert rank(names, "水成")[0] == "颜水成"
    assert rank(names, "") == names


def test_c_shows_the_moderator_question_before_each_answer(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        doc = app.document
        moderators = {s.name for s in doc.speakers if s.role == MODERATOR}
        assert moderators
        guest = max(
            (s for s in doc.speakers if s.role != MODERATOR and s.turns), key=lambda s: s.turns
        ).name
        view = app.query_one(TranscriptView)
        sidebar = app.query_one(SpeakerSidebar)
        sidebar.focus()
        sidebar.highlighted = [s.name for s in doc.speakers].index(guest)
        await pilot.press("enter")  # solo the guest
        await pilot.pause()
        assert set(shown_speakers(view)) == {guest}
        await pilot.press("c")
        await pilot.pause()
        assert app.with_context
        seen = shown_speakers(view)
        assert set(seen) <= {guest} | moderators and set(seen) & moderators
        lines = [ln for ln in view.layout_lines.lines if ln.kind == SPEAKER_LINE]
        for i, ln in enumerate(lines):  # every question is followed by the guest's answer
            if ln.speaker in moderators:
                assert ln.context and lines[i + 1].speaker == guest
        assert any(ln.kind == FOLD_LINE for ln in view.layout_lines.lines)
        await pilot.press("c")
        await pilot.pause()
        assert set(shown_speakers(view)) == {guest}

    run(scenario, tmp_path)


def test_slash_filters_the_list_by_pinyin_and_escape_clears(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await app.workers.wait_for_complete()  # pinyin keys are built in a worker
        panels = app.query_one(PanelList)
        with_yang = [s.id for s in app.summaries if "杨植麟" in s.names]
        assert with_yang
        await pilot.press("slash")
        assert isinstance(app.focused, FilterInput)
        for query in ("yzl", "yangzhilin", "杨植麟"):
            app.query_one(FilterInput).value = ""
            await pilot.press(*query)
            await pilot.pause()
            assert panels.panel_ids == with_yang, query
        await pilot.press("enter")
        assert app.focused is panels
        assert app.query_one(FilterInput).display  # still shows what filters the list
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert len(panels.panel_ids) == 5 and app.focused is panels

    run(scenario, tmp_path)


def test_o_cycles_the_sort_order(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        panels = app.query_one(PanelList)
        by_id = {s.id: s for s in app.summaries}
        await pilot.press("o")  # event
        events = [by_id[i].event for i in panels.panel_ids]
        assert events == sorted(events)
        await pilot.press("o")  # date, newest first, undated last
        dates = [by_id[i].date for i in panels.panel_ids]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated
        await pilot.press("o")  # length, longest first
        lengths = [by_id[i].length for i in panels.panel_ids]
        assert lengths == sorted(lengths, reverse=True)
        await pilot.press("o")
        assert panels.panel_ids == [s.id for s in app.summaries]
        assert "panels" in panels.border_subtitle

    run(scenario, tmp_path)


def test_command_palette_filters_to_a_speaker_and_opens_panels(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 4)
        name = app.document.speakers[0].name
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = f"Filter to speaker: {name}"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        shown = set(shown_speakers(app.query_one(TranscriptView)))
        assert shown == {name}
        target = app.corpus.panels[1]
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one(Input).value = f"Open panel: {target.title}"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.document.panel.id == target.id

    run(scenario, tmp_path)


def test_palette_jumps_to_a_bookmark(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        panel = app.corpus.panels[2]
        s = panel.sentences[len(panel.sentences) // 2]
        Store.open(tmp_path).add_bookmark(panel, s.start, s.end)
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one(Input).value = "Jump to bookmark"
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.query_one(TranscriptView)
        assert app.document.panel.id == panel.id
        assert view.current_sentence.start == s.start
        assert view.cursor_row >= round(view.scroll_y)

    run(scenario, tmp_path)


def test_a_read_only_store_warns_once_and_reading_goes_on(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 0)
        await pilot.press("j", "j")
        await pilot.pause(1.2)
        await open_nth(app, pilot, 1)
        warnings = [n for n in app._notifications if n.title == "Store"]
        assert len(warnings) == 1
        view = app.query_one(TranscriptView)
        await pilot.press("j")
        assert view.current_sentence == view._sentences[1]

    run(scenario, blocker / "data")


def test_a_click_in_the_transcript_moves_the_cursor(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 2)
        view = app.query_one(TranscriptView)
        first = view.current_sentence
        await pilot.click(TranscriptView, offset=(6, 12))
        await pilot.pause()
        assert view.current_sentence != first
        row = round(view.scroll_y) + 11  # the border takes the first row
        line = view.layout_lines.lines[row]
        s = view.current_sentence
        assert s.start <= line.end and s.end >= line.start

    run(scenario, tmp_path)


def test_list_counts_speakers_found_by_attribution(tmp_path: Path):
    """Rows first count title participants (no body parse); attribution's count follows."""

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        longest = app.corpus.panels[2]  # its title names nobody

        def row() -> PanelSummary:
            return next(s for s in app.summaries if s.id == longest.id)

        for _ in range(100):  # the warm-up, then a worker, update the rows
            if row().speakers:
                break
            await pilot.pause(0.05)
        found = row()
        assert found.speakers == len(longest.participants) > 0
        assert set(found.names) == {p.name for p in longest.participants}

    run(scenario, tmp_path)


def test_escape_in_the_list_clears_the_filter(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        panels = app.query_one(PanelList)
        await pilot.press("slash", "x", "y", "z", "q", "enter")
        assert panels.panel_ids == [] and app.focused is panels
        await pilot.press("escape")
        assert len(panels.panel_ids) == 5
        assert not app.query_one(FilterInput).display

    run(scenario, tmp_path)


def test_a_large_corpus_lists_its_first_rows_then_all(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        text = f"圆桌{i:02d}：话题{i}\n\n主持人 王五：欢迎。\n\n张三：谢谢，第{i}场。\n"
        (corpus / f"{i:02d}.txt").write_text(text, encoding="utf-8")

    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        panels = app.query_one(PanelList)
        assert len(panels.panel_ids) == 24 and app.corpus is not None
        await pilot.press("G", "enter")
        await settle(app, pilot)
        assert app.document.panel.title.startswith("圆桌23")

    run_app(scenario, corpus=corpus, data_dir=tmp_path / "data")


def test_the_mouse_wheel_scrolls_and_keeps_the_cursor_on_screen(tmp_path: Path):
    async def scenario(app: PanelApp, pilot: Pilot) -> None:
        await open_nth(app, pilot, 2)
        view = app.query_one(TranscriptView)
        for _ in range(8):  # Pilot has no wheel helper: post what a wheel notch sends
            await pilot._post_mouse_events([MouseScrollDown], TranscriptView, offset=(10, 5))
        await pilot.pause()
        top = round(view.scroll_y)
        assert top > 0
        assert top <= view.cursor_row < top + view.scrollable_content_region.height

    run(scenario, tmp_path)
