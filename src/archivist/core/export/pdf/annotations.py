"""Real PDF annotations: a /Highlight per highlight (QuadPoints over its words) and a /Text per note.

Where the words landed is learnt while drawing: the markup puts `<onDraw name="hl">` markers at
each highlight piece's start and end (see `markup`), the canvas records their positions, and the
paragraph wrapper (`flowables.BodyPara`) turns them into one quad per line fragment using the
paragraph's own line breaks. Annotations are written when the page is finished.

The same quads paint the highlight colours into the page, under the text: the paragraph's text
object is emitted by one `drawText` call after all its lines (and their markers) are processed,
so `AnnotatingCanvas.drawText` runs the wrapper's paint hook just before it. (ReportLab's inline
`backColor` leaves a gap at every font or style change inside a highlight, and cannot show
overlaps.) Since the colour is printed in the page, the /Highlight annotations carry an empty
appearance and /CA 0: readers list them, select them and jump to them, but do not paint the
colour a second time on top (which would darken it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from archivist.core.export.pdf import styles as S
from archivist.core.export.pdf.fonts import plain_for_pdf_string

Quad = tuple[float, float, float, float, float, float, float, float]


@dataclass(frozen=True)
class HighlightMeta:
    key: str
    quote: str
    note: str | None
    color: str        # hex of the highlight colour
    mark_color: str   # hex of its number's colour
    number: int
    start: int = 0    # offsets in the article text: outer highlights are painted first
    end: int = 0


@dataclass
class Registry:
    """What the canvas needs to know about each highlight and note, plus pages seen this pass."""

    highlights: dict[str, HighlightMeta] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # marker key -> (note, colour)
    pages: dict[str, int] = field(default_factory=dict)       # this pass: key -> first page
    last_pages: dict[str, int] = field(default_factory=dict)  # previous pass

    def new_pass(self) -> None:
        self.last_pages, self.pages = self.pages, {}


class _RawAnnotation(PDFObject):
    """An annotation dictionary written directly: ReportLab's generic dictionaries format every
    number of every array separately, which made saving a dossier's thousands of annotations
    slower than laying it out."""

    def __init__(self, body: str, contents: str | None = None, refs: dict[str, object] | None = None) -> None:
        self.body = body
        self.contents = contents
        self.refs = refs or {}

    def format(self, document: object) -> bytes:
        out = [b"<< /Type /Annot ", self.body.encode("latin-1")]
        if self.contents is not None:
            out += [b" /Contents ", PDFString(self.contents).format(document)]
        for name, ref in self.refs.items():
            out += [b" /", name.encode("ascii"), b" ", ref.format(document)]  # type: ignore[attr-defined]
        out.append(b" >>")
        return b"".join(out)


class _Appearance(PDFObject):
    def __init__(self, ref: object) -> None:
        self.ref = ref

    def format(self, document: object) -> bytes:
        return b"<< /N " + self.ref.format(document) + b" >>"  # type: ignore[attr-defined]


def _arr(values: object) -> str:
    """A PDF number array, formatted once here (ReportLab formats arrays item by item)."""
    return "[" + " ".join(fp_str(v) for v in values) + "]"  # type: ignore[attr-defined]


def pdf_string(text: str) -> str:
    """A literal PDF string for raw dictionary values (ASCII only here)."""
    safe = text.encode("ascii", "replace").decode("ascii")
    return "(" + safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def dest_name(key: str) -> str:
    return "hl-" + key.replace(".", "-").replace(":", "-")


class AnnotatingCanvas(Canvas):
    """A Canvas that records `onDraw name="hl"` markers and writes annotations per page."""

    registry: Registry

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.registry = Registry()
        self.records: list[tuple[str, str, float, float]] | None = None
        self.para_hook: Callable[[], None] | None = None
        self._quads: dict[str, list[Quad]] = {}
        self._notes: list[tuple[str, float, float]] = []
        self._empty_ap: object | None = None
        self.setNamedCB("hl", self._marker)

    # -- recording -----------------------------------------------------------------------------
    def _marker(self, canv: Canvas, kind: str, label: str | None) -> None:
        if not label:
            return
        what, _, ident = label.partition(":")
        info = self._curr_tx_info  # type: ignore[attr-defined]
        x, y = info["cur_x"], info["cur_y"]
        ax, ay = self.absolutePosition(x, y)
        if what in ("s", "e"):
            if self.records is not None:
                self.records.append((what, ident, ax, ay))
            if what == "s":
                self.mark(ident.split("~", 1)[0], ax, ay, note=False, top=ay + info["leading"])
        elif what in ("n", "a", "o"):
            self.mark(ident, ax, ay, note=True, top=ay + info["leading"])

    def mark(self, key: str, ax: float, ay: float, note: bool, top: float | None = None) -> None:
        """A highlight's start or a note's anchor at page position (ax, ay): remember its page,
        make it a link destination, and put the note's /Text annotation beside that line."""
        pages = self.registry.pages
        if key not in pages:
            pages[key] = self.getPageNumber()
            self.bookmarkPage(dest_name(key), fit="XYZ", left=ax, top=top if top is not None else ay + 12)
        if note and key in self.registry.notes:
            self._notes.append((key, ax, ay))

    def add_quads(self, key: str, quads: list[Quad]) -> None:
        self._quads.setdefault(key, []).extend(quads)

    def drawText(self, aTextObject: object) -> None:
        # A paragraph's own text object (not its bullet's) is about to be emitted: paint first.
        hook = self.para_hook
        if hook is not None and getattr(aTextObject, "_arc_main", False):
            self.para_hook = None
            hook()
        super().drawText(aTextObject)

    def paint(self, found: dict[str, list[Quad]], ox: float, oy: float) -> None:
        """Fill the highlight quads (page coordinates) in the current, translated, state."""
        reg = self.registry.highlights
        keys = sorted((k for k in found if k in reg), key=lambda k: (reg[k].start, -reg[k].end))
        if not keys:
            return
        self.saveState()
        for key in keys:
            self.setFillColor(reg[key].color)
            for q in found[key]:
                x1, top, x2, _, _, bottom, _, _ = q
                if x2 - x1 > 1.01:
                    self.rect(x1 - ox, bottom - oy, x2 - x1, top - bottom, stroke=0, fill=1)
        self.restoreState()

    # -- writing -------------------------------------------------------------------------------
    def showPage(self) -> None:
        self._flush()
        super().showPage()

    def _flush(self) -> None:
        reg = self.registry
        for key, quads in self._quads.items():
            meta = reg.highlights.get(key)
            if meta is None or not quads:
                continue
            xs = [q[i] for q in quads for i in (0, 2, 4, 6)]
            ys = [q[i] for q in quads for i in (1, 3, 5, 7)]
            body = (f"/Subtype /Highlight /Rect {_arr((min(xs), min(ys), max(xs), max(ys)))} "
                    f"/QuadPoints {_arr([v for q in quads for v in q])} /C {_arr(S.rgb(meta.color))} "
                    f"/T (Archivist) /NM {pdf_string('archivist-' + dest_name(key))} /CA 0")
            self._addAnnotation(_RawAnnotation(body, plain_for_pdf_string(meta.quote),
                                               {"AP": _Appearance(self._empty_appearance())}), None, 1)
        right = S.PAGE_W - S.MARGIN_R + 7
        placed: list[tuple[float, float]] = []
        for key, _ax, ay in self._notes:
            note, color = reg.notes[key]
            x0 = right
            for n in range(4):  # beside its line; moved right while it would cover another icon
                x0 = min(right + 15 * n, S.PAGE_W - 16)
                if all(px != x0 or abs(py - ay) >= 13 for px, py in placed):
                    break
            placed.append((x0, ay))
            body = (f"/Subtype /Text /Rect {_arr((x0, ay - 1, x0 + 12, ay + 11))} /Name /Comment "
                    f"/C {_arr(S.rgb(color))} /T (Archivist) /NM {pdf_string('archivist-note-' + dest_name(key))}")
            self._addAnnotation(_RawAnnotation(body, plain_for_pdf_string(note)), None, 1)
        self._quads = {}
        self._notes = []

    def link_to(self, key: str, rect: tuple[float, float, float, float]) -> None:
        """An invisible link (rect in the current user space) to the destination of `key`."""
        x1, y1 = self.absolutePosition(rect[0], rect[1])
        x2, y2 = self.absolutePosition(rect[2], rect[3])
        body = f"/Subtype /Link /Rect {_arr((x1, y1, x2, y2))} /Border [0 0 0]"
        self._addAnnotation(_RawAnnotation(body, None, {"Dest": self._bookmarkReference(dest_name(key))}), None, 1)

    def _empty_appearance(self) -> object:
        # One shared, empty Form XObject: the page already shows the highlight colour.
        if self._empty_ap is None:
            form = PDFStream(dictionary=PDFDictionary({
                "Type": PDFName("XObject"), "Subtype": PDFName("Form"), "BBox": PDFArray([0, 0, 1, 1]),
            }), content=b"", filters=[])
            self._empty_ap = self._doc.Reference(form, "ArchivistEmptyAP")
        return self._empty_ap


