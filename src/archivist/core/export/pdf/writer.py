"""`write_pdf`: the dossier template (cover, contents, articles, summary) and the atomic write.

Layout: `multiBuild` with a `TableOfContents` fed from `afterFlowable` (which also writes the
outline). The contents are seeded with their final entries, so the first pass already has the
final layout and two passes always suffice (`flowables.PassState` asks for a third only if page
references moved). The first pass lays out without drawing (`Context.layout_only`); paragraphs
remember their line breaks and splits, so the second pass mostly draws.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.tableofcontents import TableOfContents

from archivist.core.export.output import check_target, reserve_temp
from archivist.core.export.dossier import DossierDoc
from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf import styles as S
from archivist.core.export.pdf.annotations import AnnotatingCanvas
from archivist.core.export.pdf.article import ArticleBuilder, fmt_date, m, simple
from archivist.core.export.pdf.flowables import ArcParagraph as Paragraph
from archivist.core.export.pdf.flowables import Context, NoteFrame, PassState
from archivist.core.export.pdf.summary import SUMMARY_KEY, cover, summary
from archivist.errors import ArchivistError, ExportCancelled

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class _Tracker:
    """Progress in steps: preparing each article, then laying it out in each of two passes."""

    def __init__(self, n: int, progress: Progress | None, cancel: Cancel | None) -> None:
        self.n = max(n, 1)
        self.total = 3 * self.n
        self.done = 0
        self.progress = progress
        self.cancel = cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ExportCancelled("Export cancelled; no file was written")

    def step(self, done: int) -> None:
        done = min(done, self.total - 1)
        if done > self.done:
            self.done = done
            if self.progress is not None:
                self.progress(done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


@lru_cache(maxsize=256)
def _fit(text: str, chain: str, size: float, width: float) -> str:
    """Plain `text` shortened with an ellipsis to fit on one line."""
    text = " ".join(text.split())
    if F.string_width(text, chain, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if F.string_width(text[:mid] + "\u2026", chain, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "\u2026"


@lru_cache(maxsize=256)
def _header_para(text: str, right: bool, width: float) -> Paragraph:
    st = S.styles()
    style = st.header_right if right else st.header
    p = Paragraph(m(text, style), style)
    p.wrap(width, 20)
    return p


class DossierTemplate(BaseDocTemplate):
    def __init__(self, filename: str, doc: DossierDoc, ctx: Context, tracker: _Tracker) -> None:
        self.dossier = doc
        self.ctx = ctx
        self.tracker = tracker
        self.section = ""
        super().__init__(
            filename, pagesize=(S.PAGE_W, S.PAGE_H), leftMargin=S.MARGIN_L, rightMargin=S.MARGIN_R,
            topMargin=S.MARGIN_T, bottomMargin=S.MARGIN_B, title=F.plain_for_pdf_string(doc.title),
            author="Archivist", creator="Archivist", subject=f"Dossier of {len(doc.articles)} articles",
            allowSplitting=1,
        )
        body = NoteFrame(ctx, S.MARGIN_L, S.MARGIN_B, S.FRAME_W, S.FRAME_H, id="body",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover_frame = Frame(S.MARGIN_L + 6 * 2.835, S.MARGIN_B, S.FRAME_W - 6 * 2.835, S.FRAME_H,
                            id="cover", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover_frame], onPage=self._cover_page),
            PageTemplate("body", [body], onPageEnd=self._body_page_end),
        ])

    # -- hooks ---------------------------------------------------------------------------------
    def handle_documentBegin(self) -> None:
        self.canv.registry = self.ctx.registry  # type: ignore[attr-defined]
        self.section = ""
        super().handle_documentBegin()

    def afterPage(self) -> None:
        self.ctx.page_count = self.page

    def afterFlowable(self, flowable: object) -> None:
        entry = getattr(flowable, "_toc_entry", None)
        if entry is not None:
            level, text, key, plain = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(F.plain_for_pdf_string(plain), key, level=level, closed=False)
            if key != "contents":
                self.notify("TOCEntry", (level, text, self.page, key))
            self.section = plain
            idx = getattr(flowable, "_article_index", None)
            if idx is not None:
                t = self.tracker
                t.step(t.n * self.ctx.pass_no + idx + 1)
                t.check()

    # -- page decoration -----------------------------------------------------------------------
    def _cover_page(self, canv: AnnotatingCanvas, doc: object) -> None:
        if self.ctx.layout_only:
            return
        canv.saveState()
        canv.setFillColor(S.ACCENT)
        canv.rect(0, 0, 9 * 2.835, S.PAGE_H, stroke=0, fill=1)
        canv.setFillColor(S.MUTED)
        canv.setFont(F.SANS, 7.5)
        canv.drawString(S.MARGIN_L + 6 * 2.835, S.MARGIN_B - 24, "Made with Archivist")
        canv.restoreState()

    def _body_page_end(self, canv: AnnotatingCanvas, doc: object) -> None:
        if self.ctx.layout_only:
            return
        frame = self.ctx.frame
        if frame is not None:
            frame.draw_notes(canv)
        st = S.styles()
        top = S.PAGE_H - S.MARGIN_T + 14
        left_w, right_w = S.FRAME_W * 0.5, S.FRAME_W * 0.46
        title = _fit(self.dossier.title or "Untitled dossier", F.SANS, 7.5, left_w)
        section = _fit(self.section, F.SANS, 7.5, right_w) if self.section else ""
        for text, style, x, w in ((title, st.header, S.MARGIN_L, left_w),
                                  (section, st.header_right, S.PAGE_W - S.MARGIN_R - right_w, right_w)):
            if not text:
                continue
            if simple(text, style):  # one font, left to right: draw the string directly
                canv.setFont(style.fontName, style.fontSize)
                canv.setFillColor(S.MUTED)
                if style.alignment == TA_RIGHT:
                    canv.drawRightString(x + w, top + 2, text)
                else:
                    canv.drawString(x, top + 2, text)
            else:
                _header_para(text, style.name == "header_right", w).drawOn(canv, x, top)
        canv.saveState()
        canv.setStrokeColor(S.RULE)
        canv.setLineWidth(0.5)
        canv.line(S.MARGIN_L, top - 4, S.PAGE_W - S.MARGIN_R, top - 4)
        canv.setFont(F.SANS, 7.5)
        canv.setFillColor(S.MUTED)
        bottom = S.MARGIN_B - 26
        canv.drawString(S.MARGIN_L, bottom, f"Archivist dossier \u00b7 {fmt_date(self.dossier.created)}")
        total = self.ctx.last_page_count if self.ctx.pass_no > 1 else 0
        label = f"Page {self.page} of {total}" if total >= self.page else f"Page {self.page}"
        canv.drawRightString(S.PAGE_W - S.MARGIN_R, bottom, label)
        canv.restoreState()


class _Contents(TableOfContents):
    """ReportLab's TableOfContents, built once per pass instead of at every wrap."""

    _key: object = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        key = (availWidth, id(self.canv), len(self._lastEntries), self._lastEntries and self._lastEntries[-1])
        if key != self._key or self._table is None:
            self._key = key
            return super().wrap(availWidth, availHeight)
        return self.width, self.height


