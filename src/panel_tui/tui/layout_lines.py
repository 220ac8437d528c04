"""The transcript as display lines: reading blocks wrapped by cell width, with source offsets.

Pure data, no Textual: the transcript widget renders these lines, and every later feature
(sentence cursor, search hits, bookmarks) maps screen rows to source offsets and back through
``Layout``. Wrapping counts terminal cells, so a CJK character takes two columns.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from rich.cells import get_character_cell_size

from panel_tui.model import HEADING, NOTE, Span
from panel_tui.reading import ReadingBlock

# Line kinds.
SPEAKER_LINE = "speaker"  # the name heading shown when the speaker changes
TEXT_LINE = "text"  # a wrapped piece of a speech paragraph
HEADING_LINE = "heading"  # a wrapped piece of an article heading
NOTE_LINE = "note"  # a wrapped piece of an article note (lead, editor's remark)
BLANK_LINE = "blank"  # space between paragraphs
FOLD_LINE = "fold"  # "… 3 turns by others" where filtered-out speakers were

GUTTER = 2  # cells left of the text: the speaker's colour bar and a space
MIN_WRAP = 8
MAX_WRAP = 96  # cells: 48 CJK characters; longer lines are hard to read, even on a wide screen

# A line should not start with these; the character before moves down with them.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—,.;:?!)]}%")


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One screen row. ``start``/``end`` are the source offsets it shows (equal when none)."""

    kind: str
    start: int
    end: int
    text: str = ""
    block: int = -1  # index of the reading block, -1 for lines not made from one
    speaker: str | None = None
    method: str | None = None
    folded: int = 0  # FOLD_LINE: how many turns it stands for
    col: int = 0  # where ``text`` starts in the block's text (to map characters to offsets)
    context: bool = False  # a filtered-out turn shown as context (the question before)


@dataclass
class Layout:
    """Display lines for one width, with lookups between rows and source offsets."""

    width: int
    lines: list[DisplayLine] = field(default_factory=list)
    block_first_line: list[int] = field(default_factory=list)  # -1 when folded away
    _starts: list[int] = field(default_factory=list, repr=False)  # start of each text row
    _rows: list[int] = field(default_factory=list, repr=False)  # their line indexes

    def __len__(self) -> int:
        return len(self.lines)

    def index(self) -> None:
        """Build the offset lookup; call once after the lines are in place."""
        self._starts, self._rows = [], []
        for row, line in enumerate(self.lines):
            if line.end > line.start:
                self._starts.append(line.start)
                self._rows.append(row)

    def line_for_offset(self, offset: int) -> int:
        """The row showing ``offset``, or the nearest row before it (0 when none)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._rows[i] if i >= 0 else 0

    def top_row_for(self, offset: int) -> int:
        """Like ``line_for_offset``, but a speaker heading just above stays with its text."""
        row = self.line_for_offset(offset)
        while row > 0 and self.lines[row - 1].kind == SPEAKER_LINE:
            row -= 1
        return row

    def offset_for_line(self, row: int) -> int:
        """The first source offset shown at or after ``row`` (for keeping place on reflow)."""
        for line in self.lines[max(0, row) :]:
            if line.end > line.start:
                return line.start
        return self.lines[-1].end if self.lines else 0

    def turn_rows(self) -> list[int]:
        """Rows of speaker headings and folds: the stops for previous/next turn."""
        return [i for i, ln in enumerate(self.lines) if ln.kind in (SPEAKER_LINE, FOLD_LINE)]

    def rows_between(self, start: int, end: int) -> range:
        """Rows showing any of the source offsets ``[start, end)`` (empty when none)."""
        if end <= start or not self._starts:
            return range(0)
        lo = bisect.bisect_right(self._starts, start) - 1
        if lo < 0 or self.lines[self._rows[lo]].end <= start:
            lo += 1
        hi = bisect.bisect_left(self._starts, end) - 1
        if lo > hi:
            return range(0)
        return range(self._rows[lo], self._rows[hi] + 1)

    def shows(self, start: int, end: int) -> bool:
        """Whether any of ``[start, end)`` is on a row (not folded away, not hidden noise)."""
        return len(self.rows_between(start, end)) > 0


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` index pairs of at most ``width`` cells each.

    CJK text breaks between any two characters, Latin words break at spaces, a line never
    starts with closing punctuation when it can be avoided, and newlines are hard breaks.
    Spaces at a soft break belong to no line. Cell widths are summed once per text (C-speed
    ``map``/``accumulate``), then each line end is a bisection.
    """
    width = max(width, 2)
    cum = list(accumulate(map(get_character_cell_size, text), initial=0))
    out: list[tuple[int, int]] = []
    n = len(text)
    para = 0
    while para <= n:
        stop = text.find("\n", para)
        if stop < 0:
            stop = n
        i = para
        if i == stop:
            out.append((i, i))
        while i < stop:
            j = min(stop, bisect.bisect_right(cum, cum[i] + width) - 1)
            if j >= stop:
                out.append((i, stop))
                break
            if j <= i:  # a character wider than the line
                j = i + 1
            cut = _break_before(text, i, j)
            out.append((i, cut))
            i = cut
            while i < stop and text[i] == " ":
                i += 1
        para = stop + 1
    return out


