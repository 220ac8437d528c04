"""The transcript pane: a virtual, line-based view of the open panel (Textual's Line API).

Only the rows on screen are rendered, each from a ``DisplayLine`` of the current ``Layout``
and cached by (row, width), so a 200 KB transcript opens and jumps to its end at once. A
resize or a speaker filter rebuilds the layout (reflow) and keeps the first visible source
offset on screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from panel_tui.model import UNKNOWN_SPEAKER
from panel_tui.tui.document import UNKNOWN_COLOUR, PanelDocument
from panel_tui.tui.layout_lines import (
    FOLD_LINE,
    GUTTER,
    HEADING_LINE,
    NOTE_LINE,
    SPEAKER_LINE,
    TEXT_LINE,
    DisplayLine,
    Layout,
    build_layout,
)

PLACEHOLDER = (
    "",
    "  No panel open.",
    "",
    "  In the panel list: j/k or ↑/↓ move,",
    "  Enter opens. Tab switches panes,",
    "  ? lists every key, q quits.",
)


# A label in the source, or the reader's own correction: not a guess.
CONFIRMED_METHODS = frozenset({"label", "correction"})


def is_inferred(method: str | None) -> bool:
    """A turn whose speaker was guessed (cue, continuation, …) rather than read off a label."""
    return method not in CONFIRMED_METHODS


class TranscriptView(ScrollView, can_focus=True):
    """Scrolls through the open panel's turns; knows the source offsets of every row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Line down", show=False),
        Binding("k,up", "line_up", "Line up", show=False),
        Binding("space,pagedown", "page_down", "Page down", key_display="space"),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", key_display="G"),
        Binding("right_curly_bracket", "next_turn", "Next turn", key_display="}", show=False),
        Binding("left_curly_bracket", "prev_turn", "Previous turn", key_display="{", show=False),
    ]

    document: reactive[PanelDocument | None] = reactive(None, always_update=True)
    hidden_speakers: reactive[frozenset[str]] = reactive(frozenset())

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.layout_lines = Layout(0)
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)

    # -- layout -----------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """Cells available for a row (the vertical scrollbar is always reserved)."""
        return self.scrollable_content_region.width

    def watch_document(self, document: PanelDocument | None) -> None:
        self.relayout(keep_place=False)
        self.border_title = "Transcript"

    def watch_hidden_speakers(self) -> None:
        self.relayout()

    def on_resize(self, event: Resize) -> None:
        if self.text_width != self.layout_lines.width:
            self.relayout()

    def relayout(self, keep_place: bool = True) -> None:
        """Rewrap for the current width; keep the first visible source offset in view."""
        doc, width = self.document, self.text_width
        at_top = self.scroll_y <= 0
        anchor = self.top_offset if keep_place and len(self.layout_lines) and not at_top else None
        if doc is None or width <= 0:
            self.layout_lines = Layout(width)
        else:
            self.layout_lines = build_layout(doc.blocks, doc.spans, width, self.hidden_speakers)
        self._cache.clear()
        self.virtual_size = Size(width, len(self.layout_lines))
        if anchor is not None:
            self.scroll_to(y=self.layout_lines.top_row_for(anchor), animate=False)
        else:
            self.scroll_to(y=0, animate=False)
        self._update_subtitle()
        self.refresh()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        if self.document is None:
            self.border_subtitle = ""
            return
        end = self.max_scroll_y
        where = "top" if self.scroll_y <= 0 else f"{self.scroll_y / end:.0%}" if end else "all"
        self.border_subtitle = f"{where} · {len(self.document.blocks)} paragraphs"

    @property
    def top_offset(self) -> int:
        """Source offset of the first text shown at the top of the pane."""
        return self.layout_lines.offset_for_line(round(self.scroll_y))

    def scroll_to_offset(self, offset: int, *, top: bool = True) -> None:
        """Bring the row showing source ``offset`` to the top (or just into view)."""
        row = self.layout_lines.line_for_offset(offset)
        if top:
            self.scroll_to(y=row, animate=False)
        else:
            self.scroll_to_region(Region(0, row, self.size.width, 1), animate=False)

    # -- rendering --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if self.document is None:
            text = PLACEHOLDER[y] if y < len(PLACEHOLDER) else ""
            return Strip([Segment(text, base + Style(dim=True))]).crop_extend(0, width, base)
        if row >= len(self.layout_lines):
            return Strip.blank(width, base)
        key = (row, width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, base)
            strip = strip.crop_extend(scroll_x, scroll_x + width, base)
            self._cache[key] = strip
        return strip

    def _render_row(self, row: int, base: Style) -> Strip:
        doc = self.document
        assert doc is not None
        line = self.layout_lines.lines[row]
        first = line.block < 0 or self.layout_lines.block_first_line[line.block] == row
        colour = doc.colour(line.speaker) if line.speaker else UNKNOWN_COLOUR
        inferred = is_inferred(line.method)
        if line.kind == SPEAKER_LINE:
            return Strip(self._speaker_heading(line, colour, inferred, base))
        if line.kind == TEXT_LINE:
            bar = "┆ " if inferred else "▌ "
            return Strip(
                [
                    Segment(bar, base + Style(color=colour, dim=inferred)),
                    Segment(line.text, base),
                ]
            )
        if line.kind == HEADING_LINE:
            return Strip(
                [
                    Segment("■ " if first else "  ", base + Style(color="#e0a84f", bold=True)),
                    Segment(line.text, base + Style(bold=True, underline=True)),
                ]
            )
        if line.kind == NOTE_LINE:
            return Strip([Segment(" " * GUTTER + line.text, base + Style(italic=True, dim=True))])
        if line.kind == FOLD_LINE:
            n = line.folded
            label = f"  … {n} turn{'s' if n != 1 else ''} by others (filtered)"
            return Strip([Segment(label, base + Style(dim=True, italic=True))])
        return Strip([])

    def _speaker_heading(
        self, line: DisplayLine, colour: str, inferred: bool, base: Style
    ) -> list[Segment]:
        doc = self.document
        assert doc is not None
        name = line.speaker or ""
        if name == UNKNOWN_SPEAKER:
            return [Segment("? speaker not identified", base + Style(color=colour, italic=True))]
        role = doc.role(name)
        role_text = f" · {role}" if role and role != "unknown" else ""
        if inferred:
            return [
                Segment("◇ ", base + Style(color=colour)),
                Segment(name, base + Style(color=colour, italic=True)),
                Segment(f"{role_text} · inferred ({line.method})", base + Style(dim=True)),
            ]
        return [
            Segment("◆ ", base + Style(color=colour)),
            Segment(name, base + Style(color=colour, bold=True)),
            Segment(role_text, base + Style(dim=True)),
        ]

    # -- keys -------------------------------------------------------------------------------

    def action_line_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False)

    def action_line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False)

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + max(1, self.size.height - 2), animate=False)

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - max(1, self.size.height - 2), animate=False)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def action_next_turn(self) -> None:
        top = round(self.scroll_y)
        for row in self.layout_lines.turn_rows():
            if row > top:
                self.scroll_to(y=row, animate=False)
                return
        self.action_bottom()

    def action_prev_turn(self) -> None:
        top = round(self.scroll_y)
        for row in reversed(self.layout_lines.turn_rows()):
            if row < top:
                self.scroll_to(y=row, animate=False)
                return
        self.action_top()
