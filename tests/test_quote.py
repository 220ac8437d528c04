"""Quotes carry the right words, the right speaker and an honest citation."""

from __future__ import annotations

from panel_tui.quote import QuoteStyle, copy_text, format_quote, load_style, quote_text


def span_of(panel, snippet):
    i = panel.text.index(snippet)
    return i, i + len(snippet)


def test_labelled_quote_from_the_article(corpus):
    panel = corpus.get("web")
    start, end = span_of(panel, "scaling law没有本质问题。")
    q = format_quote(panel, start, end)
    assert q.startswith("“scaling law没有本质问题。” — 杨植麟, ")
    assert "(speaker inferred)" not in q
    assert "2024-06-15" in q


def test_inferred_speaker_is_marked_unless_turned_off(corpus):
    panel = corpus.get("BV1uH4y1w77V-p5")
    sentence = next(s for s in panel.sentences if s.end - s.start > 20)
    turn = next(t for t in panel.turns if t.start <= sentence.start < t.end)
    q = format_quote(panel, sentence.start, sentence.end)
    assert "尖峰对话：通往AGI之路" in q and "2024北京智源大会" in q and "bilibili BV1uH4y1w77V" in q
    if turn.method in ("label", "correction") or turn.speaker == "unknown":
        assert "(speaker inferred)" not in q
    else:
        assert f"— {turn.speaker} (speaker inferred)," in q
    plain = format_quote(panel, sentence.start, sentence.end, QuoteStyle(mark_inferred=False))
    assert "(speaker inferred)" not in plain


def test_noise_is_not_quoted(corpus):
    panel = corpus.get("BV1iT421k7Bv")
    start = panel.text.index("🎼各位来宾")
    end = panel.text.index("入场", start) + 2
    assert quote_text(panel, start, end).startswith("各位来宾让我们")


def test_user_template_from_config(tmp_path, corpus, monkeypatch):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "config.toml").write_text(
        '[quote]\ntemplate = "{speaker}: {quote} [{panel_id}@{start}]"\nmark_inferred = false\n',
        encoding="utf-8",
    )
    style, warning = load_style(cfg)
    assert warning is None
    panel = corpus.get("web")
    start, end = span_of(panel, "scaling law没有本质问题。")
    assert format_quote(panel, start, end, style) == (
        f"杨植麟: scaling law没有本质问题。 [{panel.id}@{start}]"
    )


def test_broken_config_falls_back_with_a_one_line_warning(tmp_path):
    (tmp_path / "config.toml").write_text('[quote]\ntemplate = "{nope}"\n', encoding="utf-8")
    style, warning = load_style(tmp_path)
    assert style == QuoteStyle()
    assert warning and "config.toml" in warning and "\n" not in warning
    (tmp_path / "config.toml").write_text("not toml = = =", encoding="utf-8")
    style, warning = load_style(tmp_path)
    assert style == QuoteStyle() and "config.toml" in warning


def test_copy_uses_osc52_even_without_a_system_clipboard():
    sent = []
    used = copy_text("“x” — y", osc52=sent.append)
    assert sent == ["“x” — y"]
    assert "terminal (OSC 52)" in used
