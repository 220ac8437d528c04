"""Real processes against one store: concurrent writers, and a writer killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from panel_tui.store import Store

WRITER = r"""
import os, sys, time
from panel_tui.store import Store
from panel_tui.store.bookmarks import Bookmark
data, tag, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
while not os.path.exists(go):
    time.sleep(0.005)
store = Store.open(data)
for i in range(n):
    store.save_bookmark(Bookmark(
        panel_id=f"panel-{tag}", source="x.txt", start=i, end=i + 1, quote=f"{tag}-{i}",
        prefix="", suffix="", text_hash="h", note=f"writer {tag} item {i}"))
    store.add_query(f"{tag} query {i % 7}")
    store.set_position("shared", i)
store.close()
print("done", tag)
"""

KILLED = r"""
import sys
from panel_tui.store import Store
from panel_tui.store import bookmarks as bm
from panel_tui.store.bookmarks import Bookmark
store = Store.open(sys.argv[1])
note = "长" * 20000  # big rows: the kill is likely to land inside a write
i = 0
while True:
    def batch(conn, i=i):
        ids = []
        for k in range(3):  # three bookmarks per transaction: all or none
            b = Bookmark(panel_id="p", source="x.txt", start=i, end=i + 1, quote=f"q{i}-{k}",
                         prefix="", suffix="", text_hash="h", note=note)
            ids.append(bm.insert(conn, b).id)
        return ids
    ids = store.db.write(batch)
    print(*ids, flush=True)  # reported only after COMMIT returned
    i += 1
"""


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_writers_lose_nothing(tmp_path):
    data, go = tmp_path / "data", tmp_path / "go"
    k, n = 4, 40
    procs = [spawn(WRITER, str(data), f"w{j}", str(n), str(go)) for j in range(k)]
    time.sleep(0.3)  # let every child import and wait at the start line
    go.write_text("go")
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    store = Store.open(data)
    books = store.bookmarks()
    assert len(books) == k * n
    assert len({b.uuid for b in books}) == k * n
    assert {b.quote for b in books} == {f"w{j}-{i}" for j in range(k) for i in range(n)}
    assert len(store.recent_queries(limit=100)) == k * 7
    assert store.get_position("shared") == n - 1
    assert store.integrity() == "ok"
    store.close()


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
def test_sigkill_mid_write_loses_nothing_committed(tmp_path, delay):
    data = tmp_path / "data"
    child = spawn(KILLED, str(data))
    reported: list[int] = []
    assert child.stdout is not None
    deadline = time.monotonic() + 60
    while len(reported) < 15 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        reported += [int(x) for x in line.split()]
    assert len(reported) >= 15, child.stderr.read() if child.stderr else ""
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    reported += [int(x) for x in rest.split()]
    assert child.returncode == -signal.SIGKILL

    path = Path(data) / "panel-tui.db"
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    store = Store.open(data).connect()
    assert store.warnings == []  # not mistaken for a damaged file
    ids = {b.id for b in store.bookmarks()}
    assert set(reported) <= ids
    assert len(ids) % 3 == 0  # no transaction half-applied
    store.add_query("after the kill")  # and the store takes writes again
    assert store.recent_queries() == ["after the kill"]
    store.close()


def test_processes_racing_to_recover_a_damaged_file_move_it_once(tmp_path):
    data, go = tmp_path / "data", tmp_path / "go"
    data.mkdir()
    garbage = b"not sqlite at all " * 400
    (data / "panel-tui.db").write_bytes(garbage)
    k, n = 3, 10
    procs = [spawn(WRITER, str(data), f"r{j}", str(n), str(go)) for j in range(k)]
    time.sleep(0.3)
    go.write_text("go")
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    aside = [
        p for p in data.glob("panel-tui.db.corrupt-*") if not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    store = Store.open(data)
    assert len(store.bookmarks()) == k * n and store.integrity() == "ok"
    store.close()


def test_a_store_moved_aside_while_opening_is_reopened_fresh(tmp_path):
    """Another process may move a damaged file aside between our look and our open: we wait
    for its recovery and open the fresh store, never fall back to read-only."""
    from panel_tui.store.db import Database

    data = tmp_path / "data"
    data.mkdir()
    db = Database(data / "panel-tui.db")
    conn = db._open_existing()  # the file we saw is gone (moved aside by the recoverer)
    assert not db.read_only and db.warning is None
    conn.execute("CREATE TABLE t (x)")
    assert (data / "panel-tui.db").exists()
    conn.close()
