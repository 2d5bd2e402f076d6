"""The dossier as one self-contained HTML file: inline CSS, images as data: URIs, no scripts.

Highlights are `<mark>` elements in their own colour with a numbered note marker; overlapping
highlights are cut into segments (each painted in the innermost highlight's colour), so the
markup stays valid. Each article ends with its numbered notes, free notes and the highlights that
could not be placed; a contents list opens the file and an annotations summary closes it. The
browser does the bidirectional layout (`dir="auto"`) and the font fallback for every script.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from archivist.core.colors import color_hex
from archivist.core.export.output import write_text_atomic
from archivist.core.export.dossier import DossierDoc, ExportArticle
from archivist.core.export.pdf.blocks import ImageBlock, TextBlock, blocks
from archivist.core.types import HighlightInfo

SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://")

CSS = """
:root { --ink: #1e2228; --muted: #5d6673; --accent: #1f3a5f; --rule: #d5dae1; --link: #1a5fa8; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: var(--ink); font: 17px/1.6
  "Iowan Old Style", "Palatino Linotype", Georgia, "Noto Serif", "DejaVu Serif", serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; background: #fff; }
header.cover { border-left: 6px solid var(--accent); padding: 0.5rem 0 0.5rem 1.25rem; margin-bottom: 2.5rem; }
.kicker { font: 700 0.72rem/1.4 system-ui, "Segoe UI", "Helvetica Neue", Arial, sans-serif;
  letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); margin: 0 0 0.4rem; }