def _break_before(text: str, start: int, j: int) -> int:
    """Where to end a line that overflows at ``j``: not before a comma, not inside a word."""
    size = get_character_cell_size
    if text[j] in _NO_LINE_START and j - 1 > start:
        j -= 1
    if text[j] != " " and text[j - 1] != " " and size(text[j]) == 1 and size(text[j - 1]) == 1:
        # Inside a Latin word: go back to a space or a wide character.
        k = j - 1
        while k > start and text[k - 1] != " " and size(text[k - 1]) == 1:
            k -= 1
        if k > start:
            return k
    return j


def source_mapper(spans: Sequence[Span]) -> tuple[list[int], list[int]]:
    """Visible-text index where each span begins, and the span's source start."""
    vis, src, pos = [], [], 0
    for s in spans:
        vis.append(pos)
        src.append(s.start)
        pos += s.end - s.start
    return vis, src


def to_source(vis: list[int], src: list[int], i: int) -> int:
    k = bisect.bisect_right(vis, i) - 1
    return src[k] + (i - vis[k])


def build_layout(
    blocks: Sequence[ReadingBlock],
    spans: Sequence[Sequence[Span]],
    width: int,
    hidden_speakers: Collection[str] = (),
    context_speakers: Collection[str] = (),
) -> Layout:
    """Lay out reading blocks for a pane ``width`` cells wide (text stops at ``MAX_WRAP``).

    ``spans[i]`` are the source spans of ``blocks[i].text`` (``reading.block_spans``). Blocks
    whose speaker is in ``hidden_speakers`` collapse into one fold line per stretch, except a
    turn by one of ``context_speakers`` (the moderators) right before a shown turn: it stays,
    marked ``context``, so a guest's answer keeps its question.
    """
    context = _context_blocks(blocks, hidden_speakers, context_speakers)
    wrap_width = min(MAX_WRAP, max(MIN_WRAP, width - GUTTER - 1))
    layout = Layout(width)
    lines = layout.lines
    first = layout.block_first_line
    shown: str | None = None  # speaker of the last heading; reset by headings and folds
    fold_turns: set[int] = set()
    fold_start = -1

    def flush_fold() -> None:
        if fold_turns:
            if lines:
                lines.append(DisplayLine(BLANK_LINE, fold_start, fold_start))
            lines.append(DisplayLine(FOLD_LINE, fold_start, fold_start, folded=len(fold_turns)))
            fold_turns.clear()

    for bi, b in enumerate(blocks):
        if b.speaker is not None and b.speaker in hidden_speakers and bi not in context:
            if not fold_turns:
                fold_start = b.start
            fold_turns.add(b.turn_index if b.turn_index is not None else -bi - 1)
            first.append(-1)
            shown = None
            continue
        if fold_turns:
            flush_fold()
        if lines:
            lines.append(DisplayLine(BLANK_LINE, b.start, b.start))
        if b.kind in (HEADING, NOTE):
            kind = HEADING_LINE if b.kind == HEADING else NOTE_LINE
            shown = None
        else:
            kind = TEXT_LINE
            if b.speaker != shown and b.speaker is not None:
                heading = DisplayLine(
                    SPEAKER_LINE,
                    b.start,
                    b.start,
                    b.speaker,
                    bi,
                    b.speaker,
                    b.method,
                    context=bi in context,
                )
                lines.append(heading)
            shown = b.speaker
        first.append(len(lines))
        vis, src = source_mapper(spans[bi])
        for i, j in wrap(b.text, wrap_width):
            if j > i:
                start, end = to_source(vis, src, i), to_source(vis, src, j - 1) + 1
            else:
                start = end = to_source(vis, src, i) if vis else b.start
            lines.append(
                DisplayLine(
                    kind, start, end, b.text[i:j], bi, b.speaker, b.method, 0, i, bi in context
                )
            )
    flush_fold()
    layout.index()
    return layout


def _context_blocks(
    blocks: Sequence[ReadingBlock], hidden: Collection[str], context_speakers: Collection[str]
) -> set[int]:
    """Hidden blocks of a ``context_speakers`` turn whose next turn is shown."""
    if not hidden or not context_speakers:
        return set()
    out: set[int] = set()
    pending: list[int] = []  # blocks of the latest hidden context turn
    turn: int | None = None
    for bi, b in enumerate(blocks):
        if b.speaker is None:
            continue
        if b.turn_index is not None and b.turn_index == turn:
            if pending:
                pending.append(bi)
            continue
        turn = b.turn_index
        if b.speaker not in hidden:
            out.update(pending)
            pending = []
        elif b.speaker in context_speakers:
            pending = [bi]
        else:
            pending = []
    return out
