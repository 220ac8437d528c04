"""panel-tui: a keyboard-driven terminal explorer for panel-discussion transcripts."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from panel_tui.corpus import Corpus, PanelNotFound, load_corpus
from panel_tui.model import Panel, Participant, Sentence, Turn

try:
    __version__ = version("panel-tui")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+src"

__all__ = [
    "Corpus",
    "Panel",
    "PanelNotFound",
    "Participant",
    "Sentence",
    "Turn",
    "__version__",
    "load_corpus",
]
