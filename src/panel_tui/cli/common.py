"""Options and helpers shared by every command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from panel_tui.corpus import Corpus, PanelNotFound, load_corpus
from panel_tui.model import Panel

EXIT_USAGE = 2


class CliError(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def common_options() -> Callable[..., argparse.ArgumentParser]:
    """A factory of parent parsers: subcommands suppress defaults so options work anywhere."""

    def make(*, suppress: bool) -> argparse.ArgumentParser:
        p = argparse.ArgumentParser(add_help=False)
        default: Any = argparse.SUPPRESS if suppress else None
        p.add_argument(
            "--corpus",
            metavar="DIR",
            default=default,
            help="folder of transcripts, read recursively (default: $PANEL_TUI_CORPUS or the "
            "shipped corpus)",
        )
        p.add_argument(
            "--data-dir",
            metavar="DIR",
            default=default,
            help="where user data lives (default: $PANEL_TUI_DATA_DIR or the platform's user "
            "data dir)",
        )
        return p

    return make


def open_corpus(args: argparse.Namespace) -> Corpus:
    corpus = load_corpus(getattr(args, "corpus", None))
    for w in corpus.warnings:
        print(f"panel-tui: warning: {w}", file=sys.stderr)
    return corpus


def find_panel(corpus: Corpus, ref: str) -> Panel:
    try:
        return corpus.get(ref)
    except PanelNotFound as exc:
        lines = [str(exc).split(";")[0]]
        if exc.candidates:
            lines.append("did you mean:")
            lines += [f"  {c}" for c in exc.candidates]
        raise CliError("\n".join(lines), EXIT_USAGE) from None


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
