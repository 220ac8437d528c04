"""The CLI: list, show, turns, panel references, JSON shapes, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from panel_tui import __version__
from panel_tui.cli import main, parse_args

from .conftest import CORPUS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_shape(capsys):
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"corpus", "panels", "warnings"}
    assert len(data["panels"]) == 5
    first = data["panels"][0]
    assert set(first) == {
        "id",
        "title",
        "event",
        "part",
        "date",
        "platform",
        "url",
        "source",
        "format",
        "speakers",
        "chars",
    }
    ids = {p["id"] for p in data["panels"]}
    assert {"BV1HM4m1U7bM-p7", "BV1uH4y1w77V-p5", "BV1iT421k7Bv-p50", "yt-Y4jRSIIdmB8"} <= ids
    # UTF-8, not \u escapes
    assert "圆桌讨论" in out and "\\u" not in out


def test_list_human(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "BV1HM4m1U7bM-p7" in out and "yt-Y4jRSIIdmB8" in out


@pytest.mark.parametrize(
    "ref", ["BV1HM4m1U7bM-p7", "BV1HM", "000_35b9b172d560b28f.txt", "000_35b9b172d560b28f", "000"]
)
def test_panel_references(capsys, ref):
    code, out, _ = run(capsys, "turns", ref, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["panel"] == "BV1HM4m1U7bM-p7"
    assert data["source"].endswith("000_35b9b172d560b28f.txt")
    assert data["turns"]
    for t in data["turns"]:
        assert set(t) == {"speaker", "start", "end", "method", "confidence"}
        assert 0 <= t["start"] < t["end"]
        assert 0.0 <= t["confidence"] <= 1.0


def test_unknown_and_ambiguous_references_exit_2_with_closest(capsys):
    code, _out, err = run(capsys, "show", "BV1HM4m1U7bX")
    assert code == 2
    assert "unknown panel" in err and "BV1HM4m1U7bM-p7" in err
    code, _, err = run(capsys, "show", "BV1")
    assert code == 2
    assert "ambiguous" in err and "BV1uH4y1w77V-p5" in err


def test_show_json_and_human(capsys):
    code, out, _ = run(capsys, "show", "web", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["author"] == "华尔街见闻" and data["date"] == "2024-06-15"
    assert {p["name"] for p in data["participants"]} >= {"李开复", "王仲远"}
    assert all(t["method"] == "label" for t in data["turns"])
    assert data["paragraphs"][0]["kind"] == "meta"
    code, out, _ = run(capsys, "show", "yt")
    assert code == 0
    assert "清华 AGI-Next" in out and "youtube.com/watch?v=Y4jRSIIdmB8" in out
    assert "Hello Hello" in out


def test_corpus_option_and_env(tmp_path, capsys, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t.md").write_text("Alice: hi\n\nBob: hello\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    code, out, err = run(capsys, "list", "--json", "--corpus", str(tmp_path))
    assert code == 0
    assert len(json.loads(out)["panels"]) == 1
    assert "bad.txt: binary file" in err
    monkeypatch.setenv("PANEL_TUI_CORPUS", str(tmp_path / "sub"))
    code, out, _ = run(capsys, "list", "--json")
    assert [p["format"] for p in json.loads(out)["panels"]] == ["text"]


def test_options_alone_open_the_app_without_the_full_parser():
    """``panel-tui [--corpus DIR] [--data-dir DIR]`` is read by a quick parser (the app's
    start-up); everything else goes to the full one, with its whole usage and errors."""
    args = parse_args(["--corpus", "c", "--data-dir", "d"])
    assert (args.command, args.corpus, args.data_dir) == (None, "c", "d")
    assert parse_args([]).command is None
    assert parse_args(["list", "--json"]).command == "list"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--corpus"], "argument --corpus: expected one argument"),
        (["lst"], "invalid choice: 'lst'"),
        (["--nope"], "unrecognized arguments: --nope"),
    ],
)
def test_bad_command_lines_get_the_full_parsers_usage_and_error(capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        parse_args(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "COMMAND" in err  # the full usage, not the quick parser's


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        parse_args(["-h"])
    out = capsys.readouterr().out
    assert all(c in out for c in ("list", "show", "turns", "bookmarks", "search"))


def test_version_and_help_via_python_m():
    out = subprocess.run(
        [sys.executable, "-m", "panel_tui", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"panel-tui {__version__}"
    out = subprocess.run(
        [sys.executable, "-m", "panel_tui", "--help"], capture_output=True, text=True, check=True
    )
    for word in ("list", "show", "turns", "--corpus", "--data-dir"):
        assert word in out.stdout


def test_shipped_corpus_is_byte_identical_to_seeds():
    from .conftest import SHARED

    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seeds not present at {seeds}")
    names = sorted(p.name for p in seeds.iterdir())
    assert sorted(p.name for p in CORPUS.iterdir()) == names
    for name in names:
        assert (CORPUS / name).read_bytes() == (seeds / name).read_bytes()
