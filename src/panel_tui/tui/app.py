"""The terminal app: panel list, transcript and speaker sidebar around one open panel.

Data flows one way. Widgets post messages up (``PanelList.Open``, ``SpeakerSidebar.Filter``);
the app does the work in a worker and sets its reactives (``summaries``, ``document``,
``hidden_speakers``), which ``data_bind`` pushes down to every widget that shows them.
"""

from __future__ import annotations

import os
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

from panel_tui.corpus import Corpus, load_corpus
from panel_tui.model import Panel
from panel_tui.tui.document import PanelDocument, PanelSummary, open_document, summarize
from panel_tui.tui.help_screen import HelpScreen
from panel_tui.tui.panel_header import PanelHeader
from panel_tui.tui.panel_list import PanelList
from panel_tui.tui.speaker_sidebar import SpeakerSidebar
from panel_tui.tui.transcript_view import TranscriptView

MAX_WARNINGS_SHOWN = 5


class PanelApp(App[None]):
    """Browse a corpus of panel transcripts and read one at a time."""

    TITLE = "panel-tui"
    CSS_PATH: ClassVar[list[str]] = [
        "app.tcss",
        "panel_list.tcss",
        "transcript_view.tcss",
        "speaker_sidebar.tcss",
    ]
    # Below 120 columns the speaker sidebar moves under the panel list (see app.tcss).
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,ctrl+q", "quit", "Quit", key_display="q"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding(
            "escape",
            "focus_panels",
            "Panel list",
            show=False,
            tooltip="Back to the panel list (shows it if hidden)",
        ),
        Binding(
            "left_square_bracket",
            "toggle_list",
            "Panels",
            key_display="[",
            tooltip="Show or hide the panel list",
        ),
        Binding(
            "right_square_bracket",
            "toggle_speakers",
            "Speakers",
            key_display="]",
            tooltip="Show or hide the speaker sidebar",
        ),
        Binding(
            "backslash",
            "full_width",
            "Full width",
            key_display="\\",
            tooltip="Hide both sidebars to read full-width; again shows both",
        ),
    ]

    summaries: reactive[tuple[PanelSummary, ...]] = reactive(())
    panel_count: reactive[int | None] = reactive(None)
    document: reactive[PanelDocument | None] = reactive(None)
    hidden_speakers: reactive[frozenset[str]] = reactive(frozenset())

    def __init__(
        self,
        corpus_path: str | os.PathLike[str] | None = None,
        data_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__()
        self.corpus_path = corpus_path
        self.data_dir = data_dir  # where the store (bookmarks, notes) will live
        self.corpus: Corpus | None = None

    def compose(self) -> ComposeResult:
        yield PanelHeader(id="header").data_bind(PanelApp.document, PanelApp.panel_count)
        with Container(id="main"):
            yield PanelList(id="panels").data_bind(PanelApp.summaries, PanelApp.document)
            yield TranscriptView(id="transcript").data_bind(
                PanelApp.document, PanelApp.hidden_speakers
            )
            yield SpeakerSidebar(id="speakers").data_bind(
                PanelApp.document, PanelApp.hidden_speakers
            )
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        panels = self.query_one(PanelList)
        panels.focus()  # now, so the footer shows the list's keys from the first frame
        panels.loading = True
        self.read_corpus()

    # -- corpus -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def read_corpus(self) -> None:
        """Read every file off the UI thread; skipped files come back as warnings."""
        try:
            corpus = load_corpus(self.corpus_path)
        except Exception as exc:  # the app stays up and says what went wrong
            self.call_from_thread(self._corpus_failed, exc)
            return
        summaries = []
        for panel in corpus.panels:
            try:
                summaries.append(summarize(panel))
            except Exception as exc:  # one bad panel must not hide the others
                corpus.warnings.append(f"{panel.path.name}: {type(exc).__name__}: {exc}")
                summaries.append(PanelSummary(panel.id, panel.title, "", None, "", 0, 0))
        self.call_from_thread(self._corpus_loaded, corpus, tuple(summaries))

    def _corpus_loaded(self, corpus: Corpus, summaries: tuple[PanelSummary, ...]) -> None:
        self.corpus = corpus
        self.summaries = summaries
        self.panel_count = len(summaries)
        panels = self.query_one(PanelList)
        panels.loading = False
        panels.focus()
        self.refresh_bindings()  # the list's keys were inactive while it was loading
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
        self.warm_up(list(corpus.panels))

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up(self, panels: list[Panel]) -> None:
        """Attribute every panel in the background, so Enter opens even a long one at once.

        ``Panel.turns`` is a cached property: whichever thread gets there first computes it.
        """
        worker = get_current_worker()
        for panel in panels:
            if worker.is_cancelled:
                return
            try:
                panel.speaker_stats  # noqa: B018 - computes and caches turns and stats
            except Exception:  # opening the panel will report it
                continue

    def _corpus_failed(self, exc: Exception) -> None:
        self.query_one(PanelList).loading = False
        self.panel_count = 0
        self.notify(
            f"{type(exc).__name__}: {exc}",
            title="Could not load the corpus",
            severity="error",
            timeout=30,
            markup=False,
        )

    # -- opening a panel --------------------------------------------------------------------

    def on_panel_list_open(self, message: PanelList.Open) -> None:
        if self.corpus is None:
            return
        if self.document is not None and self.document.panel.id == message.panel_id:
            self.query_one(TranscriptView).focus()
            return
        self.query_one(TranscriptView).loading = True
        self.open_panel(self.corpus.get(message.panel_id))

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_panel(self, panel: Panel) -> None:
        """Attribution and reading blocks may be slow on a long panel: not on the key path."""
        try:
            document = open_document(panel)
        except Exception as exc:
            self.call_from_thread(self._open_failed, exc)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._document_ready, document)

    def _open_failed(self, exc: Exception) -> None:
        self.query_one(TranscriptView).loading = False
        self.notify(
            f"{type(exc).__name__}: {exc}",
            title="Could not open the panel",
            severity="error",
            timeout=30,
            markup=False,
        )

    def _document_ready(self, document: PanelDocument) -> None:
        view = self.query_one(TranscriptView)
        self.hidden_speakers = frozenset()
        self.document = document
        view.loading = False
        view.focus()
        self.refresh_bindings()

    def on_speaker_sidebar_filter(self, message: SpeakerSidebar.Filter) -> None:
        self.hidden_speakers = message.hidden

    # -- layout -----------------------------------------------------------------------------

    def _set_shown(self, widget: Widget, shown: bool) -> None:
        main = self.query_one("#main")
        widget.display = shown
        main.set_class(not shown, f"-hide-{widget.id}")
        if not shown and (self.focused is None or self.focused is widget):
            self.query_one(TranscriptView).focus()

    def action_toggle_list(self) -> None:
        panels = self.query_one(PanelList)
        self._set_shown(panels, not panels.display)

    def action_toggle_speakers(self) -> None:
        speakers = self.query_one(SpeakerSidebar)
        self._set_shown(speakers, not speakers.display)

    def action_full_width(self) -> None:
        """Hide both sidebars to read full-width; again brings both back."""
        panels, speakers = self.query_one(PanelList), self.query_one(SpeakerSidebar)
        show = not (panels.display or speakers.display)
        self._set_shown(panels, show)
        self._set_shown(speakers, show)

    def action_focus_panels(self) -> None:
        panels = self.query_one(PanelList)
        if not panels.display:
            self._set_shown(panels, True)
        panels.focus()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(list(self.BINDINGS)))
