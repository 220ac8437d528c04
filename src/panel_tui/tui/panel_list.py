"""The panel list: one three-line entry per panel; Enter asks the app to open it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from panel_tui.tui.document import PanelDocument, PanelSummary


def human_length(chars: int) -> str:
    """Characters the Chinese way (万 = 10,000), short enough for a narrow list."""
    return f"{chars / 10000:.1f}万字" if chars >= 10000 else f"{chars}字"


def entry(summary: PanelSummary, is_open: bool) -> Group:
    """Title, event, then date · speakers (人) · length; each cut with … to the list's width."""
    mark = Text("▶ " if is_open else "", style="bold")
    title = Text.assemble(mark, (summary.title, "bold"), no_wrap=True, overflow="ellipsis")
    event = Text(summary.event or summary.platform, style="dim", no_wrap=True)
    event.overflow = "ellipsis"
    who = f"{summary.speakers}人" if summary.speakers else "?人"
    facts = " · ".join([summary.date or "undated", who, human_length(summary.length)])
    line3 = Text(facts, style="dim", no_wrap=True, overflow="ellipsis")
    return Group(title, event, line3)


class PanelList(OptionList):
    """Lists the corpus; posts ``PanelList.Open`` when the reader picks a panel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next panel", show=False),
        Binding("k,up", "cursor_up", "Previous panel", show=False),
        Binding("g,home", "first", "First panel", show=False),
        Binding("G,end", "last", "Last panel", show=False),
        Binding("enter", "select", "Open panel"),
    ]

    class Open(Message):
        """The reader chose a panel to read."""

        def __init__(self, panel_id: str) -> None:
            super().__init__()
            self.panel_id = panel_id

    summaries: reactive[tuple[PanelSummary, ...]] = reactive(())
    document: reactive[PanelDocument | None] = reactive(None)

    def on_mount(self) -> None:
        self.border_title = "Panels"

    def watch_summaries(self, summaries: Sequence[PanelSummary]) -> None:
        self._rebuild()
        self.border_subtitle = f"{len(summaries)} panels"
        if summaries and self.highlighted is None:
            self.highlighted = 0

    @property
    def panel_ids(self) -> list[str]:
        """Ids of the listed panels, in list order (separators left out)."""
        ids = (self.get_option_at_index(i).id for i in range(self.option_count))
        return [i for i in ids if i is not None]

    def watch_document(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        open_id = self.document.panel.id if self.document else None
        highlighted = self.highlighted
        self.clear_options()
        for i, s in enumerate(self.summaries):
            if i:
                self.add_option(None)  # a rule between entries; the cursor skips it
            self.add_option(Option(entry(s, s.id == open_id), id=s.id))
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Open(event.option.id))
