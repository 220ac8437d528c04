"""ASR-tolerant name matching: find a panel's participants in text however ASR spelled them.

ASR writes names as homophones (植麟 → 志玲 / 子琳, 水成 → 水城, 俊旸 → 俊阳), so names are
compared on fuzzy toneless pinyin (see :mod:`panel_tui.pinyin`), over the full name, the given
name and forms of address (``唐老师``, ``谢总``, ``万博士``, ``杨强教授``, ``水城师兄``). A
full name of three syllables may also differ in one syllable that keeps its initial
(张一甲 → 张英甲), measured with rapidfuzz. Titles (老师, 总 …) must match literally. A guest's
two-syllable given name may be misheard in one syllable (彭佩 for 鹏飞): such ``NEAR`` hits
are weak, and :mod:`panel_tui.speakers.cues` uses them only as plain calls.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from panel_tui.ingest.names import given_name, surname_of
from panel_tui.model import Participant
from panel_tui.pinyin import char_pinyin, fuzzy_syllable

# Forms of address that follow a surname, a given name or a full name.
SURNAME_TITLES = (
    "老师", "教授", "博士", "院士", "院长", "校长", "主任", "所长", "总", "董", "兄", "哥", "姐",
    "先生", "女士", "师兄", "师姐",
)  # fmt: skip
GIVEN_TITLES = ("老师", "总", "兄", "师兄", "师姐", "博士", "哥", "姐")
FULL_TITLES = ("老师", "教授", "博士", "院士", "总", "先生", "女士", "院长")

_TITLES_LONGEST = sorted(GIVEN_TITLES, key=len, reverse=True)
_TITLE_FIRST = frozenset(t[0] for t in GIVEN_TITLES)
_BEFORE_CALL = frozenset("个来请那啊呃嗯好对")  # 那个水中师兄 / 来水城师兄 / 好水城总
_AFTER_CALL = frozenset("，,。 ？?！!、你您啊呀")
_FUNCTION_CHARS = frozenset("一这那个是有的了在也就都还和跟")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")

# Kinds of form, strongest first; the kind says how sure a hit is.
FULL = "full"
GIVEN = "given"
TITLED = "titled"  # surname or given name + title: 谢总, 水城师兄
ORG = "org"  # an affiliation learnt from the text: 百川 for 谢剑
NEAR = "near"  # a two-syllable given name with one syllable misheard (彭佩 for 鹏飞): calls only
NEAR_MAX = 2  # a misheard spelling seen more often than this is an ordinary word


@dataclass(frozen=True, slots=True)
class NameForm:
    who: str
    syllables: tuple[str, ...]  # fuzzy syllables of the name part
    title: str  # literal suffix ("" for none)
    kind: str
    approximate: bool = False  # allow one near syllable (full three-syllable names only)


@dataclass(frozen=True, slots=True)
class NameHit:
    who: str
    start: int
    end: int
    kind: str


@lru_cache(maxsize=65536)
def fuzzy_char(ch: str) -> str:
    """Fuzzy toneless syllable of one character; ``''`` for non-Han characters."""
    py = char_pinyin(ch)
    return fuzzy_syllable(py) if py else ""


def _fuzzy(text: str) -> tuple[str, ...]:
    return tuple(fuzzy_char(ch) for ch in text)


def address_forms(p: Participant, orgs: tuple[str, ...] = ()) -> list[NameForm]:
    """Every way a panel might refer to ``p``: full name, given name, titled forms, aliases."""
    forms: list[NameForm] = []
    name = p.name.replace(" ", "")
    names = [name, *(a.replace(" ", "") for a in p.aliases)]
    for n in names:
        if not _CJK.match(n):
            continue
        syl = _fuzzy(n)
        titled = next((t for t in SURNAME_TITLES if n.endswith(t) and len(n) > len(t)), "")
        if titled:
            # Known only by a form of address (赵老师): it, and the name with other titles
            # (赵总); never its "given name" 老师.
            forms.append(NameForm(p.name, syl, "", FULL))
            base = _fuzzy(n[: -len(titled)])
            forms += [NameForm(p.name, base, t, TITLED) for t in SURNAME_TITLES if t != titled]
            continue
        forms.append(NameForm(p.name, syl, "", FULL, approximate=len(n) >= 3))
        forms += [NameForm(p.name, syl, t, TITLED) for t in FULL_TITLES]
        if len(n) < 2 or len(n) > 4:
            continue
        sur, given = surname_of(n), given_name(n)
        forms += [NameForm(p.name, _fuzzy(sur), t, TITLED) for t in SURNAME_TITLES]
        if len(given) >= 2:
            forms.append(NameForm(p.name, _fuzzy(given), "", GIVEN))
            forms += [NameForm(p.name, _fuzzy(given), t, TITLED) for t in GIVEN_TITLES]
    forms += [NameForm(p.name, _fuzzy(o), "", ORG) for o in orgs if _CJK.match(o)]
    return forms


class NameMatcher:
    """Finds mentions of a panel's participants; forms shared by two people are dropped."""

    def __init__(
        self,
        participants: tuple[Participant, ...] | list[Participant],
        orgs: dict[str, tuple[str, ...]] | None = None,
        orgs_only: bool = False,
        near: Collection[str] = (),
    ) -> None:
        """``orgs_only`` finds affiliations alone (to add newly learnt ones to earlier hits);
        ``near`` names the people whose misheard given names are looked for (the guests)."""
        orgs = orgs or {}
        owners: dict[tuple[tuple[str, ...], str], set[str]] = {}
        all_forms: list[NameForm] = []
        for p in participants:
            for f in address_forms(p, orgs.get(p.name, ())):
                if orgs_only and f.kind != ORG:
                    continue
                owners.setdefault((f.syllables, f.title), set()).add(f.who)
                all_forms.append(f)
        seen: set[tuple[tuple[str, ...], str, str]] = set()
        # first syllable → name syllables → forms (one tuple comparison serves all titles)
        self._by_first: dict[str, dict[tuple[str, ...], list[NameForm]]] = {}
        self._approx: dict[str, list[NameForm]] = {}
        # misheard given names, by the syllable that stays exact: 鹏 (first) and 飞 (second)
        self._near: tuple[dict[str, list[NameForm]], dict[str, list[NameForm]]] = ({}, {})
        latin: list[tuple[str, str]] = []
        for f in all_forms:
            key = (f.syllables, f.title, f.who)
            if key in seen or len(owners[(f.syllables, f.title)]) > 1 or not f.syllables:
                continue
            seen.add(key)
            by_syl = self._by_first.setdefault(f.syllables[0], {})
            by_syl.setdefault(f.syllables, []).append(f)
            if f.approximate:
                self._approx.setdefault(f.syllables[0], []).append(f)
            if f.kind == GIVEN and f.who in near and len(f.syllables) == 2 and all(f.syllables):
                for k in (0, 1):
                    self._near[k].setdefault(f.syllables[k], []).append(f)
        for p in () if orgs_only else participants:
            if not _CJK.match(p.name.replace(" ", "")) and p.name.strip():
                latin.append((p.name.lower(), p.name))
        self._latin = latin

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[NameHit]:
        """Non-overlapping mentions in ``text[start:end]``, longest (then strongest) first."""
        end = len(text) if end is None else end
        syl = [fuzzy_char(ch) for ch in text[start:end]]
        hits: list[NameHit] = []
        i = 0
        n = len(syl)
        near = self._near_positions(syl) if self._near[0] else {}
        while i < n:
            best: NameHit | None = None
            # "谢谢院长" is thanks, not 谢院长: a surname + title does not start inside a
            # reduplication; a stuttered given name (小小川) still counts.
            dup = i > 0 and text[start + i - 1] == text[start + i]
            cands = self._by_first.get(syl[i]) if syl[i] else None
            for sy, forms in (cands or {}).items():
                if tuple(syl[i : i + len(sy)]) != sy:
                    continue
                for f in forms:
                    if dup and (f.kind == TITLED or len(f.syllables) < 2):
                        continue
                    m = self._match_at(text, i + start, f)
                    if m and (best is None or m.end - m.start > best.end - best.start):
                        best = m
            if best is None and cands and not dup:
                for f in self._approx.get(syl[i], ()):
                    m = self._approx_at(text, syl, i, f, start)
                    if m:
                        best = m
                        break
            if best is None and i in near and not dup and not self._starts_form(syl, i + 1):
                best = NameHit(near[i], start + i, start + i + 2, NEAR)
            if (
                best is None
                and self._near[0]
                and not dup
                and text[start + i + 2 : start + i + 3] in _TITLE_FIRST
            ):
                best = self._near_titled(text, syl, i, start)
            if best is not None:
                hits.append(best)
                i = best.end - start
            else:
                i += 1
        spellings = {text[h.start : h.end] for h in hits if h.kind == NEAR}
        if spellings:
            # A spelling that recurs (医疗 in a talk on health care) is a word of the talk,
            # not a mishearing of a name.
            span = text[start:end]
            words = {w for w in spellings if span.count(w) > NEAR_MAX}
            hits = [h for h in hits if h.kind != NEAR or text[h.start : h.end] not in words]
        if self._latin:
            low = text[start:end].lower()
            for key, who in self._latin:
                for m in re.finditer(re.escape(key), low):
                    hits.append(NameHit(who, start + m.start(), start + m.end(), FULL))
            hits.sort(key=lambda h: h.start)
        return hits

    @staticmethod
    def _match_at(text: str, pos: int, f: NameForm) -> NameHit | None:
        """``f`` at ``pos`` once its name syllables are known to match: check the title."""
        j = pos + len(f.syllables)
        if f.title and text[j : j + len(f.title)] != f.title:
            return None
        return NameHit(f.who, pos, j + len(f.title), f.kind)

    def _near_titled(self, text: str, syl: list[str], i: int, base: int) -> NameHit | None:
        """A guest's given name with either syllable misheard, followed by a title and said to
        them (``那个水中师兄，`` for 水城): the title makes it a form of address, so any Han
        syllable may differ, but it must stand alone: after a pause or a filler, not after
        another name's surname (刘志远老师) or a word (是袁老师, 一个老师), and before a pause
        or 你/您 (建行总的想法 is a mention, not a call)."""
        if i + 1 >= len(syl) or not syl[i] or not syl[i + 1]:
            return None
        at = base + i
        before = text[at - 1] if at else ""
        if (before and fuzzy_char(before) and before not in _BEFORE_CALL) or (
            text[at] in _FUNCTION_CHARS
        ):
            return None
        pos = at + 2
        title = next((t for t in _TITLES_LONGEST if text.startswith(t, pos)), "")
        after = text[pos + len(title) : pos + len(title) + 1]
        if not title or (after and after not in _AFTER_CALL):
            return None
        who = {f.who for k in (0, 1) for f in self._near[k].get(syl[i + k], ())}
        if len(who) != 1:
            return None
        return NameHit(next(iter(who)), at, pos + len(title), TITLED)

    def _near_positions(self, syl: list[str]) -> dict[int, str]:
        """Where a guest's given name starts with one syllable misheard (彭佩 for 鹏飞), the
        other exact: position → guest, where only one guest fits. Such ``NEAR`` hits are weak;
        only a plain call may use them (see :mod:`panel_tui.speakers.cues`)."""
        found: dict[int, set[str]] = {}
        n = len(syl)
        keys = self._near[0].keys() | self._near[1].keys()
        for j in [j for j, x in enumerate(syl) if x in keys]:
            for k, forms in enumerate(self._near):
                i = j - k  # where the name starts
                if syl[j] not in forms or i < 0 or i + 1 >= n or not syl[i + 1 - k]:
                    continue
                other = syl[i + 1 - k]
                for f in forms[syl[j]]:
                    want = f.syllables[1 - k]
                    if other != want and _near(other, want):
                        found.setdefault(i, set()).add(f.who)
        return {i: next(iter(w)) for i, w in found.items() if len(w) == 1}

    def _starts_form(self, syl: list[str], i: int) -> bool:
        """Does a known form start at ``i``? (A misheard name never overlaps a real one.)"""
        nxt = self._by_first.get(syl[i]) if i < len(syl) else None
        return any(tuple(syl[i : i + len(sy)]) == sy for sy in nxt or ())

    @staticmethod
    def _approx_at(text: str, syl: list[str], i: int, f: NameForm, base: int) -> NameHit | None:
        k = len(f.syllables)
        got = syl[i : i + k]
        if len(got) < k or not all(got) or got[0] != f.syllables[0]:
            return None
        diff = [(a, b) for a, b in zip(got, f.syllables, strict=True) if a != b]
        if len(diff) != 1 or diff[0][0][:1] != diff[0][1][:1]:
            return None
        if Levenshtein.normalized_similarity(" ".join(got), " ".join(f.syllables)) < 0.8:
            return None
        return NameHit(f.who, base + i, base + i + k, FULL)


