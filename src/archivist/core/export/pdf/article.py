"""One ExportArticle -> its flowables: header, text with highlights and footnotes, notes, orphans."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, Spacer

from archivist.core.export.dossier import ExportArticle
from archivist.core.export.pdf import fastpath
from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf import styles as S
from archivist.core.export.pdf.annotations import HighlightMeta
from archivist.core.export.pdf.bidi import direction, has_rtl
from archivist.core.export.pdf.blocks import ImageBlock, TextBlock, blocks
from archivist.core.export.pdf.body import BodyPara
from archivist.core.export.pdf.flowables import ArcParagraph as Paragraph
from archivist.core.export.pdf.flowables import (
    Context,
    Footnote,
    KeepWithNext,
    image_flowable,
    plain_paragraph,
)
from archivist.core.export.pdf.markup import Span, block_markup, has_cjk, plain_markup
from archivist.core.types import HighlightInfo

FOOTNOTE_MAX = 600
FOLLOW_ROOM = 2 * S.BODY_LEADING + 8  # two lines of the paragraph after a heading
SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://")


@dataclass(frozen=True)
class Numbered:
    h: HighlightInfo
    key: str
    number: int
    placed: bool   # anchored with valid offsets: drawn in the text
    start: int
    end: int
    color: str
    mark: str


def article_key(index: int) -> str:
    return f"art-{index}"


def number_highlights(ea: ExportArticle, index: int) -> list[Numbered]:
    """Anchored highlights in text order, numbered from 1, then the rest (orphaned/invalid)."""
    text = ea.article.text
    n = len(text)
    placed, rest = [], []
    for h in ea.highlights:
        ok = h.status == "anchored" and 0 <= h.start <= h.end <= n
        (placed if ok else rest).append(h)
    placed.sort(key=lambda h: (h.start, h.end, h.id))
    placed_ids = {id(h) for h in placed}
    out: list[Numbered] = []
    for i, h in enumerate([*placed, *rest], 1):
        ok = id(h) in placed_ids
        s, e = (h.start, h.end) if ok else (0, 0)
        if ok:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
        out.append(Numbered(h, f"{index}.{i}", i, ok, s, e,
                            S.highlight_hex(h.color), S.marker_hex(h.color)))
    return out


def fmt_date(d: date | datetime | None) -> str:
    if d is None:
        return ""
    return f"{d.day} {d.strftime('%B')} {d.year}"


def m(text: str, style: ParagraphStyle | str, width: float = 0.0) -> str:
    """Markup for plain text in a style (or chain): font fallbacks, right-to-left in visual order
    (broken into lines here when `width` is given and the text is right to left)."""
    if isinstance(style, str):
        return plain_markup(text, style, width, 10.0)
    return plain_markup(text, S.styles().chain(style), width, style.fontSize)


def simple(text: str, style: ParagraphStyle) -> bool:
    """Plain text the style's own font draws as is: no markup needed at all."""
    if "\n" in text or F.clean(text) != text:
        return False
    return text.isascii() or (not has_rtl(text) and not has_cjk(text)
                              and not F.uncovered_re(style.fontName).search(text))


def para(text: str, style: ParagraphStyle, prefix: str = "", align: bool = True) -> Paragraph:
    """A standalone paragraph of plain text, right-aligned when it is right to left (`align`)."""
    if not prefix and style.fontName in F.CHAINS and simple(text, style):
        return plain_paragraph(text, style)
    rtl = align and not prefix and direction(text) == "rtl"
    st = S.variant(style, rtl=rtl, cjk=has_cjk(text))
    width = S.FRAME_W - st.leftIndent - st.rightIndent
    return Paragraph(prefix + m(text, st, width), st)


def chip(num: Numbered) -> str:
    return (f'<span backColor="{num.color}"><font name="{F.SANS_B}" color="{num.mark}">'
            f"&nbsp;{num.number}&nbsp;</font></span>")


