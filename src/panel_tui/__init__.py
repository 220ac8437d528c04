"""panel-tui: a keyboard-driven terminal explorer for panel-discussion transcripts.

The public names are imported on first use (PEP 562), so ``panel-tui`` starting up pays only
for what it needs: reading the installed version alone costs ~25 ms of ``importlib.metadata``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from panel_tui.corpus import Corpus, PanelNotFound, load_corpus
    from panel_tui.model import Panel, Participant, Sentence, Turn

_EXPORTS = {
    "Corpus": "panel_tui.corpus",
    "PanelNotFound": "panel_tui.corpus",
    "load_corpus": "panel_tui.corpus",
    "Panel": "panel_tui.model",
    "Participant": "panel_tui.model",
    "Sentence": "panel_tui.model",
    "Turn": "panel_tui.model",
}

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


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("panel-tui")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0.0.0+src"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'panel_tui' has no attribute {name!r}")
    globals()[name] = value
    return value
