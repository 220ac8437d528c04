"""Third-pass cues, on a small YouTube-style caption dump: one line, `, ` between clauses,
a moderator who introduces himself, a remote guest who greets the room, calls by `多谢X`,
`Q一下X` and `follow X一个问题`, and reported speech (`X老师也提到`) that calls on nobody.

Invented people throughout (张三丰 moderates 李思远 / 王武林 / 赵刘洋).
"""

from __future__ import annotations

from pathlib import Path

from panel_tui.ingest import parse_text
from panel_tui.model import Panel
from panel_tui.speakers.clauses import Clause
from panel_tui.speakers.cues import clause_cues
from panel_tui.speakers.name_match import NameMatcher

from .test_attribution import check_well_formed, speaker_at

HEADER = (
    "Title: 某某论坛圆桌对话：李思远，王武林和赵刘洋都说了什么？｜现场\nVideo ID: abcdefghijk\n"
)
BODY = (
    "Hello 我是接下来圆桌的主持人张三丰。 今天的话题是开源, 我们邀请几位嘉宾, "
    "李思远,王武林和赵刘洋。 那个我看赵刘洋也上线了, 要不赵刘洋可以开场给大家讲一讲。 "
    "大家好, 不好意思今天没法亲自来现场, 最近就忙着做模型做产品, 我们团队在做推理引擎和编译器。 "
    "多谢赵刘洋, 我接下来Q一下王武林, 你怎么看开源的生态位? "
    "理论上我是不能评论公司的, 但是我觉得开源会越来越重要, 这个平衡点是什么呢, 就是成本和收益。 "
    "多谢,多谢,那个李思远老师,您对这个问题怎么看? "
    "对,我一直做联邦学习, 刚才王武林老师也提到成本, 我觉得隐私也很重要。 "
    "感谢李思远老师。 我再follow赵刘洋一个问题, 推理引擎接下来怎么做? "
    "对,我觉得编译器和推理引擎要一起做。 "
)


def panel() -> Panel:
    return Panel(parse_text(Path("x.txt"), HEADER + "=" * 60 + "\n\n" + BODY))


def cues_of(text: str):
    people = panel().participants
    hits = NameMatcher(people).find(text)
    return clause_cues(Clause(0, len(text), text, 0, True), hits)


def test_a_caption_dump_panel_is_attributed_by_its_calls() -> None:
    p = panel()
    check_well_formed(p)
    assert [x.name for x in p.participants] == ["张三丰", "李思远", "王武林", "赵刘洋"]
    assert speaker_at(p, "今天的话题是开源") == "张三丰"
    assert speaker_at(p, "没法亲自来现场") == "赵刘洋"
    assert speaker_at(p, "我接下来Q一下") == "张三丰"
    assert speaker_at(p, "不能评论公司") == "王武林"
    assert speaker_at(p, "就是成本和收益") == "王武林"
    assert speaker_at(p, "隐私也很重要") == "李思远"
    assert speaker_at(p, "推理引擎接下来怎么做") == "张三丰"
    assert speaker_at(p, "要一起做") == "赵刘洋"


def test_duoxie_thanks_like_xiexie() -> None:
    q = cues_of("多谢赵刘洋,")
    assert q.ack == 1.0
    assert q.thanked == {"赵刘洋"}


def test_asking_someone_by_a_latin_verb_is_a_call() -> None:
    """我接下来Q一下王武林, / 我再follow赵刘洋一个问题: the name is the one asked."""
    assert set(cues_of("我接下来Q一下王武林,").addressed) == {"王武林"}
    assert set(cues_of("我再follow赵刘洋一个小问题,").addressed) == {"赵刘洋"}
    assert set(cues_of("我想追问王武林一个问题,").addressed) == {"王武林"}


def test_reported_speech_is_a_mention_not_a_call() -> None:
    """然后王武林老师也提到… reports what 王武林 said; it calls on nobody."""
    q = cues_of("然后王武林老师也提到持续学习,")
    assert q.addressed == {}
    assert q.mentioned == {"王武林"}


def test_greeting_the_room_opens_an_answer() -> None:
    q = cues_of("大家好,")
    assert q.answer == 1.0
    assert q.moderatorish == 0.0 and not q.group


def test_a_rhetorical_what_is_not_a_question_to_anyone() -> None:
    assert cues_of("这个平衡点特别像什么呢,").question == 0.0
    assert cues_of("最有意思的是什么呢?").question == 0.0
    assert cues_of("你觉得最重要的是什么呢?").question == 1.0
