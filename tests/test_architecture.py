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
