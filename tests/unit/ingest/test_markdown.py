"""Markdown articles: front matter, title, cruft, and text that matches the HTML."""

from __future__ import annotations

from datetime import date

from archivist.core.ingest import parse_document
from archivist.core.ingest.html_text import html_to_text
from archivist.core.ingest.markdown import parse_markdown, split_front_matter
from archivist.core.types import SourceDocument

BODY = "First paragraph with *emphasis* and a [link](https://example.com) — “quoted”.\n\nSecond one."


def test_front_matter_gives_metadata_and_is_not_text() -> None:
    doc = (
        "---\ntitle: \"Arms: The Debate\"\ndate: 2024-05-30\nauthor: Jane Doe\n"
        "url: https://example.com/a\ntags: [nato, ukraine]\n---\n" + BODY
    )
    article = parse_markdown(doc, "a.md")
    assert article.title == "Arms: The Debate"
    assert article.published == date(2024, 5, 30)
    assert article.byline == "Jane Doe"
    assert article.url == "https://example.com/a"
    assert article.source_format == "markdown"
    assert article.text == "First paragraph with emphasis and a link — “quoted”.\n\nSecond one."
    assert "nato" not in article.text and "title" not in article.text


def test_front_matter_block_lists_folded_values_and_toml() -> None:
    fields, rest = split_front_matter("---\ntitle: >\n  A folded\n  title\nauthors:\n  - Ann\n  - Bo\n---\nText")
    assert fields == {"title": "A folded title", "author": "Ann, Bo"} and rest == "Text"
    fields, rest = split_front_matter('+++\ntitle = "Hugo post"\ndate = 2024-05-30\n+++\nText')
    assert fields == {"title": "Hugo post", "date": "2024-05-30"} and rest == "Text"


def test_a_leading_thematic_break_is_not_front_matter() -> None:
    doc = "---\n\nSome text here.\n\n---\n\nOther text here."
    assert split_front_matter(doc) == ({}, doc)
    assert parse_markdown(doc, "a.md").text == "Some text here.\n\nOther text here."


def test_first_h1_is_the_title_and_leaves_the_body() -> None:
    article = parse_markdown("# The Title\n\n" + BODY, "a.md")
    assert article.title == "The Title"
    assert "The Title" not in article.text and "<h1>" not in article.html


def test_front_matter_title_repeated_as_h1_is_not_kept_twice() -> None:
    article = parse_markdown("---\ntitle: Same\n---\n# Same\n\n" + BODY, "a.md")
    assert article.title == "Same" and not article.text.startswith("Same")


def test_no_title_anywhere_uses_the_file_name() -> None:
    article = parse_markdown("A sentence that is prose.\n\nAnother sentence here.", "notes/idea.md")
    assert article.title == "idea"
    assert article.text == "A sentence that is prose.\n\nAnother sentence here."


def test_leading_dateline_and_byline_paragraphs_become_metadata() -> None:
    doc = "# Headline\n\nThu May 30 2024\nicon-facebook icon-twitter icon-whatsapp\n\nBy Jane Doe\n\n" + BODY
    article = parse_markdown(doc, "a.md")
    assert (article.published, article.byline) == (date(2024, 5, 30), "Jane Doe")
    assert article.text.startswith("First paragraph")


def test_cruft_paragraphs_lines_and_list_items_are_removed() -> None:
    doc = (
        "# T\n\nAdvertisement\n\nReal words start here.\nShare on Facebook\nAnd continue here.\n\n"
        "- Share this article\n- A real list item.\n\n- Subscribe\n\nEnd of story.\n"
    )
    article = parse_markdown(doc, "a.md")
    assert article.text == "Real words start here. And continue here.\n\nA real list item.\n\nEnd of story."
    assert "<ul>" in article.html and article.html.count("<li>") == 1


def test_code_blocks_and_tables_are_left_alone() -> None:
    doc = "# T\n\nIntro.\n\n```\nSubscribe\n  indented line\n```\n\n| Share | Votes |\n|---|---|\n| Ann | 12 |\n"
    article = parse_markdown(doc, "a.md")
    assert article.text == "Intro.\n\nSubscribe\n  indented line\n\nShare\tVotes\nAnn\t12"


def test_trailing_related_section_is_cut() -> None:
    doc = "# T\n\n" + BODY + "\n\n## Related articles\n\n- [Other story](https://e.com/1)\n- [Is it over?](https://e.com/2)\n"
    article = parse_markdown(doc, "a.md")
    assert article.text.endswith("Second one.")
    assert "Other story" not in article.html


def test_raw_html_is_sanitised() -> None:
    article = parse_markdown('# T\n\n<script>alert(1)</script>\n\nText <img src=x onerror="alert(1)">.', "a.md")
    assert "script" not in article.html and "onerror" not in article.html
    assert "alert" not in article.text


def test_text_is_exactly_the_text_of_the_html() -> None:
    article = parse_markdown("# T\n\n" + BODY + "\n\n> quoted\n\n1. one\n2. two\n", "a.md")
    assert article.text == html_to_text(article.html)
    assert article.text.endswith("quoted\n\none\n\ntwo")


def test_dispatch_by_extension() -> None:
    article = parse_document(SourceDocument(data=("# Title\n\n" + BODY).encode(), name="x.md"))
    assert article.source_format == "markdown" and article.title == "Title"
