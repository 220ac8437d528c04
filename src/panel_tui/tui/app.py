"""The terminal app: panel list, transcript and speaker sidebar around one open panel.

Data flows one way. Widgets post messages up (``PanelList.Open``, ``SpeakerSidebar.Filter``,
``TranscriptView.CursorMoved`` …); the app does the work in a worker and sets its reactives
(``summaries``, ``document``, ``hidden_speakers`` …), which ``data_bind`` pushes down to every
widget that shows them. The user store (positions, corrections, bookmarks) is only ever
touched from workers: a key never waits for the disk.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

from panel_tui import attribution_cache
from panel_tui.corpus import Corpus, corpus_files, default_corpus, load_corpus
from panel_tui.hit_nav import PanelFinder, SpanSet
from panel_tui.marks import marked_spans, note_bookmark, toggle_bookmark
from panel_tui.model import Panel
from panel_tui.search import engine_for
from panel_tui.store.errors import StoreError
from panel_tui.tui.commands import PanelCommands
from panel_tui.tui.deferred import Deferred
from panel_tui.tui.document import PanelDocument, PanelSummary, open_document, summarize
from panel_tui.tui.panel_header import PanelHeader
from panel_tui.tui.panel_list import PanelList, PanelPane

if TYPE_CHECKING:
    from panel_tui.search import SearchEngine
    from panel_tui.store import Store
    from panel_tui.tui.bookmark_screen import BookmarkScreen
    from panel_tui.tui.find_bar import FindBar
    from panel_tui.tui.layout_lines import Layout
    from panel_tui.tui.search_screen import SearchScreen
    from panel_tui.tui.speaker_sidebar import SpeakerSidebar
    from panel_tui.tui.transcript_view import TranscriptView

# What only a key needs (the store, the search engine, the modal screens, the clipboard) is
# imported where it is used, and the reading panes' modules once the first frame is up:
# every module imported up here delays the first frame.

MAX_WARNINGS_SHOWN = 5
PREVIEW_FILES = 10  # rows read first, to paint the list of a large corpus at once
WIDTH_TRIES = 20  # refreshes the warm-up waits for the transcript pane to have a width
PANES_TRIES = 50  # refreshes the background work waits for the reading panes to be laid out
WIDTH_WAIT = 0.5  # seconds an open right after start waits for the pane to have a width
AHEAD_ROWS = 60_000  # rows of layout the warm-up prepares ahead of opens (~15 MB)
INLINE_BYTES = 4_000_000  # a corpus up to PREVIEW_FILES files and this size is read at once
SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005
GC_THRESHOLDS = (20_000, 20, 20)  # Python's default is (700, 10, 10)
POSITION_DEBOUNCE = 0.8  # seconds of stillness before the reading position is written
LOADING_DELAY = 0.12  # seconds an open may take before the transcript shows a spinner
PROGRESS_AFTER = 1.0  # seconds of index building before its progress shows
PROGRESS_EVERY = 0.2  # seconds between progress updates


def _total_size(files: list[Path]) -> int:
    total = 0
    for f in files:
        with contextlib.suppress(OSError):
            total += f.stat().st_size
    return total


def _summaries(corpus: Corpus) -> tuple[PanelSummary, ...]:
    """The list rows; a panel that cannot be summarised gets a bare row and a warning."""
    rows = []
    for panel in corpus.panels:
        try:
            rows.append(summarize(panel))
        except Exception as exc:  # one bad panel must not hide the others
            corpus.warnings.append(f"{panel.path.name}: {type(exc).__name__}: {exc}")
            rows.append(PanelSummary(panel.id, panel.title, "", None, "", 0, 0))
    return tuple(rows)


def _mounted(app: App[None], kind: str | type[Widget]) -> bool:
    """In the DOM *and* through its Mount: a widget only just added (``Deferred``) is in the
    DOM a little before, and setting its ``loading`` then is deferred by Textual, which can
    land after a later ``loading = False`` and leave the spinner up for good."""
    found = app.query(kind)
    return bool(found) and found.first().is_mounted


class PanelApp(App[None]):
    """Browse a corpus of panel transcripts and read one at a time."""

    TITLE = "panel-tui"
    CSS_PATH: ClassVar[list[str]] = [
        "app.tcss",
        "panel_list.tcss",
    ]
    COMMANDS = App.COMMANDS | {PanelCommands}
    # Below 120 columns the speaker sidebar moves under the panel list (see app.tcss).
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, tooltip="Quit at once, from anywhere"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding(
            "escape",
            "back",
            "Back",
            show=False,
            tooltip="Close the find line, else drop the v range, else back to the panel list",
        ),
        Binding(
            "ctrl+f",
            "search",
            "Search all",
            tooltip="Search every panel as you type (KWIC by panel; ↑ recent queries)",
        ),
        Binding(
            "apostrophe",
            "bookmarks",
            "Bookmarks",
            key_display="'",
            show=False,
            tooltip="The bookmark list: filter, jump, edit note, delete, export",
        ),
        Binding("f2", "toggle_list", "Panels", tooltip="Show or hide the panel list"),
        Binding("f3", "toggle_speakers", "Speakers", tooltip="Show or hide the speaker sidebar"),
        Binding(
            "backslash",
            "full_width",
            "Full width",
            key_display="\\",
            show=False,
            tooltip="Hide both sidebars to read full-width; again shows both",
        ),
    ]

    summaries: reactive[tuple[PanelSummary, ...]] = reactive(())
    panel_count: reactive[int | None] = reactive(None)
    document: reactive[PanelDocument | None] = reactive(None)
    hidden_speakers: reactive[frozenset[str]] = reactive(frozenset())
    with_context: reactive[bool] = reactive(False)
    selected_speaker: reactive[str | None] = reactive(None)
    marks: reactive[SpanSet] = reactive(SpanSet, always_update=True)  # the open panel's
    status: reactive[str] = reactive("")  # background progress (search index)

    def __init__(
        self,
        corpus_path: str | os.PathLike[str] | None = None,
        data_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__()
        self.corpus_path = corpus_path
        self.data_dir = data_dir  # where the store (positions, corrections, bookmarks) lives
        self.corpus: Corpus | None = None
        self._panels: dict[str, Panel] = {}  # panels with the store's corrections applied
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self._store_ready = threading.Event()  # set once the store is open and re-anchored
        self._store_failed = False
        self._store_warned = False
        self._pending_position: tuple[str, int] | None = None
        self._position_timer: Timer | None = None
        self._loading_timer: Timer | None = None
        self._pending_open: tuple[str, int | None] | None = None
        self._known_names: dict[str, tuple[str, ...]] = {}  # participants found by attribution
        self._quiet = threading.Event()  # cleared while a panel opens: the warm-up waits
        self._quiet.set()
        self.engine: SearchEngine | None = None
        self._finder: PanelFinder | None = None
        self._after_open: SearchScreen.OpenHit | None = None  # find this once the panel is up
        self._mounted_at = time.monotonic()
        self._reader_up = self._panes_up = False  # those panes are mounted after the first frame
        # Documents and layouts the warm-up made ahead of an open, by panel id (and the ones
        # it is making now), up to AHEAD_ROWS rows in all.
        self._ahead: dict[str, tuple[PanelDocument, Layout | None]] = {}
        self._ahead_busy: dict[str, threading.Event] = {}
        self._ahead_lock = threading.Lock()
        self._ahead_rows = 0
        attribution_cache.enable()  # later starts read attribution back instead of redoing it
        # Everything loaded so far (Textual: ~100,000 objects) lives as long as the app. Out
        # of the collector's way: a full collection of it costs ~25 ms, once during the first
        # frame otherwise. The corpus and its attributions (and pypinyin's dictionaries, which
        # attribution loads) are frozen too once loaded and again once attributed; with the
        # default thresholds the collector rescanned them every few frames, which cost ~40 ms
        # of an open.
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)

    def compose(self) -> ComposeResult:
        yield PanelHeader(id="header").data_bind(PanelApp.document, PanelApp.panel_count)
        with Container(id="main"):
            yield PanelPane(id="panels").data_bind(PanelApp.summaries, PanelApp.document)
            # The first frame shows the list; the reading panes (empty until a panel opens)
            # are made and mounted right after it, in their grid cells.
            yield Deferred(self._make_reader)
            yield Deferred(self._make_speaker_pane)
        yield Footer(compact=True)

    def _make_reader(self) -> Widget:
        from panel_tui.tui.find_bar import FindBar
        from panel_tui.tui.transcript_view import TranscriptView

        view = TranscriptView(id="transcript").data_bind(
            PanelApp.document,
            PanelApp.hidden_speakers,
            PanelApp.with_context,
            PanelApp.selected_speaker,
            PanelApp.marks,
            PanelApp.status,
        )
        return Vertical(view, FindBar(id="find"), id="reader")

    def _make_speaker_pane(self) -> Widget:
        from panel_tui.tui.speaker_sidebar import SpeakerSidebar

        return SpeakerSidebar(id="speakers").data_bind(
            PanelApp.document, PanelApp.hidden_speakers, PanelApp.with_context
        )

    # The reading panes by id: their modules are imported after the first frame.
    def _view(self) -> TranscriptView:
        return cast("TranscriptView", self.query_one("#transcript"))

    def _find_bar(self) -> FindBar:
        return cast("FindBar", self.query_one("#find"))

    def _sidebar(self) -> SpeakerSidebar:
        return cast("SpeakerSidebar", self.query_one("#speakers"))

    def _reader_mounted(self) -> bool:
        """Whether the transcript and its find line are mounted (right after the first frame):
        all an open needs; the speaker pane takes the open panel when it comes."""
        if not self._reader_up:
            self._reader_up = _mounted(self, "#transcript") and _mounted(self, "#find")
        return self._reader_up

    def _panes_mounted(self) -> bool:
        """Whether every pane is mounted (a frame or two after start)."""
        if not self._panes_up:
            self._panes_up = self._reader_mounted() and _mounted(self, "#speakers")
        return self._panes_up

    def on_mount(self) -> None:
        # Background threads (warm-up, pinyin keys) run pure-Python loops; a short GIL switch
        # interval lets the UI thread in within ~1 ms instead of 5, so keys stay instant.
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._mounted_at = time.monotonic()
        self.query_one(PanelList).focus()  # now: the footer shows the list's keys at once
        # The first screenful of rows is read here, so the first frame shows it (a few ms for
        # a handful of files); everything else starts once that frame is on screen.
        self._first_rows()

    def _first_rows(self) -> None:
        """A small corpus is read at once; a large one shows its first files' rows and is read
        in a worker after the first frame."""
        try:
            root = Path(self.corpus_path).expanduser() if self.corpus_path else default_corpus()
            files = corpus_files(root) if root.is_dir() else []
            small = len(files) <= PREVIEW_FILES and _total_size(files) <= INLINE_BYTES
            if small:
                corpus = load_corpus(self.corpus_path)
            else:
                self.summaries = tuple(
                    summarize(p) for f in files[:PREVIEW_FILES] for p in load_corpus(f).panels
                )
        except Exception:  # the worker reads it again and reports what went wrong
            small = False
        if small:
            self._corpus_loaded(corpus, _summaries(corpus), background=False)
            self.call_after_refresh(self._start_background, corpus)
        else:
            self.call_after_refresh(self.read_corpus)

    # -- corpus -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def read_corpus(self) -> None:
        """Read every file off the UI thread (45 MB for 500 panels); skipped files come back
        as warnings. The list shows the first files' rows meanwhile."""
        try:
            corpus = load_corpus(self.corpus_path)
        except Exception as exc:  # the app stays up and says what went wrong
            self.call_from_thread(self._corpus_failed, exc)
            return
        self.call_from_thread(self._corpus_loaded, corpus, _summaries(corpus))

    def _corpus_loaded(
        self, corpus: Corpus, summaries: tuple[PanelSummary, ...], background: bool = True
    ) -> None:
        self.corpus = corpus
        self.summaries = summaries
        self.panel_count = len(summaries)
        self.query_one(PanelList).focus()
        if corpus.warnings:
            shown = corpus.warnings[:MAX_WARNINGS_SHOWN]
            more = len(corpus.warnings) - len(shown)
            message = "\n".join(shown) + (f"\n… and {more} more" if more > 0 else "")
            self.notify(
                message, title="Corpus warnings", severity="warning", timeout=12, markup=False
            )
        elif not summaries:
            self.notify(
                f"No transcripts found in {corpus.root}",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if background:
            self._start_background(corpus)

    def _start_background(self, corpus: Corpus, tries: int = 0) -> None:
        """The store, the search index, the rows' pinyin keys and the warm-up: once the reading
        panes are in and laid out. These threads import pypinyin, sqlite3 and the search
        engine, and unpacking a large module holds the GIL for tens of milliseconds at a time:
        started beside the panes' own mounting, they held its next frame back ~0.2 s."""
        if corpus is not self.corpus:
            return
        laid_out = self._panes_mounted() and self._view().text_width > 0
        if not laid_out and tries < PANES_TRIES:
            self.call_after_refresh(self._start_background, corpus, tries + 1)
            return
        # Hash the attribution code now (~3 ms reading ~35 files): in a worker beside busy
        # threads, each file read waits for the GIL again (~40 ms in all).
        attribution_cache.code_version()
        gc.freeze()  # the corpus lives as long as the app: keep the collector off it
        self.prepare_store(corpus)
        self.start_index(corpus)
        self.refresh_rows(self.summaries)
        self._start_warm_up(corpus)
        if self._pending_open is not None:  # Enter on a row shown before the corpus was in
            self.open_panel_id(*self._pending_open)

    def _start_warm_up(self, corpus: Corpus, tries: int = 0) -> None:
        """The warm-up lays documents out for the transcript's width: it starts once the pane
        is in and has one (a frame or two after the first)."""
        if corpus is not self.corpus:
            return
        ready = self._reader_mounted() and self._view().text_width > 0
        if not ready and tries < WIDTH_TRIES:
            self.call_after_refresh(self._start_warm_up, corpus, tries + 1)
            return
        self.warm_up(list(corpus.panels))

    def start_index(self, corpus: Corpus) -> None:
        """Load or build the search index in the engine's thread; if that takes over a second,
        its progress shows in the transcript's status line (``indexing 120/500``)."""
        self.engine = engine_for(corpus)
        started = time.monotonic()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if done < total and (now - started < PROGRESS_AFTER or now - last < PROGRESS_EVERY):
                return
            last = now
            text = "" if done >= total else f"indexing {done}/{total}"
            with contextlib.suppress(Exception):  # the app may be closing
                self.call_from_thread(self._set_status, text)

        # The app's own warm-up attributes every panel, so the engine need not.
        self.engine.start(progress, warm_speakers=False)

    def _set_status(self, text: str) -> None:
        self.status = text

    def _needs_work(self, row: PanelSummary) -> bool:
        names = self._known_names.get(row.id)
        return row.key is None or not row.key.pinyin or (names is not None and names != row.names)

    @work(thread=True, group="rows", exit_on_error=False)
    def refresh_rows(self, summaries: tuple[PanelSummary, ...]) -> None:
        """Complete the list rows after it has painted: pinyin filter keys (~0.3 ms a row) and,
        once attribution ran, the participants it found."""
        worker = get_current_worker()
        rows = []
        for row in summaries:
            if worker.is_cancelled:
                return
            names = self._known_names.get(row.id)
            if names is not None and names != row.names:
                row = replace(row, speakers=len(names), names=names).with_pinyin()
            elif row.key is None or not row.key.pinyin:
                row = row.with_pinyin()
            rows.append(row)
        self.call_from_thread(self._rows_refreshed, summaries, tuple(rows))

    def _rows_refreshed(
        self, old: tuple[PanelSummary, ...], rows: tuple[PanelSummary, ...]
    ) -> None:
        if self.summaries is old:
            self.summaries = rows
        elif any(self._needs_work(r) for r in self.summaries):  # the rows changed meanwhile
            self.refresh_rows(self.summaries)

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up(self, panels: list[Panel]) -> None:
        """Attribute every panel in the background, so Enter opens even a long one at once.

        ``Panel.turns`` is a cached property: whichever thread gets there first computes it.
        """
        worker = get_current_worker()
        for panel in panels:
            self._quiet.wait(timeout=2)  # an open in flight gets the CPU to itself
            if worker.is_cancelled:
                return
            self._prepare_ahead(panel)
        gc.freeze()  # what the whole session keeps: out of the collector's way
        # The list counted title participants only; attribution also finds self-introduced
        # speakers and label names. Update those rows (with their pinyin keys) in one go.
        known = {}
        for panel in panels:
            if "participants" in panel.__dict__:
                known[panel.id] = tuple(p.name for p in panel.participants)
        self.call_from_thread(self._participants_known, known)

    def _prepare_ahead(self, panel: Panel) -> None:
        """Attribute ``panel`` and make what an open of it needs (its document, laid out for
        the pane's width) while nothing waits for it, within a budget of rows. An open of it
        meanwhile waits for this rather than doing the same work beside it."""
        done = threading.Event()
        with self._ahead_lock:
            self._ahead_busy[panel.id] = done
        try:
            panel.speaker_stats  # noqa: B018 - computes and caches turns and stats
            if self._ahead_rows >= AHEAD_ROWS:
                return
            document = open_document(panel)
            try:
                layout = self._view().layout_ahead(document)
            except Exception:  # the pane is not mounted yet (or is gone): layout on open
                layout = None
            with self._ahead_lock:
                self._ahead[panel.id] = (document, layout)
                self._ahead_rows += len(layout) if layout is not None else 0
        except Exception:  # opening the panel will report it
            pass
        finally:
            with self._ahead_lock:
                self._ahead_busy.pop(panel.id, None)
            done.set()

    def _take_ahead(self, panel: Panel) -> tuple[PanelDocument, Layout | None] | None:
        """The warm-up's document and layout of ``panel``, waiting if it is making them now."""
        with self._ahead_lock:
            busy = self._ahead_busy.get(panel.id)
        if busy is not None:
            busy.wait(timeout=5)
        with self._ahead_lock:
            ahead = self._ahead.get(panel.id)
        if ahead is None or ahead[0].panel is not panel:
            return None  # not made, or made before a correction
        return ahead

    def _participants_known(self, known: dict[str, tuple[str, ...]]) -> None:
        self._known_names.update(known)
        if any(self._needs_work(r) for r in self.summaries):
            self.refresh_rows(self.summaries)

    def _corpus_failed(self, exc: Exception) -> None:
        self.panel_count = 0
        self.notify(
            f"{type(exc).__name__}: {exc}",
            title="Could not load the corpus",
            severity="error",
            timeout=30,
            markup=False,
        )

    # -- the user store (workers only) ------------------------------------------------------

    def _get_store(self) -> Store | None:
        """Open the store once, from a worker thread; say once if it is read-only or broken."""
        with self._store_lock:
            if self._store is None and not self._store_failed:
                try:
                    from panel_tui.store import Store

                    store = Store.open(self.data_dir)
                    store.connect()
                except Exception as exc:  # reading goes on without positions/corrections
                    self._store_failed = True
                    self._warn_store(f"Store unavailable: {exc}")
                    return None
                if store.warning:
                    self._warn_store(store.warning)
                self._store = store
            return self._store

    def _warn_store(self, message: str) -> None:
        """One warning about the store per session, then carry on."""
        if not self._store_warned:
            self._store_warned = True
            self.call_from_thread(
                self.notify, message, title="Store", severity="warning", timeout=10, markup=False
            )

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def prepare_store(self, corpus: Corpus) -> None:
        """Open the store and follow edited transcripts (``reanchor``) once per corpus load."""
        try:
            store = self._get_store()
            if store is not None:
                store.reanchor(corpus.panels)
        except StoreError as exc:
            self._warn_store(str(exc))
        except Exception as exc:  # never take the app down for the store
            self._warn_store(f"Store: {type(exc).__name__}: {exc}")
        finally:
            self._store_ready.set()

    def _panel_with_corrections(self, panel: Panel) -> Panel:
        if panel.id in self._panels:
            return self._panels[panel.id]
        store = self._get_store() if self._store_ready.wait(5) else None
        if store is not None:
            try:
                panel = store.with_corrections(panel)
            except StoreError as exc:
                self._warn_store(str(exc))
        self._panels[panel.id] = panel
        return panel

    def palette_bookmarks(self) -> list:
        """Bookmarks for the command palette (called in a thread by the provider)."""
        store = self._get_store()
        if store is None:
            return []
        try:
            return [b for b in store.bookmarks() if not b.orphaned]
        except StoreError:
            return []

    # -- opening a panel --------------------------------------------------------------------

    def on_panel_list_open(self, message: PanelList.Open) -> None:
        self.open_panel_id(message.panel_id)

    def open_panel_id(self, panel_id: str, offset: int | None = None) -> None:
        """Open a panel (at ``offset``, else at the remembered position) and read it."""
        if self.corpus is None:
            self._pending_open = (panel_id, offset)
            return
        if not self._reader_mounted():  # Enter in the first frame: once the pane is in
            self._pending_open = (panel_id, offset)
            self.call_after_refresh(self._retry_pending_open)
            return
        self._pending_open = None
        view = self._view()
        if self.document is not None and self.document.panel.id == panel_id:
            if offset is not None:
                view.move_cursor_to(offset, top=True)
            view.focus()
            return
        self._flush_position()
        self._quiet.clear()
        # A loading indicator only if opening takes a while (attribution not cached yet): a
        # quick open goes straight to the text, without a flash.
        if self._loading_timer is not None:
            self._loading_timer.stop()
        self._loading_timer = self.set_timer(LOADING_DELAY, self._show_loading)
        self.open_panel(self.corpus.get(panel_id), offset)

    def _retry_pending_open(self) -> None:
        if self._pending_open is not None:
            self.open_panel_id(*self._pending_open)

    def _show_loading(self) -> None:
        view = self._view()
        if view.text_width == 0:
            # Not laid out yet (an open right after start): Textual does not lay out a widget
            # under its loading cover, and the open waits for this one's first width.
            self._loading_timer = self.set_timer(LOADING_DELAY / 4, self._show_loading)
            return
        view.loading = True

    def _hide_loading(self) -> None:
        self.set_timer(0.3, self._quiet.set)  # the first frames of the new panel come first
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        self._view().loading = False

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_panel(self, panel: Panel, offset: int | None = None) -> None:
        """Attribution and reading blocks may be slow on a long panel: not on the key path."""
        try:
            panel = self._panel_with_corrections(panel)
            ahead = self._take_ahead(panel)
            document, layout = ahead if ahead is not None else (open_document(panel), None)
            # Lay it out here for the pane's current width (unless the warm-up did): the UI
            # thread then only swaps it in. Right after start the pane may not have its size
            # yet: wait for it rather than leave the layout to the UI thread.
            view = self._view()
            deadline = min(time.monotonic() + WIDTH_WAIT, self._mounted_at + 2 * WIDTH_WAIT)
            while view.text_width == 0 and time.monotonic() < deadline:
                time.sleep(0.005)
            view.prepare(document, frozenset(), self.with_context, layout)
        except Exception as exc:
            self.call_from_thread(self._open_failed, exc)
            return
        store = self._get_store()
        if offset is None and store is not None:
            try:
                offset = store.get_position(panel.id)
            except StoreError as exc:
                self._warn_store(str(exc))
        if get_current_worker().is_cancelled:
            return
        self.call_from_thread(self._document_ready, document, offset)
        if store is not None:
            try:
                spans = marked_spans(store.bookmarks(panel.id))
            except StoreError as exc:
                self._warn_store(str(exc))
            else:
                self.call_from_thread(self._set_marks, panel.id, spans)

    def _open_failed(self, exc: Exception) -> None:
        self._hide_loading()
        self.notify(
            f"{type(exc).__name__}: {exc}",
            title="Could not open the panel",
            severity="error",
            timeout=30,
            markup=False,
        )

    def _document_ready(self, document: PanelDocument, offset: int | None) -> None:
        view = self._view()
        self._hide_loading()
        view.open_at = offset  # where the cursor goes once the view has laid the panel out
        self.hidden_speakers = frozenset()
        self.marks = SpanSet()  # the panel's own arrive from the worker
        self.document = document
        view.focus()
        if self._after_open is not None:
            self._find_after_open()
        elif (bar := self._find_bar()).display:
            bar.close()

    def on_speaker_sidebar_filter(self, message: SpeakerSidebar.Filter) -> None:
        self.hidden_speakers = message.hidden

    def on_speaker_sidebar_selected(self, message: SpeakerSidebar.Selected) -> None:
        self.selected_speaker = message.name

    def solo_speaker(self, name: str) -> None:
        """Show only ``name``'s turns (the palette's "Filter to speaker")."""
        if self.document is not None:
            self.hidden_speakers = frozenset(
                s.name for s in self.document.speakers if s.name != name
            )
            self._view().focus()

    def action_toggle_context(self) -> None:
        self.with_context = not self.with_context
        state = "shown" if self.with_context else "hidden"
        self.notify(f"Moderator questions before answers: {state}", timeout=2)

    # -- reading position (debounced, written in a worker) ----------------------------------

    def on_transcript_view_cursor_moved(self, message: TranscriptView.CursorMoved) -> None:
        if self.document is None:
            return
        self._pending_position = (self.document.panel.id, message.offset)
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_DEBOUNCE, self._flush_position)

    def _flush_position(self) -> None:
        if self._position_timer is not None:
            self._position_timer.stop()
            self._position_timer = None
        if self._pending_position is not None:
            panel_id, offset = self._pending_position
            self._pending_position = None
            self.save_position(panel_id, offset)

    @work(thread=True, group="position", exit_on_error=False)
    def save_position(self, panel_id: str, offset: int) -> None:
        store = self._get_store()
        if store is None or store.read_only:
            return
        try:
            store.set_position(panel_id, offset)
        except StoreError as exc:
            self._warn_store(str(exc))

    async def action_quit(self) -> None:
        """Write the last reading position (milliseconds) before leaving."""
        if self._pending_position is not None and self._store is not None:
            panel_id, offset = self._pending_position
            self._pending_position = None
            try:
                if not self._store.read_only:
                    self._store.set_position(panel_id, offset)
            except StoreError:
                pass
        self.exit()

    # -- reassigning a speaker --------------------------------------------------------------

    def on_transcript_view_reassign(self, message: TranscriptView.Reassign) -> None:
        doc = self.document
        if doc is None:
            return
        names = [s.name for s in doc.speakers]
        names += [p.name for p in doc.panel.participants if p.name not in names]

        def chosen(name: str | None) -> None:
            if name and name != message.speaker:
                self.reassign(doc.panel, message.start, message.end, name)

        from panel_tui.tui.speaker_picker import SpeakerPicker

        self.push_screen(SpeakerPicker(names, message.speaker), chosen)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def reassign(self, panel: Panel, start: int, end: int, speaker: str) -> None:
        """Save the correction, re-attribute with it, and show the result."""
        store = self._get_store()
        if store is None:
            self.call_from_thread(self.notify, "No store: the correction was not saved.")
            return
        try:
            store.add_correction(panel, start, end, speaker)
            fixed = Panel(panel.doc, corrections=store.corrections_for(panel.id))
            document = open_document(fixed)
        except StoreError as exc:
            self.call_from_thread(
                self.notify, str(exc), title="Not saved", severity="error", markup=False
            )
            return
        self._panels[panel.id] = fixed
        self.call_from_thread(self._corrected, document, speaker)

    def _corrected(self, document: PanelDocument, speaker: str) -> None:
        if self.document is not None and self.document.panel.id == document.panel.id:
            self.document = document
            self.notify(f"Turn reassigned to {speaker} (saved as a correction).", timeout=3)

    # -- layout -----------------------------------------------------------------------------

    def _set_shown(self, widget: Widget, shown: bool) -> None:
        main = self.query_one("#main")
        widget.display = shown
        main.set_class(not shown, f"-hide-{widget.id}")
        focused = self.focused
        if not shown and (focused is None or focused is widget or widget in focused.ancestors):
            self._view().focus()

    def action_toggle_list(self) -> None:
        if not self._panes_mounted():
            return
        panels = self.query_one(PanelPane)
        self._set_shown(panels, not panels.display)

    def action_toggle_speakers(self) -> None:
        if not self._panes_mounted():
            return
        speakers = self._sidebar()
        self._set_shown(speakers, not speakers.display)

    def action_full_width(self) -> None:
        """Hide both sidebars to read full-width; again brings both back."""
        if not self._panes_mounted():
            return
        panels, speakers = self.query_one(PanelPane), self._sidebar()
        show = not (panels.display or speakers.display)
        self._set_shown(panels, show)
        self._set_shown(speakers, show)

    def action_back(self) -> None:
        """Close the find line, else drop the ``v`` range, else back to the panel list."""
        if not self._reader_mounted():
            return
        bar = self._find_bar()
        if bar.display:
            bar.close()
            return
        view = self._view()
        if view.has_range:
            view.clear_range()
            return
        panels = self.query_one(PanelPane)
        if not panels.display:
            self._set_shown(panels, True)
        self.query_one(PanelList).focus()

    def action_help(self) -> None:
        from panel_tui.tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(list(self.BINDINGS)))

    # -- find in the panel (/, n, N) --------------------------------------------------------

    def action_find(self) -> None:
        """``/`` in the transcript: the find line for the open panel."""
        doc = self.document
        if doc is None:
            return
        if self._finder is None or self._finder.panel is not doc.panel:
            self._finder = PanelFinder(self.engine, doc.panel)
        s = self._view().current_sentence
        self._find_bar().open(self._finder, origin=s.start if s else 0)

    def _step_find(self, direction: int) -> None:
        bar = self._find_bar()
        if not bar.nav.hits and not bar.searching:
            self.notify("No search: / finds in this panel.", timeout=2)
            return
        view = self._view()
        s, hit = view.current_sentence, bar.nav.current
        # From the cursor, unless the pane has not shown the current hit yet (n typed right
        # behind the query): then from that hit.
        shown = hit is None or view.current_hit == (hit.start, hit.end)
        bar.step(direction, s.start if s and shown else None)

    def action_find_next(self) -> None:
        self._step_find(1)

    def action_find_prev(self) -> None:
        self._step_find(-1)

    def on_find_bar_found(self, message: FindBar.Found) -> None:
        doc, finder = self.document, self._finder
        if doc is None or finder is None or finder.panel.id != doc.panel.id:
            return  # hits of a panel no longer open
        view = self._view()
        view.hits = message.nav.spans()
        hit = message.nav.current
        view.current_hit = (hit.start, hit.end) if hit else None
        if hit is not None:
            view.move_cursor_to(hit.start)
        if message.wrapped:
            self.notify("Search wrapped around", timeout=1.5)

    def on_find_bar_submitted(self, message: FindBar.Submitted) -> None:
        self._view().focus()

    def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        view = self._view()
        view.hits, view.current_hit = SpanSet(), None
        view.focus()

    # -- search every panel (ctrl+f) --------------------------------------------------------

    def action_search(self) -> None:
        """The corpus-wide search screen; Enter on a hit opens its panel there."""
        if self.engine is None:
            self.notify("The corpus is still loading.", timeout=2)
            return
        from panel_tui.tui.search_screen import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(
                SearchScreen(self.engine, self._store, speakers=self._shown_speakers())
            )

    def _shown_speakers(self) -> list[str] | None:
        """The sidebar's speaker filter, if one is on: corpus search then keeps to them."""
        if self.document is None or not self.hidden_speakers:
            return None
        names = [p.name for p in self.document.panel.participants]
        return [n for n in names if n not in self.hidden_speakers] or None

    def on_search_screen_open_hit(self, message: SearchScreen.OpenHit) -> None:
        self._after_open = message
        self.open_panel_id(message.panel_id, message.start)
        if self.document is not None and self.document.panel.id == message.panel_id:
            self._find_after_open()  # already open: no _document_ready will come

    def _find_after_open(self) -> None:
        """The corpus query again, in the panel: every hit marked, the chosen one current."""
        m, self._after_open = self._after_open, None
        doc = self.document
        if m is None or doc is None or doc.panel.id != m.panel_id:
            return
        view = self._view()
        view.hits, view.current_hit = SpanSet(m.hit.spans), (m.start, m.end)  # at once
        self._finder = PanelFinder(self.engine, doc.panel)
        bar = self._find_bar()
        bar.open(self._finder, origin=m.start)
        bar.find(m.query)  # the in-panel search; its Found makes the chosen hit current
        view.focus()

    # -- bookmarks (m, M, ') ----------------------------------------------------------------

    def _set_marks(self, panel_id: str, spans: SpanSet) -> None:
        doc = self.document
        if doc is not None and doc.panel.id == panel_id and spans.spans != self.marks.spans:
            self.marks = spans  # (the same marks again: nothing to repaint)

    def _bookmark_target(self) -> tuple[Panel, int, int] | None:
        view, doc = self._view(), self.document
        span = view.selection
        if doc is None or span is None:
            return None
        view.clear_range()
        return doc.panel, span[0], span[1]

    def action_toggle_bookmark(self) -> None:
        """``m``: bookmark the sentence (or the v range); again removes it."""
        if (target := self._bookmark_target()) is not None:
            self._write_bookmark(*target, None)

    def action_bookmark_with_note(self) -> None:
        """``M``: bookmark with a note (or edit the note of that bookmark)."""
        target = self._bookmark_target()
        if target is None:
            return
        panel, start, end = target

        def chosen(note: str | None) -> None:
            if note is not None:
                self._write_bookmark(panel, start, end, note)

        from panel_tui.tui.note_prompt import NotePrompt

        self.push_screen(NotePrompt("Bookmark with a note", quote=panel.text[start:end]), chosen)

    @work(thread=True, group="bookmarks", exit_on_error=False)
    def _write_bookmark(self, panel: Panel, start: int, end: int, note: str | None) -> None:
        """``note is None``: toggle (m); else add or re-note that span (M)."""
        store = self._get_store()
        if store is None:
            self.call_from_thread(
                self.notify, "No store: bookmarks are unavailable.", severity="error"
            )
            return
        try:
            if note is None:
                done = toggle_bookmark(store, panel, start, end)
                said = "Bookmarked" if done.added else "Bookmark removed"
            else:
                note_bookmark(store, panel, start, end, note)
                said = "Bookmarked with a note"
            spans = marked_spans(store.bookmarks(panel.id))
        except StoreError as exc:  # StoreReadOnly included: its message says why
            self.call_from_thread(
                self.notify, str(exc), title="Not saved", severity="error", markup=False
            )
            return
        self.call_from_thread(self._set_marks, panel.id, spans)
        self.call_from_thread(self.notify, said, timeout=2)

    def action_bookmarks(self) -> None:
        """``'``: the bookmark list."""
        self._open_bookmarks()

    @work(thread=True, exclusive=True, group="bookmark-list", exit_on_error=False)
    def _open_bookmarks(self) -> None:
        store = self._get_store()
        if store is None:
            self.call_from_thread(
                self.notify, "No store: bookmarks are unavailable.", severity="error"
            )
            return
        from panel_tui.tui.bookmark_screen import BookmarkScreen

        self.call_from_thread(self.push_screen, BookmarkScreen(store))

    def on_bookmark_screen_jump(self, message: BookmarkScreen.Jump) -> None:
        self.open_panel_id(message.panel_id, message.start)

    def on_bookmark_screen_changed(self, message: BookmarkScreen.Changed) -> None:
        if self.document is not None and self.document.panel.id == message.panel_id:
            self._reload_marks(message.panel_id)

    @work(thread=True, group="bookmarks", exit_on_error=False)
    def _reload_marks(self, panel_id: str) -> None:
        store = self._get_store()
        if store is None:
            return
        try:
            spans = marked_spans(store.bookmarks(panel_id))
        except StoreError:
            return
        self.call_from_thread(self._set_marks, panel_id, spans)

    # -- quoting (y, Y) ---------------------------------------------------------------------

    def action_copy_quote(self) -> None:
        """``y``: copy the sentence (or the v range) as a quote with attribution."""
        view, doc = self._view(), self.document
        span = view.selection
        if doc is None or span is None:
            return
        what = "range" if view.has_range else "quote"
        view.clear_range()
        from panel_tui.tui.clipboard import copy_quote

        copy_quote(self, doc.panel, span[0], span[1], what=what)

    def action_copy_turn(self) -> None:
        """``Y``: copy the whole turn as a quote with attribution."""
        view, doc = self._view(), self.document
        turn = view.current_turn
        if doc is None:
            return
        if turn is None:
            self.notify("No speaker turn here: y copies the sentence.", timeout=2)
            return
        from panel_tui.tui.clipboard import copy_quote

        copy_quote(self, doc.panel, turn.start, turn.end, what="turn")
