"""Query syntax, in the spirit of fzf.

``a b``      both terms, within one sentence (or one turn)
``'a``       exact only: no fuzzy or phonetic tier
``!a``       exclude units containing ``a`` (folded exact match)
``a | b``    either term
``@name``    only what this speaker said (ASR-tolerant name match); several ``@`` mean any
``"a b"``    a phrase with a space in it (also ``'"a b"``)

Regex metacharacters have no meaning: every term is literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Shown by ``panel-tui search --help``; the app's help can show it too.
SYNTAX_HELP = """Query syntax (fzf-like):
  a b        every term, in a sentence (or turn)  'a     exact only (no fuzzy/phonetic)
  a | b      either term                          !a     leave out sentences containing a
  @name      only this speaker (ASR-tolerant)     "a b"  a phrase with a space
Chinese terms also match homophones (杨植麟 ~ 杨志玲); Latin letters also match pinyin
(yangzhilin) and initials (yzl). Case, traditional/simplified and full/half width are folded."""

_TOKEN = re.compile(r'[!\']*"[^"]*"?|\S+')


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    exact_only: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    groups: tuple[tuple[Term, ...], ...] = ()  # AND of ORs
    excludes: tuple[Term, ...] = ()
    speakers: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.groups


def _term(tok: str) -> Term | None:
    exact = False
    while tok.startswith("'"):
        exact, tok = True, tok[1:]
    if tok.startswith('"'):
        tok = tok[1:-1] if len(tok) > 1 and tok.endswith('"') else tok[1:]
    return Term(tok, exact) if tok.strip() else None


def parse(text: str) -> Query:
    """Parse a query string; unfinished pieces (a lone ``!``, ``@`` or ``|``) are ignored, so
    every prefix of a query typed key by key parses."""
    groups: list[list[Term]] = []
    excludes: list[Term] = []
    speakers: list[str] = []
    join_next = False
    for tok in _TOKEN.findall(text):
        if tok == "|":
            join_next = bool(groups)
            continue
        if tok.startswith("@"):
            if tok[1:]:
                speakers.append(tok[1:])
            continue
        if tok.startswith("!"):
            t = _term(tok[1:])
            if t:
                excludes.append(Term(t.text, True))
            continue
        t = _term(tok)
        if t is None:
            continue
        if join_next and groups:
            groups[-1].append(t)
        else:
            groups.append([t])
        join_next = False
    return Query(tuple(tuple(g) for g in groups), tuple(excludes), tuple(speakers))
