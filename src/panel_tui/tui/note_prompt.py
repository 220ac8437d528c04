"""Small modals: type a bookmark's note (``M``, edit note) and confirm a deletion.

``NotePrompt`` returns the text through ``dismiss`` (``None`` when cancelled, so an empty
string means "clear the note"); ``ConfirmPrompt`` returns ``True`` or ``False``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NotePrompt(ModalScreen[str | None]):
    """One line for a note; Enter saves it, Esc cancels."""

    CSS_PATH = "note_prompt.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str = "Note", note: str = "", quote: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt", classes="prompt-box"):
            if self.quote:
                excerpt = self.quote if len(self.quote) <= 80 else self.quote[:79] + "…"
                yield Static(Text(f"“{excerpt}”", style="italic"), id="prompt-quote")
            yield Input(self.note, placeholder="a note (enter saves, escape cancels)")

    def on_mount(self) -> None:
        box = self.query_one("#prompt")
        box.border_title = self.title_text
        box.border_subtitle = "enter saves · escape cancels"
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmPrompt(ModalScreen[bool]):
    """A yes/no question: ``y`` or Enter confirms, ``n`` or Esc declines."""

    CSS_PATH = "note_prompt.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="prompt-box"):
            yield Static(Text(self.question, style="bold"))
            if self.detail:
                yield Static(Text(self.detail, style="dim"))
            yield Static(Text.assemble(("y", "bold"), " yes   ", ("n", "bold"), " no"))

    def on_mount(self) -> None:
        self.query_one("#confirm").border_title = "Confirm"

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