# -- where a paragraph's highlight pieces landed ---------------------------------------------------

def paragraph_quads(records: list[tuple[str, str, float, float]], para: object, ox: float, oy: float,
                    open_pids: frozenset[str]) -> dict[str, list[Quad]]:
    """Quads (per highlight key) for the pieces drawn in one Paragraph drawn at (ox, oy).

    `records` are absolute marker positions. A piece whose start or end is not in this part of a
    split paragraph runs from the part's first line or to its last line; `open_pids` are the
    pieces already open when this part begins.
    """
    geo = _Geometry(para, ox, oy)
    starts: dict[str, tuple[float, int]] = {}
    ends: dict[str, tuple[float, int]] = {}
    for what, ident, ax, ay in records:
        (starts if what == "s" else ends)[ident] = (ax, geo.line_of(ay))
    out: dict[str, list[Quad]] = {}
    for pid in set(starts) | set(ends) | open_pids:
        s = starts.get(pid)
        e = ends.get(pid)
        if s is None:
            if pid not in open_pids:
                continue  # an end whose start was never drawn: nothing sensible to mark
            s = (geo.left(0), 0)
        if e is None:
            last = geo.count - 1
            e = (geo.right(last), last)
        key = pid.split("~", 1)[0]
        out.setdefault(key, []).extend(geo.quads(s, e))
    return out


