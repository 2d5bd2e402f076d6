"""The frame with footnotes, cached paragraphs, footnotes, images and the pass bookkeeping.

Footnotes: a `body.BodyPara` reports its height *plus* the height of its notes, so the frame
only places it where both fit; when it is drawn, `NoteFrame` gives that extra height back to the
text cursor and raises the frame's bottom instead, and the notes are drawn there when the page
ends. The first pass only lays out (nothing is drawn): `NoteFrame` swaps the drawing of other
flowables for a stub that records which highlights and notes landed on the page.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Frame, Image, Paragraph
from reportlab.platypus.tableofcontents import IndexingFlowable

from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf import styles as S
from archivist.core.export.pdf.annotations import AnnotatingCanvas, Registry

SEPARATOR_H = 11.0


@dataclass
class Context:
    """Per-export state shared by the template, the frame and the flowables."""

    registry: Registry = field(default_factory=Registry)
    frame: NoteFrame | None = None
    pass_no: int = 0
    page_count: int = 0
    last_page_count: int = 0
    layout_only: bool = False  # first pass: lay out and count pages, draw nothing

    def saw(self, labels: list[str], page: int) -> None:
        """Record the pages of markers that a layout-only pass did not draw."""
        pages = self.registry.pages
        for label in labels:
            what, _, ident = label.partition(":")
            if what == "s":
                ident = ident.split("~", 1)[0]
            elif what not in ("n", "a", "o"):
                continue
            pages.setdefault(ident, page)


class ArcParagraph(Paragraph):
    """A Paragraph that remembers its line breaks for a width.

    The same story is laid out in two passes (and KeepTogether measures groups once more), but a
    paragraph's lines depend only on its width: breaking them again is ReportLab's main cost.
    """

    _wrapped: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        got = self._wrapped
        if got is not None and got[0] == availWidth and "blPara" in self.__dict__:
            self.width, self.height = got[1], got[2]
            return got[1], got[2]
        w, h = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, w, h)
        return w, h

    def beginText(self, x: float = 0, y: float = 0) -> object:
        tx = super().beginText(x, y)
        tx._arc_main = True  # the paragraph's own text (a bullet has another text object)
        return tx

    def split(self, availWidth: float, availHeight: float) -> list[Paragraph]:
        kind = getattr(getattr(self, "blPara", None), "kind", 0)
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and kind == 1:
            # The first part's lines are exactly the ones just broken: no need to break again.
            parts[0]._wrapped = (availWidth, parts[0].width, parts[0].height)
        return parts


_TEMPLATES: dict[int, tuple[object, object]] = {}


def plain_paragraph(text: str, style: object, bulletText: str | None = None) -> ArcParagraph:
    """A Paragraph of plain text (no markup, no escaping) without running the markup parser:
    one fragment cloned from the style's initial fragment, exactly what the parser makes of
    text without tags. The parser is a large share of the cost of short paragraphs."""
    got = _TEMPLATES.get(id(style))
    if got is None or got[0] is not style:
        got = _TEMPLATES[id(style)] = (style, Paragraph("x", style).frags[0])
    text = " ".join(text.split())
    return ArcParagraph(text, style, bulletText=bulletText, frags=[got[1].clone(text=text)])


class Footnote(Flowable):
    """One note at the foot of the page: a colour chip with the number, then the note."""

    CHIP = 16.0

    def __init__(self, key: str, number: int, color: str, mark: str, markup: str,
                 style: object | None = None, plain: str | None = None) -> None:
        super().__init__()
        self.key = key
        self.number = str(number)
        self.color, self.mark = color, mark
        self.markup = markup
        self.plain = plain  # the note as plain text, when it needs no markup
        self.style = style or S.styles().footnote
        self._cache: dict[float, tuple[Paragraph, float]] = {}

    def laid_out(self, width: float) -> tuple[Paragraph, float]:
        got = self._cache.get(width)
        if got is None:
            p = (plain_paragraph(self.plain, self.style) if self.plain is not None
                 else ArcParagraph(self.markup, self.style))
            _, h = p.wrap(width - self.CHIP, 10_000)
            got = self._cache[width] = (p, max(h, 10.0) + self.style.spaceAfter)
        return got

    def height_for(self, width: float) -> float:
        return self.laid_out(width)[1]

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._w = aW
        self.width, self.height = aW, self.laid_out(aW)[1]
        return self.width, self.height

    def draw(self) -> None:
        self.draw_at(self.canv, 0, self.height, self._w)

    def draw_at(self, canv: object, x: float, top: float, width: float) -> None:
        p, _ = self.laid_out(width)
        canv.saveState()  # type: ignore[attr-defined]
        canv.setFillColor(self.color)  # type: ignore[attr-defined]
        canv.rect(x, top - 9.4, 12, 9, stroke=0, fill=1)  # type: ignore[attr-defined]
        canv.setFillColor(self.mark)  # type: ignore[attr-defined]
        canv.setFont(F.SANS_B, 6.4)  # type: ignore[attr-defined]
        canv.drawCentredString(x + 6, top - 7.2, self.number)  # type: ignore[attr-defined]
        canv.restoreState()  # type: ignore[attr-defined]
        p.drawOn(canv, x + self.CHIP, top - p.height)


class NoteFrame(Frame):
    """The body frame: keeps the footnotes of the current page and the room they take."""

    def __init__(self, ctx: Context, *args: object, **kwargs: object) -> None:
        self.ctx = ctx
        self.notes: list[Footnote] = []
        self.notes_h = 0.0
        self._pending = 0.0
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _reset(self) -> None:
        super()._reset()
        self._geom()
        self.notes = []
        self.notes_h = 0.0
        self._pending = 0.0
        self.ctx.frame = self

    def _add(self, flowable: Flowable, canv: object, trySplit: int = 0) -> int:
        self._pending = 0.0
        if self.ctx.layout_only and not getattr(flowable, "handles_layout_pass", False):
            ctx = self.ctx

            def skip(canvas: object, x: float, y: float, _sW: float = 0) -> None:
                if isinstance(flowable, Paragraph):
                    ctx.saw(_labels(flowable), canvas.getPageNumber())  # type: ignore[attr-defined]

            flowable.drawOn = skip  # type: ignore[method-assign]
            try:
                ok = Frame._add(self, flowable, canv, trySplit)
            finally:
                flowable.__dict__.pop("drawOn", None)
        else:
            ok = Frame._add(self, flowable, canv, trySplit)
        if ok and self._pending:
            self._y += self._pending
            self._y1p += self._pending
        self._pending = 0.0
        return ok

    add = _add

    def __deepcopy__(self, memo: dict[int, object]) -> NoteFrame:
        # ReportLab deep-copies the current frame to measure KeepTogether groups; a deep copy
        # would drag the whole context (every highlight, every cached footnote) along.
        new = copy.copy(self)
        new.notes = list(self.notes)
        return new

    def take_notes(self, notes: Sequence[Footnote], height: float) -> None:
        self.notes.extend(notes)
        self.notes_h += height
        self._pending = height

    def draw_notes(self, canv: AnnotatingCanvas) -> None:
        if not self.notes:
            return
        x = self._x1 + self._leftPadding
        y = self._y1 + self._bottomPadding + self.notes_h
        canv.saveState()
        canv.setStrokeColor(S.RULE)
        canv.setLineWidth(0.6)
        canv.line(x, y - 4, x + 50 * 2.835, y - 4)
        canv.restoreState()
        y -= SEPARATOR_H
        for note in self.notes:
            note.draw_at(canv, x, y, self._aW)
            y -= note.height_for(self._aW)


def _labels(para: Paragraph) -> list[str]:
    """The `hl` marker labels inside a (split) paragraph, in order."""
    out: list[str] = []
    bl = getattr(para, "blPara", None)
    if bl is None or bl.kind != 1:
        for f in getattr(para, "frags", ()):
            cb = getattr(f, "cbDefn", None)
            if cb is not None and getattr(cb, "name", "") == "hl":
                out.append(cb.label)
        return out
    for line in bl.lines:
        for w in getattr(line, "words", ()):
            cb = getattr(w, "cbDefn", None)
            if cb is not None and getattr(cb, "name", "") == "hl":
                out.append(cb.label)
    return out


class KeepWithNext(CondPageBreak):
    """Starts a new page unless `heading` and the first lines of what follows fit here.

    (ReportLab's keepWithNext groups flowables into a KeepTogether that is measured on a deep
    copy of the frame: far slower, and our footnote frame must not be copied.)"""

    def __init__(self, heading: Flowable, after: float) -> None:
        super().__init__(0)
        self.heading = heading
        self.after = after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, h = self.heading.wrap(availWidth, availHeight)
        self.height = h + self.heading.getSpaceBefore() + self.heading.getSpaceAfter() + self.after
        return super().wrap(availWidth, availHeight)


class PassState(IndexingFlowable):
    """Invisible: asks for another pass until page references and the page count are stable."""

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.width = self.height = 0

    def isIndexing(self) -> int:
        return 1

    def beforeBuild(self) -> None:
        c = self.ctx
        c.registry.new_pass()
        c.last_page_count, c.page_count = c.page_count, 0
        c.pass_no += 1
        c.layout_only = c.pass_no == 1

    def afterBuild(self) -> None:
        pass

    def isSatisfied(self) -> bool:
        c = self.ctx
        return c.registry.pages == c.registry.last_pages and c.page_count == c.last_page_count

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


MAX_PIXELS = 1800


def image_flowable(data: bytes, media_type: str, max_w: float, max_h: float) -> Flowable | None:
    """An Image scaled to fit (never enlarged past 96 dpi), or None if it cannot be read."""
    if "svg" in (media_type or "").lower():
        return None
    try:
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(data)) as im:
            im.load()
            w_px, h_px = im.size
            fmt = im.format
            if fmt not in ("JPEG", "PNG") or max(w_px, h_px) > MAX_PIXELS:
                im2 = im.convert("RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB")
                im2.thumbnail((MAX_PIXELS, MAX_PIXELS))
                buf = io.BytesIO()
                if im2.mode == "RGB":
                    im2.save(buf, "JPEG", quality=85)
                else:
                    im2.save(buf, "PNG")
                data = buf.getvalue()
                w_px, h_px = im2.size
        if w_px < 1 or h_px < 1:
            return None
        ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # damaged, truncated or exotic image: the caption says so instead
        return None
    w = w_px * 0.75
    h = h_px * 0.75
    scale = min(1.0, max_w / w, max_h / h)
    img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    img.hAlign = "CENTER"
    img.spaceBefore = 4
    img.spaceAfter = 4
    return img