h1 { font-size: 2.2rem; line-height: 1.2; margin: 0 0 0.4rem; }
h2.article-title { font-size: 1.7rem; line-height: 1.25; margin: 0.2rem 0 0.6rem; }
h3, h4, h5, h2.section { font-family: system-ui, "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--accent); }
h2.section { font-size: 1.35rem; margin: 0 0 1rem; }
.meta, .stats, .note-meta, .summary-intro { font: 0.82rem/1.5 system-ui, "Segoe UI", Arial, sans-serif; color: var(--muted); }
.stats span { margin-right: 1.5rem; } .stats b { font-size: 1.3rem; color: var(--accent); margin-right: 0.25rem; }
a { color: var(--link); }
nav.toc ol { padding-left: 1.4rem; } nav.toc li { margin: 0.3rem 0; }
nav.toc .site { font: 0.78rem system-ui, Arial, sans-serif; color: var(--muted); margin-left: 0.4rem; }
article { border-top: 1px solid var(--rule); padding-top: 2rem; margin-top: 2.5rem; }
mark { color: inherit; padding: 0.05em 0; border-radius: 2px; }
sup.hl-num { font: 700 0.62rem system-ui, Arial, sans-serif; margin-left: 1px; }
sup.hl-num a { text-decoration: none; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: #3b424c; font-style: italic; }
pre { white-space: pre-wrap; background: #f3f5f8; padding: 0.75rem 1rem; font-size: 0.85rem; }
figure { margin: 1.25rem 0; text-align: center; } figure img { max-width: 100%; height: auto; }
figcaption, .caption { font-size: 0.85rem; color: var(--muted); font-style: italic; }
.empty { color: var(--muted); font-style: italic; }
section.notes { margin-top: 1.75rem; font: 0.9rem/1.5 system-ui, "Segoe UI", Arial, sans-serif; }
section.notes h3 { font-size: 0.95rem; margin: 1.25rem 0 0.5rem; }
ol.notes { list-style: none; padding: 0; } ol.notes li { margin: 0.45rem 0; display: flex; gap: 0.6rem; }
.chip { flex: none; display: inline-block; min-width: 1.5rem; text-align: center; border-radius: 3px;
  font: 700 0.72rem/1.5rem system-ui, Arial, sans-serif; height: 1.5rem; }
.quote { font-family: Georgia, "DejaVu Serif", serif; font-style: italic; }
.free-note { margin: 0.5rem 0 0.75rem; padding: 0.6rem 0.9rem; background: #f6f7f9; border-radius: 4px; }
table.summary { width: 100%; border-collapse: collapse; font: 0.85rem/1.45 system-ui, Arial, sans-serif; }
table.summary td { border-top: 1px solid var(--rule); padding: 0.45rem 0.5rem; vertical-align: top; }
table.summary td.where { white-space: nowrap; width: 1%; }
table.summary tr.article td { font: 700 1rem Georgia, "DejaVu Serif", serif; padding-top: 1.2rem; border-top: none; }
@media print {
  body { background: #fff; } main { max-width: none; padding: 0; }
  article, section.summary { break-before: page; border-top: none; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


@dataclass(frozen=True)
class Num:
    h: HighlightInfo
    number: int
    placed: bool
    start: int
    end: int


def numbered(ea: ExportArticle) -> list[Num]:
    """Highlights numbered as in the PDF: placed ones in text order from 1, then the rest."""
    text = ea.article.text
    placed = sorted((h for h in ea.highlights if h.status == "anchored" and 0 <= h.start <= h.end <= len(text)),
                    key=lambda h: (h.start, h.end, h.id))
    ids = {id(h) for h in placed}
    rest = [h for h in ea.highlights if id(h) not in ids]
    out = []
    for i, h in enumerate([*placed, *rest], 1):
        ok = id(h) in ids
        s, e = (h.start, h.end) if ok else (0, 0)
        while ok and s < e and text[s].isspace():
            s += 1
        while ok and e > s and text[e - 1].isspace():
            e -= 1
        out.append(Num(h, i, ok, s, e))
    return out


def fmt_date(d: date | datetime | None) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}" if d else ""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _paras(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def _text_html(text: str) -> str:
    return "<br>".join(esc(line) for line in text.split("\n"))


def _link(url: str) -> str:
    if url.lower().startswith(SAFE_SCHEMES):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(url)


def _chip(n: Num) -> str:
    return (f'<span class="chip" style="background:{color_hex(n.h.color)}">{n.number}</span>')


class _Article:
    def __init__(self, ea: ExportArticle, index: int) -> None:
        self.ea = ea
        self.a = ea.article
        self.index = index
        self.nums = numbered(ea)

    def aid(self, n: Num) -> str:
        return f"hl-{self.index + 1}-{n.number}"

    def marked(self, a: int, b: int) -> str:
        """Text [a, b) of the article with its highlights as <mark> segments and numbers."""
        text = self.a.text
        spans = [n for n in self.nums if n.placed and ((n.start < b and n.end > a) or
                                                       (n.start == n.end and a <= n.start < b))]
        if not spans:
            return _text_html(text[a:b])
        cuts = sorted({a, b, *(max(a, min(b, x)) for n in spans for x in (n.start, n.end))})
        out: list[str] = []
        for i, c in enumerate(cuts):
            for n in spans:  # numbers of the highlights that end here (zero-length ones too)
                if n.end == c and (a < c or n.start == n.end):
                    if n.start == n.end:
                        out.append(f'<a id="{self.aid(n)}"></a>')
                    title = f' title="{esc(n.h.note)}"' if n.h.note else ""
                    out.append(f'<sup class="hl-num"><a href="#note-{self.index + 1}-{n.number}"{title}>'
                               f"{n.number}</a></sup>")
            for n in spans:  # anchors of the highlights that start here
                if n.start == c < n.end:
                    out.append(f'<a id="{self.aid(n)}"></a>')
            if i + 1 == len(cuts):
                break
            d = cuts[i + 1]
            active = [n for n in spans if n.start <= c and n.end >= d and n.start < n.end]
            seg = _text_html(text[c:d])
            if active:
                top = max(active, key=lambda n: (n.start, -n.end))
                ids = " ".join(str(n.number) for n in active)
                seg = f'<mark style="background:{color_hex(top.h.color)}" data-highlights="{ids}">{seg}</mark>'
            out.append(seg)
        return "".join(out)

    def body(self) -> str:
        a = self.a
        blist = blocks(a.text or "", a.html or "", a.lead_image)
        out: list[str] = []
        list_tag = ""
        for b in blist:
            if isinstance(b, TextBlock) and b.kind == "li":
                tag = "ol" if (b.bullet or "").rstrip(".").isdigit() else "ul"
                if tag != list_tag:
                    if list_tag:
                        out.append(f"</{list_tag}>")
                    out.append(f"<{tag}>")
                    list_tag = tag
                out.append(f'<li dir="auto">{self.marked(b.start, b.end)}</li>')
                continue
            if list_tag:
                out.append(f"</{list_tag}>")
                list_tag = ""
            if isinstance(b, ImageBlock):
                out.append(self.image(b))
                continue
            inner = self.marked(b.start, b.end)
            out.append({
                "h2": f'<h3 dir="auto">{inner}</h3>', "h3": f'<h4 dir="auto">{inner}</h4>',
                "h4": f'<h5 dir="auto">{inner}</h5>', "quote": f'<blockquote dir="auto"><p>{inner}</p></blockquote>',
                "pre": f"<pre>{inner}</pre>", "caption": f'<p class="caption" dir="auto">{inner}</p>',
            }.get(b.kind, f'<p dir="auto">{inner}</p>'))
        if list_tag:
            out.append(f"</{list_tag}>")
        if not any(isinstance(b, TextBlock) for b in blist):
            out.append('<p class="empty">This article has no text.</p>')
        return "\n".join(out)

    def image(self, b: ImageBlock) -> str:
        got = self.ea.images.get(b.ref)
        if got is None:
            return ""  # never fetched: nothing to show, and never a network reference
        data, media_type = got
        mt = (media_type or "application/octet-stream").split(";")[0].strip() or "application/octet-stream"
        src = f"data:{esc(mt)};base64,{base64.b64encode(data).decode('ascii')}"
        cap = f"<figcaption>{esc(b.alt)}</figcaption>" if b.alt else ""
        return f'<figure><img src="{src}" alt="{esc(b.alt)}" loading="lazy">{cap}</figure>'

    def notes(self) -> str:
        parts: list[str] = []
        noted = [n for n in self.nums if n.placed]
        if noted:
            items = []
            for n in noted:
                note = f" {_text_html(n.h.note)}" if n.h.note else ' <span class="empty">(no note)</span>'
                items.append(f'<li id="note-{self.index + 1}-{n.number}">{_chip(n)}<div dir="auto">'
                             f'<a href="#{self.aid(n)}" class="quote">\u201c{esc(_short(n.h.exact))}\u201d</a>'
                             f"<br>{note}</div></li>")
            parts.append("<h3>Highlights and notes</h3><ol class=\"notes\">" + "".join(items) + "</ol>")
        if self.ea.notes:
            parts.append("<h3>Notes on this article</h3>" + "".join(
                f'<div class="free-note" id="anote-{self.index + 1}-{note.id}" dir="auto">'
                + "".join(f"<p>{_text_html(p)}</p>" for p in _paras(note.body))
                + f'<div class="note-meta">Written {fmt_date(note.updated_at or note.created_at)}</div></div>'
                for note in self.ea.notes))
        orphans = [n for n in self.nums if not n.placed]
        if orphans:
            items = [f'<li id="note-{self.index + 1}-{n.number}">{_chip(n)}<div dir="auto">'
                     f'<span class="quote">\u201c{esc(n.h.exact)}\u201d</span>'
                     + (f"<br>{_text_html(n.h.note)}" if n.h.note else "") + "</div></li>" for n in orphans]
            parts.append("<h3>Highlights that could not be placed</h3><p class=\"note-meta\">The article\u2019s "
                         "text changed after these were made.</p><ol class=\"notes\">" + "".join(items) + "</ol>")
        return f'<section class="notes">{"".join(parts)}</section>' if parts else ""

    def render(self) -> str:
        a = self.a
        lang = f' lang="{esc(a.language)}"' if a.language else ""
        kicker = f"{esc(a.site.upper())} \u00b7 " if a.site else ""
        meta = []
        if a.byline:
            meta.append(f"<b>{esc(a.byline)}</b>")
        if a.published:
            meta.append(f"Published {fmt_date(a.published)}")
        meta.append(f"Imported {fmt_date(a.imported_at)}")
        if a.word_count:
            meta.append(f"{a.word_count:,} words")
        lines = [" \u00b7 ".join(meta)]
        if a.url:
            lines.append(_link(a.url))
        if a.tags:
            lines.append("Tags: " + esc(", ".join(a.tags)))
        return (f'<article id="article-{self.index + 1}"{lang}>\n'
                f'<p class="kicker">{kicker}Article {self.index + 1}</p>\n'
                f'<h2 class="article-title" dir="auto">{esc(a.title or "Untitled")}</h2>\n'
                f'<p class="meta">{"<br>".join(lines)}</p>\n{self.body()}\n{self.notes()}\n</article>')


def _short(text: str, limit: int = 300) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[: t.rfind(" ", 0, limit) if " " in t[:limit] else limit] + "\u2026"


def _summary(arts: list[_Article], doc: DossierDoc) -> str:
    rows: list[str] = []
    for art in arts:
        if not art.nums and not art.ea.notes:
            continue
        rows.append(f'<tr class="article"><td colspan="2"><a href="#article-{art.index + 1}">'
                    f"{esc(art.a.title or 'Untitled')}</a></td></tr>")
        for n in art.nums:
            where = (f'<a href="#{art.aid(n)}">in text</a>' if n.placed else "not placed")
            note = f"<br>{_text_html(n.h.note)}" if n.h.note else ""
            rows.append(f'<tr><td class="where">{_chip(n)} {where}</td><td dir="auto">'
                        f'<span class="quote">\u201c{esc(_short(n.h.exact))}\u201d</span>{note}</td></tr>')
        for note in art.ea.notes:
            rows.append(f'<tr><td class="where"><a href="#anote-{art.index + 1}-{note.id}">Note</a></td>'
                        f'<td dir="auto">{"<br>".join(_text_html(p) for p in _paras(note.body))}</td></tr>')
    if not rows:
        return ""
    return ('<section class="summary" id="summary"><h2 class="section">Annotations summary</h2>'
            f'<p class="summary-intro">{doc.highlight_count:,} highlights and {doc.note_count:,} notes.</p>'
            f'<table class="summary">{"".join(rows)}</table></section>')


def render_html(doc: DossierDoc) -> str:
    arts = [_Article(ea, i) for i, ea in enumerate(doc.articles)]
    title = doc.title.strip() or "Untitled dossier"
    intro = "".join(f'<p dir="auto">{_text_html(p)}</p>' for p in _paras(doc.introduction))
    n = len(doc.articles)
    stats = (f'<p class="stats"><span><b>{n:,}</b>article{"s" * (n != 1)}</span>'
             f'<span><b>{doc.highlight_count:,}</b>highlights</span><span><b>{doc.note_count:,}</b>notes</span></p>')
    toc = ""
    if arts:
        items = "".join(
            f'<li><a href="#article-{a.index + 1}">{esc(a.a.title or "Untitled")}</a>'
            + (f'<span class="site">{esc(a.a.site)}</span>' if a.a.site else "") + "</li>" for a in arts)
        toc = f'<nav class="toc"><h2 class="section">Contents</h2><ol>{items}</ol></nav>'
    empty = "" if arts else '<p class="empty">This dossier is empty: it has no articles yet.</p>'
    body = "\n".join(a.render() for a in arts)
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Archivist">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header class="cover"><p class="kicker">Archivist dossier</p><h1 dir="auto">{esc(title)}</h1>'
        f'<p class="meta">Compiled {fmt_date(doc.created)}</p>{stats}{intro}{empty}</header>\n'
        f"{toc}\n{body}\n{_summary(arts, doc)}\n</main>\n</body>\n</html>\n"
    )


def write_html(doc: DossierDoc, out_path: Path) -> None:
    """Write `doc` as one self-contained HTML file (see the module docstring)."""
    write_text_atomic(Path(out_path), render_html(doc))
