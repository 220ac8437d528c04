"""Search on the shipped corpus: a table of real queries with hits they must and must not give.

One engine (no disk cache) is built for the whole session; cache behaviour is tested apart.
"""

from __future__ import annotations

import pytest

from panel_tui.search import SearchCancelled, SearchEngine
from panel_tui.search.folding import fold

ASR_001 = "BV1uH4y1w77V-p5"
YT_003 = "yt-Y4jRSIIdmB8"
ARTICLE_004 = "web-f724820d94"


@pytest.fixture(scope="session")
def engine(corpus) -> SearchEngine:
    eng = SearchEngine(corpus.panels, use_cache=False)
    eng.build()
    return eng


@pytest.fixture(scope="session")
def texts(corpus) -> dict[str, str]:
    return {p.id: p.text for p in corpus.panels}


def found(engine, texts, query, panel=None, **kw):
    res = engine.search(query, panels=[panel] if panel else None, limit=200, **kw)
    return [(h, texts[h.panel_id][h.start : h.end]) for h in res.hits]


# query, panel, tier -> texts that must be among the hits (as matched in the source)
MUST = [
    # ASR homophones of 植麟 in the Bilibili roundtable
    ("植麟", ASR_001, "phonetic", {"紫菱", "志玲", "子琳", "植林"}),
    # the YouTube dump: 林俊旸 written 俊阳, 姚顺雨 written 顺宇
    ("俊阳", YT_003, "exact", {"俊阳"}),
    ("俊旸", YT_003, "phonetic", {"俊阳"}),
    ("顺雨", YT_003, "phonetic", {"顺宇"}),
    # pinyin and initials
    ("yangzhilin", ARTICLE_004, "phonetic", {"杨植麟"}),
    ("yzl", ARTICLE_004, "phonetic", {"杨植麟"}),
    ("zhilin", ASR_001, "phonetic", {"志玲", "紫菱"}),
    # traditional input, full-width input, English case
    ("楊植麟", ARTICLE_004, "exact", {"杨植麟"}),
    ("ＧＰＴ", None, "exact", {"GPT"}),
    ("SCALING", ARTICLE_004, "exact", {"Scaling", "scaling"}),
    # fuzzy: a Latin typo, a Chinese name with one character wrong
    ("scalng", ARTICLE_004, "fuzzy", {"Scaling", "scaling"}),
    ("杨植林", ARTICLE_004, "fuzzy", {"杨植麟"}),
]


@pytest.mark.parametrize(("query", "panel", "tier", "expected"), MUST)
def test_query_finds(engine, texts, query, panel, tier, expected):
    got = {t for h, t in found(engine, texts, query, panel) if h.tier == tier}
    assert expected <= got, (query, got)


# query, panel -> texts no hit may have
MUST_NOT = [
    ("'植麟", ASR_001, {"紫菱", "志玲", "子琳", "植林"}),  # exact only: no homophones
    ("杨植麟", YT_003, {"杨强", "杨"}),  # another panel: nothing near the name
    ("scaling", None, {"scale", "Scale"}),  # a different word is not a typo
    ("yzl", ARTICLE_004, {"Scaling", "Law"}),  # initials only hit Han characters
    ("scaling !law", ARTICLE_004, {"Law"}),
    ("'模型 !数据", None, {"数据"}),
]


@pytest.mark.parametrize(("query", "panel", "forbidden"), MUST_NOT)
def test_query_does_not_find(engine, texts, query, panel, forbidden):
    got = {t for _, t in found(engine, texts, query, panel)}
    assert not got & forbidden, (query, got & forbidden)


def test_homophone_hits_are_labelled_below_exact(engine, texts):
    hits = found(engine, texts, "杨植麟")
    assert hits and hits[0][0].tier == "exact"
    tiers = [h.tier for h, _ in hits]
    assert tiers == sorted(tiers, key=["exact", "fuzzy", "phonetic"].index)


def test_ranking_tier_then_score_then_corpus_order(engine, corpus):
    order = {p.id: i for i, p in enumerate(corpus.panels)}
    rank = {"exact": 0, "fuzzy": 1, "phonetic": 2}
    hits = engine.search("模型 | 数据 | scaling", limit=500).hits
    keys = [(rank[h.tier], -h.score, order[h.panel_id], h.start) for h in hits]
    assert keys == sorted(keys)


def test_english_is_word_aware_and_case_insensitive(engine, texts):
    hits = found(engine, texts, "scaling law", ARTICLE_004)
    assert hits
    for h, _ in hits:
        words = [texts[h.panel_id][a:b].lower() for a, b in h.spans]
        assert words == ["scaling", "law"]
    assert {texts[ARTICLE_004][a:b] for h, _ in hits for a, b in h.spans} >= {"Scaling", "Law"}


def test_exact_only_has_no_fuzzy_or_phonetic(engine, texts):
    hits = found(engine, texts, "'植麟", ASR_001)
    assert all(h.tier == "exact" for h, _ in hits)
    assert not any(t in {"紫菱", "志玲"} for _, t in hits)


