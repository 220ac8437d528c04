"""The shipped corpus is the default from an installed wheel too, not only from a checkout."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_carries_the_corpus_and_uses_it_by_default(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("panel_tui-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert sum(n.startswith("panel_tui/_corpus/") for n in names) == 5
        zf.extractall(tmp_path / "site")
    code = (
        "import json, panel_tui\n"
        "c = panel_tui.load_corpus()\n"
        "print(json.dumps([panel_tui.__file__, str(c.root), len(c.panels)]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
    )
    module, root, count = json.loads(out.stdout)
    assert module.startswith(str(tmp_path / "site"))
    assert root.startswith(str(tmp_path / "site")) and root.endswith("_corpus")
    assert count == 5
