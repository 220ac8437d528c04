"""Eighth pass, on small hand-written forum transcripts with invented people.

* From an MC's call to the MC's thanks, the one called holds the floor: a talk the ASR cut at
  phrases that sound like the host's (接下来我们看…) is the speaker's throughout.
* An MC's introduction is a call even across a pause (有请的是X大学教授，|Y院长Z先生带来分享),
  and it makes the one introduced a participant (有请…代理区长王建国先生为论坛致辞).
* A speech opens with whom it greets (尊敬的王区长，|各位嘉宾，|大家下午好); the names greeted
  are not called on.
* Someone else with the speaker's surname but a full name of another length is another person.
"""

from __future__ import annotations

from panel_tui.speakers.clauses import Clause
from panel_tui.speakers.cues import all_clause_cues
from panel_tui.speakers.name_match import NameMatcher

from .test_attribution import check_well_formed, speaker_at
from .test_attribution_addressed import found_in, make
from .test_attribution_cues import cues_of

TALKS = (
    "各位来宾下午好，我是今天的主持人刘洋。接下来让我们掌声有请星河科技创始人CEO周明远先生"
    "为我们带来主题演讲，掌声有请。\n\n"
    "尊敬的各位来宾，大家下午好。今天我想和大家分享我们这一年做的三个工作。\n\n"
    "第一个工作是推理加速，我们把推理的成本一年降了十倍，代码都开源了。\n\n"
    "那大家有兴趣的可以去看这个论文，时间关系我就不细讲了，接下来我们看一下第二个工作。\n\n"
    "第二个工作是数据合成，我们用合成数据训练了一个很小的模型，效果和大模型差不多，"
    "第三个工作是机器人，我们在工厂里面做了一个落地的场景。谢谢大家。\n\n"
    "好，谢谢周明远先生的精彩分享。接下来有请云帆智能联合创始人孙丽华女士。\n\n"
    "大家好，很高兴来到这里。我们做的是机器人，今天给大家看几个视频，"
    "这是我们在医院里面的一个落地的场景。谢谢大家。\n\n"
    "谢谢孙丽华女士的分享，谢谢。\n"
)


def test_a_talk_cut_at_host_like_phrases_stays_with_its_speaker() -> None:
    p = make(TALKS)
    check_well_formed(p)
    for words in ("推理的成本", "有兴趣的可以去看", "数据合成", "工厂里面"):
        assert speaker_at(p, words) == "周明远", words
    assert speaker_at(p, "医院里面") == "孙丽华"
    assert speaker_at(p, "接下来有请云帆") == "刘洋"


def test_an_introduction_over_a_pause_is_a_call() -> None:
    """有请的是星河大学特聘教授，|云帆研究院院长周明远先生带来分享: the call spans the pause."""
    cues = _cues(
        "接下来让我们掌声有请的是星河大学特聘教授，云帆研究院院长周明远先生带来分享", TALKS
    )
    assert cues[1].addressed == {"周明远": 1.0}
    assert cues[1].introduced
    assert not _cues("我们请的是星河大学特聘教授，云帆研究院院长周明远先生带来分享", TALKS)[
        1
    ].addressed  # no introduction: 周明远 is only spoken of


def test_an_official_introduced_to_open_a_forum_is_found() -> None:
    """Introduced once (有请…代理区长王建国先生为论坛致辞) and thanked by office (王区长): the
    introduction is a call, so one mention of the full name is enough."""
    text = (
        "各位来宾下午好，我是今天的主持人刘洋。首先让我们用热烈的掌声，有请某某区委副书记"
        "代理区长王建国先生为今天的论坛致辞，掌声有请。\n\n"
        "尊敬的各位嘉宾，大家下午好。很高兴参加今天的论坛，我们区里有很多人工智能企业。\n\n"
        "谢谢谢谢王区长，感谢您。\n"
    )
    people = found_in(text)
    assert "王建国" in people
    p = make(text)
    check_well_formed(p)
    assert speaker_at(p, "人工智能企业") == "王建国"


