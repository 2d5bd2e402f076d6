"""Painting highlights into the reader's document as character backgrounds.

Highlights become QTextCharFormat backgrounds on the document's own fragments, so Qt lays them
out and paints them with the text (no per-paint work, any number of highlights). Overlaps are
resolved into segments: where highlights overlap, the one starting later (the inner one, for
nested highlights) shows, a shade darker, so an overlap is visible and both stay clickable (hit
testing uses the spans, not the formats).

Only ranges that changed are repainted: adding one highlight to a thousand touches the fragments
under that one highlight. A fragment's own background (a <mark>, code) is kept on the format
under a private property and put back when the highlight goes.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

#: Set on every format we painted, so clearing never touches backgrounds the article owns.
_PAINTED = QTextFormat.Property.UserProperty + 20
#: The fragment's own background, kept while a highlight covers it.
_OWN_BACKGROUND = QTextFormat.Property.UserProperty + 21
#: How much darker an overlap of two or more highlights is drawn (QColor.darker factor).
OVERLAP_DARKER = 112


@dataclass(frozen=True)
class Paint:
    """One highlight as the document shows it: document positions [start, end) and a colour."""

    id: int
    start: int
    end: int
    color: str  # #rrggbb

    def priority(self) -> tuple[int, int, int]:
        """Higher shows on top: a later start, then a shorter span (inner), then the newer one."""
        return (self.start, -self.end, self.id)


class HighlightPainter:
    """Keeps a document's highlight backgrounds in step with a list of Paints."""

    def __init__(self, document: QTextDocument) -> None:
        self._doc = document
        self._paints: dict[int, Paint] = {}
        self._own: list[tuple[int, int]] | None = None  # ranges with the article's own background
        self._formats: dict[int, QTextCharFormat] = {}

    @property
    def paints(self) -> list[Paint]:
        return list(self._paints.values())

    def reset(self) -> None:
        """Forget what was painted: the document was replaced (setHtml) and has no highlights."""
        self._paints = {}
        self._own = None

    def update(self, paints: Iterable[Paint]) -> int:
        """Show exactly `paints`, repainting only where something changed; segments repainted."""
        new = {p.id: p for p in paints}
        dirty: list[tuple[int, int]] = []
        for pid, old in self._paints.items():
            now = new.get(pid)
            if now is not old and now != old:
                dirty.append((old.start, old.end))
        for pid, p in new.items():
            before = self._paints.get(pid)
            if before is not p and before != p:
                dirty.append((p.start, p.end))
        self._paints = new
        if not dirty:
            return 0
        return self._repaint(_merge(dirty))

    def at(self, position: int) -> list[int]:
        """Ids of the highlights covering the character at `position`, topmost first."""
        hits = [p for p in self._paints.values() if p.start <= position < p.end]
        hits.sort(key=Paint.priority, reverse=True)
        return [p.id for p in hits]

    def background_at(self, position: int) -> QColor | None:
        """The highlight colour the document shows at `position` (None: no highlight there)."""
        cursor = QTextCursor(self._doc)
        cursor.setPosition(position + 1)  # charFormat() is the format of the character before
        fmt = cursor.charFormat()
        return fmt.background().color() if fmt.hasProperty(_PAINTED) else None

    # -- internals ----------------------------------------------------------------------------
    def _repaint(self, ranges: list[tuple[int, int]]) -> int:
        ordered = sorted(self._paints.values(), key=lambda p: p.start)
        own = self._own_backgrounds()
        cursor = QTextCursor(self._doc)
        cursor.beginEditBlock()  # one layout pass for the whole update
        count = 0
        try:
            for lo, hi in ranges:
                for a, b, color in _segments(ordered, lo, hi):
                    count += 1
                    if color is not None and not _overlaps(own, a, b):
                        # The common case, in one call: merging sets only the background.
                        cursor.setPosition(a)
                        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                        cursor.mergeCharFormat(self._format(color))
                    else:  # clearing, or over the article's own background: fragment by fragment
                        _apply(self._doc, cursor, a, b, color)
        finally:
            cursor.endEditBlock()
        return count

    def _format(self, color: QColor) -> QTextCharFormat:
        fmt = self._formats.get(color.rgba())
        if fmt is None:
            fmt = self._formats[color.rgba()] = QTextCharFormat()
            fmt.setBackground(QBrush(color))
            fmt.setProperty(_PAINTED, True)
        return fmt

    def _own_backgrounds(self) -> list[tuple[int, int]]:
        """Where the article has backgrounds of its own (<mark>, <pre>), found once per document."""
        if self._own is None:
            own: list[tuple[int, int]] = []
            block = self._doc.begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    frag = it.fragment()
                    fmt = frag.charFormat()
                    if (fmt.hasProperty(QTextFormat.Property.BackgroundBrush) and not fmt.hasProperty(_PAINTED)
                            and fmt.background().style() != Qt.BrushStyle.NoBrush):
                        own.append((frag.position(), frag.position() + frag.length()))
                    it += 1
                block = block.next()
            self._own = own
        return self._own


