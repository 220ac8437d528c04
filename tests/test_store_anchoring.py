"""Anchoring: finding a saved quote again after the transcript changed (pure functions)."""

from __future__ import annotations

from panel_tui.store.anchoring import locate, make_anchor, text_hash

from .conftest import ASR_002

TEXT = ASR_002.read_text(encoding="utf-8")


def span(start: int = 30000, n: int = 40) -> tuple[int, int]:
    return start, start + n


def test_make_anchor_records_quote_context_and_hash():
    a = make_anchor(TEXT, 1000, 1040)
    assert a.quote == TEXT[1000:1040]
    assert a.prefix == TEXT[968:1000] and a.suffix == TEXT[1040:1072]
    assert a.text_hash == text_hash(TEXT)


def test_make_anchor_rejects_spans_outside_the_text():
    for s, e in ((-1, 5), (5, 5), (10, 3), (0, len(TEXT) + 1)):
        try:
            make_anchor(TEXT, s, e)
        except ValueError as exc:
            assert "inside the text" in str(exc)
        else:
            raise AssertionError((s, e))


def test_unchanged_text_keeps_the_span():
    a = make_anchor(TEXT, *span())
    m = locate(a, TEXT)
    assert (m.start, m.end, m.method) == (30000, 30040, "exact")


def test_text_inserted_before_shifts_the_span():
    a = make_anchor(TEXT, *span())
    inserted = "主持人补充了一段很长的开场白。" * 30
    m = locate(a, inserted + TEXT)
    assert (m.start, m.end) == (30000 + len(inserted), 30040 + len(inserted))
    assert m.method == "exact"


def test_quote_slightly_changed_is_found_fuzzily():
    s, e = span()
    a = make_anchor(TEXT, s, e)
    edited = TEXT[: s + 10] + "某" + TEXT[s + 11 : s + 25] + TEXT[s + 27 :]  # 1 changed, 2 cut
    m = locate(a, edited)
    assert m is not None and m.method == "fuzzy"
    assert abs(m.start - s) <= 1 and abs(m.end - (e - 2)) <= 1


def test_deleted_quote_is_not_found():
    s, e = span()
    a = make_anchor(TEXT, s, e)
    assert locate(a, TEXT[:s] + TEXT[e:]) is None
    assert locate(a, TEXT[: s - 40] + TEXT[e + 40 :]) is None  # and its context


def test_repeated_quote_context_beats_position():
    # The same sentence twice; the bookmark is on the second. A long insertion before both
    # moves the first copy nearer the old offset: context must still pick the second.
    first = "前面的话题。我们今天讨论开源模型的未来发展。然后说别的。\n"
    second = "另外一段话。我们今天讨论开源模型的未来发展。最后总结。\n"
    text = first + "中间" * 10 + second
    q = "我们今天讨论开源模型的未来发展。"
    start = text.rindex(q)
    a = make_anchor(text, start, start + len(q))
    new = "插" * (start - text.index(q)) + text
    m = locate(a, new)
    assert m.start == new.rindex(q)


def test_repeated_quote_nearest_wins_when_context_is_equal():
    unit = "同样的上下文。重复的一句话在这里。同样的上下文。"
    text = unit * 5
    q = "重复的一句话在这里。"
    third = [i for i in range(len(text)) if text.startswith(q, i)][2]
    a = make_anchor(text, third, third + len(q))
    m = locate(a, "前" + text)
    assert m.start == third + 1


def test_short_quote_out_of_context_is_orphaned_not_moved():
    text = "甲说了很多话。我觉得对。乙又说了很多别的话。"
    start = text.index("我觉得对")
    a = make_anchor(text, start, start + 4)
    elsewhere = "完全不同的一段文字，里面也有我觉得对这几个字，但上下文全变了。"
    assert locate(a, elsewhere) is None