def test_exclusion(engine, texts):
    hits = found(engine, texts, "scaling !law")
    assert hits
    for h, _ in hits:
        assert "law" not in fold(texts[h.panel_id][h.unit_start : h.unit_end])


def test_or(engine, texts):
    got = {t for _, t in found(engine, texts, "俊阳 | 顺宇", YT_003)}
    assert {"俊阳", "顺宇"} <= got


def test_multi_term_within_one_sentence(engine, texts):
    hits = found(engine, texts, "'模型 '数据")
    assert hits
    for h, _ in hits:
        unit = texts[h.panel_id][h.unit_start : h.unit_end]
        assert "模型" in unit and "数据" in unit
        assert len(h.spans) == 2


def test_multi_term_within_one_turn_ranks_after_sentences(engine, texts):
    # 李开复's answer: 无损 and 炼丹 are in different sentences of one labelled turn
    hits = found(engine, texts, "'无损 '炼丹", ARTICLE_004)
    assert hits and {h.speaker for h, _ in hits} == {"李开复"}
    for h, _ in hits:
        turn = texts[ARTICLE_004][h.unit_start : h.unit_end]
        assert "无损" in turn and "炼丹" in turn and len(turn) > 100
        assert all(h.unit_start <= a < b <= h.unit_end for a, b in h.spans)


@pytest.mark.parametrize("who", ["王小川", "小川", "小川总", "wangxiaochuan", "wxc"])
def test_speaker_restriction_on_labelled_article(engine, texts, who):
    hits = found(engine, texts, f"@{who} 数据", ARTICLE_004)
    assert hits
    assert {h.speaker for h, _ in hits} == {"王小川"}


def test_surname_with_title_means_every_speaker_with_that_surname(engine, texts):
    assert {h.speaker for h, _ in found(engine, texts, "@王总 数据", ARTICLE_004)} == {
        "王小川",
        "王仲远",
    }


def test_speaker_restriction_tolerates_asr_names(engine, texts):
    # 志玲 is how ASR writes 植麟; the article labels him 杨植麟
    hits = found(engine, texts, "@志玲 模型", ARTICLE_004)
    assert hits and {h.speaker for h, _ in hits} == {"杨植麟"}
    assert found(engine, texts, "模型", ARTICLE_004, speakers=["杨总"])


def test_unknown_speaker_gives_nothing(engine, texts):
    assert found(engine, texts, "@无此人 模型") == []


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "!", "@", "|", "!模型", "@王小川"])
def test_empty_queries(engine, query):
    assert engine.search(query).hits == ()


def test_query_longer_than_any_sentence(engine):
    assert engine.search("模型" * 300).hits == ()
    assert engine.search("scaling" * 50).hits == ()


@pytest.mark.parametrize("query", ["a.*b", "[模型]", ".*", "\\d+", "^模型$", "模型+", "(", "?"])
def test_regex_metacharacters_are_literal(engine, texts, query):
    hits = found(engine, texts, query)
    assert all(fold(t) == fold(query) for h, t in hits if h.tier == "exact")
    if query in "(?":
        assert hits  # present in the corpus, found as plain characters
    else:
        assert not [h for h, _ in hits if h.tier == "exact"]


def test_literal_punctuation_and_width_folding(engine, texts):
    hits = found(engine, texts, "看？", ARTICLE_004)  # full-width query, half-width source
    assert hits and all(t == "看?" for _, t in hits)


def test_hits_point_at_source_and_snippets_mark_the_match(engine, texts):
    for h in engine.search("杨植麟 | yzl | scaling", limit=100, context=10).hits:
        src = texts[h.panel_id]
        assert h.unit_start <= h.start < h.end <= h.unit_end
        s = h.snippet
        assert src[s.offset : s.offset + len(s.text)].replace("\n", " ") == s.text
        a, b = s.marks[0]
        assert s.text[a:b] == src[h.start : h.end].replace("\n", " ")
        assert len(s.text) <= (h.end - h.start) + 20


def test_panel_restriction(engine):
    hits = engine.search("模型", panels=[YT_003], limit=500).hits
    assert hits and {h.panel_id for h in hits} == {YT_003}


def test_hits_are_frozen(engine):
    hit = engine.search("模型").hits[0]
    with pytest.raises(AttributeError):
        hit.start = 0  # type: ignore[misc]


def test_session_matches_fresh_search_while_typing(engine):
    for query in ("yangzhilin", "杨植麟 模型", "scaling law", "@王小川 数据 !算法"):
        session = engine.session(limit=30)
        for i in range(1, len(query) + 1):
            typed = session.update(query[:i])
            fresh = engine.search(query[:i], limit=30)
            assert [(h.panel_id, h.start, h.tier) for h in typed.hits] == [
                (h.panel_id, h.start, h.tier) for h in fresh.hits
            ], query[:i]


def test_session_cancels(engine):
    session = engine.session()
    with pytest.raises(SearchCancelled):
        session.update("模型", cancel=lambda: True)
    assert session.update("模型").hits  # a cancelled query leaves the session usable


def test_corpus_search_api(corpus):
    hits = corpus.search("杨植麟", panel="004", limit=5)
    assert 0 < len(hits) <= 5
    assert {h.panel_id for h in hits} == {ARTICLE_004}
