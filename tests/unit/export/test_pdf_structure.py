"""The dossier's structure: text in order, outline, contents links, cover, summary, images."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from archivist.core.export.pdf import write_pdf
from tests.unit.export import docs


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    arts = [docs.sample_article(i, title=f"Article number {i}") for i in range(1, 5)]
    doc = docs.dossier(*arts, title="Structure dossier")
    out = tmp_path_factory.mktemp("pdf") / "structure.pdf"
    write_pdf(doc, out)
    return out, doc


def _page_of(reader: PdfReader, ref: object) -> int:
    target = ref.get_object() if hasattr(ref, "get_object") else ref
    for i, page in enumerate(reader.pages):
        if page.get_object() == target or page.indirect_reference == ref:
            return i
    raise AssertionError("destination page not found")


def _pages_with(path: Path, needle: str) -> list[int]:
    reader = PdfReader(str(path))
    return [i for i, p in enumerate(reader.pages) if needle in (p.extract_text() or "")]


def test_each_article_text_appears_in_order(built: tuple[Path, object]) -> None:
    path, doc = built
    body = docs.body_text(path)
    pos = 0
    for ea in doc.articles:  # type: ignore[attr-defined]
        for para in ea.article.text.split("\n\n"):
            found = body.find(docs.squash(para), pos)
            assert found >= 0, para[:60]
            pos = found + 1


def test_outline_has_one_entry_per_article_pointing_at_its_page(built: tuple[Path, object]) -> None:
    path, doc = built
    reader = PdfReader(str(path))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    articles = [ea.article.title for ea in doc.articles]  # type: ignore[attr-defined]
    assert [t for t in titles if t in articles] == articles
    assert "Contents" in titles and "Annotations summary" in titles
    for o in reader.outline:
        if not isinstance(o, list) and o.title in articles:
            page = reader.get_destination_page_number(o)
            assert o.title in (reader.pages[page].extract_text() or "")


def test_contents_page_links_to_every_article(built: tuple[Path, object]) -> None:
    path, doc = built
    reader = PdfReader(str(path))
    contents = _pages_with(path, "Contents")[0]
    links = [a.get_object() for a in reader.pages[contents].get("/Annots") or []]
    dests = [a["/Dest"] for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a]
    assert len(dests) >= len(doc.articles)  # type: ignore[attr-defined]
    targets = sorted({_page_of(reader, d[0]) for d in dests})
    for ea in doc.articles:  # type: ignore[attr-defined]
        assert any(ea.article.title in (reader.pages[t].extract_text() or "") for t in targets)
    text = reader.pages[contents].extract_text() or ""
    for ea in doc.articles:  # type: ignore[attr-defined]
        assert ea.article.title in text


def test_cover_gives_title_counts_and_introduction(built: tuple[Path, object]) -> None:
    path, doc = built
    cover = PdfReader(str(path)).pages[0].extract_text() or ""
    assert "Structure dossier" in cover and "An introduction." in cover
    for number, label in ((len(doc.articles), "ARTICLES"), (doc.highlight_count, "HIGHLIGHTS"),  # type: ignore[attr-defined]
                          (doc.note_count, "NOTES")):  # type: ignore[attr-defined]
        assert str(number) in cover and label in cover


def test_running_header_and_page_numbers(built: tuple[Path, object]) -> None:
    path, _ = built
    reader = PdfReader(str(path))
    n = len(reader.pages)
    for i in range(1, n):
        text = reader.pages[i].extract_text() or ""
        assert "Structure dossier" in text
        assert f"Page {i + 1} of {n}" in text


def test_summary_lists_every_highlight_with_its_page(built: tuple[Path, object]) -> None:
    path, doc = built
    reader = PdfReader(str(path))
    start = next(reader.get_destination_page_number(o) for o in reader.outline
                 if not isinstance(o, list) and o.title == "Annotations summary")
    summary = " ".join(reader.pages[i].extract_text() or "" for i in range(start, len(reader.pages)))
    for ea in doc.articles:  # type: ignore[attr-defined]
        for h in ea.highlights:
            assert h.exact[:30] in summary.replace("\n", " ")
    assert "p. 3" in summary.replace("\u00a0", " ")
    assert "NOT PLACED" in summary


def test_source_url_is_a_live_link(built: tuple[Path, object]) -> None:
    path, doc = built
    uris = [str(a["/A"]["/URI"]) for _, a in docs.annotations(path) if "/A" in a and "/URI" in a["/A"]]
    for ea in doc.articles:  # type: ignore[attr-defined]
        assert ea.article.url in uris


def test_notes_are_footnotes_on_the_page_of_their_highlight(built: tuple[Path, object]) -> None:
    path, doc = built
    reader = PdfReader(str(path))
    ea = doc.articles[0]  # type: ignore[attr-defined]
    for h in ea.anchored:
        if not h.note:
            continue
        pages = [i for i, p in enumerate(reader.pages) if h.note in (p.extract_text() or "")]
        quote_pages = [p for p, a in docs.annotations(path)
                       if a["/Subtype"] == "/Highlight" and str(a["/Contents"]) == h.exact]
        assert set(quote_pages) & set(pages)


def test_images_are_embedded_scaled_and_never_fetched(tmp_path: Path) -> None:
    text = "A paragraph before the chart.\n\nA paragraph after the chart."
    html = ("<p>A paragraph before the chart.</p><figure><img src=\"archivist-image:chart\" alt=\"chart\"></figure>"
            "<img src=\"https://example.org/remote.png\"><img src=\"archivist-image:broken\">"
            "<p>A paragraph after the chart.</p>")
    images = {"archivist-image:chart": (docs.png_bytes(2400, 1200), "image/png"),
              "archivist-image:broken": (b"not an image", "image/png")}
    ea = docs.ExportArticle(docs.detail(1, text, html), (), (), images)
    out = tmp_path / "img.pdf"
    write_pdf(docs.dossier(ea), out)
    reader = PdfReader(str(out))
    found = []
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for name in xobjects:
            obj = xobjects[name].get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((obj["/Width"], obj["/Height"]))
    assert len(found) == 1
    assert found[0][0] <= 1800  # downscaled before embedding
    assert "Image could not be shown" in "".join(p.extract_text() or "" for p in reader.pages)


def test_article_with_headings_lists_and_quotes(tmp_path: Path) -> None:
    text = "Findings\n\nFirst point\n\nSecond point\n\nA quotation from the minister.\n\nClosing words."
    html = ("<h2>Findings</h2><ul><li>First point</li><li>Second point</li></ul>"
            "<blockquote>A quotation from the minister.</blockquote><p>Closing words.</p>")
    ea = docs.ExportArticle(docs.detail(1, text, html), (docs.hl(1, text, "Second point", "green", "x"),), ())
    out = tmp_path / "blocks.pdf"
    write_pdf(docs.dossier(ea), out)
    body = docs.body_text(out)
    assert "\u2022" in body or "•" in body
    assert docs.squash("First point") in body and docs.squash("Closing words.") in body
