"""Command line: ``panel-tui`` opens the TUI; subcommands print what the core knows.

Each command group lives in its own module and registers its subparsers through
``register(subparsers, common)``; ``COMMAND_MODULES`` lists them in help order.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from panel_tui.cli.common import EXIT_USAGE, CliError, common_options

COMMAND_MODULES = (
    "panel_tui.cli.corpus_cmds",
    "panel_tui.cli.store_cmds",
    "panel_tui.cli.search_cmds",
)


class _Version(argparse.Action):
    """``--version``, read only when asked for: looking it up costs every start ~25 ms."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from panel_tui import __version__

        print(f"panel-tui {__version__}")  # on stdout, as argparse's own version action
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="panel-tui",
        description="Read, filter, search and quote panel-discussion transcripts. "
        "With no command, opens the terminal app.",
        parents=[common(suppress=False)],
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common(suppress=True))
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, read. Opening the app (options only, no command) skips importing
    and building every command's parser, which would delay the app's first frame ~10 ms."""
    quick = argparse.ArgumentParser(
        prog="panel-tui",
        add_help=False,
        exit_on_error=False,
        parents=[common_options()(suppress=False)],
    )
    try:
        args, rest = quick.parse_known_args(argv)
    except argparse.ArgumentError:
        rest = ["?"]  # the full parser says what is wrong, with the whole usage
    if not rest:
        args.command = None
        return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    # Chinese output must survive pipes and non-UTF-8 locales.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = parse_args(argv)
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


__all__ = ["EXIT_USAGE", "build_parser", "main", "parse_args"]
