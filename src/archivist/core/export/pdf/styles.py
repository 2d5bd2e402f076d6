"""Page geometry, colours and paragraph styles of the PDF dossier (one place to tune the look)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from archivist.core.colors import color_hex
from archivist.core.export.pdf import fonts as F

PAGE_W, PAGE_H = A4
MARGIN_L = 24 * mm
MARGIN_R = 24 * mm
MARGIN_T = 24 * mm
MARGIN_B = 22 * mm
FRAME_W = PAGE_W - MARGIN_L - MARGIN_R
FRAME_H = PAGE_H - MARGIN_T - MARGIN_B

INK = colors.HexColor("#1e2228")
ACCENT = colors.HexColor("#1f3a5f")
ACCENT_HEX = "#1f3a5f"
MUTED = colors.HexColor("#5d6673")
MUTED_HEX = "#5d6673"
RULE = colors.HexColor("#c8ced6")
LINK_HEX = "#1a5fa8"
PAPER_TINT = colors.HexColor("#f3f5f8")

BODY_SIZE = 10
BODY_LEADING = 15
NOTE_SIZE = 7.8
NOTE_LEADING = 10.2


def known(hex_color: str) -> str:
    """Register a '#rrggbb' string with ReportLab's colour parser, which otherwise evaluates it
    as a Python literal first (a third of a millisecond per colour attribute in markup)."""
    extra = colors.toColor.extraColorsNS
    if hex_color not in extra:
        extra[hex_color] = colors.HexColor(hex_color)
    return hex_color


def highlight_hex(color_name: str) -> str:
    return known(color_hex(color_name))


@lru_cache(maxsize=None)
def marker_hex(color_name: str) -> str:
    """A darker shade of a highlight colour, for its number: readable on white."""
    c = colors.HexColor(color_hex(color_name))
    r, g, b = (max(0.0, min(1.0, v * 0.55)) for v in (c.red, c.green, c.blue))
    return known("#%02x%02x%02x" % (round(r * 255), round(g * 255), round(b * 255)))


def rgb(hex_color: str) -> list[float]:
    c = colors.HexColor(hex_color)
    return [round(c.red, 4), round(c.green, 4), round(c.blue, 4)]


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_rtl: ParagraphStyle
    quote: ParagraphStyle
    item: ParagraphStyle
    pre: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    caption: ParagraphStyle
    article_title: ParagraphStyle
    article_kicker: ParagraphStyle
    meta: ParagraphStyle
    section: ParagraphStyle
    footnote: ParagraphStyle
    note_body: ParagraphStyle
    orphan_quote: ParagraphStyle
    empty: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_date: ParagraphStyle
    cover_stat_n: ParagraphStyle
    cover_stat_label: ParagraphStyle
    intro_heading: ParagraphStyle
    intro: ParagraphStyle
    contents_title: ParagraphStyle
    toc0: ParagraphStyle
    summary_article: ParagraphStyle
    summary_quote: ParagraphStyle
    summary_note: ParagraphStyle
    summary_note_head: ParagraphStyle
    header: ParagraphStyle
    header_right: ParagraphStyle

    def chain(self, style: ParagraphStyle) -> str:
        """The font chain for text set in `style` (its main font's fallbacks)."""
        return style.fontName if style.fontName in F.CHAINS else F.SERIF


@lru_cache(maxsize=1)
def styles() -> Styles:
    F.ensure_base()
    for h in (ACCENT_HEX, MUTED_HEX, LINK_HEX, "#30363d"):
        known(h)
    body = ParagraphStyle(
        "body", fontName=F.SERIF, fontSize=BODY_SIZE, leading=BODY_LEADING, textColor=INK,
        spaceAfter=6.5, alignment=TA_LEFT, allowWidows=0, splitLongWords=1,
    )
    return Styles(
        body=body,
        body_rtl=ParagraphStyle("body_rtl", parent=body, fontName=F.SANS, alignment=TA_RIGHT),
        quote=ParagraphStyle("quote", parent=body, fontName=F.SERIF_I, leftIndent=16, rightIndent=10,
                             textColor=colors.HexColor("#3b424c")),
        item=ParagraphStyle("item", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3,
                            bulletFontName=F.SERIF),
        pre=ParagraphStyle("pre", parent=body, fontName=F.SANS, fontSize=8.5, leading=12,
                           leftIndent=10, backColor=PAPER_TINT, borderPadding=(4, 6, 4, 6),
                           spaceBefore=4, spaceAfter=10),
        h2=ParagraphStyle("h2", parent=body, fontName=F.SANS_B, fontSize=13, leading=17,
                          textColor=ACCENT, spaceBefore=10, spaceAfter=5),
        h3=ParagraphStyle("h3", parent=body, fontName=F.SANS_B, fontSize=11.5, leading=15,
                          textColor=ACCENT, spaceBefore=8, spaceAfter=4),
        h4=ParagraphStyle("h4", parent=body, fontName=F.SANS_B, fontSize=10.5, leading=14,
                          spaceBefore=6, spaceAfter=3),
        caption=ParagraphStyle("caption", parent=body, fontName=F.SERIF_I, fontSize=8.5, leading=11,
                               textColor=MUTED, alignment=TA_CENTER, spaceAfter=10),
        article_kicker=ParagraphStyle("kicker", fontName=F.SANS_B, fontSize=8, leading=11,
                                      textColor=ACCENT, spaceAfter=6),
        article_title=ParagraphStyle("article_title", fontName=F.SERIF_B, fontSize=20, leading=25,
                                     textColor=INK, spaceAfter=8),
        meta=ParagraphStyle("meta", fontName=F.SANS, fontSize=8.5, leading=12.5, textColor=MUTED),
        section=ParagraphStyle("section", fontName=F.SANS_B, fontSize=10.5, leading=14,
                               textColor=ACCENT, spaceBefore=16, spaceAfter=6),
        footnote=ParagraphStyle("footnote", fontName=F.SANS, fontSize=NOTE_SIZE, leading=NOTE_LEADING,
                                textColor=colors.HexColor("#30363d"), spaceAfter=2.5),
        note_body=ParagraphStyle("note_body", parent=body, fontName=F.SANS, fontSize=9, leading=13,
                                 leftIndent=10, spaceAfter=6),
        orphan_quote=ParagraphStyle("orphan_quote", parent=body, fontName=F.SERIF_I, fontSize=9.5,
                                    leading=13.5, leftIndent=10, spaceAfter=2),
        empty=ParagraphStyle("empty", parent=body, fontName=F.SERIF_I, textColor=MUTED),
        cover_kicker=ParagraphStyle("cover_kicker", fontName=F.SANS_B, fontSize=9, leading=12,
                                    textColor=ACCENT, spaceAfter=14),
        cover_title=ParagraphStyle("cover_title", fontName=F.SERIF_B, fontSize=30, leading=36,
                                   textColor=INK, spaceAfter=12),
        cover_date=ParagraphStyle("cover_date", fontName=F.SANS, fontSize=10.5, leading=14,
                                  textColor=MUTED, spaceAfter=26),
        cover_stat_n=ParagraphStyle("cover_stat_n", fontName=F.SERIF_B, fontSize=22, leading=26,
                                    textColor=ACCENT),
        cover_stat_label=ParagraphStyle("cover_stat_label", fontName=F.SANS, fontSize=8, leading=10,
                                        textColor=MUTED),
        intro_heading=ParagraphStyle("intro_heading", fontName=F.SANS_B, fontSize=9, leading=12,
                                     textColor=ACCENT, spaceBefore=26, spaceAfter=8),
        intro=ParagraphStyle("intro", parent=body, fontSize=10.5, leading=16),
        contents_title=ParagraphStyle("contents_title", fontName=F.SERIF_B, fontSize=20, leading=25,
                                      textColor=INK, spaceAfter=16),
        toc0=ParagraphStyle("toc0", fontName=F.SERIF, fontSize=10.5, leading=14, textColor=INK,
                            leftIndent=0, rightIndent=36, spaceBefore=9),
        summary_article=ParagraphStyle("summary_article", fontName=F.SERIF_B, fontSize=11.5,
                                       leading=15, textColor=INK, spaceBefore=12, spaceAfter=4),
        summary_quote=ParagraphStyle("summary_quote", fontName=F.SERIF_I, fontSize=8.8, leading=12,
                                     textColor=INK),
        summary_note=ParagraphStyle("summary_note", fontName=F.SANS, fontSize=8.3, leading=11.5,
                                    textColor=colors.HexColor("#3b424c"), leftIndent=52, spaceAfter=3),
        summary_note_head=ParagraphStyle("summary_note_head", fontName=F.SANS, fontSize=8.3, leading=11.5,
                                         textColor=colors.HexColor("#3b424c")),
        header=ParagraphStyle("header", fontName=F.SANS, fontSize=7.5, leading=9, textColor=MUTED),
        header_right=ParagraphStyle("header_right", fontName=F.SANS, fontSize=7.5, leading=9,
                                    textColor=MUTED, alignment=TA_RIGHT),
    )


_variants: dict[tuple[str, bool, bool, bool], ParagraphStyle] = {}


def variant(style: ParagraphStyle, *, rtl: bool = False, cjk: bool = False) -> ParagraphStyle:
    """`style` set right to left (sans, right-aligned) and/or with CJK line breaking."""
    if not (rtl or cjk):
        return style
    key = (style.name, rtl, False, cjk)
    got = _variants[key] if key in _variants else None
    if got is None:
        kw: dict[str, object] = {}
        if rtl:
            kw.update(alignment=TA_RIGHT, fontName=F.SANS_B if "Bold" in style.fontName else F.SANS)
        if cjk:
            kw["wordWrap"] = "CJK"
        got = _variants[key] = ParagraphStyle(f"{style.name}-{int(rtl)}{int(cjk)}", parent=style, **kw)
    return got
