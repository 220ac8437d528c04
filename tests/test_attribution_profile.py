"""The per-panel lexical profile: fallback guest runs move only on a clear match.

Runs are built by hand (the profile sees only their text and how they were decided), with
invented guests and vocabularies.
"""

from __future__ import annotations

from panel_tui.speakers.identity import Run
from panel_tui.speakers.profile import refine_guests, tokens

A_WORDS = "我们的数据库引擎, 数据库的索引和事务, 分布式数据库的副本一致性, "
B_WORDS = "我们的机器人手臂, 机器人的传感器和电机, 具身智能的机器人控制, "
FILLER = "我觉得这个事情很重要, 大家可以再想一想, 其实也没有那么简单, "


def _runs(texts: list[tuple[int, str, str]]) -> tuple[list[Run], dict[int, str]]:
    runs = [Run(k, k, who, reason, 0.5) for k, (who, reason, _) in enumerate(texts)]
    return runs, {k: t for k, (_, _, t) in enumerate(texts)}


def _refine(texts: list[tuple[int, str, str]]) -> list[Run]:
    runs, text = _runs(texts)
    return refine_guests(runs, [1, 2], lambda r: text[r.first])


def test_tokens_are_latin_words_and_han_bigrams() -> None:
    assert tokens("我们Coding很强") == ["coding", "我们", "很强"]


def test_a_fallback_run_moves_to_the_guest_whose_words_it_shares() -> None:
    out = _refine(
        [
            (0, "", "主持人的问题是什么, 请两位谈谈, "),
            (1, "address", A_WORDS * 8 + FILLER),
            (0, "", "好的谢谢, 下一个问题, "),
            (2, "address", B_WORDS * 8 + FILLER),
            (0, "", "好, 再问一个问题, "),
            (1, "address", A_WORDS * 4 + FILLER),
            (0, "", "明白, 那你呢, "),
            (2, "address", B_WORDS * 4 + FILLER),
            (0, "", "明白, 还有什么要补充的, "),
            (2, "turn_order", A_WORDS + FILLER),  # the round-robin guessed wrong
            (0, "", "理解, 非常精彩, "),
            (1, "turn_order", FILLER * 3),  # nothing distinctive: stays
        ]
    )
    assert (out[9].who, out[9].reason) == (1, "profile")
    assert (out[11].who, out[11].reason) == (1, "turn_order")


def test_no_move_when_the_profiles_do_not_recognise_the_named_turns() -> None:
    """Misheard calls teach the wrong words: if the profiles cannot give the confidently named
    runs back to their guests, they are not trusted with the rest."""
    out = _refine(
        [
            (1, "address", A_WORDS * 8),
            (2, "address", B_WORDS * 8),
            (1, "address", B_WORDS * 4),  # a misheard call: 2's words under 1's name
            (2, "address", A_WORDS * 4),
            (2, "turn_order", A_WORDS + FILLER),
        ]
    )
    assert out[4].who == 2 and out[4].reason == "turn_order"


def test_confident_runs_are_never_moved() -> None:
    out = _refine(
        [
            (1, "address", A_WORDS * 8),
            (2, "address", B_WORDS * 8),
            (2, "address", A_WORDS),  # called by name: the call wins over the words
        ]
    )
    assert out[2].who == 2 and out[2].reason == "address"


def test_no_move_without_a_profile_for_the_current_guest() -> None:
    """A guest never named confidently has no profile, so nothing can be compared fairly."""
    runs, text = _runs(
        [
            (1, "address", A_WORDS * 8),
            (2, "turn_order", A_WORDS * 2),
        ]
    )
    out = refine_guests(runs, [1, 2, 3], lambda r: text[r.first])
    assert out == runs
