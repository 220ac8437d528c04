"""``list``, ``show`` and ``turns``: the corpus and its panels, for people and for scripts."""

from __future__ import annotations

import argparse
from typing import Any

from panel_tui.cli.common import find_panel, open_corpus, print_json
from panel_tui.jsonshape import panel_detail, panel_summary, turns_doc
from panel_tui.reading import reading_blocks

# rich's tables are imported by the commands that print them: building this parser is part of
# every start of the app.


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help="list the panels of the corpus")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[common], help="print a panel's metadata and transcript")
    p.add_argument("panel", metavar="PANEL", help="id, unique id prefix, or source file name")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("turns", parents=[common], help="the attributed speaker turns of a panel")
    p.add_argument("panel", metavar="PANEL", help="id, unique id prefix, or source file name")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_turns)


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    corpus = open_corpus(args)
    if args.json:
        print_json(
            {
                "corpus": str(corpus.root),
                "panels": [panel_summary(p) for p in corpus.panels],
                "warnings": corpus.warnings,
            }
        )
        return 0
    table = Table(box=None, header_style="bold")
    for col in ("id", "title", "event", "date", "speakers", "chars"):
        table.add_column(col, justify="right" if col in ("speakers", "chars") else "left")
    for p in corpus.panels:
        m = p.meta
        table.add_row(
            m.id, m.title, m.event, m.date or "", str(len(p.participants)), f"{p.spoken_length():,}"
        )
    Console(soft_wrap=False).print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from rich.console import Console

    panel = find_panel(open_corpus(args), args.panel)
    if args.json:
        print_json(panel_detail(panel))
        return 0
    m = panel.meta
    console = Console()
    console.print(f"[bold]{m.title}[/bold]")
    for key, value in (
        ("event", m.event),
        ("part", m.part),
        ("date", m.date),
        ("source", f"{m.platform} {m.url or ''}".strip()),
        ("author", m.author),
        ("file", str(panel.path)),
        ("id", m.id),
    ):
        if value:
            console.print(f"[dim]{key:>7}[/dim] {value}")
    people = ", ".join(f"{p.name} ({p.role})" for p in panel.participants)
    console.print(f"[dim]{'people':>7}[/dim] {people or '—'}\n")
    last = object()
    for rb in reading_blocks(panel):
        if rb.kind != "speech":
            console.print(f"[bold cyan]{rb.text}[/bold cyan]\n", highlight=False)
            continue
        if rb.speaker != last:
            console.print(f"[bold]{rb.speaker or '—'}[/bold] [dim]{rb.method or ''}[/dim]")
            last = rb.speaker
        console.print(rb.text + "\n", highlight=False, markup=False)
    return 0


def cmd_turns(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    panel = find_panel(open_corpus(args), args.panel)
    if args.json:
        print_json(turns_doc(panel))
        return 0
    table = Table(box=None, header_style="bold")
    for col in ("start", "end", "speaker", "method", "conf", "text"):
        table.add_column(col, no_wrap=col != "text")
    for t in panel.turns:
        snippet = " ".join(panel.text[t.start : t.end].split())[:40]
        table.add_row(str(t.start), str(t.end), t.speaker, t.method, f"{t.confidence:.2f}", snippet)
    Console().print(table)
    return 0
