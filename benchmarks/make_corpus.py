"""Write a scale corpus: N panels in the three source formats, recombined from the shipped text.

    python benchmarks/make_corpus.py OUT_DIR [--panels 500] [--chars 32000] [--seed 7]

Paragraphs of the shipped transcripts are shuffled and dealt into panels of about ``--chars``
characters each; panel i is a Bilibili ASR dump (header + paragraphs), a YouTube caption dump
(Title / Video ID / ==== + one long line) or an article with ``Name:`` labels, in turn.
500 panels of 32,000 characters make about 16 million characters. Never write into the repo.
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "corpus"
_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,4}[:：]")
GUESTS = [
    "杨植麟",
    "王小川",
    "张鹏",
    "李大海",
    "颜水成",
    "谢剑",
    "黄文灏",
    "万鹏飞",
    "唐杰",
    "杨强",
]
HOSTS = ["王仲远", "张一甲", "广觅"]


def paragraphs() -> list[str]:
    """Body paragraphs of the shipped corpus (headers, image lines and labels dropped)."""
    out: list[str] = []
    for f in sorted(SHIPPED.glob("*.txt")):
        lines = f.read_text(encoding="utf-8").splitlines()
        if lines and lines[0].startswith("Title:"):  # YouTube: one long line, cut at sentences
            body = " ".join(lines[3:])
            out += [p.strip() for p in re.split(r"(?<=[。？！?!])\s+", body) if len(p) > 20]
            continue
        for line in lines[1:]:
            line = _LABEL.sub("", line.strip())
            if len(line) > 20 and not line.startswith(("!", "#", "Video ID", "作者")):
                out.append(line)
    return out


def _id(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))


def bilibili(i: int, rng: random.Random, paras: list[str]) -> str:
    host, *guests = rng.sample(GUESTS + HOSTS, 4)
    head = (
        f"# 2024北京智源大会-规模测试 - P{i}：圆桌讨论：主持人：{host}-嘉宾：{'-'.join(guests)}"
        f" - 智源社区 - BV1{_id(rng, 9)}"
    )
    return head + "\n\n" + "\n\n".join(paras) + "\n"


def youtube(i: int, rng: random.Random, paras: list[str]) -> str:
    a, b, c = rng.sample(GUESTS, 3)
    head = (
        f"Title: 规模测试圆桌 {i}：{a}，{b}和{c}都说了什么？\nVideo ID: {_id(rng, 11)}\n" + "=" * 60
    )
    return head + "\n\n" + " ".join(paras) + "\n"


def article(i: int, rng: random.Random, paras: list[str]) -> str:
    people = rng.sample(GUESTS, 4)
    head = (
        f"当前位置:首页|资讯|智源|{people[0]}\n\n规模测试第{i}篇:{'、'.join(people)}谈大模型\n\n"
        f"作者:规模测试发布时间:2024-06-{1 + i % 28:02d}\n\n【以下为整理的要点】\n\n"
    )
    body = "\n\n".join(f"{rng.choice(people)}:{p}" for p in paras)
    return head + body + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--panels", type=int, default=500)
    ap.add_argument("--chars", type=int, default=32_000, help="characters per panel")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    out: Path = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        print("refusing to write inside the repository", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    pool = paragraphs()
    writers = (bilibili, youtube, article)
    total = 0
    for i in range(args.panels):
        paras: list[str] = []
        size = 0
        while size < args.chars:
            p = rng.choice(pool)
            paras.append(p)
            size += len(p)
        text = writers[i % 3](i, rng, paras)
        (out / f"{i:04d}_{writers[i % 3].__name__}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    print(f"wrote {args.panels} panels, {total:,} characters, to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
