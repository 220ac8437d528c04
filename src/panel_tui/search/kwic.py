"""KWIC snippets: the keyword in its context, cut from the source text so marks land on the
original characters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


@dataclass(frozen=True, slots=True)
class Snippet:
    """``text`` is ``source[offset:offset + len(text)]`` with line breaks shown as spaces;
    ``marks`` are ``(start, end)`` within ``text``; ``cut_left``/``cut_right`` say whether
    the context was truncated (show an ellipsis)."""

    text: str
    offset: int
    marks: tuple[tuple[int, int], ...]
    cut_left: bool
    cut_right: bool

    def parts(self) -> list[tuple[str, bool]]:
        """The text as (piece, marked) pairs, for renderers."""
        out: list[tuple[str, bool]] = []
        pos = 0
        for s, e in self.marks:
            if s > pos:
                out.append((self.text[pos:s], False))
            out.append((self.text[max(s, pos) : e], True))
            pos = max(pos, e)
        if pos < len(self.text):
            out.append((self.text[pos:], False))
        return out

    def marked(self, left: str = "[", right: str = "]") -> str:
        body = "".join(f"{left}{t}{right}" if m else t for t, m in self.parts())
        return ("…" if self.cut_left else "") + body + ("…" if self.cut_right else "")


def kwic(
    text: str,
    start: int,
    end: int,
    context: int = 30,
    marks: Iterable[tuple[int, int]] = (),
    *,
    bounds: tuple[int, int] | None = None,
) -> Snippet:
    """``context`` characters either side of ``text[start:end]`` (within ``bounds`` if given),
    marking that span and any of ``marks`` that fall inside the window."""
    lo, hi = bounds if bounds else (0, len(text))
    a = max(lo, start - max(context, 0))
    b = min(hi, end + max(context, 0))
    spans = sorted({(start, end), *marks})
    rel = tuple((max(s, a) - a, min(e, b) - a) for s, e in spans if s < b and e > a and e > s)
    return Snippet(text[a:b].translate(_FLAT), a, rel, a > lo, b < hi)
