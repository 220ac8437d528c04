"""Build and mount a widget right after the first frame, in the place it was composed.

Like Textual's ``Lazy``, but the widget is *made* after the first frame too, by a factory, so
the modules it needs are imported then (the first frame waits for neither), and an app that
closes before the first frame is not an error: the widget is then simply never made. The app
composes the list first and the reading panes (empty until a panel opens) behind ``Deferred``.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import MountError, Widget

MAX_TRIES = 100  # refreshes to wait for the parent to be mounted


class Deferred(Widget):
    """A hidden stand-in that swaps itself for ``make()`` after the first refresh.

    ``make`` runs in the app's context, so ``data_bind`` in it binds to the app's reactives
    as it would in the app's ``compose``.
    """

    DEFAULT_CSS = """
    Deferred {
        display: none;
    }
    """

    def __init__(self, make: Callable[[], Widget]) -> None:
        self._make = make
        self._widget: Widget | None = None
        super().__init__()

    def on_mount(self) -> None:
        self.call_after_refresh(self._swap)

    async def _swap(self, tries: int = 0) -> None:
        parent = self.parent
        if not isinstance(parent, Widget) or not self.app.is_running:
            return  # removed, or the app is closing
        if parent.is_mounted:
            if self._widget is None:
                with self.app._context():  # what compose runs in: data_bind finds the app
                    self._widget = self._make()
            try:
                await parent.mount(self._widget, after=self)
            except MountError:  # the parent is closing, or not quite mounted after all
                pass
            else:
                await self.remove()
                return
        if tries < MAX_TRIES:  # the parent is still mounting: after the next refresh, then
            self.call_after_refresh(self._swap, tries + 1)