def footnote_text(note: str) -> tuple[str, bool]:
    """A note as a footnote: paragraphs run together, cut when too long for the foot of a page."""
    body = " \u00b6 ".join(" ".join(p.split()) for p in note.strip().split("\n\n") if p.strip())
    if len(body) > FOOTNOTE_MAX:
        cut = body.rfind(" ", 0, FOOTNOTE_MAX)
        return body[: cut if cut > FOOTNOTE_MAX // 2 else FOOTNOTE_MAX].rstrip() + "\u2026", True
    return body, False


def footnote(num: Numbered, note: str) -> Footnote:
    st = S.styles()
    body, cut = footnote_text(note)
    style = S.variant(st.footnote, cjk=has_cjk(body))
    if not cut and simple(body, style):
        return Footnote(num.key, num.number, num.color, num.mark, "", style, plain=body)
    tail = f' <font color="{S.MUTED_HEX}">(continued in the annotations summary)</font>' if cut else ""
    return Footnote(num.key, num.number, num.color, num.mark, m(body, F.SANS, S.FRAME_W - 20) + tail, style)


def link(url: str, style: ParagraphStyle) -> str:
    shown = m(url, style)
    if not url.lower().startswith(SAFE_SCHEMES):
        return shown
    href = url.replace("&", "&amp;").replace('"', "%22").replace("<", "%3C").replace(">", "%3E")
    return f'<a href="{href}" color="{S.LINK_HEX}">{shown}</a>'


class ArticleBuilder:
    def __init__(self, ea: ExportArticle, index: int, total: int, ctx: Context) -> None:
        self.ea = ea
        self.a = ea.article
        self.index = index
        self.total = total
        self.ctx = ctx
        self.st = S.styles()
        self.key = article_key(index)
        self.numbered = number_highlights(ea, index)

    # -- header ------------------------------------------------------------------------------
    def header(self) -> list[Flowable]:
        a, st = self.a, self.st
        kicker = f"ARTICLE {self.index + 1} OF {self.total}"
        if a.site:
            kicker = f"{m(a.site.upper(), st.article_kicker)}&nbsp;&nbsp;\u00b7&nbsp;&nbsp;{kicker}"
        title = para(a.title or "Untitled", st.article_title)
        title._toc_entry = (0, self.toc_text(), self.key, a.title or "Untitled")  # type: ignore[attr-defined]
        kick = (plain_paragraph(kicker.replace("&nbsp;", "\u00a0"), st.article_kicker) if not a.site
                else Paragraph(kicker, st.article_kicker))
        out: list[Flowable] = [kick, title]
        meta: list[str] = []
        if a.byline:
            meta.append(f'<font name="{F.SANS_B}" color="#30363d">{m(a.byline, F.SANS_B)}</font>')
        if a.published:
            meta.append(f"Published {fmt_date(a.published)}")
        meta.append(f"Imported {fmt_date(a.imported_at)}")
        if a.word_count:
            meta.append(f"{a.word_count:,} words")
        lines = ["&nbsp;&nbsp;\u00b7&nbsp;&nbsp;".join(meta)]
        if a.url:
            lines.append(link(a.url, st.meta))
        extra = []
        if a.tags:
            extra.append("Tags: " + m(", ".join(a.tags), st.meta))
        counts = self._counts()
        if counts:
            extra.append(counts)
        if extra:
            lines.append("&nbsp;&nbsp;\u00b7&nbsp;&nbsp;".join(extra))
        out.append(Paragraph("<br/>".join(lines), st.meta))
        out += [Spacer(1, 6), HRFlowable(width="100%", thickness=0.6, color=S.RULE, spaceBefore=2,
                                         spaceAfter=12)]
        return out

    def toc_text(self) -> str:
        """The article's line in the contents: a small site/date line above its title."""
        a, st = self.a, self.st
        meta = [x for x in (a.site.upper() if a.site else "", fmt_date(a.published)) if x]
        head = ""
        if meta:
            line = m("  \u00b7  ".join(meta), F.SANS)
            head = f'<font name="{F.SANS}" size="7" color="{S.MUTED_HEX}">{line}</font><br/>'
        return head + m(a.title or "Untitled", st.toc0)

    def _counts(self) -> str:
        hl = len(self.numbered)
        notes = sum(1 for n in self.numbered if n.h.note) + len(self.ea.notes)
        parts = []
        if hl:
            parts.append(f"{hl} highlight{'s' * (hl != 1)}")
        if notes:
            parts.append(f"{notes} note{'s' * (notes != 1)}")
        return " and ".join(parts)

    # -- body --------------------------------------------------------------------------------
    def body(self) -> list[Flowable]:
        a, st, ctx = self.a, self.st, self.ctx
        reg = ctx.registry
        for num in self.numbered:
            if num.placed:
                reg.highlights[num.key] = HighlightMeta(num.key, num.h.exact or a.text[num.h.start:num.h.end],
                                                        num.h.note, num.color, num.mark, num.number,
                                                        num.start, num.end)
            if num.h.note:
                reg.notes[num.key] = (num.h.note, num.mark)
        text = a.text or ""
        blist = blocks(text, a.html or "", a.lead_image)
        if not any(isinstance(b, TextBlock) for b in blist):
            out: list[Flowable] = [self._image(b) for b in blist if isinstance(b, ImageBlock)]
            out = [f for f in out if f is not None]
            out.append(Paragraph("This article has no text.", st.empty))
            return out
        spans = self._spans([b for b in blist if isinstance(b, TextBlock)])
        out = []
        ti = 0
        for b in blist:
            if isinstance(b, ImageBlock):
                img = self._image(b)
                if img is not None:
                    out.append(img)
                continue
            block = self._text_block(b, spans.get(ti, []))
            if b.kind in ("h2", "h3", "h4"):
                out.append(KeepWithNext(block, FOLLOW_ROOM))  # a heading never ends a page
            out.append(block)
            ti += 1
        return out

    def _spans(self, tblocks: list[TextBlock]) -> dict[int, list[Span]]:
        starts = [b.start for b in tblocks]
        out: dict[int, list[Span]] = {}
        for num in self.numbered:
            if not num.placed:
                continue
            s, e = num.start, num.end
            lo = max(0, bisect.bisect_right(starts, s) - 1)
            pieces: list[tuple[int, int, int]] = []
            for bi in range(lo, len(tblocks)):
                b = tblocks[bi]
                if b.start > e or (b.start == e and s != e):
                    break
                a0, b0 = max(s, b.start), min(e, b.end)
                if a0 < b0 or (s == e and b.start <= s <= b.end):
                    pieces.append((bi, a0 - b.start, b0 - b.start))
            if not pieces:  # only whitespace between paragraphs: mark the nearest paragraph's end
                b = tblocks[lo]
                pieces.append((lo, b.end - b.start, b.end - b.start))
            for j, (bi, u, v) in enumerate(pieces):
                out.setdefault(bi, []).append(Span(f"{num.key}~{bi}", num.key, u, v, num.color, num.number,
                                                   j == len(pieces) - 1, num.mark))
        return out

    def _style_for(self, b: TextBlock) -> ParagraphStyle:
        st = self.st
        return {"h2": st.h2, "h3": st.h3, "h4": st.h4, "li": st.item, "quote": st.quote,
                "pre": st.pre, "caption": st.caption}.get(b.kind, st.body)

    def _text_block(self, b: TextBlock, spans: list[Span]) -> Flowable:
        text = self.a.text[b.start:b.end]
        base = self._style_for(b)
        rtl = direction(text) == "rtl"
        style = S.variant(base, rtl=rtl, cjk=has_cjk(text))
        bullet = F.escape(b.bullet) if b.kind == "li" and b.bullet else None
        fast = None
        if not rtl and fastpath.eligible(text, style, spans):
            if spans:
                fast = fastpath.build(text, spans)
                para = plain_paragraph(fast.rendered, style, bulletText=b.bullet if bullet else None)
            else:
                para = plain_paragraph(text, style, bulletText=b.bullet if bullet else None)
        else:
            chain = S.styles().chain(style)
            width = S.FRAME_W - style.leftIndent - style.rightIndent
            markup = block_markup(text, spans, chain, rtl=rtl, width=width, size=style.fontSize)
            para = Paragraph(markup, style, bulletText=bullet)
        notes = []
        for s in spans:
            num = self._num(s.key)
            note = num.h.note
            if s.final and note:
                notes.append(footnote(num, note))
        return BodyPara(para, self.ctx, notes, track=bool(spans), fast=fast)

    def _num(self, key: str) -> Numbered:
        if not hasattr(self, "_by_key"):
            self._by_key = {n.key: n for n in self.numbered}
        return self._by_key[key]

    def _image(self, b: ImageBlock) -> Flowable | None:
        got = self.ea.images.get(b.ref)
        if got is None:
            return None  # never fetched (or a remote URL): nothing to show, and no network
        data, media_type = got
        img = image_flowable(data, media_type, S.FRAME_W, S.FRAME_H * 0.55)
        if img is None:
            label = f"[Image could not be shown{': ' + b.alt if b.alt else ''}]"
            return Paragraph(m(label, self.st.caption), self.st.caption)
        return img

    # -- after the text ----------------------------------------------------------------------
    def extras(self) -> list[Flowable]:
        st = self.st
        out: list[Flowable] = []
        if self.ea.notes:
            heading = Paragraph("Notes on this article", st.section)
            out += [KeepWithNext(heading, FOLLOW_ROOM), heading]
            for note in self.ea.notes:
                key = f"{self.index}.note{note.id}"
                self.ctx.registry.notes[key] = (note.body, S.ACCENT_HEX)
                when = fmt_date(note.updated_at or note.created_at)
                paras = [p for p in (note.body or "").split("\n\n") if p.strip()] or [""]
                out.append(para(paras[0].strip(), st.note_body, f'<onDraw name="hl" label="a:{key}"/>'))
                out.extend(para(p.strip(), st.note_body) for p in paras[1:])
                out.append(Paragraph(f"Note written {when}", ParagraphStyle(
                    "note_when", parent=st.meta, leftIndent=10, spaceAfter=8, fontSize=7.5)))
        orphans = [n for n in self.numbered if not n.placed]
        if orphans:
            heading = Paragraph("Highlights that could not be placed", st.section)
            out += [KeepWithNext(heading, FOLLOW_ROOM + 14), heading]
            out.append(Paragraph("The article\u2019s text changed after these were made; their passages "
                                 "were not found in the current text.", st.meta))
            out.append(Spacer(1, 6))
            for num in orphans:
                quote = num.h.exact or "(empty)"
                out.append(Paragraph(f'<onDraw name="hl" label="n:{num.key}"/>{chip(num)}&nbsp;&nbsp;'
                                     f"\u201c{m(quote, st.orphan_quote, S.FRAME_W - 60)}\u201d",
                                     S.variant(st.orphan_quote, cjk=has_cjk(quote))))
                if num.h.note:
                    out.extend(para(p.strip(), st.note_body) for p in num.h.note.split("\n\n") if p.strip())
                else:
                    out.append(Spacer(1, 6))
        return out

    def flowables(self) -> list[Flowable]:
        return [*self.header(), *self.body(), *self.extras()]
