"""``/`` in a panel: a find line docked under the transcript, searching as you type.

The bar posts ``Changed`` on every keystroke. Given a ``PanelFinder`` (core, ``hit_nav``) it
also runs the search itself in an exclusive thread worker (the next keystroke cancels the
last) and posts ``Found`` with a ``HitNav`` whenever the current hit changes: after a search,
after ``step`` (the app's ``n``/``N``) and after ↓/↑ in the bar. The app moves the cursor and
the highlights from ``Found`` alone. Enter keeps the hits and hands focus back (``Submitted``);
Esc clears and hides (``Closed``).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from panel_tui.hit_nav import HitNav, PanelFinder

CSS_FILE = Path(__file__).with_suffix(".tcss")
TIER_STYLES = {"exact": "bold green", "fuzzy": "bold yellow", "phonetic": "bold magenta"}


class FindInput(Input):
    """The query line of the find bar; its keys act on the bar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Clear find", tooltip="Clear the search and its highlights"),
        Binding("enter", "submit", "Keep hits", tooltip="Back to the text; n/N step the hits"),
        Binding("down,ctrl+n", "step(1)", "Next hit", show=False),
        Binding("up,ctrl+p", "step(-1)", "Previous hit", show=False),
    ]

    def _on_key(self, event: events.Key) -> None:
        """Runs before Input's own handler (Textual calls each class's, most derived first)."""
        if self.screen.focused is not self:  # (has_focus waits for a Blur still queued)
            # Typed ahead of Enter (`/模型⏎n` in one burst): queued here before the focus moved.
            # Not ours to insert; it bubbles on, to the bindings of what has the focus now.
            event.prevent_default()
        elif event.key == "enter":
            # At once, not through a binding: a binding runs only when the key has bubbled up
            # to the app, after the keys typed behind it were already handled here.
            event.stop()
            event.prevent_default()
            self._bar().submit()

    def action_close(self) -> None:
        self._bar().close()

    def action_step(self, direction: int) -> None:
        self._bar().step(direction)

    async def action_submit(self) -> None:
        self._bar().submit()

    def _bar(self) -> FindBar:
        bar = next(a for a in self.ancestors if isinstance(a, FindBar))
        return bar