def test_another_full_name_with_the_same_surname_is_another_person() -> None:
    """张洪涛 is introduced by the MC and 张帆 introduces himself: same surname, names of
    different lengths, two people. (A surname form, 张总, would join the one self-introduced.)"""
    text = (
        "各位来宾下午好，我是今天的主持人刘洋。接下来有请某某委员会副主任张洪涛先生为论坛致辞。\n\n"
        "尊敬的各位嘉宾，大家下午好。很高兴再次和大家相聚。\n\n"
        "谢谢张洪涛先生。接下来有请我们圆桌的嘉宾上台。\n\n"
        "大家好，我是来自智谱AI的张帆，很高兴来到这里。\n"
    )
    people = found_in(text)
    assert "张洪涛" in people
    p = make(text)
    names = {x.name for x in p.participants}
    assert {"张洪涛", "张帆"} <= names


def _cues(text: str, names_from: str) -> list:
    p = make(names_from)
    guests = [x.name for x in p.participants if x.role == "guest"]
    hits = NameMatcher(p.participants, near=guests).find(text)
    clauses = []
    start = 0
    for part in text.split("，"):
        piece = part + "，"
        clauses.append(Clause(start, start + len(piece), piece, 0, not clauses))
        start += len(piece)
    return all_clause_cues(text, clauses, hits)


def test_what_someone_did_just_now_is_a_mention_not_a_call() -> None:
    """周明远先生呢刚才给我们带来的分享: reporting a talk that is over."""
    cues = cues_of("周明远先生呢刚才给我们带来的分享非常精彩，", make(TALKS))
    assert not cues.addressed
    assert "周明远" in cues.mentioned


def test_a_speech_opens_with_whom_it_greets() -> None:
    """尊敬的周明远先生，|各位嘉宾，|大家下午好: the answer starts at the first salutation, and
    the name greeted is nobody called on."""
    cues = _cues("好的，尊敬的周明远先生，各位嘉宾，大家下午好，今天我来讲讲机器人", TALKS)
    assert [c.answer for c in cues[:4]] == [0.0, 1.0, 0.0, 0.0]
    assert not cues[1].addressed
    assert "周明远" in cues[1].mentioned


