"""ASR-tolerant speaker names for ``@name``: ``@杨植麟``, ``@植麟``, ``@志玲``, ``@杨总``,
``@小川``, ``@yangzhilin`` and ``@yzl`` all pick 杨植麟.

A name is compared on fuzzy toneless pinyin (so homophones match), as the full name, the given
name (name minus surname), or a form of address built on the surname or given name.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from panel_tui.pinyin import _is_cjk, fuzzy_key, fuzzy_syllable, initials, syllables
from panel_tui.search.folding import fold

_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木".split()  # noqa: SIM905
)
_PREFIXES = ("小", "老", "阿")
_SUFFIXES = ("老师", "教授", "博士", "院长", "校长", "先生", "女士", "总", "哥", "姐", "兄")


def _split(name: str) -> tuple[str, str]:
    """Surname and given name of a Chinese name (``('', name)`` when it is not one)."""
    if not (2 <= len(name) <= 4 and all(_is_cjk(c) for c in name)):
        return "", name
    cut = 2 if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:cut], name[cut:]


@lru_cache(maxsize=4096)
def _keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(keys a query may equal, keys of the bare surname, allowed only with a title)."""
    name = fold(name).strip()
    surname, given = _split(name)
    keys = {fuzzy_key(name)} if any(_is_cjk(c) for c in name) else set()
    if surname and len(given) >= 2:
        keys.add(fuzzy_key(given))
    latin = name.replace(" ", "").lower()
    if latin.isascii() and latin:
        keys.add(latin)
    elif surname:  # typed pinyin and initials of the full name
        keys.add("".join(fuzzy_syllable(s) for s in syllables(name)))
        keys.add(initials(name))
    if surname:
        return frozenset(k for k in keys if k), frozenset({fuzzy_key(surname), fuzzy_key(given)})
    return frozenset(k for k in keys if k), frozenset()


def _query_forms(query: str) -> tuple[set[str], set[str]]:
    """(plain forms, forms that came with a title like 小X / X总, which may be just a surname)."""
    q = fold(query).strip()
    plain = {q}
    titled: set[str] = set()
    for p in _PREFIXES:
        if q.startswith(p) and len(q) > len(p):
            titled.add(q[len(p) :])
    for s in _SUFFIXES:
        if q.endswith(s) and len(q) > len(s):
            titled.add(q[: -len(s)])
    return plain, titled


def _key_of(form: str) -> str:
    if any(_is_cjk(c) for c in form):
        return fuzzy_key(form)
    from panel_tui.pinyin import split_pinyin

    latin = form.replace(" ", "").lower()
    split = split_pinyin(latin)
    if split and not split[1] and len(split[0]) >= 2:
        return "".join(fuzzy_syllable(s) for s in split[0])
    return latin


def name_matches(query: str, name: str) -> bool:
    """Does ``@query`` designate the speaker called ``name``?"""
    if not query.strip() or not name.strip():
        return False
    if fold(query).strip() in fold(name):
        return True
    keys, titled_keys = _keys(name)
    plain, titled = _query_forms(query)
    qkeys = {_key_of(f) for f in plain}
    if qkeys & keys:
        return True
    if {_key_of(f) for f in titled} & (keys | titled_keys):
        return True
    q = fold(query).replace(" ", "").lower()
    return q.isascii() and len(q) >= 4 and name.isascii() and fuzz.ratio(q, name.lower()) >= 80


def matching_names(queries: Iterable[str], names: Iterable[str]) -> frozenset[str]:
    """The names any of ``queries`` designates."""
    qs = [q for q in queries if q.strip()]
    return frozenset(n for n in names if any(name_matches(q, n) for q in qs))
