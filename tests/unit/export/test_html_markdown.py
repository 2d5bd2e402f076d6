"""The HTML dossier is self-contained; the Markdown digest has quote blocks and notes."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from archivist.core.export.html_export import render_html, write_html
from archivist.core.export.markdown_export import (
    md_escape,
    render_markdown,
    write_markdown,
)
from archivist.errors import UsageError
from tests.unit.export import docs


def _with_image() -> docs.ExportArticle:
    text = "Before the chart.\n\nAfter the chart."
    html = ('<p>Before the chart.</p><img src="archivist-image:c1" alt="chart">'
            '<img src="https://tracker.example/pixel.gif"><p>After the chart.</p>')
    return docs.ExportArticle(docs.detail(9, text, html), (docs.hl(9, text, "After", "blue", "n"),), (),
                              {"archivist-image:c1": (docs.png_bytes(), "image/png")})


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def html_text() -> str:
    return render_html(docs.dossier(docs.sample_article(1), _with_image()))


def test_html_is_self_contained(html_text: str) -> None:
    p = _Collect()
    p.feed(html_text)
    tags = [t for t, _ in p.tags]
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    srcs = [a.get("src") or "" for _, a in p.tags if "src" in a]
    assert srcs and all(s.startswith("data:") for s in srcs)
    assert not re.search(r"""src\s*=\s*["']?https?:""", html_text)
    assert "@import" not in html_text and "url(" not in html_text


def test_html_images_are_data_uris_of_the_stored_bytes(html_text: str) -> None:
    m = re.search(r'src="data:image/png;base64,([^"]+)"', html_text)
    assert m and base64.b64decode(m.group(1)) == docs.png_bytes()


def test_html_highlights_are_marks_with_colours_and_numbered_notes(html_text: str) -> None:
    assert '<mark style="background:#fff176"' in html_text
    assert 'data-highlights="3 4"' in html_text  # the overlap: segment inside both
    assert 'href="#note-1-1"' in html_text and 'id="note-1-1"' in html_text
    assert "The headline figure." in html_text
    assert 'href="#article-1"' in html_text and 'id="article-1"' in html_text
    assert "Annotations summary" in html_text
    assert "a passage that was edited away" in html_text  # orphan listed


def test_html_text_is_escaped() -> None:
    text = "A <script>alert(1)</script> & more"
    out = render_html(docs.dossier(docs.ExportArticle(docs.detail(1, text, title="<b>t</b>"),
                                                      (docs.hl(1, text, "<script>", "pink", "<i>x</i>"),), ())))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;b&gt;t&lt;/b&gt;" in out


def test_html_marks_stay_well_nested(html_text: str) -> None:
    stack: list[str] = []
    for m in re.finditer(r"<(/?)(mark|sup|a|p|li)\b[^>]*>", html_text):
        closing, tag = m.group(1), m.group(2)
        if closing:
            assert stack and stack[-1] == tag
            stack.pop()
        else:
            stack.append(tag)
    assert stack == []


def test_write_html_and_markdown_atomically(tmp_path: Path) -> None:
    doc = docs.dossier(docs.sample_article())
    write_html(doc, tmp_path / "d.html")
    write_markdown(doc, tmp_path / "d.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.html", "d.md"]
    with pytest.raises(UsageError):
        write_html(doc, tmp_path / "missing" / "d.html")


def test_markdown_has_quote_blocks_followed_by_notes() -> None:
    ea = docs.sample_article()
    md = render_markdown(docs.dossier(ea))
    assert "> sharp rise in coastal erosion\n\n*1 · yellow* — The headline figure." in md
    assert "> managed retreat" in md and "Politically hard." in md
    assert "### Notes" in md and "A free note about the article." in md
    assert "### Highlights that could not be placed" in md and "> a passage that was edited away" in md
    assert "- **Source:** <https://example.org/a/1>" in md


def test_markdown_escapes_what_would_become_markup() -> None:
    assert md_escape("# not a heading") == "\\# not a heading"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("*stars* and [link](x)") == "\\*stars\\* and \\[link\\](x)"
    text = "- dash start\n\n# hash start"
    ea = docs.ExportArticle(docs.detail(1, text), (docs.hl(1, text, "# hash start"),), ())
    md = render_markdown(docs.dossier(ea))
    assert "> \\# hash start" in md


def test_empty_dossier_in_both_formats() -> None:
    assert "empty" in render_html(docs.dossier())
    assert "empty" in render_markdown(docs.dossier())