class FindBar(Horizontal):
    """The find line: query, then ``3/17 · exact`` for the current hit's place and tier."""

    # Beside the widget; parsed when it is first mounted (after the first frame), not at start.
    DEFAULT_CSS = CSS_FILE.read_text(encoding="utf-8")

    class Changed(Message):
        """The query changed (every keystroke)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Found(Message):
        """New hits, or another current hit: highlight ``nav.spans()``, go to ``nav.current``."""

        def __init__(self, nav: HitNav, wrapped: bool = False) -> None:
            super().__init__()
            self.nav = nav
            self.wrapped = wrapped

    class Submitted(Message):
        """Enter: keep the hits, give the focus back to the transcript."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Closed(Message):
        """Esc: the find was cleared; drop the highlights."""

    nav: reactive[HitNav] = reactive(HitNav, always_update=True)
    searching: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.finder: PanelFinder | None = None
        self._return_to: Widget | None = None  # focused before ``open``: Enter/Esc go back
        self._pending = 0  # n/N pressed while the search runs, applied to its hits
        self.origin = 0  # cursor offset when the bar opened: the first hit shown is after it

    def compose(self) -> ComposeResult:
        yield Static("/", id="find-prompt")
        yield FindInput(
            placeholder="find in this panel: 模型 'exact !not a|b @name", id="find-input"
        )
        yield Static("", id="find-status")

    @property
    def input(self) -> FindInput:
        return self.query_one(FindInput)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self, finder: PanelFinder | None = None, origin: int = 0) -> None:
        """Show and focus the bar for the open panel; the text typed last time is selected."""
        self.origin = origin
        focused = self.screen.focused
        if focused is not None and self not in focused.ancestors_with_self:
            self._return_to = focused
        self.display = True
        self.input.focus()
        if finder is not None and finder is not self.finder:
            self.finder = finder
            self.nav = HitNav()
            if self.value.strip():  # another panel: the last query, searched here
                self._changed(self.value)
        if self.value:
            self.input.select_all()

    def find(self, query: str) -> None:
        """Search for ``query`` now, as if typed (e.g. a corpus search's query, carried into
        the panel it opened); the bar should be open."""
        with self.input.prevent(Input.Changed):
            self.input.value = query
        self.input.cursor_position = len(query)
        self._changed(query)

    def close(self) -> None:
        """Clear, hide and say so; a search still running is cancelled."""
        self.workers.cancel_group(self, "find")
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.nav = HitNav()
        self.searching = False
        self._give_back_focus()
        self.display = False
        self.post_message(self.Closed())

    def submit(self) -> None:
        self._give_back_focus()
        self.post_message(self.Submitted(self.value))

    def _give_back_focus(self) -> None:
        """While the bar has the focus: hand it back to what had it before ``open`` (the
        transcript), so ``n``/``N`` after Enter reach it without waiting for the app."""
        focused = self.screen.focused
        if focused is not None and self not in focused.ancestors_with_self:
            return  # the reader is elsewhere (e.g. the panel list): leave the focus there
        back = self._return_to
        if back is not None and back.is_attached and back.screen is self.screen:
            self.screen.set_focus(back)

    def step(self, direction: int, cursor: int | None = None) -> HitNav:
        """Next (``direction`` > 0) or previous hit after/before ``cursor`` (the transcript's
        cursor offset; ``None``: from the current hit). Posts ``Found``. While the search is
        still running, the step waits for its hits (``/数据⏎nn`` typed in one go)."""
        if self.searching:
            self._pending += 1 if direction > 0 else -1
            return self.nav
        nav, wrapped = self.nav.next(cursor) if direction > 0 else self.nav.prev(cursor)
        if nav.hits:
            self.nav = nav
            self.post_message(self.Found(nav, wrapped))
        return nav

    # -- searching --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed(event.value)

    def _changed(self, value: str) -> None:
        self.post_message(self.Changed(value))
        if self.finder is None:
            return
        if not value.strip():
            self.workers.cancel_group(self, "find")
            self.searching = False
            self.nav = HitNav()
            self.post_message(self.Found(self.nav))
            return
        self.searching = True
        self._pending = 0  # steps typed for an older query do not carry over
        self._search(self.finder, value, self.origin)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @work(thread=True, exclusive=True, group="find", exit_on_error=False)
    def _search(self, finder: PanelFinder, query: str, origin: int) -> None:
        from panel_tui.search import SearchCancelled  # the engine: not needed at start-up

        worker = get_current_worker()
        try:
            nav = finder.find(query, cancel=lambda: worker.is_cancelled)
        except SearchCancelled:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, query, nav.first_from(origin))

    def _found(self, query: str, nav: HitNav) -> None:
        if query != self.value:  # overtaken by a later keystroke
            return
        self.searching = False
        pending, self._pending = self._pending, 0
        wrapped = False
        for _ in range(abs(pending)):
            nav, w = nav.next() if pending > 0 else nav.prev()
            wrapped = wrapped or w
        self.nav = nav
        self.post_message(self.Found(nav, wrapped))

    # -- status -----------------------------------------------------------------------------

    def watch_nav(self) -> None:
        self._show_status()

    def watch_searching(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        if not self.is_mounted:
            return
        nav = self.nav
        status = Text()
        if self.searching:
            status.append("searching… ", style="dim")
        if nav.query.strip() or nav.hits:
            if nav.hits:
                status.append(nav.counter, style="bold")
                if nav.tier:
                    status.append(" · ")
                    status.append(nav.tier, style=TIER_STYLES.get(nav.tier, ""))
            elif not self.searching:
                status.append("no hits", style="dim italic")
        self.query_one("#find-status", Static).update(status)

    def on_mount(self) -> None:
        self._show_status()
