"""The cover page and the closing annotations summary (every highlight and note, with pages)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from archivist.core.export.dossier import DossierDoc
from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf import styles as S
from archivist.core.export.pdf.article import ArticleBuilder, fmt_date, m, para, simple
from archivist.core.export.pdf.flowables import ArcParagraph as Paragraph
from archivist.core.export.pdf.flowables import Context, KeepWithNext, plain_paragraph
from archivist.core.export.pdf.markup import has_cjk

QUOTE_MAX = 400
SUMMARY_KEY = "summary"


def cover(doc: DossierDoc) -> list[Flowable]:
    st = S.styles()
    n = len(doc.articles)
    stats = [(n, "article" if n == 1 else "articles"),
             (doc.highlight_count, "highlight" if doc.highlight_count == 1 else "highlights"),
             (doc.note_count, "note" if doc.note_count == 1 else "notes")]
    cells = [[Paragraph(f"{v:,}", st.cover_stat_n) for v, _ in stats],
             [Paragraph(label.upper(), st.cover_stat_label) for _, label in stats]]
    table = Table(cells, colWidths=[S.FRAME_W / 4] * 3, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.6, S.RULE), ("LEFTPADDING", (1, 0), (-1, -1), 12),
    ]))
    title = para(doc.title.strip() or "Untitled dossier", st.cover_title)
    out: list[Flowable] = [
        Spacer(1, 58 * 2.835),
        Paragraph("ARCHIVIST&nbsp;&nbsp;DOSSIER", st.cover_kicker),
        title,
        Paragraph(f"Compiled {fmt_date(doc.created)}", st.cover_date),
        table,
    ]
    intro = [p.strip() for p in (doc.introduction or "").split("\n\n") if p.strip()]
    if intro:
        out.append(Paragraph("INTRODUCTION", st.intro_heading))
        out += [para(p, st.intro) for p in intro]
    if not doc.articles:
        out.append(Spacer(1, 22))
        out.append(Paragraph(
            "This dossier is empty: it has no articles yet. Add articles to it in Archivist and "
            "export it again.", st.empty))
    return out


NOT_PLACED = f'<font name="{F.SANS}" size="7.5" color="{S.MUTED_HEX}">NOT PLACED</font>\u00a0 '
COLUMN = 52  # the left column of an entry: colour chip and page number


class SummaryHead(Flowable):
    """One summary entry's first part: chip and linked page number in a left column (drawn
    directly, with the page known only when drawing), the quotation beside them."""

    def __init__(self, key: str, label: str, color: str | None, mark: str, quote: Paragraph,
                 ctx: Context) -> None:
        super().__init__()
        self.key, self.label, self.color, self.mark = key, label, color, mark
        self.quote = quote
        self.ctx = ctx
        self.spaceBefore = 3
        self.spaceAfter = 1

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        _, h = self.quote.wrap(aW - COLUMN, aH)
        self.width, self.height = aW, max(h, 12)
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        parts = self.quote.split(aW - COLUMN, aH)
        if len(parts) != 2:
            return []
        return [SummaryHead(self.key, self.label, self.color, self.mark, parts[0], self.ctx),
                Indent(parts[1], COLUMN)]

    def draw(self) -> None:
        c = self.canv
        top = self.height
        c.saveState()
        if self.color:
            c.setFillColor(self.color)
            c.rect(0, top - 10.5, 15, 10, stroke=0, fill=1)
        c.setFillColor(self.mark)
        c.setFont(F.SANS_B, 6.6 if self.color else 6)
        c.drawCentredString(7.5 if self.color else 9, top - 8, self.label)
        page = self.ctx.registry.pages.get(self.key)
        if page is not None:
            text = f"p.\u00a0{page}"
            c.setFont(F.SANS, 8)
            c.setFillColor(S.LINK_HEX)
            c.drawString(20, top - 8.5, text)
            w = c.stringWidth(text, F.SANS, 8)
            c.link_to(self.key, (19, top - 11, 21 + w, top - 1))
        c.restoreState()
        self.quote.drawOn(c, COLUMN, 0)


class Indent(Flowable):
    """A paragraph (continuing a summary entry) set in the entry's text column."""

    def __init__(self, para: Flowable, left: float) -> None:
        super().__init__()
        self.para, self.left = para, left

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        _, h = self.para.wrap(aW - self.left, aH)
        self.width, self.height = aW, h
        return aW, h

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return [Indent(p, self.left) for p in self.para.split(aW - self.left, aH)]

    def draw(self) -> None:
        self.para.drawOn(self.canv, self.left, 0)


def _quote_para(text: str, prefix: str = "") -> Paragraph:
    st = S.styles()
    q = " ".join(text.split())
    if len(q) > QUOTE_MAX:
        cut = q.rfind(" ", 0, QUOTE_MAX)
        q = q[: cut if cut > QUOTE_MAX // 2 else QUOTE_MAX] + "\u2026"
    q = f"\u201c{q}\u201d"
    style = S.variant(st.summary_quote, cjk=has_cjk(q))
    if not prefix and simple(q, style):
        return plain_paragraph(q, style)
    return Paragraph(prefix + m(q, style, S.FRAME_W - COLUMN), style)


def _note_paras(text: str, head: bool = False) -> list[Flowable]:
    """A note's paragraphs under an entry (or, with `head`, the first one beside the column)."""
    st = S.styles()
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    return [para(p, st.summary_note_head if head and i == 0 else st.summary_note, align=False)
            for i, p in enumerate(paras)]


def summary(builders: list[ArticleBuilder], doc: DossierDoc, ctx: Context) -> list[Flowable]:
    st = S.styles()
    title = Paragraph("Annotations summary", st.contents_title)
    title._toc_entry = (0, "Annotations summary", SUMMARY_KEY, "Annotations summary")  # type: ignore[attr-defined]
    n_hl, n_notes = doc.highlight_count, doc.note_count
    out: list[Flowable] = [title, Paragraph(
        f"{n_hl:,} highlight{'s' * (n_hl != 1)} and {n_notes:,} note{'s' * (n_notes != 1)} across "
        f"{len(doc.articles):,} article{'s' * (len(doc.articles) != 1)}. Page numbers link to the passage.",
        st.meta), Spacer(1, 4)]
    for b in builders:
        if not b.numbered and not b.ea.notes:
            continue
        heading = Paragraph(f'<a href="#{b.key}">{m(b.a.title or "Untitled", st.summary_article)}</a>',
                            st.summary_article)
        out += [KeepWithNext(heading, 26), heading]
        for num in b.numbered:
            prefix = "" if num.placed else NOT_PLACED
            out.append(SummaryHead(num.key, str(num.number), num.color, num.mark,
                                   _quote_para(num.h.exact or "", prefix), ctx))
            if num.h.note:
                out += _note_paras(num.h.note)
        for note in b.ea.notes:
            key = f"{b.index}.note{note.id}"
            notes = _note_paras(note.body or "", head=True) or [Paragraph("", st.summary_note_head)]
            out.append(SummaryHead(key, "NOTE", None, S.ACCENT_HEX, notes[0], ctx))
            out += notes[1:]
    if len(out) == 3:
        out.append(Paragraph("No highlights or notes in this dossier.", st.empty))
    return out
