"""The command palette (ctrl+p): open a panel, search all panels, filter to a speaker, jump to
a bookmark."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from panel_tui.tui.app import PanelApp

Command = tuple[str, Callable[[], object], str]


class PanelCommands(Provider):
    """Every panel, every speaker of the open panel and every bookmark, as palette entries."""

    async def startup(self) -> None:
        app: PanelApp = self.app  # type: ignore[assignment]
        self._bookmarks = await asyncio.to_thread(app.palette_bookmarks)

    def _commands(self) -> list[Command]:
        app: PanelApp = self.app  # type: ignore[assignment]
        out: list[Command] = [
            (
                "Search all panels",
                app.action_search,
                "ctrl+f · every panel as you type, KWIC by panel; Enter opens the hit",
            )
        ]
        if app.document is not None:
            for s in app.document.speakers:
                out.append(
                    (
                        f"Filter to speaker: {s.name}",
                        partial(app.solo_speaker, s.name),
                        f"{s.role} · {s.turns} turns · {s.share:.0%} of the talk",
                    )
                )
        for b in self._bookmarks:
            quote = b.quote.replace("\n", " ")
            quote = quote if len(quote) <= 40 else quote[:39] + "…"
            out.append(
                (
                    f"Jump to bookmark: {quote}",
                    partial(app.open_panel_id, b.panel_id, b.start),
                    f"{b.citation.title or b.panel_id}" + (f" · {b.note}" if b.note else ""),
                )
            )
        for s in app.summaries:
            out.append(
                (
                    f"Open panel: {s.title}",
                    partial(app.open_panel_id, s.id),
                    " · ".join(x for x in (s.event, s.date or "") if x),
                )
            )
        return out

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)
