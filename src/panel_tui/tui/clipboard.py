"""``y``/``Y``: copy a quote with its attribution, and say what was copied and how.

The text comes from the core (``quote.format_quote`` with the user's template from
``config.toml``). The terminal's clipboard (OSC 52, ``App.copy_to_clipboard``) is written at
once, so ``app.clipboard`` holds the quote when the call returns and it works over SSH and in
tmux (``set -g set-clipboard on``); the system clipboard (pyperclip, which may start a
subprocess) is written in a thread worker, which then posts the notification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from panel_tui.quote import QuoteStyle, copy_text, format_quote, load_style

if TYPE_CHECKING:
    from textual.app import App

    from panel_tui.model import Panel

TERMINAL = "terminal OSC 52"


def copy_quote(
    app: App[object],
    panel: Panel,
    start: int,
    end: int,
    *,
    what: str = "quote",
    style: QuoteStyle | None = None,
) -> str:
    """Copy ``panel.text[start:end]`` as a cited quote; returns the text copied.

    ``what`` names it in the notification ("quote", "turn", "range").
    """
    if style is None:
        style, warning = load_style()
        if warning:
            app.notify(warning, title="Quote format", severity="warning", markup=False)
    text = format_quote(panel, start, end, style)
    app.copy_to_clipboard(text)

    def system_clipboard() -> None:
        used = copy_text(text)  # pyperclip only: OSC 52 is done above, on the UI thread
        channels = " + ".join([*used, TERMINAL])
        shown = text if len(text) <= 120 else text[:119] + "…"
        app.call_from_thread(
            app.notify, f"{shown}\n({channels})", title=f"Copied {what}", timeout=4, markup=False
        )

    app.run_worker(system_clipboard, thread=True, group="clipboard", exit_on_error=False)
    return text