def same_person(a: str, b: str) -> bool:
    """Do two written names sound like the same person (full name, fuzzy or one near syllable)?"""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    if a == b:
        return True
    fa, fb = _fuzzy(a), _fuzzy(b)
    if not all(fa) or not all(fb) or len(fa) != len(fb):
        return False
    if fa == fb:
        return True
    if len(fa) < 3:
        return False
    diff = [(x, y) for x, y in zip(fa, fb, strict=True) if x != y]
    return len(diff) == 1 and fa[0] == fb[0] and _near(*diff[0])


def rhymes(a: str, b: str) -> bool:
    """Do two written characters share their (fuzzy) final, as a misheard syllable of a name
    usually does (冰 bing / 明 ming)?"""
    fa, fb = fuzzy_char(a), fuzzy_char(b)
    return bool(fa and fb and _final(fa) and _final(fa) == _final(fb))


@lru_cache(maxsize=65536)
def _near(x: str, y: str) -> bool:
    """Two syllables ASR confuses: same initial letter, or same final (zhen / chen)."""
    if x[:1] == y[:1]:
        return True
    return _final(x) == _final(y) and bool(_final(x))


def _final(s: str) -> str:
    for ini in ("zh", "ch", "sh"):
        if s.startswith(ini):
            return s[2:]
    return s[1:] if s[:1] not in "aeiou" else s
