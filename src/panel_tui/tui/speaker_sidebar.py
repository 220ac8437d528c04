"""The speaker sidebar: who is on stage, in their transcript colour, with share of talk.

It is also the speaker filter: space (or a click) hides or shows the speaker under the cursor,
Enter shows only them, ``a`` shows everyone. It shows the new set at once, so quick keys build
on each other, and posts ``Filter``; the app hands the set down to the transcript (and back
here). ``c`` (or the last row) keeps each moderator question before a shown guest's answer.
The highlighted speaker is the one ``[``/``]`` jump between in the transcript (``Selected``).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from panel_tui.model import UNKNOWN_ROLE, UNKNOWN_SPEAKER
from panel_tui.tui.document import PanelDocument, SpeakerInfo

BAR_CELLS = 8
CONTEXT_ROW = "\x00context"  # option id of the "questions with answers" switch


def share_bar(share: float, colour: str, cells: int = BAR_CELLS) -> Text:
    """A bar of ``cells`` cells, filled in eighths, then the percentage."""
    eighths = round(max(0.0, min(1.0, share)) * cells * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    bar = bar.ljust(cells, " ")
    return Text.assemble((bar, f"{colour} on #303030"), f" {share:>4.0%}")


def entry(info: SpeakerInfo, hidden: bool) -> Group:
    dot = "○" if hidden else "●"
    name = "speaker not identified" if info.name == UNKNOWN_SPEAKER else info.name
    role = "" if info.role == UNKNOWN_ROLE else f" {info.role}"
    head = Text.assemble(
        (f"{dot} ", info.colour),
        (name, f"bold {info.colour}" if not hidden else "dim strike"),
        (role, "dim"),
        no_wrap=True,
        overflow="ellipsis",
    )
    turns = f" · {info.turns} turn{'s' if info.turns != 1 else ''}"
    stats = Text.assemble(" ", share_bar(info.share, info.colour), (turns, "dim"))
    stats.no_wrap, stats.overflow = True, "ellipsis"
    return Group(head, stats)


class SpeakerSidebar(OptionList):
    """Participants of the open panel with role, colour, share bar and turn count."""

    # Beside the widget; parsed when it is first mounted (after the first frame), not at start.
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next speaker", show=False),
        Binding("k,up", "cursor_up", "Previous speaker", show=False),
        Binding(
            "space",
            "toggle_speaker",
            "Hide/show",
            tooltip="Hide or show this speaker's turns (hidden stretches fold to one line)",
        ),
        Binding("enter", "solo", "Solo", tooltip="Show only this speaker's turns"),
        Binding("a", "show_all", "All", tooltip="Show every speaker again"),
        Binding(
            "c",
            "app.toggle_context",
            "Questions",
            tooltip="While filtering: also show the moderator's question before each answer",
        ),
        Binding("q", "app.back", "Back", tooltip="Back to the panel list"),
    ]

    class Filter(Message):
        """The reader wants these speakers' turns folded away."""

        def __init__(self, hidden: frozenset[str]) -> None:
            super().__init__()
            self.hidden = hidden

    class Selected(Message):
        """The cursor is on this speaker (``None``: on no speaker)."""

        def __init__(self, name: str | None) -> None:
            super().__init__()
            self.name = name

    document: reactive[PanelDocument | None] = reactive(None)
    hidden_speakers: reactive[frozenset[str]] = reactive(frozenset())
    with_context: reactive[bool] = reactive(False)

    def watch_with_context(self) -> None:
        self._rebuild()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Selected(self._current()))

    def on_mount(self) -> None:
        self.border_title = "Speakers"

    def watch_document(self) -> None:
        self._rebuild()
        self.highlighted = 0 if self.option_count else None

    def watch_hidden_speakers(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        doc = self.document
        if doc is None:
            self.add_option(Option(Text("No panel open", style="dim"), disabled=True))
            return
        for info in doc.speakers:
            self.add_option(Option(entry(info, info.name in self.hidden_speakers), id=info.name))
        if not doc.speakers:
            self.add_option(Option(Text("No speakers known", style="dim"), disabled=True))
        else:
            box = "▣" if self.with_context else "□"
            self.add_option(None)
            self.add_option(
                Option(Text(f"{box} questions before answers (c)", style="dim"), id=CONTEXT_ROW)
            )
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def _on_context_row(self) -> bool:
        if self.highlighted is None or self.document is None:
            return False
        return self.get_option_at_index(self.highlighted).id == CONTEXT_ROW

    def _names(self) -> list[str]:
        return [s.name for s in self.document.speakers] if self.document else []

    def _current(self) -> str | None:
        if self.highlighted is None or not self.document:
            return None
        name = self.get_option_at_index(self.highlighted).id
        return None if name == CONTEXT_ROW else name

    def _ask(self, hidden: frozenset[str]) -> None:
        """Show the new filter here at once (the next key builds on it), and ask the app."""
        self.hidden_speakers = hidden
        self.post_message(self.Filter(hidden))

    def action_toggle_speaker(self) -> None:
        if self._on_context_row():
            self.run_action("app.toggle_context")
            return
        name = self._current()
        if name is None:
            return
        hidden = set(self.hidden_speakers) ^ {name}
        if set(self._names()) <= hidden:  # hiding everyone would show nothing at all
            self.notify("At least one speaker stays visible (a shows all).", timeout=3)
            return
        self._ask(frozenset(hidden))

    def action_solo(self) -> None:
        """Show only the speaker under the cursor (acts now, unlike OptionList's select)."""
        name = self._current()
        if name is not None:
            self._ask(frozenset(n for n in self._names() if n != name))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a speaker toggles it, like a checkbox (Enter is bound to solo)."""
        event.stop()
        if event.option.id == CONTEXT_ROW:
            self.run_action("app.toggle_context")
        else:
            self.action_toggle_speaker()

    def action_show_all(self) -> None:
        self._ask(frozenset())
