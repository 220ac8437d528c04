"""The transcript pane: a virtual, line-based view of the open panel (Textual's Line API).

Only the rows on screen are rendered, each from a ``DisplayLine`` of the current ``Layout``
and cached by (row, width), so a 200 KB transcript opens and jumps to its end at once. A
resize or a speaker filter rebuilds the layout (reflow) and keeps the cursor's sentence and
the first visible source offset on screen.

The cursor sits on a sentence (``Panel.sentences``, source offsets): j/k move it and the view
follows; ctrl+e/ctrl+y and the page keys move the view and the cursor stays on screen, as in
vim. Bookmarks and quotes act on ``selection`` (the ``v`` range, else ``current_sentence``)
and ``current_turn``; the app sets ``hits`` / ``current_hit`` (find) and ``marks`` (bookmarks).
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click, MouseScrollDown, MouseScrollUp, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from panel_tui.hit_nav import CURRENT, HIT, SELECTED, SpanSet, mark_runs
from panel_tui.marks import range_span
from panel_tui.model import UNKNOWN_SPEAKER, Sentence, Turn
from panel_tui.tui.document import UNKNOWN_COLOUR, PanelDocument
from panel_tui.tui.layout_lines import (
    BLANK_LINE,
    FOLD_LINE,
    GUTTER,
    HEADING_LINE,
    NOTE_LINE,
    SPEAKER_LINE,
    TEXT_LINE,
    DisplayLine,
    Layout,
    build_layout,
    source_mapper,
    to_source,
)

PLACEHOLDER = (
    "",
    "  No panel open.",
    "",
    "  In the panel list: j/k or ↑/↓ move,",
    "  / filters, o sorts, Enter opens.",
    "  Tab switches panes, ? lists every key,",
    "  q quits.",
)


# A label in the source, or the reader's own correction: not a guess.
CONFIRMED_METHODS = frozenset({"label", "correction"})


def is_inferred(method: str | None) -> bool:
    """A turn whose speaker was guessed (cue, continuation, …) rather than read off a label."""
    return method not in CONFIRMED_METHODS


class TranscriptView(ScrollView, can_focus=True):
    """Scrolls through the open panel's turns with a sentence cursor; rows know their offsets."""

    # Beside the widget; parsed when it is first mounted (after the first frame), not at start.
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next sentence", show=False),
        Binding("k,up", "cursor_up", "Previous sentence", show=False),
        Binding("ctrl+e", "line_down", "Scroll a line down", show=False),
        Binding("ctrl+y", "line_up", "Scroll a line up", show=False),
        Binding("space,pagedown", "page_down", "Page down", key_display="space", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("right_curly_bracket", "next_turn", "Next turn", key_display="}", show=False),
        Binding("left_curly_bracket", "prev_turn", "Previous turn", key_display="{", show=False),
        Binding(
            "right_square_bracket",
            "next_turn_of",
            "Speaker",
            key_display="[ ]",
            tooltip="Next turn of the speaker selected in the sidebar (or under the cursor)",
        ),
        Binding(
            "left_square_bracket",
            "prev_turn_of",
            "Their previous",
            key_display="[",
            show=False,
            tooltip="Previous turn of the speaker selected in the sidebar (or under the cursor)",
        ),
        Binding("s", "reassign", "Reassign", tooltip="Reassign this turn's speaker (fuzzy)"),
        Binding("i", "toggle_info", "Info", tooltip="Show how each turn was attributed"),
        Binding(
            "c",
            "app.toggle_context",
            "Questions",
            show=False,
            tooltip="While filtering: also show the moderator's question before each answer",
        ),
        Binding(
            "slash",
            "app.find",
            "Find",
            key_display="/",
            tooltip="Find in this panel as you type (the search query syntax works)",
        ),
        Binding("n", "app.find_next", "Next hit", show=False, tooltip="Next search hit"),
        Binding("N", "app.find_prev", "Previous hit", show=False, tooltip="Previous search hit"),
        Binding(
            "m",
            "app.toggle_bookmark",
            "Bookmark",
            tooltip="Bookmark the sentence (or the v range); again removes it",
        ),
        Binding(
            "M",
            "app.bookmark_with_note",
            "Bookmark + note",
            show=False,
            tooltip="Bookmark with a note (edits the note if already bookmarked)",
        ),
        Binding(
            "v",
            "mark_range",
            "Range",
            show=False,
            tooltip="Start a range of sentences at the cursor for m, M and y; again drops it",
        ),
        Binding(
            "y",
            "app.copy_quote",
            "Quote",
            tooltip="Copy the sentence (or range) as a quote with attribution",
        ),
        Binding(
            "Y",
            "app.copy_turn",
            "Copy turn",
            show=False,
            tooltip="Copy the whole turn as a quote with attribution",
        ),
        Binding("q", "app.back", "Back", show=False, tooltip="Back to the panel list"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript--cursor",
        "transcript--context",
        "transcript--hit",
        "transcript--hit-current",
        "transcript--bookmark",
    }

    class CursorMoved(Message):
        """The sentence cursor moved (the app saves the reading position, debounced)."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    class Reassign(Message):
        """The reader wants to say who spoke ``[start, end)``."""

        def __init__(self, start: int, end: int, speaker: str | None) -> None:
            super().__init__()
            self.start, self.end, self.speaker = start, end, speaker

    document: reactive[PanelDocument | None] = reactive(None, always_update=True)
    hidden_speakers: reactive[frozenset[str]] = reactive(frozenset())
    with_context: reactive[bool] = reactive(False)
    selected_speaker: reactive[str | None] = reactive(None)
    show_info: reactive[bool] = reactive(False)
    hits: reactive[SpanSet] = reactive(SpanSet, always_update=True)  # find: every hit
    current_hit: reactive[tuple[int, int] | None] = reactive(None)
    marks: reactive[SpanSet] = reactive(SpanSet, always_update=True)  # bookmarked spans
    status: reactive[str] = reactive("")  # app-wide progress, e.g. ``indexing 120/500``

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.layout_lines = Layout(0)
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._sentences: list[Sentence] = []  # the sentences the layout shows
        self._sentence_starts: list[int] = []
        self._cursor = -1  # index into ``_sentences``
        self._cursor_rows = range(0)
        self._panel_id: str | None = None
        self.open_at: int | None = None  # put the cursor here at the next layout (reopen)
        self._prepared: tuple[tuple, Layout] | None = None  # from ``prepare``
        self._last_width = 0  # the last non-zero ``text_width``
        self._range_anchor: Sentence | None = None  # ``v``: where the range started

    # -- layout -----------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """Cells available for a row (the vertical scrollbar is always reserved). Under the
        loading cover Textual gives the pane no region: then the width it had before, so an
        open's worker can lay the text out meanwhile (it used to wait for a width that only
        came back once the open was done)."""
        width = self.scrollable_content_region.width
        if width > 0:
            self._last_width = width
        return width or self._last_width

    def watch_document(self, document: PanelDocument | None) -> None:
        same = document is not None and document.panel.id == self._panel_id
        self._panel_id = document.panel.id if document else None
        if not same:
            self._cursor = -1
            self._range_anchor = None
        self.relayout(keep_place=same)
        self.border_title = "Transcript"

    def watch_hidden_speakers(self) -> None:
        self.relayout()

    def watch_with_context(self) -> None:
        if self.hidden_speakers:
            self.relayout()

    def watch_show_info(self) -> None:
        self._cache.clear()
        self.refresh()

    watch_hits = watch_show_info
    watch_current_hit = watch_show_info
    watch_marks = watch_show_info

    def watch_selected_speaker(self) -> None:
        self._update_subtitle()

    def watch_status(self) -> None:
        self._update_subtitle()

    def on_resize(self, event: Resize) -> None:
        if self.text_width != self.layout_lines.width:
            self.relayout()

    def relayout(self, keep_place: bool = True) -> None:
        """Rewrap for the current width; keep the cursor and the first visible offset."""
        doc, width = self.document, self.text_width
        at_top = self.scroll_y <= 0
        anchor = self.top_offset if keep_place and len(self.layout_lines) and not at_top else None
        cursor = self.current_sentence if keep_place else None
        key = (doc, width, self.hidden_speakers, self.with_context)
        prepared, self._prepared = self._prepared, None
        if doc is None or width <= 0:
            self.layout_lines = Layout(width)
        elif prepared is not None and prepared[0][0] is doc and prepared[0][1:] == key[1:]:
            self.layout_lines = prepared[1]
        else:
            self.layout_lines = self._build(*key)
        self._cache.clear()
        self.virtual_size = Size(width, len(self.layout_lines))
        layout = self.layout_lines
        self._sentences = [s for s in doc.sentences if layout.shows(s.start, s.end)] if doc else []
        self._sentence_starts = [s.start for s in self._sentences]
        if anchor is not None:
            self.scroll_to(y=layout.top_row_for(anchor), animate=False)
        else:
            self.scroll_to(y=0, animate=False)
        if self.open_at is not None and self._sentences:
            offset, self.open_at = self.open_at, None
            self._set_cursor(self._index_for(offset), scroll=False, notify=False)
            top = self.layout_lines.top_row_for(self._sentences[self._cursor].start)
            self.scroll_to(y=top, animate=False)
        elif cursor is not None:
            self._set_cursor(self._index_for(cursor.start), scroll=True, notify=False)
        else:
            self._set_cursor(0 if self._sentences else -1, scroll=False, notify=False)
        self._update_subtitle()
        self.refresh()

    @staticmethod
    def _build(doc: PanelDocument, width: int, hidden: frozenset[str], context: bool) -> Layout:
        speakers = doc.moderators if context else ()
        return build_layout(doc.blocks, doc.spans, width, hidden, speakers)

    def prepare(
        self,
        doc: PanelDocument,
        hidden: frozenset[str],
        context: bool,
        layout: Layout | None = None,
    ) -> None:
        """Lay ``doc`` out ahead, off the UI thread (the open worker calls it); the next
        relayout takes it if width, filter and context still match. ``layout``: one built
        ahead of time (the warm-up's), used if it was made for this width, filter and context."""
        key = (doc, self.text_width, hidden, context)
        if key[1] > 0:
            if layout is None or layout.width != key[1] or hidden or context:
                layout = self._build(*key)
            self._prepared = (key, layout)

    def layout_ahead(self, doc: PanelDocument) -> Layout | None:
        """``doc`` laid out for the current width, unfiltered (the warm-up calls it, ahead of
        an open); ``None`` before the pane has a size."""
        width = self.text_width
        return self._build(doc, width, frozenset(), False) if width > 0 else None

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        if self.document is None:
            self.border_subtitle = self.status
            return
        end = self.max_scroll_y
        where = "top" if self.scroll_y <= 0 else f"{self.scroll_y / end:.0%}" if end else "all"
        parts = [where]
        turn = self.current_turn
        if turn is not None:
            who = "unknown" if turn.speaker == UNKNOWN_SPEAKER else turn.speaker
            parts.append(f"{who} {turn.method} {turn.confidence:.2f}")
        if self.selected_speaker:
            parts.append(f"[ ] {self.selected_speaker}")
        if self._range_anchor is not None:
            parts.append("range (v)")
        if self.status:
            parts.append(self.status)
        self.border_subtitle = " · ".join(parts)

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

    # -- the sentence cursor ----------------------------------------------------------------

    @property
    def current_sentence(self) -> Sentence | None:
        """The sentence under the cursor (what a bookmark or a quote takes)."""
        return self._sentences[self._cursor] if 0 <= self._cursor < len(self._sentences) else None

    @property
    def current_turn(self) -> Turn | None:
        """The attributed turn the cursor is in."""
        s = self.current_sentence
        if s is None or self.document is None:
            return None
        return self.document.turn_at(s.start) or self.document.turn_at(max(s.start, s.end - 1))

    @property
    def selection(self) -> tuple[int, int] | None:
        """What m, M and y act on: the ``v`` range, else the cursor's sentence."""
        s = self.current_sentence
        if s is None:
            return None
        a = self._range_anchor
        return range_span((a.start, a.end), (s.start, s.end)) if a else (s.start, s.end)

    @property
    def has_range(self) -> bool:
        """A ``v`` range is being marked."""
        return self._range_anchor is not None

    def action_mark_range(self) -> None:
        """``v``: start a range at the cursor's sentence; again drops it."""
        self._range_anchor = None if self._range_anchor else self.current_sentence
        self._cache.clear()
        self.refresh()
        self._update_subtitle()

    def clear_range(self) -> None:
        """Drop the ``v`` range, if any."""
        if self._range_anchor is not None:
            self.action_mark_range()

    @property
    def cursor_row(self) -> int:
        return self._cursor_rows.start if self._cursor_rows else round(self.scroll_y)

    def _index_for(self, offset: int) -> int:
        """The shown sentence at or before ``offset`` (else the first after it)."""
        if not self._sentences:
            return -1
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def move_cursor_to(self, offset: int, *, top: bool = False) -> None:
        """Put the cursor on the sentence at ``offset``; with ``top``, scroll it to the top."""
        self._set_cursor(self._index_for(offset), scroll=not top)
        if top and self._cursor_rows:
            self.scroll_to(
                y=self.layout_lines.top_row_for(self._sentences[self._cursor].start), animate=False
            )

    def _set_cursor(self, index: int, *, scroll: bool = True, notify: bool = True) -> None:
        if not self._sentences:
            self._cursor, self._cursor_rows = -1, range(0)
            return
        index = max(0, min(len(self._sentences) - 1, index))
        old_rows = self._cursor_rows
        self._cursor = index
        s = self._sentences[index]
        self._cursor_rows = self.layout_lines.rows_between(s.start, s.end)
        for row in (*old_rows, *self._cursor_rows):
            self._cache.discard((row, self.size.width))
        if self._range_anchor is not None:
            self._cache.clear()  # the whole range repaints as it grows
        if scroll and self._cursor_rows:
            self._scroll_rows_into_view(self._cursor_rows)
        self.refresh()
        self._update_subtitle()
        if notify:
            self.post_message(self.CursorMoved(s.start))

    def _scroll_rows_into_view(self, rows: range) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        first, last = rows.start, rows.stop - 1
        if first < top:
            self.scroll_to(y=max(0, first - 1), animate=False)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 2), animate=False)

    def _cursor_into_view(self) -> None:
        """After the view moved: keep the cursor on screen (nearest sentence), like vim."""
        if not self._sentences:
            return
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        rows = self._cursor_rows
        if rows and rows.start >= top and rows.start < top + height:
            return
        lines = self.layout_lines
        if not rows or rows.start < top:
            offset = lines.offset_for_line(top)
            i = bisect.bisect_left(self._sentence_starts, offset)
        else:
            offset = lines.offset_for_line(top + height - 1)
            i = bisect.bisect_right(self._sentence_starts, offset) - 1
            while (
                i > 0
                and self.layout_lines.rows_between(
                    self._sentences[i].start, self._sentences[i].end
                ).start
                >= top + height
            ):
                i -= 1
        self._set_cursor(i, scroll=False)

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
        if line.context:
            base = base + self.get_component_rich_style("transcript--context", partial=True)
        if line.kind == SPEAKER_LINE:
            return Strip(self._speaker_heading(line, colour, inferred, base))
        if line.kind == TEXT_LINE:
            bar = "┆" if inferred else "▌"
            marked = self.marks.touches(line.start, line.end)
            mark = base + self.get_component_rich_style("transcript--bookmark", partial=True)
            return Strip(
                [
                    Segment(bar, base + Style(color=colour, dim=inferred)),
                    Segment("•", mark) if marked else Segment(" ", base),
                    *self._text(line, base),
                ]
            )
        if line.kind == HEADING_LINE:
            return Strip(
                [
                    Segment("■ " if first else "  ", base + Style(color="#e0a84f", bold=True)),
                    *self._text(line, base + Style(bold=True, underline=True)),
                ]
            )
        if line.kind == NOTE_LINE:
            return Strip(
                [
                    Segment(" " * GUTTER, base),
                    *self._text(line, base + Style(italic=True, dim=True)),
                ]
            )
        if line.kind == FOLD_LINE:
            n = line.folded
            label = f"  … {n} turn{'s' if n != 1 else ''} by others (filtered)"
            return Strip([Segment(label, base + Style(dim=True, italic=True))])
        return Strip([])

    def _text(self, line: DisplayLine, style: Style) -> list[Segment]:
        """The row's text: the selection (sentence or v range), search hits, the current hit."""
        sel = self.selection
        on_sel = sel is not None and line.end > sel[0] and line.start < sel[1]
        if line.kind == BLANK_LINE or not (on_sel or self.hits.touches(line.start, line.end)):
            return [Segment(line.text, style)]
        assert self.document is not None
        vis, src = source_mapper(self.document.spans[line.block])
        offsets = [to_source(vis, src, line.col + k) for k in range(len(line.text))]
        cursor = self.get_component_rich_style("transcript--cursor", partial=True)
        hit = self.get_component_rich_style("transcript--hit", partial=True)
        current = self.get_component_rich_style("transcript--hit-current", partial=True)
        out = []
        for i, j, flags in mark_runs(offsets, self.hits, self.current_hit, sel):
            st = style + cursor if flags & SELECTED else style
            st = st + hit if flags & HIT else st + current if flags & CURRENT else st
            out.append(Segment(line.text[i:j], st))
        return out

    def _speaker_heading(
        self, line: DisplayLine, colour: str, inferred: bool, base: Style
    ) -> list[Segment]:
        doc = self.document
        assert doc is not None
        name = line.speaker or ""
        info: list[Segment] = []
        if self.show_info:
            turn = doc.turn_at(line.start)
            if turn is not None:
                info = [Segment(f"  [{turn.method} {turn.confidence:.2f}]", base + Style(dim=True))]
        context = [Segment("  (context)", base + Style(dim=True))] if line.context else []
        if name == UNKNOWN_SPEAKER:
            return [
                Segment("? speaker not identified", base + Style(color=colour, italic=True)),
                *info,
            ]
        role = doc.role(name)
        role_text = f" · {role}" if role and role != "unknown" else ""
        if inferred:
            return [
                Segment("◇ ", base + Style(color=colour)),
                Segment(name, base + Style(color=colour, italic=True)),
                Segment(f"{role_text} · inferred ({line.method})", base + Style(dim=True)),
                *info,
                *context,
            ]
        fixed = " · corrected" if line.method == "correction" else ""
        return [
            Segment("◆ ", base + Style(color=colour)),
            Segment(name, base + Style(color=colour, bold=True)),
            Segment(role_text + fixed, base + Style(dim=True)),
            *info,
            *context,
        ]

    # -- keys -------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._set_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._set_cursor(self._cursor - 1)

    def _scroll_by(self, rows: int) -> None:
        self.scroll_to(y=max(0, min(self.max_scroll_y, self.scroll_y + rows)), animate=False)
        self._cursor_into_view()

    def action_line_down(self) -> None:
        self._scroll_by(1)

    def action_line_up(self) -> None:
        self._scroll_by(-1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_page_down(self) -> None:
        self._scroll_by(self._page())

    def action_page_up(self) -> None:
        self._scroll_by(-self._page())

    def action_half_page_down(self) -> None:
        self._scroll_by(max(1, self.scrollable_content_region.height // 2))

    def action_half_page_up(self) -> None:
        self._scroll_by(-max(1, self.scrollable_content_region.height // 2))

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)
        self._set_cursor(0, scroll=False)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)
        self._set_cursor(len(self._sentences) - 1, scroll=False)

    def _jump_to_row(self, row: int) -> None:
        """Put the turn heading (or fold) at ``row`` on top and the cursor on its first text."""
        self.scroll_to(y=row, animate=False)
        i = bisect.bisect_left(self._sentence_starts, self.layout_lines.lines[row].start)
        if i < len(self._sentences):
            self._set_cursor(i, scroll=False)
        self._cursor_into_view()

    def _turn_stops(self, speaker: str | None = None) -> list[int]:
        lines = self.layout_lines.lines
        rows = self.layout_lines.turn_rows()
        if speaker is None:
            return rows
        return [r for r in rows if lines[r].kind == SPEAKER_LINE and lines[r].speaker == speaker]

    def _next(self, stops: list[int]) -> bool:
        here = self.cursor_row
        for row in stops:
            if row > here:
                self._jump_to_row(row)
                return True
        return False

    def _prev(self, stops: list[int]) -> bool:
        here = self.cursor_row
        for row in reversed(stops):
            if row >= here:
                continue
            start = self.layout_lines.lines[row].start
            i = bisect.bisect_left(self._sentence_starts, start)
            if i < self._cursor or self._cursor < 0:
                self._jump_to_row(row)
                return True
        return False

    def action_next_turn(self) -> None:
        if not self._next(self._turn_stops()):
            self.action_bottom()

    def action_prev_turn(self) -> None:
        if not self._prev(self._turn_stops()):
            self.action_top()

    def _of_whom(self) -> str | None:
        if self.selected_speaker:
            return self.selected_speaker
        turn = self.current_turn
        return turn.speaker if turn else None

    def action_next_turn_of(self) -> None:
        who = self._of_whom()
        if who and not self._next(self._turn_stops(who)):
            self.notify(f"No later turn by {who}.", timeout=2)

    def action_prev_turn_of(self) -> None:
        who = self._of_whom()
        if who and not self._prev(self._turn_stops(who)):
            self.notify(f"No earlier turn by {who}.", timeout=2)

    def action_toggle_info(self) -> None:
        self.show_info = not self.show_info

    def action_reassign(self) -> None:
        s = self.current_sentence
        if s is None or self.document is None:
            return
        turn = self.current_turn
        if turn is not None:
            self.post_message(self.Reassign(turn.start, turn.end, turn.speaker))
            return
        row = self.layout_lines.lines[self._cursor_rows.start]
        block = self.document.blocks[row.block]
        self.post_message(self.Reassign(block.start, block.end, block.speaker))

    def on_mouse_scroll_down(self, event: MouseScrollDown) -> None:
        """The wheel moves the view; the cursor stays on screen, as with ctrl+e."""
        self.call_after_refresh(self._cursor_into_view)

    def on_mouse_scroll_up(self, event: MouseScrollUp) -> None:
        self.call_after_refresh(self._cursor_into_view)

    def on_click(self, event: Click) -> None:
        """A click puts the cursor on the sentence under the mouse."""
        offset = event.get_content_offset(self)
        if offset is None or not self._sentences:
            return
        row = round(self.scroll_y) + offset.y
        if 0 <= row < len(self.layout_lines):
            line = self.layout_lines.lines[row]
            if line.end > line.start:
                self._set_cursor(
                    self._index_for(line.start + max(0, (offset.x - GUTTER) // 2)), scroll=False
                )
