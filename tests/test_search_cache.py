"""The on-disk index cache: reused when sources are unchanged, rebuilt when damaged or stale."""

from __future__ import annotations

import json
import shutil

import pytest

from panel_tui import load_corpus
from panel_tui.cli import main
from panel_tui.search import SearchEngine
from panel_tui.search.cache import search_cache_dir

from .conftest import ARTICLE_004, YOUTUBE_003


@pytest.fixture
def small(tmp_path):
    """A two-file corpus we may edit."""
    root = tmp_path / "corpus"
    root.mkdir()
    for f in (YOUTUBE_003, ARTICLE_004):
        shutil.copy(f, root / f.name)
    return root


def _hits(engine, query="杨植麟 | 俊阳"):
    return [(h.panel_id, h.start, h.end, h.tier) for h in engine.search(query, limit=100).hits]


def test_second_load_reads_the_cache(small):
    first = SearchEngine(load_corpus(small).panels)
    first.build()
    assert first.from_cache == 0
    assert len(list((search_cache_dir() / "seg").glob("*.bin"))) == 2
    again = SearchEngine(load_corpus(small).panels)
    again.build()
    assert again.from_cache == 2
    assert _hits(again) == _hits(first)


def test_damaged_segment_is_rebuilt(small):
    first = SearchEngine(load_corpus(small).panels)
    first.build()
    seg = sorted((search_cache_dir() / "seg").glob("*.bin"))[0]
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0xFF
    seg.write_bytes(bytes(data))
    again = SearchEngine(load_corpus(small).panels)
    again.build()
    assert again.from_cache == 1
    assert _hits(again) == _hits(first)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_damaged_gram_table_is_rebuilt(small, damage):
    first = SearchEngine(load_corpus(small).panels)
    first.build()
    (grams,) = search_cache_dir().glob("grams-*.bin")
    data = grams.read_bytes()
    grams.write_bytes(
        {"truncate": data[: len(data) // 3], "garbage": b"x" * 200, "empty": b""}[damage]
    )
    again = SearchEngine(load_corpus(small).panels)
    again.build()
    assert _hits(again) == _hits(first)


def test_changed_file_is_reindexed(small):
    first = SearchEngine(load_corpus(small).panels)
    first.build()
    assert not first.search("独一无二的测试短语").hits
    article = small / ARTICLE_004.name
    article.write_text(
        article.read_text(encoding="utf-8") + "\n\n杨植麟:独一无二的测试短语。\n", encoding="utf-8"
    )
    again = SearchEngine(load_corpus(small).panels)
    again.build()
    assert again.from_cache == 1  # the unchanged file
    assert [h.speaker for h in again.search("独一无二的测试短语").hits] == ["杨植麟"]


def test_background_build_and_partial_results(small):
    engine = SearchEngine(load_corpus(small).panels)
    assert engine.search("杨植麟", wait=False).indexed == 0  # nothing built yet: no waiting
    engine.start()
    assert engine.wait(60)
    assert engine.error is None and engine.indexed == engine.total == 2
    assert engine.search("杨植麟").hits


def test_cli_search_json(small, capsys):
    assert main(["search", "杨植麟", "--corpus", str(small), "--json", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    hit = json.loads(lines[0])
    assert {"panel", "start", "end", "speaker", "tier", "score", "snippet", "marks"} <= set(hit)
    text = load_corpus(small).get(hit["panel"]).text
    assert text[hit["start"] : hit["end"]] == "杨植麟"


def test_cli_search_human_and_filters(small, capsys):
    args = ["search", "数据", "--corpus", str(small), "--speaker", "小川", "--context", "5"]
    assert main([*args, "--panel", ARTICLE_004.stem]) == 0
    out = capsys.readouterr().out
    assert "王小川" in out and "exact" in out
    assert main(["search", "zzzqqq无此词", "--corpus", str(small)]) == 1