class _Geometry:
    """Line positions of a wrapped Paragraph, in page coordinates."""

    def __init__(self, para: object, ox: float, oy: float) -> None:
        bl = para.blPara  # type: ignore[attr-defined]
        style = para.style  # type: ignore[attr-defined]
        self.lines = bl.lines
        self.kind = bl.kind
        self.count = max(1, len(self.lines))
        self.leading = style.leading
        self.font_size = style.fontSize
        self.ox, self.oy = ox, oy
        self.left_indent = style.leftIndent
        self.max_width = para.width - style.leftIndent - style.rightIndent  # type: ignore[attr-defined]
        first = self.lines[0] if self.lines else None
        fs0 = getattr(first, "fontSize", style.fontSize) if self.kind == 1 else style.fontSize
        if not rl_config.paraFontSizeHeightOffset and first is not None:
            fs0 = getattr(first, "ascent", fs0)
        self.base0 = oy + para.height - fs0  # type: ignore[attr-defined]

    def line_of(self, ay: float) -> int:
        k = round((self.base0 - ay) / self.leading)
        return min(max(k, 0), self.count - 1)

    def _width(self, k: int) -> float:
        line = self.lines[k] if k < len(self.lines) else None
        if line is None:
            return self.max_width
        if self.kind == 1:
            w = getattr(line, "currentWidth", None)
            if w is None:
                w = getattr(line, "maxWidth", self.max_width) - getattr(line, "extraSpace", 0)
            return w
        return self.max_width - line[0]

    def left(self, k: int) -> float:
        return self.ox + self.left_indent

    def right(self, k: int) -> float:
        return self.left(k) + self._width(k)

    def band(self, k: int) -> tuple[float, float]:
        top = self.base0 - k * self.leading + self.font_size
        return top, top - self.leading

    def quads(self, s: tuple[float, int], e: tuple[float, int]) -> list[Quad]:
        (xs, ks), (xe, ke) = s, e
        out: list[Quad] = []
        if ke < ks:
            ks, ke, xs, xe = ke, ks, xe, xs
        for k in range(ks, ke + 1):
            x1 = xs if k == ks else self.left(k)
            x2 = xe if k == ke else self.right(k)
            if ks == ke:
                x1, x2 = min(xs, xe), max(xs, xe)
            if x2 - x1 < 1:
                x2 = x1 + 1
            top, bottom = self.band(k)
            out.append((x1, top, x2, top, x1, bottom, x2, bottom))
        return out
