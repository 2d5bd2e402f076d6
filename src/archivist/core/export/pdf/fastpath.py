"""The fast path for the common block: one font, left-aligned, left-to-right, no line breaks.

Such a block is handed to ReportLab as plain escaped text (one fragment, ReportLab's cheapest
line breaking and drawing), with the highlight numbers as Unicode superscript digits. Where the
highlighted words landed is then computed from ReportLab's own line breaks: each line of a
simple paragraph is its words joined by single spaces, drawn from the left indent, so a
character's x is the width of the line's text before it. Blocks that need more (fallback fonts,
right-to-left text, CJK line breaking, explicit line breaks, two numbers at one spot) take the
general path with `<onDraw>` markers (see `markup`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf.markup import Span

_SUPER = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
_ODD_SPACE = re.compile(r"[^\S ]")

Quad = tuple[float, float, float, float, float, float, float, float]


@dataclass(frozen=True)
class FastText:
    """A block's text as drawn, and its highlights in non-space character indexes."""

    rendered: str
    pieces: list[tuple[str, int, int]]     # (key, first ns index, end ns index)
    numbers: list[tuple[str, int]]         # (key, ns index of the number's first digit)


def eligible(text: str, style: ParagraphStyle, spans: list[Span]) -> bool:
    if style.alignment != TA_LEFT or style.fontName not in F.CHAINS or getattr(style, "wordWrap", None):
        return False
    if _ODD_SPACE.search(text):
        return False
    cleaned = F.clean(text)
    if cleaned != text or (not text.isascii() and F.uncovered_re(style.fontName).search(text)):
        return False
    ends = [s.end for s in spans if s.final]
    return len(ends) == len(set(ends))


def build(text: str, spans: list[Span]) -> FastText:
    inserts = sorted((s.end, str(s.number).translate(_SUPER), s.key) for s in spans if s.final)
    parts: list[str] = []
    pos = 0
    shift_at: list[tuple[int, int]] = []  # (original offset, total inserted before it)
    shift = 0
    number_at: list[tuple[str, int]] = []
    for off, digits, key in inserts:
        parts.append(text[pos:off])
        number_at.append((key, off + shift))
        parts.append(digits)
        shift += len(digits)
        shift_at.append((off, shift))
        pos = off
    parts.append(text[pos:])
    rendered = "".join(parts)
    offs = [o for o, _ in shift_at]

    def start_r(o: int) -> int:  # numbers inserted at o come before a piece starting there
        i = bisect.bisect_right(offs, o)
        return o + (shift_at[i - 1][1] if i else 0)

    def end_r(o: int) -> int:  # ...and after a piece ending there
        i = bisect.bisect_left(offs, o)
        return o + (shift_at[i - 1][1] if i else 0)

    def ns(r: int) -> int:  # non-space characters before rendered offset r
        return r - rendered.count(" ", 0, r)

    pieces = [(s.key, ns(start_r(s.start)), ns(end_r(s.end))) for s in spans]
    numbers = [(key, ns(r)) for key, r in number_at]
    return FastText(rendered, pieces, numbers)


class Layout:
    """Character positions in one (part of a) simple paragraph drawn at (ox, oy)."""

    def __init__(self, para: object, first_ns: int, ox: float, oy: float) -> None:
        bl = para.blPara  # type: ignore[attr-defined]
        st = para.style  # type: ignore[attr-defined]
        self.ok = bl.kind == 0
        self.lines: list[tuple[int, list[str]]] = []  # (first ns index, words)
        i = first_ns
        for line in bl.lines if self.ok else ():
            words = [str(w) for w in line[1]]
            self.lines.append((i, words))
            i += sum(len(w) for w in words)
        self.end_ns = i
        self.first_ns = first_ns
        self.font, self.size = st.fontName, st.fontSize
        self.left = ox + st.leftIndent
        self.leading = st.leading
        fs0 = st.fontSize if rl_config.paraFontSizeHeightOffset else getattr(bl, "ascent", st.fontSize)
        self.base0 = oy + para.height - fs0  # type: ignore[attr-defined]
        self._starts = [a for a, _ in self.lines]
        self._cache: dict[int, tuple[str, list[int], list[int]]] = {}

    def _line(self, k: int) -> tuple[str, list[int], list[int]]:
        """Line k's text, and for each word its first non-space index and its text offset."""
        got = self._cache.get(k)
        if got is None:
            a, words = self.lines[k]
            starts, offs = [], []
            i, pos = a, 0
            for w in words:
                starts.append(i)
                offs.append(pos)
                i += len(w)
                pos += len(w) + 1
            got = self._cache[k] = (" ".join(words), starts, offs)
        return got

    def line_of(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._starts, i) - 1)

    def x(self, k: int, i: int, right: bool = False) -> float:
        """x of the left (or right) edge of non-space character `i` on line `k`."""
        text, starts, offs = self._line(k)
        if not starts:
            return self.left
        j = max(0, bisect.bisect_right(starts, i) - 1)
        pos = min(offs[j] + (i - starts[j]), len(text)) + (1 if right else 0)
        return self.left + stringWidth(text[:pos], self.font, self.size)

    def baseline(self, k: int) -> float:
        return self.base0 - k * self.leading

    def quads(self, i0: int, i1: int) -> list[Quad]:
        """Quads over non-space characters [i0, i1) that fall in this part."""
        lo, hi = max(i0, self.first_ns), min(i1, self.end_ns)
        if not self.ok or not self.lines or (lo >= hi and not (i0 == i1 and self.first_ns <= i0 < self.end_ns)):
            return []
        out: list[Quad] = []
        if lo >= hi:  # an empty highlight: a sliver where it would start
            k = self.line_of(lo)
            x = self.x(k, lo)
            top = self.baseline(k) + self.size
            return [(x, top, x + 1, top, x, top - self.leading, x + 1, top - self.leading)]
        for k in range(self.line_of(lo), self.line_of(hi - 1) + 1):
            a = self.lines[k][0]
            b = self.lines[k + 1][0] if k + 1 < len(self.lines) else self.end_ns
            u, v = max(lo, a), min(hi, b)
            if u >= v:
                continue
            x1, x2 = self.x(k, u), self.x(k, v - 1, right=True)
            top = self.baseline(k) + self.size
            bottom = top - self.leading
            out.append((x1, top, x2, top, x1, bottom, x2, bottom))
        return out

    def point(self, i: int) -> tuple[float, float] | None:
        """Left edge and baseline of non-space character `i`, if it is in this part."""
        if not self.ok or not self.lines or not (self.first_ns <= i < self.end_ns):
            return None
        k = self.line_of(i)
        return self.x(k, i), self.baseline(k)
