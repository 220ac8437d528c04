"""``bookmarks`` and ``corrections``: the reader's store from the command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from panel_tui.cli.common import EXIT_USAGE, CliError, find_panel, open_corpus, print_json

if TYPE_CHECKING:
    from panel_tui.model import Panel
    from panel_tui.store import Store
    from panel_tui.store.bookmarks import Bookmark
    from panel_tui.store.corrections import Correction

# The store (sqlite3, rapidfuzz) is imported by the commands that use it, not at start-up:
# building this parser is part of every start of the app.

T = TypeVar("T")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("bookmarks", parents=[common], help="list, add, remove, export, import")
    bsub = p.add_subparsers(dest="bookmarks_command", metavar="ACTION", required=True)

    q = bsub.add_parser("list", parents=[common], help="bookmarks, re-anchored to the corpus")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.add_argument("--panel", metavar="PANEL", help="only this panel's bookmarks")
    q.set_defaults(func=cmd_bookmarks_list)

    q = bsub.add_parser("add", parents=[common], help="bookmark text[START:END] of a panel")
    q.add_argument("panel", metavar="PANEL", help="id, unique id prefix, or source file name")
    q.add_argument("--start", type=int, required=True, metavar="N", help="start offset")
    q.add_argument("--end", type=int, required=True, metavar="N", help="end offset (exclusive)")
    q.add_argument("--note", default="", metavar="TEXT", help="a note to keep with it")
    q.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    q.add_argument("--json", action="store_true", help="print the bookmark as JSON")
    q.set_defaults(func=cmd_bookmarks_add)

    q = bsub.add_parser("rm", parents=[common], help="delete a bookmark")
    q.add_argument("id", metavar="ID", help="bookmark id (or a uuid prefix)")
    q.set_defaults(func=cmd_bookmarks_rm)

    q = bsub.add_parser("export", parents=[common], help="Markdown to cite, JSON to restore")
    q.add_argument("--format", choices=("md", "json"), default="md")
    q.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    q.set_defaults(func=cmd_bookmarks_export)

    q = bsub.add_parser("import", parents=[common], help="merge a JSON export (idempotent)")
    q.add_argument("file", metavar="FILE", help="a file made by 'bookmarks export --format json'")
    q.set_defaults(func=cmd_bookmarks_import)

    p = sub.add_parser("corrections", parents=[common], help="speaker corrections")
    csub = p.add_subparsers(dest="corrections_command", metavar="ACTION", required=True)

    q = csub.add_parser("list", parents=[common], help="corrections, re-anchored to the corpus")
    q.add_argument("--json", action="store_true", help="machine-readable output")
    q.add_argument("--panel", metavar="PANEL", help="only this panel's corrections")
    q.set_defaults(func=cmd_corrections_list)

    q = csub.add_parser("add", parents=[common], help="say who spoke text[START:END]")
    q.add_argument("panel", metavar="PANEL", help="id, unique id prefix, or source file name")
    q.add_argument("--start", type=int, required=True, metavar="N")
    q.add_argument("--end", type=int, required=True, metavar="N")
    q.add_argument("--speaker", required=True, metavar="NAME")
    q.add_argument("--json", action="store_true", help="print the correction as JSON")
    q.set_defaults(func=cmd_corrections_add)

    q = csub.add_parser("rm", parents=[common], help="delete a correction")
    q.add_argument("id", metavar="ID", type=int)
    q.set_defaults(func=cmd_corrections_rm)


# -- helpers ---------------------------------------------------------------------------------


def _warn(msg: str) -> None:
    print(f"panel-tui: warning: {msg}", file=sys.stderr)


def open_store(args: argparse.Namespace) -> Store:
    """The store, opened now so damage or a newer schema is reported before anything else."""
    from panel_tui.store import Store, StoreError

    store = Store.open(getattr(args, "data_dir", None))
    try:
        store.connect()
    except StoreError as exc:
        raise CliError(str(exc)) from None
    for w in store.warnings:
        _warn(w)
    return store


def _flush_warnings(store: Store, seen: int) -> None:
    for w in store.warnings[seen:]:
        _warn(w)


def _reanchor(args: argparse.Namespace, store: Store) -> None:
    corpus = open_corpus(args)
    seen = len(store.warnings)
    report = store.reanchor(corpus)
    _flush_warnings(store, seen)
    if report.moved or report.restored or report.orphaned:
        what = [
            f"{n} {label}"
            for n, label in (
                (report.moved, "moved"),
                (report.restored, "found again"),
                (report.orphaned, "orphaned"),
            )
            if n
        ]
        saved = "" if report.saved else " (not saved: the store is read-only)"
        _warn(f"transcripts changed since bookmarking: {', '.join(what)}{saved}")


def _panel_filter(args: argparse.Namespace) -> str | None:
    if not getattr(args, "panel", None):
        return None
    return find_panel(open_corpus(args), args.panel).id


def _snippet(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _run(fn: Any) -> Any:
    from panel_tui.store import StoreError

    try:
        return fn()
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _write_output(path: str, text: str) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None


# -- bookmarks -------------------------------------------------------------------------------


def cmd_bookmarks_list(args: argparse.Namespace) -> int:
    from panel_tui.store.export import bookmark_dict

    def row(b: Bookmark) -> tuple[list[str], str | None]:
        cells = [
            str(b.id),
            b.panel_id,
            f"{b.start}–{b.end}",
            b.speaker or "—",
            _snippet(b.quote),
            _snippet(b.note, 30),
            " ".join(f"#{t}" for t in b.tags),
            "orphaned" if b.orphaned else "",
        ]
        return cells, "dim" if b.orphaned else None

    return _list(
        args,
        "bookmarks",
        lambda store: store.bookmarks(_panel_filter(args)),
        bookmark_dict,
        ("id", "panel", "span", "speaker", "quote", "note", "tags", "status"),
        ("quote", "note"),
        row,
    )


def cmd_bookmarks_add(args: argparse.Namespace) -> int:
    from panel_tui.store.export import bookmark_dict

    store = open_store(args)
    panel = _panel_with_span(args)
    panel = _run(lambda: store.with_corrections(panel))
    b = _run(lambda: store.add_bookmark(panel, args.start, args.end, args.note, args.tag))
    if args.json:
        print_json(bookmark_dict(b))
    else:
        print(f"bookmark {b.id}: {b.speaker or '—'}: 「{_snippet(b.quote, 60)}」")
    return 0


def cmd_bookmarks_rm(args: argparse.Namespace) -> int:
    store = open_store(args)
    b = _run(lambda: store.bookmark(args.id))
    if b is None or b.id is None:
        raise CliError(f"no bookmark {args.id!r} (see 'panel-tui bookmarks list')")
    bid = b.id
    _run(lambda: store.remove_bookmark(bid))
    print(f"removed bookmark {b.id}: 「{_snippet(b.quote, 60)}」")
    return 0


def cmd_bookmarks_export(args: argparse.Namespace) -> int:
    from panel_tui.store.export import dumps

    store = open_store(args)
    _reanchor(args, store)
    export = (lambda: dumps(store.export_json())) if args.format == "json" else None
    text = _run(export or store.export_markdown)
    if args.output and args.output != "-":
        _write_output(args.output, text)
        print(f"wrote {len(store.bookmarks())} bookmarks to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_bookmarks_import(args: argparse.Namespace) -> int:
    from panel_tui.store import ImportFormatError

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"{args.file} is not a JSON export: {exc}") from None
    store = open_store(args)
    try:
        r = _run(lambda: store.import_json(data))
    except ImportFormatError as exc:
        raise CliError(f"{args.file}: {exc}; nothing was imported") from None
    print(
        f"bookmarks: {r.added} added, {r.updated} updated, {r.same} already present; "
        f"corrections: {r.corrections_added} added, {r.corrections_updated} updated, "
        f"{r.corrections_same} already present"
    )
    return 0


# -- corrections -----------------------------------------------------------------------------


def cmd_corrections_list(args: argparse.Namespace) -> int:
    from panel_tui.store.export import correction_dict

    def row(c: Correction) -> tuple[list[str], str | None]:
        cells = [
            str(c.id),
            c.panel_id,
            f"{c.start}–{c.end}",
            c.speaker,
            _snippet(c.quote),
            "orphaned" if c.orphaned else "",
        ]
        return cells, None

    return _list(
        args,
        "corrections",
        lambda store: store.corrections(_panel_filter(args)),
        correction_dict,
        ("id", "panel", "span", "speaker", "text", "status"),
        ("text",),
        row,
    )


def cmd_corrections_add(args: argparse.Namespace) -> int:
    from panel_tui.store.export import correction_dict

    store = open_store(args)
    panel = _panel_with_span(args)
    if not args.speaker.strip():
        raise CliError("--speaker must not be empty", EXIT_USAGE)
    c = _run(lambda: store.add_correction(panel, args.start, args.end, args.speaker))
    if args.json:
        print_json(correction_dict(c))
    else:
        print(f"correction {c.id}: {c.speaker}: 「{_snippet(c.quote, 60)}」")
    return 0


def cmd_corrections_rm(args: argparse.Namespace) -> int:
    store = open_store(args)
    c = _run(lambda: store.remove_correction(args.id))
    if c is None:
        raise CliError(f"no correction {args.id} (see 'panel-tui corrections list')")
    print(f"removed correction {c.id}: {c.speaker}: 「{_snippet(c.quote, 60)}」")
    return 0


def _panel_with_span(args: argparse.Namespace) -> Panel:
    """The panel ``args.panel`` names, after checking ``--start``/``--end`` fall inside it."""
    panel = find_panel(open_corpus(args), args.panel)
    n = len(panel.text)
    if not 0 <= args.start < args.end <= n:
        raise CliError(
            f"bad span {args.start}–{args.end}: need 0 ≤ start < end ≤ {n} "
            f"(the length of {panel.id})",
            EXIT_USAGE,
        )
    return panel


def _list(
    args: argparse.Namespace,
    kind: str,
    fetch: Callable[[Store], Sequence[T]],
    to_dict: Callable[[T], dict[str, Any]],
    columns: tuple[str, ...],
    wrapped: tuple[str, ...],
    row: Callable[[T], tuple[list[str], str | None]],
) -> int:
    """``bookmarks list`` and ``corrections list``: re-anchor, then JSON or a table."""
    store = open_store(args)
    _reanchor(args, store)
    items = _run(lambda: fetch(store))
    if args.json:
        print_json(
            {
                "store": str(store.path),
                "warnings": store.warnings,
                kind: [to_dict(i) for i in items],
            }
        )
        return 0
    if not items:
        print(f"no {kind} (store: {store.path})")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for col in columns:
        table.add_column(col, no_wrap=col not in wrapped)
    for item in items:
        cells, style = row(item)
        table.add_row(*cells, style=style)
    Console().print(table, highlight=False, markup=False)
    return 0
