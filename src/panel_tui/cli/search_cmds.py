"""``search``: ranked hits for an fzf-style query, highlighted for people or as JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from panel_tui.cli.common import CliError, find_panel, open_corpus
from panel_tui.search.query import SYNTAX_HELP

if TYPE_CHECKING:
    from rich.console import Console

    from panel_tui.search.engine import SearchEngine

# The engine and rich's progress bar are imported by the command, not at start-up: building
# this parser is part of every start of the app.

TIER_STYLE = {"exact": "bold green", "fuzzy": "bold yellow", "phonetic": "bold magenta"}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search",
        parents=[common],
        help="search the transcripts (exact, fuzzy, phonetic)",
        description="Search the transcripts. Hits are ranked by tier (exact, fuzzy, phonetic), "
        "then score, then corpus order.",
        epilog=SYNTAX_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", metavar="QUERY", nargs="+", help="the query (words are joined)")
    p.add_argument("--panel", action="append", metavar="P", help="only this panel (repeatable)")
    p.add_argument("--speaker", action="append", metavar="S", help="only this speaker (repeatable)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    p.add_argument(
        "--context", type=int, default=30, metavar="N", help="characters of context (30)"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per hit (JSON lines)")
    p.set_defaults(func=cmd_search)


def build_with_progress(engine: SearchEngine, console: Console) -> None:
    """Build or load the index; show a progress bar only if that takes more than a second."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    engine.start(warm_speakers=False)
    if engine.wait(1.0):
        return
    columns = (
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("panels"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("index", total=engine.total)
        while not engine.wait(0.1):
            bar.update(task, completed=engine.indexed)
    if engine.error is not None:
        raise CliError(f"could not build the search index: {engine.error}")


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1 or args.context < 0:
        raise CliError("--limit must be at least 1 and --context not negative", 2)
    from rich.console import Console
    from rich.text import Text

    from panel_tui.search import engine_for

    corpus = open_corpus(args)
    panels = [find_panel(corpus, ref).id for ref in args.panel] if args.panel else None
    engine = engine_for(corpus)
    build_with_progress(engine, Console(stderr=True))
    query = " ".join(args.query)
    result = engine.search(
        query, panels=panels, speakers=args.speaker, limit=args.limit, context=args.context
    )
    if args.json:
        for hit in result.hits:
            sys.stdout.write(json.dumps(hit.to_json(), ensure_ascii=False) + "\n")
        return 0 if result.hits else 1
    console = Console(highlight=False)
    if not result.hits:
        console.print(f"no hits for {query!r}", style="dim")
        return 1
    for hit in result.hits:
        head = Text()
        head.append(hit.panel_id, style="cyan")
        head.append(f" {hit.start}-{hit.end} ", style="dim")
        head.append(hit.speaker or "—", style="bold")
        head.append(f"  {hit.tier}", style=TIER_STYLE.get(hit.tier, ""))
        head.append(f" {hit.score:.0f}", style="dim")
        line = Text("  …" if hit.snippet.cut_left else "  ")
        for piece, marked in hit.snippet.parts():
            line.append(piece, style="reverse bold" if marked else "")
        if hit.snippet.cut_right:
            line.append("…")
        console.print(head)
        console.print(line)
    return 0
