"""Metadata from the page: JSON-LD first, then <meta> tags, then the document itself."""

from __future__ import annotations

import json
from datetime import date

from archivist.core.ingest.html import extract_html
from archivist.core.ingest.html.metadata import heading_title, read_metadata
from archivist.core.ingest.html.dom import parse_html

from .pages import article_page


def _jsonld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_jsonld_article_gives_title_author_date_and_publisher() -> None:
    head = _jsonld({
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Floods: the valley counts the cost",
        "author": [{"@type": "Person", "name": "Ana Silva"}, {"@type": "Person", "name": "Bo Li"}],
        "datePublished": "2024-03-05T08:30:00+01:00",
        "publisher": {"@type": "Organization", "name": "Valley Gazette"},
    })
    art = extract_html(article_page(head=head))
    assert art.title == "Floods: the valley counts the cost"
    assert art.byline == "Ana Silva, Bo Li"
    assert art.published == date(2024, 3, 5)
    assert art.site == "Valley Gazette"


def test_jsonld_graph_and_non_article_objects() -> None:
    head = _jsonld({"@context": "https://schema.org", "@type": "VideoObject", "name": "A video"}) + _jsonld({
        "@context": "https://schema.org",
        "@graph": [{"@type": "WebPage", "name": "Page"},
                   {"@type": "BlogPosting", "headline": "The real headline", "author": {"name": "Kim"}}],
    })
    art = extract_html(article_page(head=head))
    assert art.title == "The real headline"
    assert art.byline == "Kim"


def test_open_graph_and_article_meta_tags() -> None:
    head = (
        '<meta property="og:title" content="Open Graph title">'
        '<meta property="og:site_name" content="Gazette Online">'
        '<meta property="article:published_time" content="2023-11-30T23:10:00Z">'
        '<meta name="author" content="By Jo Writer">'
        '<meta property="og:image" content="/img/lead.jpg">'
        '<link rel="canonical" href="/2023/11/30/floods">'
    )
    art = extract_html(article_page(head=head), url="https://gazette.example/amp/floods?x=1")
    assert art.title == "Open Graph title"
    assert art.site == "Gazette Online"
    assert art.published == date(2023, 11, 30)
    assert art.byline == "Jo Writer"
    assert art.url == "https://gazette.example/2023/11/30/floods"
    assert art.lead_image == "https://gazette.example/img/lead.jpg"
    assert art.language == "en"


def test_title_loses_site_suffix() -> None:
    art = extract_html(article_page())  # <title>Valley floods ... | The Valley Gazette</title>
    assert art.title == "Valley floods after river bursts its banks"


def test_title_rules() -> None:
    def title_of(html: str) -> str:
        return heading_title(parse_html(html))

    assert title_of("<title>How the whole valley flooded – Gazette</title>") == "How the whole valley flooded"
    assert title_of("<title>How the whole valley flooded - Gazette</title>") == "How the whole valley flooded"
    # too short once the suffix is cut: keep the whole title
    assert title_of("<title>Floods | Gazette</title>") == "Floods | Gazette"
    # "Site: Article" keeps the article part, unless a heading repeats the whole title
    assert title_of("<title>Gazette: Valley floods after river bursts its banks</title>") == \
        "Valley floods after river bursts its banks"
    assert title_of("<title>Evolve: a story</title><body><h1>Evolve: a story</h1></body>") == "Evolve: a story"
    # too short a <title>: the page's only <h1> is the title
    assert title_of("<title>Home</title><body><h1>A proper headline for the article</h1></body>") == \
        "A proper headline for the article"


def test_byline_from_page_when_no_metadata_names_one() -> None:
    before = '<p class="byline">By Sam Reporter</p>'
    art = extract_html(article_page(before=before))
    assert art.byline == "Sam Reporter"
    assert "Sam Reporter" not in art.text


def test_time_element_dates_the_article_when_metadata_does_not() -> None:
    before = '<p><time datetime="2022-07-14T10:00:00+02:00">14 July</time></p>'
    art = extract_html(article_page(before=before))
    assert art.published == date(2022, 7, 14)


def test_site_falls_back_to_host_and_language_to_meta() -> None:
    page = article_page(lang="").replace(b'<html lang="">', b"<html>").replace(
        b"<head>", b'<head><meta http-equiv="content-language" content="pt-BR">')
    art = extract_html(page, url="https://www.gazeta.example/x")
    assert art.site == "gazeta.example"
    assert art.language == "pt-BR"


def test_double_escaped_meta_content_is_unescaped() -> None:
    head = '<meta property="og:title" content="Tom &amp;amp; Jerry &amp;quot;live&amp;quot;">'
    meta = read_metadata(parse_html(article_page(head=head).decode()))
    assert meta.title == 'Tom & Jerry "live"'
