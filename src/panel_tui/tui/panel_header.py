"""The header: what is open (title, event, date, source platform), or what to do first."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from panel_tui.tui.document import PanelDocument

PLATFORMS = {"bilibili": "Bilibili", "youtube": "YouTube", "web": "web article", "text": "text"}


def header_text(doc: PanelDocument | None, panels: int | None) -> Text:
    if doc is None:
        if panels is None:
            what = "loading corpus…"
        elif panels == 0:
            what = "no panels: pass --corpus DIR or set PANEL_TUI_CORPUS"
        else:
            what = f"{panels} panels · Enter opens one"
        return Text.assemble(("panel-tui", "bold"), "  ", (what, "dim"), "\n")
    m = doc.panel.meta
    facts = [" ".join(x for x in (m.event, m.part) if x), m.date or "undated"]
    facts.append(PLATFORMS.get(m.platform, m.platform))
    facts.append(m.url or "")
    return Text.assemble(
        (m.title, "bold"), "\n", (" · ".join(f for f in facts if f), "dim"), no_wrap=True
    )


class PanelHeader(Static):
    """Two lines: the open panel's title, then event · date · platform · URL."""

    document: reactive[PanelDocument | None] = reactive(None)
    panel_count: reactive[int | None] = reactive(None)

    def render(self) -> Text:
        text = header_text(self.document, self.panel_count)
        text.overflow = "ellipsis"
        return text
