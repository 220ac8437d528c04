"""``'``: the bookmark list. Filter as you type, jump, edit a note, delete, export Markdown.

Every store call runs in a thread worker (a key never waits for the disk). Enter posts
``BookmarkScreen.Jump`` to the app and closes the list; an edit or a deletion posts
``BookmarkScreen.Changed`` so the app can refresh the marks in the transcript. Orphaned
bookmarks (their text changed beyond recognition) are listed last with their quote; they cannot
be jumped to. A read-only store shows its warning and refuses edits with a clear message.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from panel_tui.marks import bookmark_key, export_bookmarks, filter_bookmarks
from panel_tui.panel_filter import MatchKey
from panel_tui.store import StoreError

if TYPE_CHECKING:
    from panel_tui.store import Bookmark, Store

QUOTE_CHARS = 60


def excerpt(text: str, n: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def bookmark_entry(b: Bookmark) -> Group:
    """Title · speaker · #tags, then the quote, then the note (each one line, cut with …)."""
    head = Text(no_wrap=True, overflow="ellipsis")
    if b.orphaned:
        head.append("⚠ orphaned · ", style="bold yellow")
    head.append(b.citation.title or b.panel_id, style="bold")
    if b.speaker:
        head.append(f" · {b.speaker}", style="#4fa3e0")
    if b.tags:
        head.append("  " + " ".join(f"#{t}" for t in b.tags), style="#6cc070")
    lines = [head, Text(f"“{excerpt(b.quote)}”", style="italic", no_wrap=True)]
    if b.note:
        lines.append(Text(f"✎ {b.note}", style="dim", no_wrap=True, overflow="ellipsis"))
    return Group(*lines)


class BookmarkList(OptionList):
    """The bookmarks; typing a letter that is not a key below starts the filter with it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.jump", "Jump", tooltip="Open the panel at this bookmark"),
        Binding("e", "screen.edit_note", "Edit note"),
        Binding("d,delete", "screen.delete", "Delete", tooltip="Delete (asks first)"),
        Binding("x", "screen.export", "Export", tooltip="Export every bookmark to Markdown"),
        Binding("slash", "screen.filter", "Filter", key_display="/"),
        Binding("j,down", "cursor_down", "Next", show=False),
        Binding("k,up", "cursor_up", "Previous", show=False),
    ]
    KEYS = frozenset("edxjkq/")  # bound here or on the screen: not filter text

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character not in self.KEYS:
            event.stop()
            event.prevent_default()
            box = self.screen.query_one(BookmarkFilter)
            box.focus()
            box.insert_text_at_cursor(event.character)


class BookmarkFilter(Input):
    """The filter line: Enter or ↓ goes to the list, Esc clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down", "screen.to_list", "To the list"),
        Binding("escape", "screen.clear_filter", "Clear filter"),
    ]


