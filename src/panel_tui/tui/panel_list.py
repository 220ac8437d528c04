"""The panel list: one three-line entry per panel; Enter asks the app to open it.

``/`` opens a filter line above it (titles, events and participants; pinyin-tolerant, see
``panel_filter``), ``o`` cycles the sort order. Both only reorder the rows already in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from panel_tui.panel_filter import SORTS, matches, sort_order
from panel_tui.tui.deferred import Deferred
from panel_tui.tui.document import PanelDocument, PanelSummary

MARK_AT_ONCE = 100  # rows up to which the ▶ mark moves as soon as a panel opens
FILTER_TRIES = 50  # refreshes a `/` pressed in the first frame waits for the filter line
SORT_LABELS = {
    "corpus": "file order",
    "event": "by event",
    "date": "newest first",
    "length": "longest first",
}


def human_length(chars: int) -> str:
    """Characters the Chinese way (万 = 10,000), short enough for a narrow list."""
    return f"{chars / 10000:.1f}万字" if chars >= 10000 else f"{chars}字"


def entry(summary: PanelSummary, is_open: bool) -> Text:
    """Title, event, then date · speakers (人) · length; each line cut with … to the width.

    One three-line ``Text``, not a ``Group`` of three: OptionList measures every row whenever
    the list changes, and one Text renders about twice as fast (filtering 500 rows).
    """
    who = f"{summary.speakers}人" if summary.speakers else "?人"
    facts = " · ".join([summary.date or "undated", who, human_length(summary.length)])
    return Text.assemble(
        ("▶ " if is_open else "", "bold"),
        (_one_line(summary.title), "bold"),
        "\n",
        (_one_line(summary.event or summary.platform), "dim"),
        "\n",
        (facts, "dim"),
        no_wrap=True,
        overflow="ellipsis",
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


class PanelList(OptionList):
    """Lists the corpus; posts ``PanelList.Open`` when the reader picks a panel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next panel", show=False),
        Binding("k,up", "cursor_up", "Previous panel", show=False),
        Binding("g,home", "first", "First panel", show=False),
        Binding("G,end", "last", "Last panel", show=False),
        Binding("enter", "select", "Open"),
        Binding(
            "slash",
            "filter",
            "Filter",
            key_display="/",
            tooltip="Filter: title, event, participant (pinyin: yzl or yangzhilin finds 杨植麟)",
        ),
        Binding("o", "cycle_sort", "Sort", tooltip="Sort by event, date, length, file order"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    class Open(Message):
        """The reader chose a panel to read."""

        def __init__(self, panel_id: str) -> None:
            super().__init__()
            self.panel_id = panel_id

    summaries: reactive[tuple[PanelSummary, ...]] = reactive(())
    document: reactive[PanelDocument | None] = reactive(None)
    filter_text: reactive[str] = reactive("")
    sort: reactive[str] = reactive("corpus")

    def on_mount(self) -> None:
        self.border_title = "Panels"

    def watch_summaries(self, summaries: Sequence[PanelSummary]) -> None:
        self._rebuild()
        if self.option_count and self.highlighted is None:
            self.highlighted = 0

    def watch_filter_text(self) -> None:
        self._rebuild()
        self.highlighted = 0 if self.option_count else None

    def watch_sort(self) -> None:
        self._rebuild()

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    def action_clear_filter(self) -> None:
        for box in self.screen.query(FilterInput):
            if box.value:
                box.action_clear()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Panels sorted: {SORT_LABELS[self.sort]}", timeout=2)

    class FilterRequested(Message):
        """``/`` in the list: the pane shows and focuses its filter line."""

    def visible_summaries(self) -> list[PanelSummary]:
        """The rows shown, in order: filtered by ``query``, sorted by ``sort``."""
        rows = list(self.summaries)
        if self.filter_text.strip():
            rows = [s for s in rows if s.key is None or matches(s.key, self.filter_text)]
        order = sort_order([s.facts for s in rows], self.sort)
        return [rows[i] for i in order]

    @property
    def panel_ids(self) -> list[str]:
        """Ids of the listed panels, in list order (separators left out)."""
        ids = (self.get_option_at_index(i).id for i in range(self.option_count))
        return [i for i in ids if i is not None]

    def watch_document(self, old: PanelDocument | None, new: PanelDocument | None) -> None:
        """Move the ▶ mark. Changing any row makes OptionList re-measure every row (~50 ms for
        500 panels, on the open's critical path), so a long list gets the mark at its next
        rebuild (filter, sort) only; the header names the open panel anyway."""
        if self.option_count > MARK_AT_ONCE:
            return
        by_id = {s.id: s for s in self.summaries}
        for doc in (old, new):
            if doc is None or doc.panel.id not in by_id:
                continue
            with suppress(OptionDoesNotExist):  # filtered out
                self.replace_option_prompt(doc.panel.id, entry(by_id[doc.panel.id], doc is new))

    def _rebuild(self) -> None:
        open_id = self.document.panel.id if self.document else None
        highlighted = self.highlighted
        current = self.get_option_at_index(highlighted).id if highlighted is not None else None
        self.clear_options()
        rows = self.visible_summaries()
        options: list[Option | None] = []
        for i, s in enumerate(rows):
            if i:
                options.append(None)  # a rule between entries; the cursor skips it
            options.append(Option(entry(s, s.id == open_id), id=s.id))
        self.add_options(options)
        total = len(self.summaries)
        shown = f"{len(rows)} of {total}" if len(rows) != total else f"{total}"
        sort = "" if self.sort == "corpus" else f" · {SORT_LABELS[self.sort]}"
        self.border_subtitle = f"{shown} panels{sort}"
        if current is not None and current in self.panel_ids:
            self.highlighted = self.get_option_index(current)
        elif highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Open(event.option.id))


class FilterInput(Input):
    """The filter line: typing narrows the list; enter or ↓ goes to it, escape clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear filter"),
        Binding("enter,down", "done", "To the list"),
    ]

    def action_clear(self) -> None:
        self.value = ""
        self.display = False
        self.screen.query_one(PanelList).focus()

    def action_done(self) -> None:
        self.display = bool(self.value)
        self.screen.query_one(PanelList).focus()


class PanelPane(Vertical):
    """The left column: the filter line (hidden until ``/``) over the list."""

    summaries: reactive[tuple[PanelSummary, ...]] = reactive(())
    document: reactive[PanelDocument | None] = reactive(None)

    def compose(self) -> ComposeResult:
        # The filter line is hidden until ``/``: made after the first frame (Input's CSS and
        # mounting are ~2 ms of it).
        yield Deferred(self._make_filter)
        yield PanelList(id="panel-list").data_bind(PanelPane.summaries, PanelPane.document)

    def _make_filter(self) -> FilterInput:
        return FilterInput(placeholder="filter: title, event, name, pinyin", id="panel-filter")

    def on_panel_list_filter_requested(self, event: PanelList.FilterRequested) -> None:
        event.stop()
        self._open_filter()

    def _open_filter(self, tries: int = 0) -> None:
        boxes = self.query(FilterInput)
        if not boxes or not boxes.first().is_mounted:  # ``/`` in the very first frame
            if tries < FILTER_TRIES:
                self.call_after_refresh(self._open_filter, tries + 1)
            return
        box = boxes.first()
        box.display = True
        box.border_title = "Filter · esc clears"
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one(PanelList).filter_text = event.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
