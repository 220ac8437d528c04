"""The corpus-wide search screen: results as you type, KWIC lines grouped by panel.

Every keystroke starts an exclusive thread worker; starting it cancels the last one, whose
search notices at its next panel (``SearchSession.update(cancel=...)`` raises
``SearchCancelled``), so typing never waits for a search. While the index is still building,
the screen says how far it got and searches again as panels arrive. ↑/↓ in the query line
recall recent queries (the store); opening a hit saves the query there. Enter posts
``SearchScreen.OpenHit`` to the app and closes the screen; Esc just closes it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from panel_tui.hit_nav import group_by_panel
from panel_tui.recall import QueryHistory
from panel_tui.search import Hit, SearchCancelled, SearchResult
from panel_tui.search.query import SYNTAX_HELP
from panel_tui.store import StoreError

if TYPE_CHECKING:
    from panel_tui.search import SearchEngine
    from panel_tui.store import Store

RESULT_LIMIT = 200
CONTEXT = 24  # characters of KWIC context either side
SPEAKER_CELLS = 10
FIRST_ROWS = 40  # rows shown at once; the rest follow in slices of MORE_ROWS
MORE_ROWS = 40
POLL = 0.3  # seconds between index-progress checks while the index builds
RESEARCH_EVERY = 1.0  # while building: search again at most this often as panels arrive
TIER_STYLES = {"exact": "dim green", "fuzzy": "yellow", "phonetic": "magenta"}
TIER_LABELS = {"exact": "exact", "fuzzy": "fuzzy", "phonetic": "sound"}


def fit(text: str, cells: int) -> str:
    """``text`` cut or padded to exactly ``cells`` terminal cells (CJK counts two)."""
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells - (1 if used + w < cell_len(text) else 0):
            out.append("…")
            used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * max(0, cells - used)


def kwic_line(hit: Hit) -> Text:
    """``speaker  tier │ …context [match] context…`` with the match highlighted; the tier
    comes first so a long context never cuts it off."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(fit(hit.speaker or "?", SPEAKER_CELLS), style="bold" if hit.speaker else "dim")
    line.append(f" {TIER_LABELS.get(hit.tier, hit.tier):<5}", style=TIER_STYLES.get(hit.tier, ""))
    line.append(" │ ", style="dim")
    snip = hit.snippet
    if snip.cut_left:
        line.append("…", style="dim")
    for piece, marked in snip.parts():
        line.append(piece, style="bold reverse" if marked else "")
    if snip.cut_right:
        line.append("…", style="dim")
    return line


def result_rows(hits: Sequence[Hit], titles: dict[str, str]) -> list[tuple[Content, str | None]]:
    """The results list as (prompt, option id) rows: a header per panel (id ``None``), then
    its hits (id: the hit's index in ``hits``). Plain data, so a worker thread can build it."""
    index = {id(h): i for i, h in enumerate(hits)}
    rows: list[tuple[Content, str | None]] = []
    for panel_id, group in group_by_panel(hits):
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append("■ ", style="bold #e0a84f")
        head.append(titles.get(panel_id, panel_id), style="bold #e0a84f")
        head.append(f"  {len(group)} hit{'s' if len(group) != 1 else ''}", style="dim")
        rows.append((Content.from_rich_text(head), None))
        rows += [(Content.from_rich_text(kwic_line(h)), str(index[id(h)])) for h in group]
    return rows