class BookmarkScreen(ModalScreen[None]):
    """Every bookmark in the store, newest state on each open."""

    CSS_PATH = "bookmark_screen.tcss"
    AUTO_FOCUS = "#bm-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
    ]

    class Jump(Message):
        """Open ``panel_id`` with the cursor on ``[start, end)``."""

        def __init__(self, panel_id: str, start: int, end: int) -> None:
            super().__init__()
            self.panel_id, self.start, self.end = panel_id, start, end

    class Changed(Message):
        """Bookmarks of ``panel_id`` were edited or deleted: refresh its marks."""

        def __init__(self, panel_id: str) -> None:
            super().__init__()
            self.panel_id = panel_id

    def __init__(
        self,
        store: Store,
        *,
        panel_id: str | None = None,
        export_dirs: Sequence[Path] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.panel_id = panel_id  # list only this panel's bookmarks (None: all)
        self.export_dirs = export_dirs
        self.bookmarks: list[Bookmark] = []
        self._keys: list[MatchKey] = []
        self.shown: list[Bookmark] = []
        self.loaded = False
        self.exported: Path | None = None  # the last export, for the tests and the app

    def compose(self) -> ComposeResult:
        with Vertical(id="bm-box"):
            yield Static("", id="bm-warning")
            yield BookmarkFilter(
                placeholder="filter: quote, note, #tag, speaker, title (pinyin too)",
                id="bm-filter",
                select_on_focus=False,
            )
            yield BookmarkList(id="bm-list")

    def on_mount(self) -> None:
        box = self.query_one("#bm-box")
        box.border_title = "Bookmarks"
        box.border_subtitle = "enter jump · e note · d delete · x export · / filter · esc close"
        self.query_one(BookmarkList).focus()
        self.reload()

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="bookmarks", exit_on_error=False)
    def reload(self) -> None:
        """Read the bookmarks (and their filter keys) off the UI thread."""
        try:
            found = self.store.bookmarks(self.panel_id)
            error = None
        except StoreError as exc:
            found, error = [], str(exc)
        # Placed ones in panel order, then the orphans (listed with their quote).
        ordered = [b for b in found if not b.orphaned] + [b for b in found if b.orphaned]
        keys = [bookmark_key(b) for b in ordered]
        self.app.call_from_thread(self._loaded, ordered, keys, error)

    def _loaded(self, found: list[Bookmark], keys: list[MatchKey], error: str | None) -> None:
        self.bookmarks, self._keys, self.loaded = found, keys, True
        warning = self.query_one("#bm-warning", Static)
        message = error or (self.store.warning if self.store.read_only else None)
        if message:
            warning.update(Text(f"Read-only: {message}", style="bold yellow"))
        warning.display = bool(message)
        self._fill()

    def _fill(self) -> None:
        listing = self.query_one(BookmarkList)
        current = self.current
        query = self.query_one(BookmarkFilter).value
        self.shown = filter_bookmarks(self.bookmarks, query, self._keys)
        listing.clear_options()
        options: list[Option | None] = []
        orphan_header = False
        for b in self.shown:
            if b.orphaned and not orphan_header:
                orphan_header = True
                note = "Orphaned: the text changed; the quote is kept"
                options.append(Option(Text(note, style="bold yellow"), disabled=True))
            elif options:
                options.append(None)
            options.append(Option(bookmark_entry(b), id=str(b.id)))
        if not self.shown:
            empty = "No bookmark matches." if self.bookmarks else "No bookmarks yet (m adds one)."
            options.append(Option(Text(empty, style="dim italic"), disabled=True))
        listing.add_options(options)
        ids = [str(b.id) for b in self.shown]
        if current is not None and str(current.id) in ids:
            listing.highlighted = listing.get_option_index(str(current.id))
        elif self.shown:
            listing.highlighted = listing.get_option_index(ids[0])
        total = len(self.bookmarks)
        shown = f"{len(self.shown)} of {total}" if len(self.shown) != total else f"{total}"
        orphans = sum(b.orphaned for b in self.bookmarks)
        self.query_one("#bm-box").border_title = f"Bookmarks ({shown}" + (
            f", {orphans} orphaned)" if orphans else ")"
        )

    @property
    def current(self) -> Bookmark | None:
        """The highlighted bookmark."""
        listing = self.query_one(BookmarkList)
        if listing.highlighted is None or listing.highlighted >= listing.option_count:
            return None
        oid = listing.get_option_at_index(listing.highlighted).id
        return next((b for b in self.bookmarks if str(b.id) == oid), None)

    # -- filter -----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.loaded:
            self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    def action_filter(self) -> None:
        self.query_one(BookmarkFilter).focus()

    def action_to_list(self) -> None:
        self.query_one(BookmarkList).focus()

    def action_clear_filter(self) -> None:
        self.query_one(BookmarkFilter).value = ""
        self.query_one(BookmarkList).focus()

    # -- actions ----------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        b = self.current
        if b is None:
            return
        if b.orphaned:
            self.notify(
                "This bookmark is orphaned: its text is no longer in the transcript. "
                "Its quote is kept (x exports it).",
                severity="warning",
                markup=False,
            )
            return
        self.app.post_message(self.Jump(b.panel_id, b.start, b.end))
        self.dismiss(None)

    def _writable(self) -> bool:
        if self.store.read_only:
            why = self.store.warning or "the store is read-only"
            self.notify(
                f"Bookmarks cannot be changed: {why}",
                title="Read-only",
                severity="error",
                markup=False,
            )
            return False
        return True

    def action_edit_note(self) -> None:
        from panel_tui.tui.note_prompt import NotePrompt

        b = self.current
        if b is None or b.id is None or not self._writable():
            return

        def done(note: str | None) -> None:
            if note is not None and note != b.note:
                self._save_note(b, note)

        self.app.push_screen(NotePrompt("Edit note", b.note, b.quote), done)

    @work(thread=True, group="bookmark-write", exit_on_error=False)
    def _save_note(self, b: Bookmark, note: str) -> None:
        assert b.id is not None
        try:
            self.store.update_bookmark(b.id, note=note)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._changed, b, "Note saved.")

    def action_delete(self) -> None:
        from panel_tui.tui.note_prompt import ConfirmPrompt

        b = self.current
        if b is None or b.id is None or not self._writable():
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._delete(b)

        question = "Delete this bookmark?"
        self.app.push_screen(ConfirmPrompt(question, f"“{excerpt(b.quote)}”"), done)

    @work(thread=True, group="bookmark-write", exit_on_error=False)
    def _delete(self, b: Bookmark) -> None:
        assert b.id is not None
        try:
            self.store.remove_bookmark(b.id)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._changed, b, "Bookmark deleted.")

    def _changed(self, b: Bookmark, message: str) -> None:
        self.notify(message, timeout=3)
        self.app.post_message(self.Changed(b.panel_id))
        self.reload()

    def _failed(self, exc: Exception) -> None:
        self.notify(str(exc), title="Not saved", severity="error", markup=False)

    def action_export(self) -> None:
        self._export()

    @work(thread=True, group="bookmark-write", exit_on_error=False)
    def _export(self) -> None:
        dirs = self.export_dirs or [self.store.path.parent, Path.cwd()]
        try:
            path = export_bookmarks(self.store, dirs)
        except (OSError, StoreError) as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.exported = path
        self.app.call_from_thread(
            self.notify, f"Exported {len(self.bookmarks)} bookmarks to {path}", markup=False
        )

    def action_close(self) -> None:
        self.dismiss(None)
