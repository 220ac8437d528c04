"""The user store: lazy creation, schema and migrations, damaged and newer files, read-only
data dirs, bookmarks/corrections/positions/queries, re-anchoring after transcripts change."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from panel_tui import load_corpus
from panel_tui.store import NewerSchemaError, Store, StoreReadOnly, db
from panel_tui.store.bookmarks import Bookmark

from .conftest import ARTICLE_004, ASR_000


def fake_bookmark(i: int = 0, **kw) -> Bookmark:
    base = Bookmark(
        panel_id="p1",
        source="p1.txt",
        start=i,
        end=i + 5,
        quote=f"quote {i}",
        prefix="",
        suffix="",
        text_hash="h",
        note=kw.pop("note", ""),
    )
    return replace(base, **kw)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def moved_aside(folder: Path) -> list[Path]:
    """Damaged databases moved aside (not the -wal/-shm SQLite keeps next to them)."""
    return [
        p for p in folder.glob("panel-tui.db.corrupt-*") if not p.name.endswith(("-wal", "-shm"))
    ]


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def mini_corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copy(ASR_000, root)
    shutil.copy(ARTICLE_004, root)
    return root


# -- where and when ----------------------------------------------------------------------------


def test_nothing_is_created_until_the_first_write(tmp_path):
    data = tmp_path / "data"
    s = Store.open(data).connect()
    assert s.bookmarks() == [] and s.recent_queries() == [] and s.get_position("x") is None
    assert not data.exists()
    s.add_query("scaling law")
    assert (data / "panel-tui.db").is_file()
    s.close()


def test_env_var_and_explicit_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PANEL_TUI_DATA_DIR", str(tmp_path / "env"))
    assert Store.open().path == tmp_path / "env" / "panel-tui.db"
    assert Store.open(tmp_path / "flag").path == tmp_path / "flag" / "panel-tui.db"


def test_pragmas_wal_and_schema_version(store):
    store.add_query("q")
    conn = store.db.connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.schema_version()


def test_forward_migration_keeps_data(tmp_path, monkeypatch):
    s = Store.open(tmp_path)
    b = s.save_bookmark(fake_bookmark(1, note="keep me"))
    s.close()
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, "ALTER TABLE bookmarks ADD color TEXT"])
    s = Store.open(tmp_path).connect()
    conn = s.db.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "color" in [r[1] for r in conn.execute("PRAGMA table_info(bookmarks)")]
    assert s.bookmark(b.id).note == "keep me"
    s.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "panel-tui.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before, mtime = sha(path), path.stat().st_mtime_ns
    s = Store.open(tmp_path)
    with pytest.raises(NewerSchemaError, match="newer panel-tui"):
        s.connect()
    with pytest.raises(NewerSchemaError):
        s.add_query("x")
    assert sha(path) == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["panel-tui.db"]


# -- damaged files -----------------------------------------------------------------------------


def test_garbage_file_is_moved_aside_and_a_fresh_store_started(tmp_path):
    path = tmp_path / "panel-tui.db"
    garbage = os.urandom(3000)
    path.write_bytes(garbage)
    s = Store.open(tmp_path).connect()
    aside = moved_aside(tmp_path)
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert str(aside[0]) in s.warning and "\n" not in s.warning
    b = s.save_bookmark(fake_bookmark())
    assert s.bookmarks() == [b] and s.integrity() == "ok"
    s.close()


def test_text_file_in_place_of_the_database(tmp_path):
    (tmp_path / "panel-tui.db").write_text("这不是数据库\n" * 100, encoding="utf-8")
    s = Store.open(tmp_path)
    s.add_query("q")  # the first write finds the damage, moves it, and succeeds
    assert s.recent_queries() == ["q"]
    assert len(moved_aside(tmp_path)) == 1
    s.close()


def test_database_with_damaged_pages_is_moved_aside(tmp_path):
    s = Store.open(tmp_path)
    saved = [s.save_bookmark(fake_bookmark(i, note="x" * 200)) for i in range(300)]
    s.close()
    path = tmp_path / "panel-tui.db"
    raw = bytearray(path.read_bytes())
    assert len(raw) > 8 * 4096
    raw[4096 * 3 : 4096 * 6] = os.urandom(4096 * 3)  # smash pages 4-6, keep the header
    path.write_bytes(bytes(raw))
    s = Store.open(tmp_path).connect()
    assert s.warning and "moved it to" in s.warning
    # What could still be read was copied over, unchanged; the fresh file is sound.
    rescued = s.bookmarks()
    assert rescued and set(rescued) <= set(saved) and f"rescuing {len(rescued)}" in s.warning
    assert s.integrity() == "ok"
    assert len(moved_aside(tmp_path)) == 1
    s.close()


# -- read-only and unusable data dirs ----------------------------------------------------------


def test_data_dir_under_a_regular_file_degrades_to_reading(tmp_path):
    # Tests may run as root, where chmod does not stop writes; a path under a regular file
    # cannot be created by anyone.
    (tmp_path / "file").write_text("not a dir")
    s = Store.open(tmp_path / "file" / "data")
    assert s.bookmarks() == [] and s.corrections_for("x") == ()
    with pytest.raises(StoreReadOnly, match="cannot create the data dir"):
        s.save_bookmark(fake_bookmark())
    assert s.read_only and "\n" not in s.warning
    assert s.bookmarks() == []  # reading still works


def test_database_path_is_a_directory(tmp_path):
    (tmp_path / "panel-tui.db").mkdir()
    s = Store.open(tmp_path)
    assert s.bookmarks() == []
    with pytest.raises(StoreReadOnly):
        s.add_query("x")
    assert (tmp_path / "panel-tui.db").is_dir()


def _make_read_only(path: Path) -> str:
    """Make ``path`` really unwritable for this process. chmod does not bind root, so as root
    the directory is made immutable (``chattr +i``, ext4/xfs/btrfs), which binds root too."""
    if os.geteuid() != 0:
        os.chmod(path, 0o555)
        return "chmod"
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: no honest way to make a dir read-only")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i not supported here: {done.stderr.strip()}")
    return "chattr"


def _undo_read_only(path: Path, how: str) -> None:
    if how == "chattr":
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        os.chmod(path, 0o755)


def test_read_only_data_dir_keeps_reading(tmp_path):
    data = tmp_path / "data"
    s = Store.open(data)
    s.save_bookmark(fake_bookmark(note="saved before"))
    s.close()
    before = sha(data / "panel-tui.db")
    how = _make_read_only(data)
    try:
        with pytest.raises(OSError):  # the directory really refuses writes
            (data / "probe").write_text("x")
        s = Store.open(data).connect()
        assert s.read_only and "not writable" in s.warning and "\n" not in s.warning
        assert [b.note for b in s.bookmarks()] == ["saved before"]
        with pytest.raises(StoreReadOnly, match="not writable"):
            s.add_query("nope")
        assert [b.note for b in s.bookmarks()] == ["saved before"]
        s.close()
        assert sha(data / "panel-tui.db") == before
    finally:
        _undo_read_only(data, how)


def test_read_only_missing_store_reads_empty(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    how = _make_read_only(data)
    try:
        s = Store.open(data)
        assert s.bookmarks() == [] and s.recent_queries() == []
        with pytest.raises(StoreReadOnly, match="not writable"):
            s.save_bookmark(fake_bookmark())
        assert list(data.iterdir()) == []
    finally:
        _undo_read_only(data, how)


# -- records -----------------------------------------------------------------------------------


def test_bookmark_from_a_panel(store):
    panel = load_corpus(ASR_000).panels[0]
    b = store.add_bookmark(panel, 1000, 1040, note="颜水成谈技术", tags=["技术", "#技术", "x"])
    assert b.id == 1 and len(b.uuid) == 36
    assert b.quote == panel.text[1000:1040]
    assert b.prefix == panel.text[968:1000] and b.suffix == panel.text[1040:1072]
    assert b.source == ASR_000.name and b.panel_id == panel.id
    assert b.text_hash == hashlib.sha256(panel.text.encode()).hexdigest()
    assert b.speaker == next(t.speaker for t in panel.turns if t.start <= 1000 < t.end)
    assert b.tags == ("技术", "x") and b.citation.title == panel.title
    assert b.created and b.updated == b.created
    assert store.bookmark(b.uuid[:8]) == b
    with pytest.raises(ValueError):
        store.add_bookmark(panel, 10, 10)
    b2 = store.update_bookmark(b.id, note="新的笔记", tags=["y"])
    assert (b2.note, b2.tags) == ("新的笔记", ("y",)) and b2.updated >= b.updated
    assert store.remove_bookmark(b.id) == b2 and store.bookmarks() == []


def test_corrections_win_in_attribution(store):
    panel = load_corpus(ASR_000).panels[0]
    c = store.add_correction(panel, 2000, 2100, "谢剑")
    assert store.corrections_for(panel.id) == ((2000, 2100, "谢剑"),)
    fixed = store.with_corrections(panel)
    assert any(t.speaker == "谢剑" and t.method == "correction" for t in fixed.turns)
    assert store.remove_correction(c.id) == c
    assert store.corrections_for(panel.id) == ()


def test_positions_and_recent_queries(store):
    assert store.get_position("p") is None
    store.set_position("p", 120)
    store.set_position("p", 450)
    assert store.get_position("p") == 450
    for q in ["scaling", "开源", "  scaling ", "", "agent"]:
        store.add_query(q)
    assert store.recent_queries() == ["agent", "scaling", "开源"]
    assert store.recent_queries(limit=1) == ["agent"]


def test_threads_share_one_store(store):
    import threading

    def work(k: int) -> None:
        for i in range(20):
            store.save_bookmark(fake_bookmark(k * 100 + i))
            store.bookmarks()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.bookmarks()) == 80


# -- re-anchoring against a changed corpus -----------------------------------------------------


def test_reanchor_follows_edits_and_keeps_orphans(store, mini_corpus):
    f = mini_corpus / ASR_000.name
    panel = load_corpus(mini_corpus).get(ASR_000.name)
    text = panel.text
    keep = store.add_bookmark(panel, 5000, 5040, note="插入之后")
    fuzzy = store.add_bookmark(panel, 8000, 8050, note="轻改")
    gone = store.add_bookmark(panel, 12000, 12040, note="被删")
    fix = store.add_correction(panel, 15000, 15100, "黄文灏")
    assert store.reanchor(load_corpus(mini_corpus)).moved == 0

    ins = "【编者按：这里插入了一段说明文字。】\n\n"
    new = (
        text[:100]
        + ins
        + text[100:8020]
        + "改"
        + text[8021:12000]
        + text[12040:]  # the third quote deleted
    )
    f.write_text(new, encoding="utf-8")
    corpus = load_corpus(mini_corpus)
    new_panel = corpus.get(ASR_000.name)
    report = store.reanchor(corpus)
    assert (report.moved, report.orphaned) == (3, 1)

    k = store.bookmark(keep.id)
    assert (k.start, k.end, k.quote) == (5000 + len(ins), 5040 + len(ins), keep.quote)
    assert k.text_hash == hashlib.sha256(new_panel.text.encode()).hexdigest()
    z = store.bookmark(fuzzy.id)
    assert not z.orphaned and "改" in z.quote and abs(z.start - (8000 + len(ins))) <= 1
    g = store.bookmark(gone.id)
    assert g.orphaned and g.quote == gone.quote and g.note == "被删"
    assert [b.id for b in store.orphaned_bookmarks()] == [gone.id]
    c = store.corrections(panel.id)[0]
    assert (c.start, c.end, c.speaker) == (15000 + len(ins) - 40, 15100 + len(ins) - 40, "黄文灏")
    assert new_panel.text[c.start : c.end] == fix.quote

    # A second pass changes nothing; restoring the text brings the orphan back.
    assert store.reanchor(corpus).moved == 0
    f.write_text(text, encoding="utf-8")
    report = store.reanchor(load_corpus(mini_corpus))
    assert report.restored == 1 and not store.bookmark(gone.id).orphaned
    assert store.bookmark(keep.id).start == 5000


def test_reanchor_finds_a_panel_whose_id_changed(store, mini_corpus):
    # Article ids are content hashes: editing the file changes the id; the file name stays.
    f = mini_corpus / ARTICLE_004.name
    panel = load_corpus(mini_corpus).get(ARTICLE_004.name)
    b = store.add_bookmark(panel, 3000, 3060)
    f.write_text(panel.text.replace("\n\n", "\n\n增补。", 1), encoding="utf-8")
    corpus = load_corpus(mini_corpus)
    new_panel = corpus.get(ARTICLE_004.name)
    assert new_panel.id != panel.id
    store.reanchor(corpus)
    moved = store.bookmark(b.id)
    assert moved.panel_id == new_panel.id and moved.quote == b.quote
    assert new_panel.text[moved.start : moved.end] == b.quote


def test_reanchor_leaves_items_of_absent_panels_alone(store, mini_corpus, tmp_path):
    panel = load_corpus(mini_corpus).get(ASR_000.name)
    b = store.add_bookmark(panel, 100, 140)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(ARTICLE_004, other)
    assert store.reanchor(load_corpus(other)).missing == 1
    assert store.bookmark(b.id) == b
