"""extract_html end to end on small pages: the article is found, site chrome is not."""

from __future__ import annotations

import pytest

from archivist.core.ingest.html import extract_html
from archivist.errors import ImportFailed

from .pages import PROSE, article_page


def test_finds_article_text_and_drops_site_chrome() -> None:
    art = extract_html(article_page(), url="https://gazette.example/2024/floods")
    for paragraph in PROSE:
        assert paragraph in art.text
    for chrome in ("Sidebar headline", "Copyright The Valley Gazette", "Sport"):
        assert chrome not in art.text
    assert art.source_format == "html"


def test_text_is_paragraphs_separated_by_blank_lines() -> None:
    art = extract_html(article_page())
    paragraphs = art.text.split("\n\n")
    assert paragraphs == PROSE


def test_title_heading_is_not_repeated_in_text() -> None:
    art = extract_html(article_page())
    assert art.title == "Valley floods after river bursts its banks"
    assert not art.text.startswith(art.title)


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"<html><head></head><body></body></html>",
                                  b"<html><body><div><span> </span></div></body></html>"])
def test_page_without_text_fails_clearly(data: bytes) -> None:
    with pytest.raises(ImportFailed) as info:
        extract_html(data)
    assert "web page" in info.value.message


def test_short_page_still_yields_its_text() -> None:
    art = extract_html(b"<html><body><p>Just one short line of text.</p></body></html>")
    assert art.text == "Just one short line of text."


def test_xml_declaration_and_xhtml_are_accepted() -> None:
    page = b'<?xml version="1.0" encoding="utf-8"?>\n' + article_page()
    assert PROSE[0] in extract_html(page).text


def test_deeply_nested_page_does_not_hit_recursion_limits() -> None:
    depth = 1500  # libxml2 caps nesting at 2048 even for huge trees
    page = ("<html><body>" + "<div>" * depth + "".join(f"<p>{p}</p>" for p in PROSE)
            + "</div>" * depth + "</body></html>").encode()
    assert PROSE[1] in extract_html(page).text


def test_control_characters_do_not_break_parsing() -> None:
    page = article_page().replace(b"<main>", b"<main>\x00\x01\x0b\xef\xbf\xbf")
    assert PROSE[0] in extract_html(page).text
