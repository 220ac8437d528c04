"""The on-disk attribution cache: same results as computing, invalidated by any change to the
text, the corrections or the attribution/ingest code, and never trusted when damaged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from panel_tui import attribution_cache
from panel_tui.ingest import open_document
from panel_tui.model import Panel, Turn

from .conftest import ARTICLE_004, ASR_000, ROOT


@pytest.fixture(autouse=True)
def _cache_off():
    """Off unless a test turns it on (an app started by another test turns it on for good)."""
    attribution_cache.enable(False)
    yield
    attribution_cache.enable(False)


@pytest.fixture
def cache_on():
    attribution_cache.enable()


def fresh(path: Path, corrections: tuple[tuple[int, int, str], ...] = ()) -> Panel:
    return Panel(open_document(path), corrections=corrections)  # as the corpus reads it


def entries() -> list[Path]:
    root = attribution_cache.cache_dir() / "attribution"
    return sorted(root.rglob("*.json")) if root.is_dir() else []


def computed(path: Path, corrections=()) -> tuple[tuple, tuple]:
    attribution_cache.enable(False)
    try:
        p = fresh(path, corrections)
        return p.participants, p.turns
    finally:
        attribution_cache.enable()


def test_off_by_default_writes_nothing():
    code = "from panel_tui import attribution_cache as a; assert not a.is_enabled()"
    subprocess.run([sys.executable, "-c", code], check=True)
    p = fresh(ASR_000)
    assert p.turns
    assert entries() == []


@pytest.mark.usefixtures("cache_on")
@pytest.mark.parametrize("path", [ASR_000, ARTICLE_004])
def test_a_later_panel_reads_back_exactly_what_was_computed(path: Path):
    first = fresh(path)
    want = (first.participants, first.turns)
    assert len(entries()) == 1
    again = fresh(path)
    stored = again._stored_attribution
    assert stored is not None  # read from disk, not recomputed
    assert (again.participants, again.turns) == want == computed(path)
    assert [type(t.confidence) for t in again.turns] == [type(t.confidence) for t in want[1]]


@pytest.mark.usefixtures("cache_on")
def test_the_switch_in_the_environment_keeps_it_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(attribution_cache.ENV_SWITCH, "0")
    assert fresh(ASR_000).turns
    assert entries() == []


@pytest.mark.usefixtures("cache_on")
def test_corrections_and_text_are_part_of_the_key(tmp_path: Path):
    plain = fresh(ASR_000)
    turn = plain.turns[3]
    fix = ((turn.start, turn.end, "某人"),)
    corrected = fresh(ASR_000, fix)
    assert corrected._stored_attribution is None  # another key: computed
    assert any(t.speaker == "某人" for t in corrected.turns)
    assert len(entries()) == 2
    assert fresh(ASR_000, fix).turns == corrected.turns
    assert fresh(ASR_000).turns == plain.turns

    edited = tmp_path / ASR_000.name
    edited.write_text(ASR_000.read_text(encoding="utf-8") + "\n谢谢大家。\n", encoding="utf-8")
    other = fresh(edited)
    assert other._stored_attribution is None
    assert other.turns


@pytest.mark.usefixtures("cache_on")
def test_a_change_to_the_attribution_code_invalidates_every_entry(tmp_path: Path):
    src = ROOT / "src" / "panel_tui"
    copy = tmp_path / "panel_tui"
    for sub in (*attribution_cache.CODE_DIRS,):
        shutil.copytree(src / sub, copy / sub, ignore=shutil.ignore_patterns("__pycache__"))
    for name in attribution_cache.CODE_FILES:
        shutil.copy(src / name, copy / name)
    before = attribution_cache.hash_code(copy)
    assert before == attribution_cache.hash_code(copy)  # stable
    assert before == attribution_cache.code_version()  # the same source, the same version
    segment = copy / "speakers" / "segment.py"
    segment.write_text(segment.read_text(encoding="utf-8") + "\n# tuned\n", encoding="utf-8")
    assert attribution_cache.hash_code(copy) != before
    reader = copy / "ingest" / "bilibili.py"
    changed = attribution_cache.hash_code(copy)
    reader.write_text(reader.read_text(encoding="utf-8") + "\n# tuned\n", encoding="utf-8")
    assert attribution_cache.hash_code(copy) not in (before, changed)
    (copy / "speakers" / "new_rule.py").write_text("X = 1\n", encoding="utf-8")
    assert attribution_cache.hash_code(copy) not in (before, changed)


@pytest.mark.usefixtures("cache_on")
def test_entries_of_another_code_version_are_not_read(monkeypatch: pytest.MonkeyPatch):
    want = fresh(ASR_000).turns
    assert fresh(ASR_000)._stored_attribution is not None
    monkeypatch.setattr(attribution_cache, "code_version", lambda: "f" * 64)
    p = fresh(ASR_000)
    assert p._stored_attribution is None
    assert p.turns == want
    assert {e.parent.name for e in entries()} >= {"f" * 32}


@pytest.mark.usefixtures("cache_on")
@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"\x00\xff" * 40,  # not JSON
        lambda raw: b"[]",  # another shape
        lambda raw: raw.replace(b'"format":1', b'"format":99'),  # another layout
        lambda raw: _edit(raw, lambda d: d["turns"][0].__setitem__(2, 10**9)),  # past the text
        lambda raw: _edit(raw, lambda d: d["turns"][0].__setitem__(1, "0")),  # not an offset
        lambda raw: _edit(raw, lambda d: d["turns"][0].pop()),  # a field missing
        lambda raw: _edit(raw, lambda d: d["participants"][0].__setitem__(2, 5)),  # aliases
        lambda raw: _edit(raw, lambda d: d.__setitem__("key", "0" * 64)),  # another entry
        lambda raw: b"",
    ],
)
def test_a_damaged_entry_is_recomputed_never_trusted(damage):
    want = fresh(ASR_000)
    assert want.turns  # computed and stored
    (entry,) = entries()
    entry.write_bytes(damage(entry.read_bytes()))
    p = fresh(ASR_000)
    assert p._stored_attribution is None
    assert (p.participants, p.turns) == (want.participants, want.turns)
    assert fresh(ASR_000)._stored_attribution is not None  # rewritten on the way


@pytest.mark.usefixtures("cache_on")
def test_an_unreadable_or_unwritable_cache_dir_only_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("PANEL_TUI_CACHE_DIR", str(blocker))
    p = fresh(ASR_000)
    assert p.turns == computed(ASR_000)[1]
    assert fresh(ASR_000)._stored_attribution is None


@pytest.mark.usefixtures("cache_on")
def test_old_code_versions_are_pruned(monkeypatch: pytest.MonkeyPatch):
    for n in range(attribution_cache.KEEP_VERSIONS + 2):
        monkeypatch.setattr(attribution_cache, "code_version", lambda n=n: f"{n}" * 64)
        fresh(ASR_000).turns  # noqa: B018
    versions = {e.parent.name for e in entries()}
    assert len(versions) == attribution_cache.KEEP_VERSIONS
    assert "0" * 32 not in versions


def test_a_turn_json_cannot_hold_is_not_stored(cache_on, monkeypatch: pytest.MonkeyPatch):
    """If the model ever grows a field JSON cannot round-trip, the cache steps aside."""
    p = fresh(ASR_000)
    odd = (Turn("甲", 0, 1, "cue", 0.5), Turn("乙", 1, 2, "cue", float("nan")))  # nan != nan
    attribution_cache.save(p, p.participants, odd)
    assert entries() == []


def _edit(raw: bytes, change) -> bytes:
    data = json.loads(raw)
    change(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
