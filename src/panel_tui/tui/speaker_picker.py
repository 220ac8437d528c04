"""The ``s`` picker: who really spoke this turn? Fuzzy over the panel's speakers, or a new name.

Returns the chosen name (``dismiss(name)``) or ``None`` when cancelled; the app saves it as a
correction in the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rapidfuzz import fuzz, process
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from panel_tui.model import UNKNOWN_SPEAKER
from panel_tui.pinyin import fuzzy_key, initials


def rank(names: Sequence[str], query: str) -> list[str]:
    """``names`` best first for ``query``: substring, pinyin initials, then rapidfuzz."""
    q = query.strip()
    if not q:
        return list(names)
    low = q.casefold()
    exact = [n for n in names if low in n.casefold() or low == initials(n)]
    if q.isascii():
        keyed = {fuzzy_key(n).replace(" ", ""): n for n in names}
        found = process.extract(low, list(keyed), scorer=fuzz.WRatio, limit=len(names))
        fuzzy = [keyed[k] for k, score, _ in found if score >= 50]
    else:
        found = process.extract(q, list(names), scorer=fuzz.WRatio, limit=len(names))
        fuzzy = [n for n, score, _ in found if score >= 40]
    return list(dict.fromkeys([*exact, *fuzzy]))


class SpeakerPicker(ModalScreen[str | None]):
    """Type to narrow the list; Enter takes the highlighted name (or the typed one)."""

    CSS_PATH = "speaker_picker.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, names: Sequence[str], current: str | None) -> None:
        super().__init__()
        self.names = [n for n in names if n != UNKNOWN_SPEAKER]
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            who = self.current if self.current and self.current != UNKNOWN_SPEAKER else "?"
            yield Static(Text.assemble("Who spoke this turn? now: ", (who, "bold")))
            yield Input(placeholder="name, pinyin or initials; a new name works too")
            yield OptionList(id="picker-names")

    def on_mount(self) -> None:
        self.query_one("#picker").border_title = "Reassign speaker"
        self.query_one("#picker").border_subtitle = "↑/↓ choose · enter saves · escape cancels"
        self._fill("")

    def _fill(self, query: str) -> None:
        names = self.query_one(OptionList)
        names.clear_options()
        ranked = rank(self.names, query)
        for name in ranked:
            names.add_option(Option(name, id=name))
        typed = query.strip()
        if typed and typed not in ranked:
            names.add_option(Option(Text.assemble("new: ", (typed, "bold")), id=typed))
        names.add_option(Option(Text("not identified", style="dim"), id=UNKNOWN_SPEAKER))
        names.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        names = self.query_one(OptionList)
        if names.highlighted is not None:
            self.dismiss(names.get_option_at_index(names.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        names = self.query_one(OptionList)
        if names.option_count:
            current = names.highlighted or 0
            names.highlighted = max(0, min(names.option_count - 1, current + step))
