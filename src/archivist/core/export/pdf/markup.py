"""Plain text plus highlight spans -> ReportLab Paragraph markup.

Highlights may overlap or touch, so a block's text is cut at every span edge; zero-width
`<onDraw>` markers go at each span's start ("s:"), end ("e:") and number ("n:"), and every
highlight gets a numbered superscript after its end. From the markers the canvas learns where the
words landed (see `annotations`): that gives the real PDF /Highlight annotations their QuadPoints
and paints the colours under the text (outer highlights first, so the innermost one shows).

Right-to-left paragraphs: ReportLab (without the unavailable `rlbidi`) lays words out left to
right, so we break their lines ourselves (logical order), then emit each line in visual order:
words reversed, left-to-right runs (Latin words, numbers) kept in their own order, each
right-to-left word joined and reversed by `bidi`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf.bidi import (
    direction,
    has_rtl,
    reverse_visual,
    shape_chars,
    tokens,
    visual_order,
)

CJK_CHARS = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)


@dataclass(frozen=True)
class Span:
    """One highlight's part inside one block; offsets are local to the block's text."""

    pid: str          # unique piece id ("<key>~<n>"): labels its start/end markers
    key: str          # the highlight's key: labels its number marker
    start: int
    end: int
    color: str        # background colour (hex)
    number: int
    final: bool       # the highlight ends in this block: its number goes here
    mark_color: str   # colour of the number


def has_cjk(text: str) -> bool:
    return not text.isascii() and CJK_CHARS.search(text) is not None


def _draw(kind: str, label: str) -> str:
    return f'<onDraw name="hl" label="{kind}:{label}"/>'


def number_markup(span: Span) -> str:
    num = f'<font name="{F.SANS_B}" color="{span.mark_color}">{span.number}</font>'
    return _draw("n", span.key) + f'<super rise="3.6" size="6.4">{num}</super>'


def _text(text: str, chain: str) -> str:
    if "\n" in text:
        return "<br/>".join(F.markup(part, chain) for part in text.split("\n"))
    return F.markup(text, chain)


def _plain(text: str, chain: str, rtl_runs: bool) -> str:
    return _reorder_inline(text, chain) if rtl_runs else _text(text, chain)


def block_markup(text: str, spans: list[Span], chain: str, *, rtl: bool = False,
                 width: float = 0, size: float = 10) -> str:
    """Markup for one block of text with its highlight spans (see module docstring)."""
    if rtl:
        return _rtl_markup(text, spans, chain, width, size)
    return _ltr_markup(text, spans, chain, has_rtl(text))


def _ltr_markup(text: str, spans: list[Span], chain: str, rtl_runs: bool) -> str:
    if not spans:
        return _reorder_inline(text, chain) if rtl_runs else _text(text, chain)
    n = len(text)
    bounds = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = defaultdict(list)
    ends: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        starts[s.start].append(s)
        ends[s.end].append(s)
    out: list[str] = []
    for i, b in enumerate(bounds):
        closing = [s for s in ends.get(b, ()) if s.start < b]
        empties = [s for s in starts.get(b, ()) if s.end == b]
        opening = [s for s in starts.get(b, ()) if s.end > b]
        for s in closing:
            out.append(_draw("e", s.pid))
        for s in closing:
            if s.final:
                out.append(number_markup(s))
        for s in empties:
            out.append(_draw("s", s.pid) + _draw("e", s.pid))
            if s.final:
                out.append(number_markup(s))
        for s in opening:
            out.append(_draw("s", s.pid))
        if i + 1 < len(bounds):
            out.append(_plain(text[b:bounds[i + 1]], chain, rtl_runs))
    return "".join(out)


# -- right to left --------------------------------------------------------------------------

def _rtl_word(text: str) -> str:
    return reverse_visual("".join(shape_chars(text)))


def _reorder_inline(text: str, chain: str, base_rtl: bool = False) -> str:
    """One line in visual order: the runs against the base direction reversed, right-to-left
    words joined and drawn right to left."""
    return "".join(_text(_rtl_word(text[a:b]) if flipped else text[a:b], chain)
                   for a, b, _, flipped in visual_order(tokens(text), base_rtl=base_rtl))


def plain_markup(text: str, chain: str, width: float = 0.0, size: float = 10.0) -> str:
    """Markup for plain text outside the article body (titles, notes, footnotes): fallback fonts,
    and right-to-left text in visual order (lines broken by us when `width` is known)."""
    if not has_rtl(text):
        return _text(text, chain)
    if width > 0 and direction(text) == "rtl":
        return _rtl_markup(text, [], chain, width, size)
    return "<br/>".join(_reorder_inline(line, chain, direction(line) == "rtl") for line in text.split("\n"))


def break_lines(text: str, chain: str, width: float, size: float) -> list[tuple[int, int]]:
    """Greedy logical line breaking at spaces (and at newlines): (start, end) per line."""
    limit = width * 0.97
    space_w = F.string_width(" ", chain, size)
    shaped = lambda w: "".join(shape_chars(w))  # noqa: E731
    lines: list[tuple[int, int]] = []
    pos = 0
    for hard in text.split("\n"):
        base = pos
        pos += len(hard) + 1
        start = end = None
        used = 0.0
        for m in re.finditer(r"\S+", hard):
            w = F.string_width(shaped(m.group()), chain, size)
            if start is None:
                start, end, used = m.start(), m.end(), w
            elif used + space_w + w <= limit:
                end, used = m.end(), used + space_w + w
            else:
                lines.append((base + start, base + end))
                start, end, used = m.start(), m.end(), w
        if start is not None:
            lines.append((base + start, base + end))
    return lines


def _rtl_markup(text: str, spans: list[Span], chain: str, width: float, size: float) -> str:
    lines = break_lines(text, chain, width, size) if width > 0 else [(0, len(text))]
    out_lines: list[str] = []
    for li, (a, b) in enumerate(lines):
        vis = visual_order(tokens(text[a:b], a), base_rtl=True)
        here = [s for s in spans if s.start < b and s.end > a or (s.start == s.end and a <= s.start <= b)]
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for vi, (u, v, _, _f) in enumerate(vis):
            for s in here:
                if (s.start < v and s.end > u) or (s.start == s.end and u <= s.start <= v):
                    first.setdefault(s.pid, vi)
                    last[s.pid] = vi
        number_at: dict[int, list[Span]] = defaultdict(list)
        gap_end = lines[li + 1][0] if li + 1 < len(lines) else len(text)
        for s in here:
            if s.final and a <= s.end <= gap_end and s.pid in last:
                tok = next((vi for vi, (u, v, _, _f) in enumerate(vis) if u < s.end <= v), last[s.pid])
                number_at[tok].append(s)
        parts: list[str] = []
        for vi, (u, v, _, flipped) in enumerate(vis):
            for s in here:
                if first.get(s.pid) == vi:
                    parts.append(_draw("s", f"{s.pid}/{li}"))
            nums = "".join(number_markup(s) for s in number_at.get(vi, ()))
            rtl_tok = flipped
            if rtl_tok:
                parts.append(nums)
            cuts = sorted({u, v, *(x for s in here for x in (s.start, s.end) if u < x < v)})
            chars = shape_chars(text[u:v]) if rtl_tok else None
            segs = []
            for c0, c1 in zip(cuts, cuts[1:], strict=False):
                piece = reverse_visual("".join(chars[c0 - u:c1 - u])) if chars is not None else text[c0:c1]
                segs.append(_text(piece, chain))
            parts.extend(segs[::-1] if rtl_tok else segs)
            if not rtl_tok:
                parts.append(nums)
            for s in here:
                if last.get(s.pid) == vi:
                    parts.append(_draw("e", f"{s.pid}/{li}"))
        out_lines.append("".join(parts))
    return "<br/>".join(out_lines)
