"""A block of article text: finds where its highlights landed, paints them, carries footnotes.

A paragraph whose notes do not fit beside it on the page is split so that the first part and
its own notes fit; notes that cannot share even an empty page with their line are set after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph

from archivist.core.export.pdf.annotations import (
    AnnotatingCanvas,
    Quad,
    paragraph_quads,
)
from archivist.core.export.pdf.fastpath import FastText
from archivist.core.export.pdf.fastpath import Layout as FastLayout
from archivist.core.export.pdf.flowables import (
    SEPARATOR_H,
    Context,
    Footnote,
    NoteFrame,
    _labels,
)


class BodyPara(Flowable):
    """A text block: tracks where its highlights land, paints them, carries its footnotes.

    Two ways to find the highlights: `fast` (a simple one-font paragraph whose character
    positions are computed from its line breaks, see `fastpath`), or `<onDraw>` markers in the
    markup recorded by the canvas (general path; `open_pids` are pieces already open when this
    part of a split paragraph begins).
    """

    handles_layout_pass = True  # records its own markers when the first pass skips drawing

    def __init__(self, para: Paragraph, ctx: Context, notes: Sequence[Footnote] = (),
                 open_pids: frozenset[str] = frozenset(), track: bool = True,
                 fast: FastText | None = None, first_ns: int = 0) -> None:
        super().__init__()
        self.para = para
        self.ctx = ctx
        self.notes = list(notes)
        self.open_pids = open_pids
        self.track = track
        self.fast = fast
        self.first_ns = first_ns
        self._nh = 0.0

    def _frame_(self) -> NoteFrame | None:
        f = getattr(self, "_frame", None)
        return f if isinstance(f, NoteFrame) else self.ctx.frame

    def _notes_h(self, frame: NoteFrame | None) -> float:
        if not self.notes or frame is None:
            return 0.0
        h = sum(n.height_for(frame._aW) for n in self.notes)
        return h + (0.0 if frame.notes else SEPARATOR_H)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = self.para.wrap(aW, aH)
        self._nh = self._notes_h(self._frame_())
        self.width, self.height = w, h + self._nh
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.para.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.para.getSpaceAfter()

    # -- drawing -----------------------------------------------------------------------------
    def drawOn(self, canvas: AnnotatingCanvas, x: float, y: float, _sW: float = 0) -> None:
        frame = self._frame_()
        nh = self._nh if (frame is not None and self.notes) else 0.0
        oy = y + nh
        if self.ctx.layout_only:
            if self.track:
                self.ctx.saw(self._labels(self.para), canvas.getPageNumber())
        elif self.track and isinstance(canvas, AnnotatingCanvas):
            self._draw_tracked(canvas, x, oy, _sW)
        else:
            self.para.drawOn(canvas, x, oy, _sW)
        if nh and frame is not None:
            frame.take_notes(self.notes, nh)

    def _draw_tracked(self, canvas: AnnotatingCanvas, x: float, oy: float, _sW: float) -> None:
        canvas.records = []

        def paint() -> None:  # runs just before the paragraph's text is emitted
            if self.fast is not None:
                found = self._fast_quads(canvas, x, oy)
            else:
                records = canvas.records or []
                found = paragraph_quads(records, self.para, x, oy, self.open_pids) if (
                    records or self.open_pids) else {}
            canvas.paint(found, x, oy)
            for key, quads in found.items():
                canvas.add_quads(key, quads)

        canvas.para_hook = paint
        try:
            self.para.drawOn(canvas, x, oy, _sW)
        finally:
            canvas.records = None
            canvas.para_hook = None

    def _fast_quads(self, canvas: AnnotatingCanvas, x: float, oy: float) -> dict[str, list[Quad]]:
        fast = self.fast
        assert fast is not None
        lay = FastLayout(self.para, self.first_ns, x, oy)
        found: dict[str, list[Quad]] = {}
        leading = self.para.style.leading
        for key, i0, i1 in fast.pieces:
            quads = lay.quads(i0, i1)
            if quads:
                found.setdefault(key, []).extend(quads)
                if lay.first_ns <= i0 < lay.end_ns or i0 == i1:
                    canvas.mark(key, quads[0][0], quads[0][1] - leading, note=False, top=quads[0][1] + 2)
        for key, i in fast.numbers:
            pt = lay.point(i)
            if pt is not None:
                canvas.mark(key, pt[0], pt[1], note=True)
        return found

    # -- what is in which part ---------------------------------------------------------------
    def _labels(self, part: Paragraph) -> list[str]:
        """Marker labels in `part` (for the fast path: labels made from its character range)."""
        if self.fast is None:
            return _labels(part)
        lo = self.first_ns
        hi = lo + _ns_count(part)
        out = [f"s:{key}~0" for key, i0, i1 in self.fast.pieces if lo <= i0 < hi or (i0 == i1 == lo)]
        out += [f"n:{key}" for key, i in self.fast.numbers if lo <= i < hi]
        return out

    def _open_after(self, part: Paragraph) -> frozenset[str]:
        opened = set(self.open_pids)
        for label in _labels(part):
            what, _, ident = label.partition(":")
            if what == "s":
                opened.add(ident)
            elif what == "e":
                opened.discard(ident)
        return frozenset(opened)

    def _parts(self, first: Paragraph, rest: Paragraph, notes1: list[Footnote]) -> list[Flowable]:
        notes2 = [n for n in self.notes if n not in notes1]
        if self.fast is not None:
            nxt = self.first_ns + _ns_count(first)
            return [BodyPara(first, self.ctx, notes1, track=self.track, fast=self.fast, first_ns=self.first_ns),
                    BodyPara(rest, self.ctx, notes2, track=self.track, fast=self.fast, first_ns=nxt)]
        return [BodyPara(first, self.ctx, notes1, self.open_pids, self.track),
                BodyPara(rest, self.ctx, notes2, self._open_after(first), self.track)]

    def split(self, aW: float, aH: float) -> list[Flowable]:
        # The second pass repeats the first pass's layout: reuse its split.
        frame = self._frame_()
        key = (aW, round(aH, 3), bool(frame is not None and frame.notes),
               bool(frame is not None and getattr(frame, "_atTop", 0)))
        cache = self.__dict__.setdefault("_splits", {})
        if key not in cache:
            cache[key] = self._split(aW, aH, frame)
        return list(cache[key])

    def _split(self, aW: float, aH: float, frame: NoteFrame | None) -> list[Flowable]:
        if not self.notes or frame is None:
            parts = self.para.split(aW, aH)
            if len(parts) == 2:
                return self._parts(parts[0], parts[1], [])
            if len(parts) == 1:
                return [BodyPara(parts[0], self.ctx, self.notes, self.open_pids, self.track,
                                 self.fast, self.first_ns)]
            return []
        width = frame._aW
        sep = 0.0 if frame.notes else SEPARATOR_H

        def notes_in(p: Paragraph) -> list[Footnote]:
            keys = {lab[2:] for lab in self._labels(p) if lab.startswith("n:")}
            return [n for n in self.notes if n.key in keys]

        def need(notes: list[Footnote]) -> float:
            return (sep + sum(n.height_for(width) for n in notes)) if notes else 0.0

        best: tuple[Paragraph, Paragraph, list[Footnote]] | None = None
        h_try = aH - need(self.notes)
        for _ in range(4):
            if h_try <= 0:
                break
            parts = self.para.split(aW, h_try)
            if len(parts) != 2:
                break
            n1 = notes_in(parts[0])
            total = parts[0].height + need(n1)
            if total <= aH + 1e-6:
                best = (parts[0], parts[1], n1)
                nxt = aH - need(n1)
                if nxt <= h_try + 0.5:
                    break
                h_try = nxt
            else:
                h_try -= total - aH
        if best is not None:
            return self._parts(*best)
        if getattr(frame, "_atTop", 0):
            # The notes cannot share even an empty page with this text: set them after it.
            return [BodyPara(self.para, self.ctx, (), self.open_pids, self.track, self.fast, self.first_ns),
                    *self.notes]
        return []


def _ns_count(part: Paragraph) -> int:
    """Non-space characters in the lines of a simple (kind 0) paragraph part."""
    bl = getattr(part, "blPara", None)
    if bl is None:
        return 0
    return sum(len(w) for line in bl.lines for w in (line[1] if isinstance(line, tuple) else ()))
