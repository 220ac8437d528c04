"""Mount a widget right after the first frame, in the place it was composed.

Like Textual's ``Lazy``, but an app that closes before the first frame is not an error: the
widget is then simply never mounted. The app composes the list first and the reading panes
(empty until a panel opens) behind ``Deferred``, so the first frame is the list's.
"""

from __future__ import annotations

from textual.widget import MountError, Widget

MAX_TRIES = 100  # refreshes to wait for the parent to be mounted


class Deferred(Widget):
    """A hidden stand-in that swaps itself for ``widget`` after the first refresh."""

    DEFAULT_CSS = """
    Deferred {
        display: none;
    }
    """

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        super().__init__()

    def compose_add_child(self, widget: Widget) -> None:
        self._widget.compose_add_child(widget)

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        self.call_after_refresh(self._swap)

    async def _swap(self, tries: int = 0) -> None:
        parent = self.parent
        if not isinstance(parent, Widget) or not self.app.is_running:
            return  # removed, or the app is closing
        if parent.is_mounted:
            try:
                await parent.mount(self._widget, after=self)
            except MountError:  # the parent is closing, or not quite mounted after all
                pass
            else:
                await self.remove()
                return
        if tries < MAX_TRIES:  # the parent is still mounting: after the next refresh, then
            self.call_after_refresh(self._swap, tries + 1)
