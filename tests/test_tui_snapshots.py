"""Screen snapshots at 100×30 and 80×24 (``pytest --snapshot-update`` rebuilds the baseline).

A tiny corpus written here, not the shipped one, so a change in speaker attribution of the
shipped transcripts does not churn these pictures; it still has a labelled and an inferred
stretch, to show both looks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from panel_tui.tui.app import PanelApp

MINI = """圆桌对话：大模型的下一步

主持人 王五：欢迎各位嘉宾。我们今天聊聊大模型的下一步，先请张三老师谈谈。

张三：谢谢主持人。我觉得 scaling law 仍然有效，但数据会成为瓶颈。我们需要更好的合成数据，\
也需要更高效的训练方法。

李四：我同意一部分。应用层面的机会更大，尤其是 Agent 方向，今年会看到很多落地。

王五：那开源和闭源之间的差距会缩小吗？

张三：会的，差距在缩小。开源社区的迭代速度非常快。
"""


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    (tmp_path / "panel.txt").write_text(MINI, encoding="utf-8")
    return tmp_path


async def settle(pilot: Pilot) -> None:
    """Workers done, then a moment for the footer to show the focused pane's keys."""
    for _ in range(3):  # workers start workers (warm-up → row update)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause(0.1)


async def open_first(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_start_screen(snap_compare, mini_corpus: Path, size: tuple[int, int]):
    assert snap_compare(PanelApp(corpus_path=mini_corpus), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_open_panel(snap_compare, mini_corpus: Path, size: tuple[int, int]):
    app = PanelApp(corpus_path=mini_corpus)
    assert snap_compare(app, terminal_size=size, run_before=open_first)


def test_help_screen(snap_compare, mini_corpus: Path):
    app = PanelApp(corpus_path=mini_corpus)
    assert snap_compare(app, terminal_size=(100, 30), press=["question_mark"], run_before=settle)
