"""``panel-tui bookmarks`` and ``panel-tui corrections``: the store from the command line."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

from panel_tui import load_corpus
from panel_tui.cli import main

from .conftest import ASR_000, YOUTUBE_003


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys, *argv):
    code, out, err = run(capsys, "bookmarks", "add", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_empty_store_lists_nothing_and_creates_nothing(capsys, tmp_path):
    code, out, _ = run(capsys, "bookmarks", "list", "--data-dir", str(tmp_path / "d"))
    assert code == 0 and "no bookmarks" in out
    code, out, _ = run(capsys, "bookmarks", "list", "--json", "--data-dir", str(tmp_path / "d"))
    assert json.loads(out)["bookmarks"] == []
    assert not (tmp_path / "d").exists()


def test_add_list_rm(capsys):
    b = add(capsys, "000", "--start", "100", "--end", "150", "--note", "开场", "--tag", "intro")
    assert b["id"] == 1 and b["panel_id"] == "BV1HM4m1U7bM-p7" and b["source"] == ASR_000.name
    assert b["quote"] == load_corpus(ASR_000).panels[0].text[100:150]
    assert len(b["prefix"]) == 32 and len(b["suffix"]) == 32 and len(b["text_hash"]) == 64
    assert b["speaker"] and b["note"] == "开场" and b["tags"] == ["intro"]
    add(capsys, "yt", "--start", "500", "--end", "520")

    code, out, _ = run(capsys, "bookmarks", "list")
    assert code == 0 and "开场" in out and "yt-Y4jRSIIdmB8" in out
    code, out, _ = run(capsys, "bookmarks", "list", "--json", "--panel", "yt")
    assert [x["panel_id"] for x in json.loads(out)["bookmarks"]] == ["yt-Y4jRSIIdmB8"]

    code, out, _ = run(capsys, "bookmarks", "rm", "1")
    assert code == 0 and "removed bookmark 1" in out
    code, _, err = run(capsys, "bookmarks", "rm", "1")
    assert code == 1 and "no bookmark" in err
    code, out, _ = run(capsys, "bookmarks", "list", "--json")
    assert [x["id"] for x in json.loads(out)["bookmarks"]] == [2]


def test_add_rejects_bad_spans_and_panels(capsys):
    for start, end in (("-1", "5"), ("10", "10"), ("20", "5"), ("0", "99999999")):
        code, _, err = run(capsys, "bookmarks", "add", "000", "--start", start, "--end", end)
        assert code == 2 and "bad span" in err and err.count("\n") == 1
    code, _, err = run(capsys, "bookmarks", "add", "nope", "--start", "1", "--end", "2")
    assert code == 2 and "unknown panel" in err


def test_corrections_add_list_rm_and_attribution(capsys):
    code, out, err = run(
        capsys, "corrections", "add", "000", "--start", "2000", "--end", "2100",
        "--speaker", "谢剑", "--json",
    )  # fmt: skip
    assert code == 0, err
    c = json.loads(out)
    assert (c["start"], c["end"], c["speaker"]) == (2000, 2100, "谢剑")
    # A bookmark inside the corrected span takes the corrected speaker.
    assert add(capsys, "000", "--start", "2010", "--end", "2030")["speaker"] == "谢剑"
    code, out, _ = run(capsys, "corrections", "list", "--json")
    assert [x["speaker"] for x in json.loads(out)["corrections"]] == ["谢剑"]
    code, out, _ = run(capsys, "corrections", "list")
    assert "谢剑" in out
    code, out, _ = run(capsys, "corrections", "rm", str(c["id"]))
    assert code == 0 and "removed correction" in out
    code, _, err = run(capsys, "corrections", "rm", str(c["id"]))
    assert code == 1 and "no correction" in err
    code, _, err = run(capsys, "corrections", "add", "000", "--start", "1", "--end", "2",
                       "--speaker", " ")  # fmt: skip
    assert code == 2


def test_export_markdown_groups_by_panel_with_citations(capsys, tmp_path):
    add(capsys, "000", "--start", "1000", "--end", "1040", "--note", "技术维度", "--tag", "技术")
    add(capsys, "yt", "--start", "500", "--end", "520")
    code, out, _ = run(capsys, "bookmarks", "export")
    assert code == 0
    assert out.startswith("# Bookmarks\n")
    assert "## 圆桌讨论" in out and "## 清华 AGI-Next" in out
    assert "https://www.bilibili.com/video/BV1HM4m1U7bM?p=7" in out
    assert "> — " in out and "《圆桌讨论》" in out and "Note: 技术维度" in out and "#技术" in out
    target = tmp_path / "out.md"
    code, _, err = run(capsys, "bookmarks", "export", "-o", str(target))
    assert code == 0 and target.read_text(encoding="utf-8") == out and "wrote 2" in err


def test_export_import_round_trip_on_a_fresh_data_dir(capsys, tmp_path):
    add(capsys, "000", "--start", "1000", "--end", "1040", "--note", "一", "--tag", "a")
    add(capsys, "002", "--start", "30000", "--end", "30040", "--note", "二")
    run(capsys, "corrections", "add", "000", "--start", "2000", "--end", "2100",
        "--speaker", "谢剑")  # fmt: skip
    dump = tmp_path / "bookmarks.json"
    code, _, _ = run(capsys, "bookmarks", "export", "--format", "json", "-o", str(dump))
    assert code == 0
    exported = json.loads(dump.read_text(encoding="utf-8"))

    fresh = str(tmp_path / "fresh")
    code, out, _ = run(capsys, "bookmarks", "import", str(dump), "--data-dir", fresh)
    assert code == 0 and "bookmarks: 2 added" in out and "corrections: 1 added" in out
    code, out, _ = run(capsys, "bookmarks", "import", str(dump), "--data-dir", fresh)
    assert code == 0 and "bookmarks: 0 added, 0 updated, 2 already present" in out
    assert "corrections: 0 added, 0 updated, 1 already present" in out

    code, out, _ = run(capsys, "bookmarks", "export", "--format", "json", "--data-dir", fresh)
    again = json.loads(out)
    assert again["bookmarks"] == exported["bookmarks"]
    assert again["corrections"] == exported["corrections"]


def test_import_newer_copy_updates_and_bad_file_imports_nothing(capsys, tmp_path):
    add(capsys, "000", "--start", "1000", "--end", "1040", "--note", "old")
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "json")
    data = json.loads(out)
    data["bookmarks"][0]["note"] = "edited elsewhere"
    data["bookmarks"][0]["updated"] = "2999-01-01T00:00:00.000Z"
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "bookmarks", "import", str(newer))
    assert code == 0 and "0 added, 1 updated" in out
    code, out, _ = run(capsys, "bookmarks", "list", "--json")
    assert json.loads(out)["bookmarks"][0]["note"] == "edited elsewhere"

    data["bookmarks"].append({"uuid": "u-2", "panel_id": "p"})  # no span, no quote
    data["bookmarks"][0]["uuid"] = "u-1"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "bookmarks", "import", str(bad))
    assert code == 1 and "bookmark #2" in err and "nothing was imported" in err
    code, out, _ = run(capsys, "bookmarks", "list", "--json")
    assert len(json.loads(out)["bookmarks"]) == 1
    (tmp_path / "junk.json").write_text("not json")
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "junk.json"))
    assert code == 1 and "not a JSON export" in err
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "missing.json"))
    assert code == 1 and "cannot read" in err


def test_garbage_database_is_reported_in_one_line(capsys, tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    (data / "panel-tui.db").write_bytes(b"\x00garbage" * 500)
    code, out, err = run(capsys, "bookmarks", "list", "--data-dir", str(data))
    assert code == 0 and "no bookmarks" in out
    lines = [ln for ln in err.splitlines() if "damaged" in ln]
    assert len(lines) == 1 and "panel-tui.db.corrupt-" in lines[0]
    assert [p.name[:21] for p in data.iterdir()].count("panel-tui.db.corrupt-") == 1


def test_newer_database_exits_1_with_one_line(capsys, tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    conn = sqlite3.connect(data / "panel-tui.db")
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    before = (data / "panel-tui.db").read_bytes()
    code, _, err = run(capsys, "bookmarks", "list", "--data-dir", str(data))
    assert code == 1 and "newer panel-tui" in err and err.count("\n") == 1
    code, _, err = run(capsys, "bookmarks", "add", "000", "--start", "1", "--end", "9",
                       "--data-dir", str(data))  # fmt: skip
    assert code == 1
    assert (data / "panel-tui.db").read_bytes() == before


def test_unwritable_data_dir_reads_but_refuses_writes(capsys, tmp_path):
    (tmp_path / "file").write_text("x")
    bad = str(tmp_path / "file" / "data")
    code, out, _ = run(capsys, "bookmarks", "list", "--data-dir", bad)
    assert code == 0 and "no bookmarks" in out
    code, _, err = run(capsys, "bookmarks", "add", "000", "--start", "1", "--end", "9",
                       "--data-dir", bad)  # fmt: skip
    assert code == 1 and "cannot create the data dir" in err


def test_list_reports_orphans_after_the_transcript_changed(capsys, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(YOUTUBE_003, corpus)
    b = add(capsys, "yt", "--start", "5000", "--end", "5040", "--corpus", str(corpus))
    f = corpus / YOUTUBE_003.name
    text = f.read_text(encoding="utf-8")
    i = text.index(b["quote"])
    f.write_text(text[:i] + text[i + 40 :], encoding="utf-8")
    code, out, err = run(capsys, "bookmarks", "list", "--corpus", str(corpus))
    assert code == 0 and "orphaned" in out and "1 orphaned" in err
    code, out, _ = run(capsys, "bookmarks", "export", "--corpus", str(corpus))
    assert "Orphaned" in out and b["quote"][:10] in out


CLI_WRITER = r"""
import sys
from panel_tui.cli import main
for i in range(int(sys.argv[2])):
    assert main(["bookmarks", "add", "000", "--start", str(int(sys.argv[1]) + i),
                 "--end", str(int(sys.argv[1]) + i + 10)]) == 0
"""


def test_two_cli_processes_adding_at_once(tmp_path):
    env = {**os.environ, "PANEL_TUI_DATA_DIR": str(tmp_path / "d")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLI_WRITER, str(base), "6"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for base in (1000, 5000)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)  # a deadlock fails here, not a slow machine
        assert p.returncode == 0, err
    out = subprocess.run(
        [sys.executable, "-m", "panel_tui", "bookmarks", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    starts = sorted(b["start"] for b in json.loads(out)["bookmarks"])
    assert starts == [*range(1000, 1006), *range(5000, 5006)]