class QueryInput(Input):
    """The query line; ↑/↓ walk the recent queries, ctrl+n/ctrl+p move in the results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "screen.recall(-1)", "Older query", tooltip="Recall an older query"),
        Binding("down", "screen.recall(1)", "Newer query", show=False),
    ]


class SearchScreen(Screen[None]):
    """Search every panel; Enter opens the highlighted hit in the transcript."""

    CSS_PATH = "search_screen.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Close the search"),
        Binding("ctrl+n", "move(1)", "Next result", tooltip="Next result, while typing"),
        Binding("ctrl+p", "move(-1)", "Prev result", tooltip="Previous result, while typing"),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("tab", "focus_next", "Results/query", show=False),
    ]

    class OpenHit(Message):
        """Open ``panel_id`` at ``start`` with ``[start, end)`` (and ``hit.spans``) highlighted."""

        def __init__(self, panel_id: str, start: int, end: int, hit: Hit, query: str) -> None:
            super().__init__()
            self.panel_id, self.start, self.end = panel_id, start, end
            self.hit = hit
            self.query = query

    def __init__(
        self,
        engine: SearchEngine,
        store: Store | None = None,
        *,
        speakers: Sequence[str] | None = None,
        query: str = "",
        limit: int = RESULT_LIMIT,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.store = store
        self.speakers = list(speakers) if speakers else None
        self.initial_query = query
        self.session = engine.session(limit=limit, context=CONTEXT, speakers=self.speakers)
        self.history = QueryHistory()
        self.titles = {p.id: p.title for p in engine.panels}
        self.hits: list[Hit] = []
        self.result: SearchResult | None = None
        self._lock = threading.Lock()  # one search at a time in the session
        self._poll: Timer | None = None
        self._seen_indexed = -1
        self._last_research = 0.0
        self._generation = 0  # bumped per shown result; stale slices of rows are dropped

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("", id="search-status")
            yield QueryInput(placeholder="search every panel: 模型 'exact !not a|b @name")
            yield OptionList(id="search-results")
            yield Static(Text(SYNTAX_HELP, style="dim"), id="search-help")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#search-box")
        box.border_title = "Search all panels"
        who = f" · only {', '.join(self.speakers)}" if self.speakers else ""
        box.border_subtitle = f"enter opens · ↑ recent queries · esc closes{who}"
        self.query_one(QueryInput).focus()
        self.engine.start()  # no-op when the app already started it
        if not self.engine.ready:
            self._poll = self.set_interval(POLL, self._check_index)
        self._load_history()
        if self.initial_query:
            self.query_one(QueryInput).value = self.initial_query  # Changed runs the search
        self._show_status()

    # -- searching --------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one(QueryInput).value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.history.shown:
            self.history.reset()
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search for ``query`` now, cancelling any search still running."""
        self.query_one("#search-help").display = not query.strip()
        if not query.strip():
            self.workers.cancel_group(self, "search")
            self._show(query, None, 0.0)
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        worker = get_current_worker()
        with self._lock:
            if worker.is_cancelled:
                return
            began = time.perf_counter()
            try:
                result = self.session.update(query, cancel=lambda: worker.is_cancelled)
            except SearchCancelled:
                return
            took = time.perf_counter() - began
        rows = result_rows(result.hits, self.titles)  # built here, off the UI thread
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, result, took, rows)

    def _show(
        self,
        query: str,
        result: SearchResult | None,
        took: float,
        rows: list[tuple[Content, str | None]] | None = None,
    ) -> None:
        if query != self.query_text:  # a later keystroke's search is on its way
            return
        self.result = result
        self.hits = list(result.hits) if result else []
        self._generation += 1
        results = self.query_one(OptionList)
        results.clear_options()
        rows = rows or []
        self._add_rows(self._generation, rows[:FIRST_ROWS])
        if self.hits:
            results.highlighted = 1  # the first hit, under its panel's header
        for at in range(FIRST_ROWS, len(rows), MORE_ROWS):
            # The rest in slices, each its own event-loop turn, so a key is never kept waiting
            # by a long list.
            self.call_later(self._add_rows, self._generation, rows[at : at + MORE_ROWS])
        self._show_status(took)

    def _add_rows(self, generation: int, rows: list[tuple[Content, str | None]]) -> None:
        if generation != self._generation:  # newer results replaced these
            return
        opts = [Option(prompt, id=oid, disabled=oid is None) for prompt, oid in rows]
        self.query_one(OptionList).add_options(opts)

    def _show_status(self, took: float | None = None) -> None:
        eng, res = self.engine, self.result
        parts: list[tuple[str, str]] = []
        if eng.error is not None:
            parts.append((f"index failed: {eng.error}  ", "bold red"))
        elif not eng.ready:
            parts.append(
                (f"indexing {eng.indexed}/{eng.total} panels… partial results  ", "yellow")
            )
        if res is None:
            if not self.query_text.strip():
                parts.append(
                    (f"type to search {eng.total} panels; ↑ recalls recent queries", "dim")
                )
        elif res.hits:
            panels = len({h.panel_id for h in res.hits})
            more = "+" if len(res.hits) >= self.session.options["limit"] else ""  # type: ignore[operator]
            parts.append((f"{len(res.hits)}{more} hits in {panels} panels", "bold"))
            if took is not None:
                parts.append((f" · {took * 1000:.0f} ms", "dim"))
        else:
            parts.append(("no hits", "dim italic"))
        self.query_one("#search-status", Static).update(Text.assemble(*parts))

    def _check_index(self) -> None:
        """While the index builds: show progress; search again as panels come in (at most
        every ``RESEARCH_EVERY`` seconds) and once more when it is done."""
        eng, typed = self.engine, self.query_text.strip()
        if eng.ready or eng.error is not None:
            if self._poll is not None:
                self._poll.stop()
                self._poll = None
            if typed:
                self.run_search(self.query_text)
        elif eng.indexed != self._seen_indexed:
            self._seen_indexed = eng.indexed
            now = time.monotonic()
            if typed and now - self._last_research >= RESEARCH_EVERY:
                self._last_research = now
                self.run_search(self.query_text)
        self._show_status()

    # -- recent queries ---------------------------------------------------------------------

    @work(thread=True, group="history", exit_on_error=False)
    def _load_history(self) -> None:
        if self.store is None:
            return
        try:
            entries = self.store.recent_queries(50)
        except StoreError:
            return
        self.app.call_from_thread(self.history.load, entries)

    def action_recall(self, direction: int) -> None:
        """↑ (``-1``) an older query, ↓ (``1``) a newer one, then back to what was typed."""
        box = self.query_one(QueryInput)
        text = self.history.older(box.value) if direction < 0 else self.history.newer()
        if text is not None:
            box.value = text
            box.cursor_position = len(text)

    def _save_query(self, query: str) -> None:
        """In a thread owned by the app, not this screen: the screen closes right after, and
        its workers would be cancelled with it, sometimes before the query was saved."""
        store = self.store
        if store is None or store.read_only:
            return

        def save() -> None:
            with contextlib.suppress(StoreError):  # recent queries are not worth an error
                store.add_query(query)

        self.app.run_worker(save, thread=True, group="history", exit_on_error=False)

    # -- choosing ---------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_page(self, step: int) -> None:
        results = self.query_one(OptionList)
        if step > 0:
            results.action_page_down()
        else:
            results.action_page_up()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(OptionList)
        if results.highlighted is not None:
            self._open(results.get_option_at_index(results.highlighted))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option)

    def _open(self, option: Option) -> None:
        if option.id is None:
            return
        hit = self.hits[int(option.id)]
        query = self.query_text
        self.history.push(query)
        self._save_query(query)
        self.app.post_message(self.OpenHit(hit.panel_id, hit.start, hit.end, hit, query))
        self.dismiss(None)

    def action_close(self) -> None:
        self.workers.cancel_group(self, "search")
        self.dismiss(None)

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "search")