def test_a_question_put_to_someone_calls_on_them() -> None:
    """谢谢李四，下一个给王五博士的问题，…: the question is for 王五, who answers next."""
    from .test_attribution_cues import make3

    p = make3(
        "各位嘉宾，大家怎么看开源和闭源？\n\n"
        "我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到问题。\n\n"
        "好，谢谢，下一个给王五老师的问题，请问小模型有什么机会，"
        "对，我觉得小模型在端侧一定有机会，手机上跑不了大模型。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "手机上跑不了") == "王五"
    assert cues_of("给王五老师的一个问题，", p).addressed == {"王五": 1.0}
    assert not cues_of("给王五老师带来了很多麻烦，", p).addressed


def test_this_was_what_i_had_to_share_closes_an_answer() -> None:
    assert cues_of("对这可能是我分享的两点，").closing == 1.0


MODERATOR_NAMED_BY_A_GUEST = (
    "好，我们开始今天的圆桌，第一个问题想问一下各位，数据会不会成为瓶颈？要不有请曾老师先说。\n\n"
    "对，我觉得数据肯定是瓶颈，高质量的数据越来越少，我们实验室今年也在做合成数据。\n\n"
    "好的，谢谢曾老师，韩总，您怎么看？\n\n"
    "对啊冯老师这个问题很有挑战性啊，我觉得企业里面的数据其实很多，关键是能不能用起来。\n\n"
    "明白，孟老师有什么补充吗？\n\n"
    "我补充一下，评测的数据也很重要，没有好的评测就不知道模型好不好。\n"
)


def test_an_unnamed_moderator_is_named_by_the_guest_who_answers_her() -> None:
    """Nobody calls the moderator anything but the guest who names the asker (冯老师这个问题):
    she is 冯老师, not 主持人."""
    p = make(MODERATOR_NAMED_BY_A_GUEST)
    mods = [x.name for x in p.participants if x.role == "moderator"]
    assert mods == ["冯老师"]
    check_well_formed(p)
    assert speaker_at(p, "韩总，您怎么看") == "冯老师"


def test_a_guest_named_before_their_question_does_not_name_the_moderator() -> None:
    """韩总这个问题: 韩总 is a guest, so the moderator stays unnamed."""
    p = make(MODERATOR_NAMED_BY_A_GUEST.replace("冯老师这个问题", "韩总这个问题"))
    assert [x.name for x in p.participants if x.role == "moderator"] == ["主持人"]


def test_after_the_called_guest_the_one_the_question_was_about_adds() -> None:
    """刚才李四的观点…王五你先答: once 王五 has answered, an unnamed 我补充一下 is 李四's,
    not the next seat's (赵六)."""
    from .test_attribution_cues import make3

    p = make3(
        "好，我们聊聊开源，刚才李四的一个观点很有意思，王五你先答？\n\n"
        "对，我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到很多问题。\n\n"
        "非常清晰。\n\n"
        "我补充一下，我们自己做的模型也开源了，下载量已经过了一百万。\n"
    )
    check_well_formed(p)
    assert speaker_at(p, "生态的基础") == "王五"
    assert speaker_at(p, "下载量") == "李四"


FORUM_HEADER = "# 2024某大会-创业与投资论坛 - P1：全程回放 - 上传者 - BV1xx411c7mG\n\n"
FORUM_PANEL = (
    "各位来宾下午好，我是今天的主持人刘洋。接下来让我们掌声有请星河科技创始人CEO周明远先生"
    "为我们带来主题演讲，掌声有请。\n\n"
    "尊敬的各位来宾，大家下午好。今天我想和大家分享我们投资的三个方向，第一是模型，"
    "第二是应用，第三是机器人，我们的被投企业里面有一半都在做应用。谢谢大家。\n\n"
    "谢谢周明远先生的精彩分享。接下来是圆桌环节，有请云帆智能创始人孙丽华女士，"
    "有请北辰机器人创始人赵建国先生，同时我们要有请本场的话题引领人启明资本投资人陈思远先生。\n\n"
    "好，谢谢，我们先聊聊机器人。孙总，您先说说？\n\n"
    "对，我觉得机器人今年进步非常快，我们的机器人已经在工厂里面落地了。\n\n"
    "好的，赵总呢？\n\n"
    "我觉得还要再等几年，家庭的场景太复杂了，我们现在主要做仓库。\n\n"
    "非常好，那下一个问题，成本什么时候能降下来？\n\n"
    "我觉得供应链成熟以后成本会降得很快，三年以内降一半没有问题。\n\n"
    "好，谢谢两位，今天的圆桌就到这里。\n\n"
    "谢谢陈思远先生和两位嘉宾的精彩讨论。\n"
)


def test_a_panel_moderator_appointed_by_the_mc_runs_that_panel() -> None:
    """有请本场的话题引领人…陈思远先生: 陈思远 is the panel's moderator, from then on; the
    questions are his, not the MC's, and an unnamed answer goes to a guest of this panel,
    never to the keynote speaker."""
    p = make(FORUM_PANEL, FORUM_HEADER)
    roles = {x.name: x.role for x in p.participants}
    assert roles["陈思远"] == "moderator"
    assert roles["刘洋"] == "host"
    check_well_formed(p)
    assert speaker_at(p, "投资的三个方向") == "周明远"
    assert speaker_at(p, "您先说说") == "陈思远"
    assert speaker_at(p, "成本什么时候") == "陈思远"
    assert speaker_at(p, "工厂里面落地") == "孙丽华"
    assert speaker_at(p, "供应链成熟") in ("孙丽华", "赵建国")
    assert speaker_at(p, "和两位嘉宾的精彩讨论") == "刘洋"


def test_naming_oneself_as_chair_appoints_nobody() -> None:
    """很荣幸由我来主持，接下来…王教授: the chair speaks of themselves; 王教授 is a speaker."""
    from panel_tui.speakers.participants import appointed_moderators

    p = make(
        "非常感谢李教授的报告，接下来的话题很荣幸由我来主持，有请来自北方大学的王建华教授。\n\n"
        "谢谢主持人，我今天讲心脏仿真。谢谢大家。\n\n"
        "非常感谢王建华教授的精彩报告。\n"
    )
    assert appointed_moderators(p.doc, p.participants) == {}


def test_a_brief_unnamed_follow_up_goes_back_to_the_guest_who_answered() -> None:
    """王五 answers; a question of some 45 characters (too long for an aside) that names
    nobody and asks nobody else goes back to 王五, not to the next seat (赵六). A question to
    the whole stage (大家觉得) opens the floor to the others."""
    from .test_attribution_cues import make3

    body = (
        "王五，你先说说开源？\n\n"
        "好的，我觉得开源是生态的基础，长期看一定会赢，社区会帮你找到很多问题。"
        "我们自己的模型也开源了，下载量已经过了一百万，很多公司在上面做微调，"
        "也有很多学校拿来做研究，这些反馈对我们改进模型非常重要，"
        "所以我一直认为开源和闭源不是对立的，而是互相补充的，"
        "最后市场会给出答案，用户会选择最适合自己的方案。\n\n"
        "好的，明白，这个我很好奇，按照现在的速度，开源模型要追上最好的闭源模型，那你觉得大概还需要多久？\n\n"
        "我觉得三到五年吧，模型的差距会越来越小。\n"
    )
    p = make3(body)
    check_well_formed(p)
    assert speaker_at(p, "三到五年") == "王五"
    q = make3(body.replace("那你觉得大概", "那大家觉得大概"))
    assert speaker_at(q, "三到五年") != "王五"


def test_a_self_introduction_may_list_several_job_titles() -> None:
    """我是北方大学的助理教授和博士生导师王建华: a guest introducing themselves (博士生导师 is
    no student from the floor)."""
    from panel_tui.speakers.participants import AUDIENCE_ASK, resolve_participants

    p = make("那要不就先请王老师。\n\n嗯，大家好。我是北方大学的助理教授和博士生导师王建华。\n")
    _, intros = resolve_participants(p.doc)
    assert [(i.name, i.org) for i in intros] == [("王建华", "北方大学")]
    assert not AUDIENCE_ASK.search("我是北方大学的助理教授和博士生导师王建华")


def test_a_misheard_name_joins_a_self_introduced_guest_only_if_it_rhymes() -> None:
    """陈明总 (called) is 陈冰 (self-introduced): 明/冰 share a final. 王华 (an official the MC
    introduced) is not 王鹤 (self-introduced): 华/鹤 do not."""
    from panel_tui.speakers.participants import resolve_participants

    people, _ = resolve_participants(
        make(
            "大家好，我是来自南方电网的陈冰。\n\n好的，谢谢陈明总，陈明总您说得很好。陈明总，您再说说？\n"
        ).doc
    )
    assert "陈明总" in next(x.aliases for x in people if x.name == "陈冰")
    people, _ = resolve_participants(
        make(
            "有请某某区代理区长王华先生为今天的论坛致辞。\n\n"
            "谢谢王华先生。接下来有请王老师。\n\n"
            "嗯，大家好。我是北方大学的助理教授和博士生导师王鹤。\n\n"
            "谢谢王老师，王老师讲得很好。\n"
        ).doc
    )
    names = {x.name: x.aliases for x in people}
    assert "王鹤" in names and "王华" not in names["王鹤"]
    assert any("王华" in (n, *a) for n, a in names.items() if n != "王鹤")


def test_a_pause_after_a_conjunction_is_no_question() -> None:
    """那么同时呢，/ 其实呢，: a pause before going on; 你呢？/ 百川呢，ask."""
    for text, asks in (
        ("那么同时呢，", False),
        ("其实呢，", False),
        ("你呢，", True),
        ("百川呢？", True),
    ):
        assert (cues_of(text).question == 1.0) is asks, text


def test_an_acknowledgement_then_a_stuttered_name_takes_the_floor_back() -> None:
    """…没有太本质的问题，对好王王五，我觉得…: the moderator acknowledges and calls 王五, with
    the ASR's stutter on the name's first syllable."""
    cues = cues_of("对好王王五，")
    assert cues.ack == 1.0
    assert set(cues.addressed) == {"王五"}


def test_this_is_a_good_question_opens_an_answer() -> None:
    """是啊，|是啊，|这是个好问题。: the particles and the praise of the question open the
    answer (a translated dialogue answers like this)."""
    cues = _cues("是啊，是啊，这是个好问题，我想有一些东西可以打开", TALKS)
    assert [c.answer for c in cues[:3]] == [0.0, 1.0, 0.0]


GIVEN_NAMES = (
    "好，我们开始今天的圆桌，第一个问题想问一下各位，数据会不会成为瓶颈？要不有请曾老师先说。\n\n"
    "对，我觉得数据肯定是瓶颈，高质量的数据越来越少，我们实验室今年也在做合成数据。\n\n"
    "好的，谢谢曾老师，那线上，建华有什么补充吗？\n\n"
    "我补充一下，我们在线上做的是评测，没有好的评测就不知道模型好不好。\n\n"
    "好谢谢建华，韩总，您怎么看？\n\n"
    "我觉得企业里面的数据其实很多，关键是能不能用起来。\n\n"
    "明白，那最后一个问题，多久能实现通用人工智能？建华你先说？\n\n"
    "我觉得十年吧，这是我的看法。\n\n"
    "好，谢谢大家，谢谢谢谢。\n"
)


def test_a_guest_called_by_given_name_alone_is_found() -> None:
    """建华有什么补充吗 / 好谢谢建华 / 建华你先说: three calls by given name alone make a guest
    (an online guest nobody names otherwise); 谢谢大家 makes nobody."""
    from panel_tui.speakers.participants import called_by_given_name

    p = make(GIVEN_NAMES)
    assert dict(called_by_given_name(p.doc, [])) == {"建华": ()}
    names = {x.name for x in p.participants}
    assert "建华" in names and "大家" not in names
    check_well_formed(p)
    assert speaker_at(p, "我们在线上做的是评测") == "建华"
    assert speaker_at(p, "十年吧") == "建华"


def test_a_guest_asking_the_moderator_for_the_floor_names_them() -> None:
    """新龙我能补充两句吗: the guest asks the one who gives the floor, by given name; 所以我能
    说两句 names nobody."""
    body = MODERATOR_NAMED_BY_A_GUEST.replace(
        "对啊冯老师这个问题很有挑战性啊，", "嗯，新龙我能补充两句吗，"
    )
    p = make(body)
    assert [x.name for x in p.participants if x.role == "moderator"] == ["新龙"]
    p = make(body.replace("新龙我能补充两句吗", "所以我能补充两句吗"))
    assert [x.name for x in p.participants if x.role == "moderator"] == ["主持人"]


def test_a_talks_own_rhetorical_question_stays_with_the_speaker() -> None:
    """Inside a talk the MC introduced (有请…周明远先生为我们带来主题演讲), a host-like
    passage with a question (那这个问题怎么解决呢？) is still the speaker's: the MC does not
    speak until the talk is over. After a plain call it would be the moderator's follow-up."""
    p = make(
        "各位来宾下午好，我是今天的主持人刘洋。接下来让我们掌声有请星河科技创始人CEO周明远先生"
        "为我们带来主题演讲，掌声有请。\n\n"
        "尊敬的各位来宾，大家下午好。今天我想和大家分享我们这一年做的三个工作。\n\n"
        "第一个工作是推理加速，我们把推理的成本一年降了十倍，代码都开源了。\n\n"
        "好，那大家可能会问，接下来我们看一下，这个成本降下来以后，数据从哪里来呢？\n\n"
        "我们用合成数据训练了一个很小的模型，效果和大模型差不多，"
        "我们在工厂里面也做了一个落地的场景。谢谢大家。\n\n"
        "好，谢谢周明远先生的精彩分享。\n"
    )
    check_well_formed(p)
    for words in ("推理的成本", "数据从哪里来", "合成数据"):
        assert speaker_at(p, words) == "周明远", words


def test_self_introductions_with_an_english_name_or_wo_jiao() -> None:
    """hello大家好，我是Jackie朱建雄，来自… and 可能我叫丁宁，: both introduce a guest (a bare
    two-character 我是X stays no name: 我是乐观的)."""
    from panel_tui.speakers.participants import find_self_intros

    p = make(
        "hello大家好，我是Jackie朱建雄，来自无线光年。\n\n"
        "呃，首先感谢胡总介绍，可能我叫丁宁，在这个对话中我扮演理工男的角色。\n\n"
        "我是乐观的，我觉得会很快。\n"
    )
    assert [x[2] for x in find_self_intros(p.doc)] == ["朱建雄", "丁宁"]
