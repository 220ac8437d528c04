"""Command line: ``panel-tui`` opens the TUI; subcommands print what the core knows.

Each command group lives in its own module and registers its subparsers through
``register(subparsers, common)``; ``COMMAND_MODULES`` lists them in help order.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from panel_tui import __version__
from panel_tui.cli.common import EXIT_USAGE, CliError, common_options

COMMAND_MODULES = (
    "panel_tui.cli.corpus_cmds",
    "panel_tui.cli.store_cmds",
    "panel_tui.cli.search_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="panel-tui",
        description="Read, filter, search and quote panel-discussion transcripts. "
        "With no command, opens the terminal app.",
        parents=[common(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"panel-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common(suppress=True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Chinese output must survive pipes and non-UTF-8 locales.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from panel_tui.cli.app_cmd import run_app

            return run_app(args)
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"panel-tui: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


__all__ = ["EXIT_USAGE", "build_parser", "main"]
