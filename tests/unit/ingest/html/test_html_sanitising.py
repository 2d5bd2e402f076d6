"""What survives into ParsedArticle.html: nothing that runs, loads or tracks."""

from __future__ import annotations

import re

from archivist.core.ingest.html import extract_html

from .pages import PROSE, article_page

HOSTILE = (
    '<p onclick="steal()" onmouseover="track()" style="color:red">Clicking here is '
    'harmless now, whatever the page author intended by it.</p>'
    "<script>document.cookie</script><style>p { display: none }</style>"
    '<iframe src="https://tracker.example/frame"></iframe>'
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y.swf">'
    '<form action="https://evil.example/post"><input name="q"><button>Go</button></form>'
    '<p>Links: <a href="javascript:alert(1)">a script link</a>, '
    '<a href="data:text/html;base64,PHNjcmlwdD4=">a data link</a> and '
    '<a href="https://ok.example/page" onclick="x()">a real link</a>.</p>'
    '<p><img src="https://tracker.example/pixel.gif" width="1" height="1" alt=""></p>'
)


def _article_html() -> str:
    return extract_html(article_page(HOSTILE), url="https://gazette.example/floods").html


def test_no_active_content_survives() -> None:
    html = _article_html().lower()
    for tag in ("<script", "<style", "<iframe", "<object", "<embed", "<form", "<input", "<button"):
        assert tag not in html, tag
    assert not re.search(r"\son\w+\s*=", html), "event handler attribute survived"
    assert "style=" not in html
    assert "javascript:" not in html
    assert "data:" not in html
    assert "document.cookie" not in html


def test_link_text_is_kept_without_dangerous_targets() -> None:
    art = extract_html(article_page(HOSTILE), url="https://gazette.example/floods")
    assert "a script link" in art.text and "a data link" in art.text
    assert 'href="https://ok.example/page"' in art.html


def test_remote_images_never_reach_the_html() -> None:
    html = _article_html()
    assert "tracker.example" not in html
    assert not re.search(r'<img[^>]+src="(?!archivist-image:)', html)


def test_text_matches_html() -> None:
    art = extract_html(article_page(HOSTILE))
    assert "Clicking here is harmless now" in art.text
    for paragraph in PROSE:
        assert paragraph in art.text
