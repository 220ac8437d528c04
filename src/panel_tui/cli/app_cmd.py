"""The default command: open the terminal app."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from panel_tui.tui.app import PanelApp

    PanelApp(corpus_path=args.corpus, data_dir=args.data_dir).run()
    return 0
