"""The ``?`` screen: every key binding, read from the widgets themselves so it never drifts."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from panel_tui.tui.find_bar import FindInput
from panel_tui.tui.panel_list import FilterInput, PanelList
from panel_tui.tui.speaker_sidebar import SpeakerSidebar
from panel_tui.tui.transcript_view import TranscriptView

FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", "Next pane"),
    Binding("shift+tab", "app.focus_previous", "Previous pane"),
    Binding(
        "ctrl+p",
        "app.command_palette",
        "Commands: open panel, search all panels, filter to speaker, bookmark",
    ),
]


KEY_CHARS = {
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "backslash": "\\",
    "slash": "/",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "apostrophe": "'",
}


def key_label(binding: Binding) -> str:
    """Every key of a binding as typed, e.g. ``j down`` or ``G end``."""
    return " ".join(KEY_CHARS.get(k, k) for k in binding.key.split(","))


def binding_rows(groups: list[tuple[str, list[BindingType]]]) -> list[tuple[str, str, str]]:
    """(group, keys, what it does) for every described binding, in the order given.

    The footer shows the short ``description``; the help shows the ``tooltip`` when a binding
    has one.
    """
    return [
        (title, key_label(b), b.tooltip or b.description)
        for title, bindings in groups
        for b in bindings
        if isinstance(b, Binding) and b.description
    ]


def bindings_table(rows: list[tuple[str, str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", min_width=12)
    table.add_column()
    group = None
    for title, keys, description in rows:
        if title != group:
            if group is not None:
                table.add_row("", "")
            table.add_row(Text(title, style="bold underline"), "")
            group = title
        table.add_row(keys, description)
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the app and of each pane; any of escape, q or ? closes it."""

    CSS_PATH = "help_screen.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False),
    ]

    def __init__(self, app_bindings: list[BindingType]) -> None:
        super().__init__()
        self.app_bindings = app_bindings

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-body").scroll_relative(y=lines, animate=False, immediate=True)

    def compose(self) -> ComposeResult:
        groups = [
            ("Everywhere", [*self.app_bindings, *FOCUS_KEYS]),
            ("Panel list", PanelList.BINDINGS),
            ("Panel filter line", FilterInput.BINDINGS),
            ("Transcript", TranscriptView.BINDINGS),
            ("Find line (/)", FindInput.BINDINGS),
            ("Speakers (filter)", SpeakerSidebar.BINDINGS),
        ]
        self.rows = binding_rows(groups)
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "j/k scroll · escape closes"
            yield Static(bindings_table(self.rows))
