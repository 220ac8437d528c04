"""The transcript's line layout: cell-width wrapping and the row ↔ source-offset mapping."""

from __future__ import annotations

from itertools import pairwise

import pytest
from rich.cells import cell_len

from panel_tui.ingest.noise import visible_text
from panel_tui.reading import block_spans, reading_blocks
from panel_tui.tui.document import open_document
from panel_tui.tui.layout_lines import (
    FOLD_LINE,
    GUTTER,
    SPEAKER_LINE,
    build_layout,
    wrap,
)


def test_wrap_counts_cells_not_characters():
    text = "中文测试文字再来一次"  # 10 characters, 20 cells
    lines = [text[i:j] for i, j in wrap(text, 8)]
    assert lines == ["中文测试", "文字再来", "一次"]
    assert all(cell_len(s) <= 8 for s in lines)


def test_wrap_keeps_latin_words_and_punctuation_together():
    text = "hello world this is a test，中文测试文字。再来"
    lines = [text[i:j] for i, j in wrap(text, 10)]
    assert all(cell_len(s) <= 10 for s in lines)
    assert "test，中文" in lines  # "t，" did not split "test"
    assert not any(s.startswith(("，", "。")) for s in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_hard_breaks_and_overlong_words():
    assert wrap("a\n\nb", 10) == [(0, 1), (2, 2), (3, 4)]
    text = "x" * 25
    assert [j - i for i, j in wrap(text, 10)] == [10, 10, 5]


def test_block_spans_rebuild_the_block_text(corpus):
    for panel in corpus:
        for block in reading_blocks(panel):
            spans = block_spans(panel, block)
            assert "".join(panel.text[s.start : s.end] for s in spans) == block.text


@pytest.mark.parametrize("width", [30, 77, 200])
def test_every_line_maps_to_its_source(corpus, width):
    """Each row's (start, end) shows exactly its text once hidden noise is dropped."""
    for panel in corpus:
        doc = open_document(panel)
        layout = build_layout(doc.blocks, doc.spans, width)
        text, hidden = panel.text, panel.doc.hidden
        per_block: dict[int, list[str]] = {}
        for row, line in enumerate(layout.lines):
            if line.end > line.start:
                shown = visible_text(text, line.start, line.end, hidden)
                assert shown == line.text, (panel.id, row, line)
                assert cell_len(line.text) <= width - GUTTER - 1
                assert layout.line_for_offset(line.start) == row
                per_block.setdefault(line.block, []).append(line.text)
        for bi, block in enumerate(doc.blocks):  # nothing dropped but spaces at soft breaks
            joined = "".join(per_block.get(bi, []))
            assert joined.replace(" ", "") == block.text.replace(" ", ""), (panel.id, bi)


def test_rows_are_in_source_order(corpus):
    doc = open_document(corpus.panels[0])
    layout = build_layout(doc.blocks, doc.spans, 60)
    starts = [ln.start for ln in layout.lines if ln.end > ln.start]
    assert starts == sorted(starts)


def test_speaker_heading_only_when_the_speaker_changes(corpus):
    article = next(p for p in corpus if p.meta.platform == "web")
    doc = open_document(article)
    layout = build_layout(doc.blocks, doc.spans, 80)
    rows = [i for i, ln in enumerate(layout.lines) if ln.kind == SPEAKER_LINE]
    assert rows and all(layout.lines[i].speaker for i in rows)
    for i, j in pairwise(rows):
        between = layout.lines[i + 1 : j]
        same = layout.lines[i].speaker == layout.lines[j].speaker
        assert not same or any(ln.kind == "heading" for ln in between)


def test_hidden_speakers_fold_into_one_line_per_stretch(corpus):
    article = next(p for p in corpus if p.meta.platform == "web")
    doc = open_document(article)
    keep = "李开复"
    others = {s.name for s in doc.speakers} - {keep}
    layout = build_layout(doc.blocks, doc.spans, 80, others)
    assert not any(ln.speaker in others for ln in layout.lines if ln.kind != FOLD_LINE)
    folds = [ln for ln in layout.lines if ln.kind == FOLD_LINE]
    assert folds and all(f.folded >= 1 for f in folds)
    for a, b in pairwise(layout.lines):
        assert not (a.kind == FOLD_LINE and b.kind == FOLD_LINE)


def test_sentences_are_cut_where_a_turn_starts_inside_them():
    """A cursor sentence (the unit of quotes and bookmarks) belongs to one speaker: ASR
    punctuation seldom ends a sentence where the speaker changes."""
    import bisect

    from panel_tui.ingest import read_document
    from panel_tui.model import Panel, Sentence, Turn
    from panel_tui.tui.document import split_at_turns

    from .conftest import ASR_000

    panel = Panel(read_document(ASR_000))
    starts = [t.start for t in panel.turns]

    def crosses(s: Sentence) -> bool:
        return bisect.bisect_right(starts, s.start) < bisect.bisect_left(starts, s.end)

    assert any(crosses(s) for s in panel.sentences)  # the case exists in the shipped panel
    doc = open_document(panel)
    assert not any(crosses(s) for s in doc.sentences)

    # Nothing spoken is lost: every word character of the sentences is in exactly one piece.
    def words(sentences) -> list[int]:
        return [i for s in sentences for i in range(s.start, s.end) if panel.text[i].isalnum()]

    assert words(doc.sentences) == words(panel.sentences)

    text = "好，谢谢。我觉得是这样，"
    turns = (Turn("甲", 0, 5, "cue", 0.8), Turn("乙", 5, len(text), "cue", 0.8))
    one = (Sentence(0, len(text), 0),)
    assert split_at_turns(text, one, turns) == (Sentence(0, 5, 0), Sentence(5, len(text), 0))
    # A piece with no word in it is dropped (a turn starting right after the last word).
    assert split_at_turns("好的。", (Sentence(0, 3, 0),), (Turn("甲", 2, 3, "cue", 0.8),)) == (
        Sentence(0, 2, 0),
    )
