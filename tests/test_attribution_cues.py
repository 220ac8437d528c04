"""Cues added for the second pass, each on a small hand-written transcript or clause.

Every transcript uses invented people (张三 moderates 李四 / 王五 / 赵六), so nothing here
fits one real panel.
"""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest import parse_text
from panel_tui.model import Panel
from panel_tui.speakers import confidence
from panel_tui.speakers.clauses import Clause
from panel_tui.speakers.cues import clause_cues, thanks_cuts
from panel_tui.speakers.name_match import NameMatcher
from panel_tui.speakers.segment import moderator_evidence

from .test_attribution import check_well_formed, speaker_at

HEADER3 = "# 2024某大会-论坛 - P3：圆桌讨论：主持人：张三-嘉宾：李四-王五-赵六 - 上传者 - BV1xx411c7mD\n\n"


def make3(body: str) -> Panel:
    return Panel(parse_text(Path("x.md"), HEADER3 + body))


def cues_of(text: str, panel: Panel | None = None):
    people = (panel or make3("你好。\n")).participants
    hits = NameMatcher(people).find(text)
    return clause_cues(Clause(0, len(text), text, 0, True), hits)


def test_thanks_then_the_next_name_is_a_call() -> None:
    """好谢谢李四王五啊: 李四 just finished; 王五 is called on."""
    q = cues_of("好谢谢谢谢李四王五啊，")
    assert q.thanked == {"李四"}
    assert set(q.addressed) == {"王五"}
    assert q.ack
    p = make3(
        "李四，你怎么看开源？\n\n"
        "对，我觉得开源很重要，社区会帮你找到问题。\n\n"
        "好谢谢谢谢李四王五啊，呃我个人是做应用的，所以更关心推理的成本。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "社区会帮你") == "李四"
    assert speaker_at(p, "更关心推理的成本") == "王五"


def test_particles_and_repeated_forms_after_a_name_still_call() -> None:
    """王五王总啊， is one call; so is 赵六呀."""
    assert set(cues_of("啊王五王总啊，").addressed) == {"王五"}
    assert set(cues_of("赵六呀，").addressed) == {"赵六"}


def test_names_side_by_side_introduce_but_a_question_to_one_calls() -> None:
    assert cues_of("李四，王五和赵六").addressed == {}
    q = cues_of("我不知道王五您赞同李四的观点吗，")
    assert set(q.addressed) == {"王五"}
    assert "李四" in q.mentioned


def test_de_hua_ne_is_a_pause_not_a_question() -> None:
    assert cues_of("但是我想说的话呢，").question == 0.0
    assert cues_of("然后呢，").question == 0.0
    assert cues_of("你怎么看这个问题呢，").question == 1.0


def test_reasoning_aloud_is_no_evidence_for_the_moderator() -> None:
    """是不是 / 有没有 inside an answer do not make the speaker the moderator; 你觉得 does."""
    weak = cues_of("它是不是真的能解决问题，")
    assert 0 < weak.question < 0.5
    assert moderator_evidence(weak) == 0.0
    asked = cues_of("王五你觉得呢，")
    assert moderator_evidence(asked) > 0.5


def test_agreeing_or_answering_back_opens_an_answer() -> None:
    assert cues_of("对我基本上也是赞同李四的。").answer == 1.0
    assert cues_of("你赞同吗").answer == 0.0
    assert cues_of("没有，我说的是另一件事，").answer == 0.5


def test_a_question_to_the_whole_stage_goes_round_in_seat_order() -> None:
    """各位怎么看 with nobody named: each guest answers once, in the order of the title."""
    p = make3(
        "各位嘉宾，大家怎么看开源和闭源？\n\n"
        "我觉得开源是生态的基础，长期看一定会赢。\n\n"
        "明白，其他嘉宾呢？\n\n"
        "我觉得闭源更容易商业化，客户愿意为服务付费。\n\n"
        "理解，还有吗？\n\n"
        "我觉得两者会长期共存，各自有各自的客户。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "生态的基础") == "李四"
    assert speaker_at(p, "更容易商业化") == "王五"
    assert speaker_at(p, "长期共存") == "赵六"
    guessed = [t for t in p.turns if t.speaker in {"李四", "王五", "赵六"}]
    assert all(t.confidence <= confidence.TURN_ORDER for t in guessed)


def test_a_call_early_in_a_long_question_still_names_the_answerer() -> None:
    p = make3(
        "王五王总，您觉得这个问题怎么看，我们现在也看到很多公司在追赶，"
        "有人说要突破，有人说要跟随，我不知道您怎么看这个问题。\n\n"
        "我觉得因素有很多种，我们自己也在选择一个道路。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "因素有很多种") == "王五"


def test_confidences_are_probabilities_ordered_by_evidence() -> None:
    values = {k: v for k, v in vars(confidence).items() if k.isupper()}
    assert all(0.0 < v <= 1.0 for v in values.values())
    assert confidence.ADDRESS > confidence.RESUME > confidence.TURN_ORDER > confidence.SELF_REF


def test_fillers_before_a_call_are_read_longest_first() -> None:
    """那么所以王五王总 is a call (那么 is one filler, not 那 + 么); 赵六咱们… too."""
    assert set(cues_of("那么所以王五王总，").addressed) == {"王五"}
    assert set(cues_of("赵六咱们对这块的看法，").addressed) == {"赵六"}


def test_thanks_after_hao_takes_the_floor_back() -> None:
    assert cues_of("好谢谢啊。").ack == 1.0
    assert cues_of("好问题，").ack == 0.0


def test_the_guests_own_ok_does_not_use_up_the_hand_off() -> None:
    """…怎么理解，来，| OK，其实我…: the answer starts at OK's successor, not later."""
    p = make3(
        "各位嘉宾，每人一分钟，谈谈你们对这个问题的理解，来，"
        "OK，其实我还挺意外的，我们内部讨论过很多次，结论是还要再等等。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "还挺意外") != "张三"


def test_the_floor_passes_along_the_row() -> None:
    """With no name, the next guest is the one seated after the last speaker."""
    p = make3(
        "王五，你先说说？\n\n"
        "我觉得开源会越来越重要，社区的力量很大。\n\n"
        "明白，其他嘉宾呢？\n\n"
        "我觉得闭源也有价值，客户需要服务。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "社区的力量") == "王五"
    assert speaker_at(p, "客户需要服务") == "赵六"


def test_thanks_glued_to_an_answer_starts_a_new_clause() -> None:
    """ASR without a pause: …重要的问题啊啊好谢谢谢谢赵六，我们… — the thanks is the
    moderator's, not the end of the answer."""
    text = "非常重要的问题啊啊好谢谢谢谢赵六，"
    assert thanks_cuts(text) == [text.index("好谢谢")]
    assert thanks_cuts("这个问题呢，谢谢主持人") == []  # already a clause of its own
    p = make3(
        "赵六，你怎么看安全？\n\n"
        "对，我觉得安全问题会变成一个非常非常重要的问题啊啊好谢谢谢谢赵六，"
        "我们今天其实讨论了很多，最后一个问题，各位怎么看价格战？\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "好谢谢谢谢赵六") == "张三"
