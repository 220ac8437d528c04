"""The core never imports Textual: the TUI is a shell over it, and so is the CLI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "panel_tui"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def test_no_core_module_imports_textual():
    offenders = []
    for path in SRC.rglob("*.py"):
        if "tui" in path.relative_to(SRC).parts:
            continue
        if any(m == "textual" or m.startswith("textual.") for m in imported_modules(path)):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_loading_and_querying_the_corpus_does_not_load_textual():
    code = (
        "import sys, panel_tui\n"
        "c = panel_tui.load_corpus()\n"
        "p = c.get('000_35b9b172d560b28f.txt')\n"
        "p.turns; p.sentences; p.speaker_stats\n"
        "from panel_tui.cli import build_parser; build_parser()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# What the app needs only after its first frame, or only when a key asks for it. Importing
# any of these before the first frame delays it (together ~0.35 s, pypinyin alone 0.15 s).
LATE_MODULES = (
    "pypinyin",  # attribution and pinyin filtering, in the warm-up
    "rapidfuzz",  # attribution, search, re-anchoring
    "sqlite3",  # the user store, opened by a worker
    "importlib.metadata",  # --version, the attribution cache's key
    "panel_tui.search.engine",
    "panel_tui.store.store",
    "panel_tui.speakers.attribution",
    "panel_tui.tui.transcript_view",  # the reading panes, made after the first frame
    "panel_tui.tui.speaker_sidebar",
    "panel_tui.tui.find_bar",
    "panel_tui.tui.layout_lines",
    "panel_tui.tui.search_screen",
    "panel_tui.tui.bookmark_screen",
    "panel_tui.tui.help_screen",
    "panel_tui.tui.clipboard",
    "rich.progress",  # the CLI's indexing bar (rich.table comes with Textual anyway)
)


def test_starting_the_app_imports_nothing_it_needs_only_later():
    """What ``panel-tui`` imports before the app's first frame: the CLI, its quick parse of an
    options-only command line, and the app module."""
    code = (
        "import sys\n"
        "from panel_tui.cli import parse_args\n"
        "args = parse_args(['--data-dir', 'x'])\n"
        "assert args.command is None\n"
        "import panel_tui.tui.app\n"
        f"late = {LATE_MODULES!r}\n"
        "print(sorted(m for m in late if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_the_late_modules_exist():
    """The list above names real modules, so the test cannot pass on a misspelling."""
    code = f"import importlib\nfor m in {LATE_MODULES!r}: importlib.import_module(m)\n"
    subprocess.run([sys.executable, "-c", code], check=True)
