"""A silver turn annotation for panel 001, derived at run time from the edited article 004.

Corpus 004 (a web article with ``Name:`` labels) ends with an edited transcript of the same
dialogue that 001 is the raw Bilibili ASR of. We align the article's labelled turns to the ASR
text and write the result in the official gold format, so the official scorer can check
attribution on a second, independently annotated panel.

Alignment: both texts become sequences of fuzzy toneless syllables (Han characters only; ASR
homophones such as 志玲 / 植麟 fold together) and are aligned globally with an LCS
(rapidfuzz ``Indel.opcodes``), which is monotonic by construction. A turn starts at the ASR
position of its first matched syllable, pulled back to the nearest clause break (punctuation
or a pause) before it, as long as that break lies after the previous turn's last match. The
editor dropped fillers and some brief moderator hand-offs (``好，小川``), so the silver lacks
those short turns: it is an approximation, checked by eye (see docs/attribution.md).

Usage: python benchmarks/silver_001.py [OUT.json]   (prints the turns; writes the gold file)
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Indel

from panel_tui.pinyin import char_pinyin, fuzzy_syllable

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ASR = "001_2f339ea5d00f0181.txt"
ARTICLE = "004_931a35d290fef561.txt"
SECTION = "【以下为月之暗面、百川智能、智谱AI、面壁智能四家大模型独角兽会议实录】"
MODERATOR_NAME = "王仲远"
_LABEL = re.compile(r"^(?P<who>[\u4e00-\u9fff]{2,4})[:：](?P<body>.*)$")
_BREAK = re.compile(r"[，。？！；,?!;：:…\s]")
MIN_SNIPPET = 8
MIN_RUN = 2  # shorter matches are often chance (我, 的, 这个)


@dataclass(frozen=True, slots=True)
class ArticleTurn:
    speaker: str
    text: str


def article_turns(article: str) -> list[ArticleTurn]:
    """The labelled turns after the section marker; an unlabelled paragraph continues the turn
    before it. Short labels (``仲远``) resolve to the full label that ends with them."""
    body = article.split(SECTION, 1)[1]
    turns: list[ArticleTurn] = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("Copyright"):
            continue
        m = _LABEL.match(line)
        if m:
            turns.append(ArticleTurn(m["who"], m["body"]))
        elif turns:
            turns[-1] = ArticleTurn(turns[-1].speaker, turns[-1].text + line)
    full = {t.speaker for t in turns if len(t.speaker) >= 3}

    def resolve(who: str) -> str:
        hits = [f for f in full if f.endswith(who) and f != who]
        return hits[0] if len(hits) == 1 else who

    return [ArticleTurn(resolve(t.speaker), t.text) for t in turns]


def _syllable_codes(text: str, table: dict[str, str]) -> tuple[str, list[int]]:
    """The Han characters of ``text`` as one code character per fuzzy syllable, and the
    offset of each in ``text``."""
    codes: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        syl = char_pinyin(ch)
        if not syl:
            continue
        key = fuzzy_syllable(syl)
        codes.append(table.setdefault(key, chr(0xE000 + len(table))))
        where.append(i)
    return "".join(codes), where


def align(asr: str, turns: list[ArticleTurn], speech_start: int) -> list[tuple[str, int]]:
    """(speaker, ASR offset) where each article turn starts; consecutive turns of one speaker
    merge, and turns with no matched syllable are dropped."""
    table: dict[str, str] = {}
    a_codes, a_where = _syllable_codes(asr[speech_start:], table)
    a_where = [speech_start + i for i in a_where]
    t_codes: list[str] = []
    t_owner: list[int] = []
    for k, t in enumerate(turns):
        c, _ = _syllable_codes(t.text, table)
        t_codes.append(c)
        t_owner.extend([k] * len(c))
    # matched[j] = ASR syllable index of article syllable j (or -1)
    matched = [-1] * len(t_owner)
    for op in Indel.opcodes("".join(t_codes), a_codes):
        if op.tag == "equal" and op.src_end - op.src_start >= MIN_RUN:
            for d in range(op.src_end - op.src_start):
                matched[op.src_start + d] = op.dest_start + d
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for j, k in enumerate(t_owner):
        if matched[j] >= 0:
            first.setdefault(k, matched[j])
            last[k] = matched[j]
    out: list[tuple[str, int]] = []
    prev_last = -1
    for k, t in enumerate(turns):
        if k not in first:
            continue
        pos = a_where[first[k]]
        floor = a_where[prev_last] + 1 if prev_last >= 0 else speech_start
        if out:
            # pull back to the clause break nearest before the first matched syllable
            b = pos
            while b > floor and not _BREAK.match(asr[b - 1]):
                b -= 1
            if b > floor:
                pos = b
            while pos < len(asr) and asr[pos].isspace():
                pos += 1
        else:
            pos = speech_start
        prev_last = last[k]
        if out and out[-1][0] == t.speaker:
            continue
        if out and pos <= out[-1][1]:
            continue
        out.append((t.speaker, pos))
    return out


def _snippet(asr: str, pos: int, after: int) -> str:
    """The shortest verbatim ASR snippet from ``pos`` (at least MIN_SNIPPET chars) whose first
    occurrence after ``after`` is at ``pos``."""
    n = MIN_SNIPPET
    while asr.find(asr[pos : pos + n], after) != pos:
        n += 1
    return asr[pos : pos + n]


def build_silver(corpus: Path = CORPUS) -> dict:
    """The silver annotation of 001 in the scorer's gold format."""
    asr = (corpus / ASR).read_text(encoding="utf-8")
    article = (corpus / ARTICLE).read_text(encoding="utf-8")
    turns = article_turns(article)
    # Spoken text starts after the title line.
    speech_start = asr.index("\n") + 1
    while asr[speech_start].isspace():
        speech_start += 1
    starts = align(asr, turns, speech_start)
    names = list(dict.fromkeys(t.speaker for t in turns))
    participants = [
        {"name": n, "role": "moderator" if n == MODERATOR_NAME else "guest", "aliases": []}
        for n in names
    ]
    out_turns = []
    after = 0
    for who, pos in starts:
        out_turns.append({"speaker": who, "start": _snippet(asr, pos, after)})
        after = pos + 1
    return {"document": ASR, "participants": participants, "turns": out_turns, "silver": True}


def write_silver(path: Path, corpus: Path = CORPUS) -> Path:
    path.write_text(json.dumps(build_silver(corpus), ensure_ascii=False, indent=1), "utf-8")
    return path


def main(argv: list[str]) -> int:
    silver = build_silver()
    asr = (CORPUS / ASR).read_text(encoding="utf-8")
    pos = 0
    for t in silver["turns"]:
        pos = asr.find(t["start"], pos)
        print(f"{pos:>6} {t['speaker']}\t{asr[max(0, pos - 25) : pos]!r} | {asr[pos : pos + 35]!r}")
        pos += 1
    print(f"{len(silver['turns'])} turns")
    if argv:
        write_silver(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