def _toc(builders: list[ArticleBuilder]) -> TableOfContents:
    st = S.styles()
    toc = _Contents(levelStyles=[st.toc0], dotsMinLevel=0, rightColumnWidth=40)
    # Seeded with the real titles so the first pass already has the final layout: the second pass
    # then only fills in page numbers (no third pass).
    toc._entries = [(0, b.toc_text(), 0, b.key) for b in builders]
    toc._entries.append((0, "Annotations summary", 0, SUMMARY_KEY))
    return toc


def _story(doc: DossierDoc, ctx: Context, tracker: _Tracker) -> list[object]:
    st = S.styles()
    story: list[object] = [PassState(ctx), NextPageTemplate("body"), *cover(doc)]
    if not doc.articles:
        return story
    builders: list[ArticleBuilder] = []
    articles: list[object] = []
    for i, ea in enumerate(doc.articles):
        tracker.check()
        b = ArticleBuilder(ea, i, len(doc.articles), ctx)
        flows = b.flowables()
        for f in flows:
            if getattr(f, "_toc_entry", None) is not None:
                f._article_index = i  # type: ignore[attr-defined]
                break
        builders.append(b)
        articles += [PageBreak(), *flows]
        tracker.step(i + 1)
    contents = Paragraph("Contents", st.contents_title)
    contents._toc_entry = (0, "Contents", "contents", "Contents")  # type: ignore[attr-defined]
    story += [PageBreak(), contents, _toc(builders), *articles, PageBreak(), *summary(builders, doc, ctx)]
    return story


def write_pdf(doc: DossierDoc, out_path: Path, progress: Progress | None = None,
              cancel: Cancel | None = None) -> None:
    """Write `doc` as an annotated PDF dossier to `out_path`, atomically.

    The file appears complete or not at all: it is built in a temporary file in the same folder
    and moved into place. Raises UsageError/ArchivistError for a missing or read-only folder,
    ExportCancelled if `cancel()` returns True (checked between articles), and ArchivistError
    (with the traceback as detail) if the layout fails. `progress(done, total)` is called as
    work advances. An empty dossier gives a one-page PDF saying that it is empty.
    """
    out = Path(out_path).expanduser()
    check_target(out)
    tracker = _Tracker(len(doc.articles), progress, cancel)
    tracker.check()
    tmp = reserve_temp(out)
    try:
        F.ensure_base()
        ctx = Context()
        story = _story(doc, ctx, tracker)
        template = DossierTemplate(str(tmp), doc, ctx, tracker)
        template.multiBuild(story, canvasmaker=AnnotatingCanvas, maxPasses=6)
        tracker.check()
        os.replace(tmp, out)
    except ArchivistError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ArchivistError(f"Could not write {out.name}: {exc.strerror or exc}",
                             detail=traceback.format_exc()) from exc
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise ArchivistError("The PDF could not be laid out", detail=traceback.format_exc()) from exc
    tracker.finish()