def _overlaps(ranges: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) meets any of the sorted, disjoint `ranges`."""
    k = bisect_right(ranges, (a, a)) - 1
    if k >= 0 and ranges[k][1] > a:
        return True
    return k + 1 < len(ranges) and ranges[k + 1][0] < b


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    ranges.sort()
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _segments(ordered: list[Paint], lo: int, hi: int) -> list[tuple[int, int, QColor | None]]:
    """Split [lo, hi) where highlights begin or end; each piece gets the colour it shows."""
    inside = [p for p in ordered if p.start < hi and p.end > lo]
    cuts = {lo, hi}
    for p in inside:
        cuts.update(x for x in (p.start, p.end) if lo < x < hi)
    bounds = sorted(cuts)
    out: list[tuple[int, int, QColor | None]] = []
    active: list[tuple[tuple[int, int, int], Paint]] = []
    k = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [(key, p) for key, p in active if p.end > a]
        while k < len(inside) and inside[k].start <= a:
            if inside[k].end > a:
                insort(active, (inside[k].priority(), inside[k]))
            k += 1
        color = None
        if active:
            color = QColor(active[-1][1].color)
            if len(active) > 1:
                color = color.darker(OVERLAP_DARKER)
        if out and out[-1][1] == a and _same(out[-1][2], color):
            out[-1] = (out[-1][0], b, color)
        else:
            out.append((a, b, color))
    return out


def _same(x: QColor | None, y: QColor | None) -> bool:
    return (x is None and y is None) or (x is not None and y is not None and x.rgba() == y.rgba())


def _apply(doc: QTextDocument, cursor: QTextCursor, a: int, b: int, color: QColor | None) -> None:
    """Give every fragment piece in [a, b) the highlight `color` (None: its own background)."""
    pieces: list[tuple[int, int, QTextCharFormat]] = []
    block = doc.findBlock(a)
    while block.isValid() and block.position() < b:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            f_start = frag.position()
            f_end = f_start + frag.length()
            if f_end > a and f_start < b:
                pieces.append((max(a, f_start), min(b, f_end), frag.charFormat()))
            it += 1
        block = block.next()
    # Formats are set after the walk: setting one splits fragments under a live iterator.
    for x, y, old in pieces:
        fmt = _painted(old, color)
        if fmt == old:
            continue
        cursor.setPosition(x)
        cursor.setPosition(y, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def _painted(old: QTextCharFormat, color: QColor | None) -> QTextCharFormat:
    fmt = QTextCharFormat(old)
    if fmt.hasProperty(_PAINTED):  # back to the article's own look first
        own = fmt.property(_OWN_BACKGROUND)
        fmt.clearProperty(_PAINTED)
        fmt.clearProperty(_OWN_BACKGROUND)
        if isinstance(own, QBrush):
            fmt.setBackground(own)
        else:
            fmt.clearBackground()
    if color is not None:
        if fmt.hasProperty(QTextFormat.Property.BackgroundBrush):
            fmt.setProperty(_OWN_BACKGROUND, fmt.background())
        fmt.setBackground(QBrush(color))
        fmt.setProperty(_PAINTED, True)
    return fmt
