"""Building dossiers for the export tests, and reading PDFs back (pypdf, pdfplumber)."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime, timezone
from pathlib import Path

from archivist.core.export.dossier import DossierDoc, ExportArticle
from archivist.core.types import (
    ArticleDetail,
    ArticleId,
    HighlightId,
    HighlightInfo,
    NoteInfo,
)

NOW = datetime(2025, 3, 4, 10, 0, tzinfo=timezone.utc)
SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_next_id = [1000]


def detail(aid: int, text: str, html: str = "", title: str | None = None, **kw: object) -> ArticleDetail:
    return ArticleDetail(
        id=ArticleId(aid), title=title or f"Article {aid}", byline=kw.get("byline", "Jane Doe"),  # type: ignore[arg-type]
        published=kw.get("published", date(2024, 5, 17)), site=kw.get("site", "example.org"),  # type: ignore[arg-type]
        url=kw.get("url", f"https://example.org/a/{aid}"), language=kw.get("language", "en"),  # type: ignore[arg-type]
        text=text, html=html, tags=("news",), word_count=len(text.split()), imported_at=NOW,
        lead_image=kw.get("lead_image"),  # type: ignore[arg-type]
    )


def hl(aid: int, text: str, phrase: str, color: str = "yellow", note: str | None = None,
       nth: int = 0, status: str = "anchored") -> HighlightInfo:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    _next_id[0] += 1
    return HighlightInfo(
        id=HighlightId(_next_id[0]), article_id=ArticleId(aid), start=start, end=start + len(phrase),
        exact=phrase, prefix="", suffix="", color=color, note=note, status=status,  # type: ignore[arg-type]
        created_at=NOW,
    )


def orphan(aid: int, quote: str, note: str | None = None) -> HighlightInfo:
    _next_id[0] += 1
    return HighlightInfo(
        id=HighlightId(_next_id[0]), article_id=ArticleId(aid), start=0, end=0, exact=quote, prefix="",
        suffix="", color="pink", note=note, status="orphaned", created_at=NOW,
    )


def note(aid: int, body: str) -> NoteInfo:
    _next_id[0] += 1
    return NoteInfo(id=_next_id[0], article_id=ArticleId(aid), body=body, created_at=NOW, updated_at=NOW)


def dossier(*articles: ExportArticle, title: str = "Test dossier", intro: str = "An introduction.") -> DossierDoc:
    return DossierDoc(title=title, introduction=intro, articles=tuple(articles), created=NOW)


PARAS = [
    "The committee published its findings on Tuesday, noting a sharp rise in coastal erosion along "
    "the northern shore and a slower but steady retreat of the dunes further south.",
    "Residents interviewed for the report described flooded cellars, closed roads and the quiet "
    "disappearance of a beach that had been there for as long as anyone could remember.",
    "Engineers proposed three options: higher sea walls, managed retreat from the most exposed "
    "streets, and a programme of dune restoration funded by a regional levy.",
    "None of the options is cheap, the report concludes, and the longer the decision is delayed "
    "the fewer of them will remain available to the towns that need them most.",
]


def sample_article(aid: int = 1, title: str | None = None) -> ExportArticle:
    """Four paragraphs with single-line, multi-line, overlapping and adjacent highlights."""
    text = "\n\n".join(PARAS)
    hls = (
        hl(aid, text, "sharp rise in coastal erosion", "yellow", "The headline figure."),
        hl(aid, text, "flooded cellars, closed roads and the quiet disappearance of a beach that had "
                      "been there for as long as anyone could remember", "green", "Human cost."),
        hl(aid, text, "higher sea walls, managed retreat from the most exposed streets", "blue", None),
        hl(aid, text, "managed retreat", "pink", "Politically hard."),          # inside the blue one
        hl(aid, text, "None of the options", "orange", None),
        hl(aid, text, "is cheap", "purple", "Adjacent to the orange one."),     # touches the previous
        orphan(aid, "a passage that was edited away", "Kept although the text changed."),
    )
    return ExportArticle(detail(aid, text, title=title), hls, (note(aid, "A free note about the article."),))


def png_bytes(w: int = 400, h: int = 200) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (w, h), "#dfe7f0")
    ImageDraw.Draw(im).line([(0, 0), (w, h)], fill="#1f3a5f", width=5)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


# -- reading PDFs back ---------------------------------------------------------------------------

def annotations(path: Path) -> list[tuple[int, dict[str, object]]]:
    from pypdf import PdfReader

    out = []
    for i, page in enumerate(PdfReader(str(path)).pages):
        for a in page.get("/Annots") or []:
            out.append((i, dict(a.get_object())))
    return out


def body_text(path: Path) -> str:
    """The text in body-size type (headers, footers, footnotes and numbers left out), no spaces."""
    import pdfplumber

    parts = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["size"] >= 9.5 and c["text"] not in SUPERSCRIPTS]
            parts.append("".join(c["text"] for c in chars))
    return re.sub(r"\s+", "", "".join(parts))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_in_quads(path: Path, page_index: int, quads: list[float]) -> str:
    """Body-size characters whose centre lies inside the quads, in reading order, no spaces."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[page_index]
        height = page.height
        got = []
        for i in range(0, len(quads), 8):
            xs, ys = quads[i:i + 8:2], quads[i + 1:i + 8:2]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            chars = [c for c in page.chars
                     if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and y0 <= height - (c["top"] + c["bottom"]) / 2 <= y1
                     and c["size"] >= 9.5 and c["text"] not in SUPERSCRIPTS]
            got.append("".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])))
    return squash("".join(got))


def visual_to_logical(text: str) -> str:
    """Right-to-left text as extracted (visual order, presentation forms) back to logical order."""
    return unicodedata.normalize("NFKC", text[::-1])
