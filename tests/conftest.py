"""Shared fixtures. Every test gets its own data and cache dirs so none touches a real home."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
BAAI24 = SHARED / "corpora" / "baai24"
EVAL = SHARED / "eval"

ASR_000 = CORPUS / "000_35b9b172d560b28f.txt"
ASR_001 = CORPUS / "001_2f339ea5d00f0181.txt"
ASR_002 = CORPUS / "002_a6bf8563363a4c2b.txt"
YOUTUBE_003 = CORPUS / "003_c9c55d6e56e0590a.txt"
ARTICLE_004 = CORPUS / "004_931a35d290fef561.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("PANEL_TUI_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("PANEL_TUI_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("PANEL_TUI_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("PANEL_TUI_CORPUS", raising=False)
    yield


@pytest.fixture(scope="session")
def corpus():
    from panel_tui import load_corpus

    return load_corpus(CORPUS)
