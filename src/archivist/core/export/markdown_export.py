"""The dossier as Markdown: an annotation digest for note-taking tools.

For each article: its metadata as a list, then its highlights in text order as quote blocks
(`> quote`) each followed by its note, then the article's free notes and the highlights that
could not be placed. The articles' full text is not repeated (the PDF and HTML dossiers carry
it); the source link leads back to it. Text is escaped so that a quote never turns into a
heading, a list or a link by accident.
"""

from __future__ import annotations

import re
from pathlib import Path

from archivist.core.export.dossier import DossierDoc
from archivist.core.export.html_export import Num, fmt_date, numbered
from archivist.core.export.output import write_text_atomic

_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=~])", re.M)
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.M)


def md_escape(text: str) -> str:
    """Escape Markdown syntax in plain text (inline markers, and block markers at line starts)."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def one_line(text: str) -> str:
    return " ".join((text or "").split())


def quote_block(text: str) -> str:
    lines = [line.strip() for line in (text or "").strip().splitlines()]
    return "\n".join(f"> {md_escape(line)}" if line else ">" for line in lines) or ">"


def _paras(text: str) -> list[str]:
    return [md_escape(" ".join(p.split("\n")).strip()) for p in (text or "").split("\n\n") if p.strip()]


def _highlight(n: Num) -> list[str]:
    out = [quote_block(n.h.exact or ""), ""]
    meta = f"*{n.number} \u00b7 {n.h.color}*"
    if n.h.note:
        paras = _paras(n.h.note)
        out.append(f"{meta} \u2014 {paras[0]}" if paras else meta)
        out += [f"\n{p}" for p in paras[1:]]
    else:
        out.append(meta)
    out.append("")
    return out


def render_markdown(doc: DossierDoc) -> str:
    title = one_line(doc.title) or "Untitled dossier"
    n = len(doc.articles)
    lines = [f"# {md_escape(title)}", "",
             f"*Archivist dossier \u00b7 compiled {fmt_date(doc.created)} \u00b7 {n} article{'s' * (n != 1)} "
             f"\u00b7 {doc.highlight_count} highlights \u00b7 {doc.note_count} notes*", ""]
    lines += [p + "\n" for p in _paras(doc.introduction)]
    if not doc.articles:
        lines += ["*This dossier is empty: it has no articles yet.*", ""]
    elif n > 1:
        lines += ["## Contents", ""]
        lines += [f"{i}. {md_escape(one_line(ea.article.title) or 'Untitled')}" for i, ea in enumerate(doc.articles, 1)]
        lines.append("")
    for i, ea in enumerate(doc.articles, 1):
        a = ea.article
        lines += ["---", "", f"## {i}. {md_escape(one_line(a.title) or 'Untitled')}", ""]
        meta = []
        if a.byline:
            meta.append(f"- **By:** {md_escape(one_line(a.byline))}")
        if a.site:
            meta.append(f"- **Site:** {md_escape(one_line(a.site))}")
        if a.published:
            meta.append(f"- **Published:** {fmt_date(a.published)}")
        meta.append(f"- **Imported:** {fmt_date(a.imported_at)}")
        if a.url:
            url = a.url.replace(" ", "%20").replace(">", "%3E").replace("<", "%3C")
            meta.append(f"- **Source:** <{url}>")
        if a.tags:
            meta.append(f"- **Tags:** {md_escape(', '.join(a.tags))}")
        if a.word_count:
            meta.append(f"- **Words:** {a.word_count:,}")
        lines += meta + [""]
        nums = numbered(ea)
        placed = [x for x in nums if x.placed]
        if placed:
            lines += ["### Highlights", ""]
            for x in placed:
                lines += _highlight(x)
        if ea.notes:
            lines += ["### Notes", ""]
            for note in ea.notes:
                lines += [p + "\n" for p in _paras(note.body)]
                lines += [f"*Written {fmt_date(note.updated_at or note.created_at)}*", ""]
        orphans = [x for x in nums if not x.placed]
        if orphans:
            lines += ["### Highlights that could not be placed", "",
                      "*The article\u2019s text changed after these were made.*", ""]
            for x in orphans:
                lines += _highlight(x)
        if not placed and not orphans and not ea.notes:
            lines += ["*No highlights or notes.*", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(doc: DossierDoc, out_path: Path) -> None:
    """Write `doc` as Markdown (see the module docstring), atomically."""
    write_text_atomic(Path(out_path), render_markdown(doc))
