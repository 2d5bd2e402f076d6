"""Hypothesis: random tag soup and random bytes through the real import never raise, never end in
an internal error, and whatever is stored is inert (tests/hostile/safety.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.core.library import Library
from archivist.core.types import ImportResult, SourceDocument
from tests.hostile.safety import unsafe_parts

TAGS = ("p div span a img script style svg iframe table tr td b i h1 h2 ul li math template noscript "
        "form base meta link title body html head article section figure picture source video object "
        "embed textarea select option frameset frame xmp plaintext listing").split()
ATTRS = "onclick onerror onload href src style srcset title class id data-src background poster action".split()
VALUES = ["javascript:alert(1)", "JaVa\tScRiPt:x", "http://127.0.0.1:9/t.png", "data:text/html,<script>x</script>",
          "data:image/png;base64,iVBORw0KGgo=", "url(http://127.0.0.1:9/)", "expression(alert(1))",
          "file:///etc/passwd", "x\" onmouseover=\"alert(1)", "</script><script>alert(1)</script>", "#", ""]
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["The keeper wrote down every ship and every storm in the harbour log. " * 3,
     "&amp;&lt;script&gt;", "&#0;&#xD800;&#x110000;", "<!--", "-->", "<![CDATA[", "]]>", "<", "&", "\x00", "\u202e"])


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.lists(st.tuples(st.sampled_from(ATTRS), st.sampled_from(VALUES) | WORDS), max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    attr_text = "".join(f" {k}={quote}{v}{quote}" for k, v in attrs)
    children = draw(st.lists(WORDS | (element(depth + 1) if depth < 4 else WORDS), max_size=4))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", f"</{draw(st.sampled_from(TAGS))}>"]))
    return f"<{tag}{attr_text}>{''.join(children)}{close}"


SOUP = st.lists(element() | WORDS, min_size=1, max_size=8).map("".join)


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    library = Library(tmp_path_factory.mktemp("fuzz") / "lib")
    yield library
    library.close()


def _assert_clean(lib: Library, r: ImportResult) -> None:
    assert r.status in ("imported", "duplicate", "failed"), r
    if r.status == "failed":
        assert r.error and "\n" not in r.error and not r.error.startswith("Internal error"), r.error
        return
    assert r.id is not None
    article = lib.get_article(r.id)
    assert unsafe_parts(article.html) == [], article.html[:2000]


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])


@FUZZ
@given(soup=SOUP, wrap=st.booleans(), name=st.sampled_from(["page.html", "page.xhtml", "page.htm"]))
def test_tag_soup_imports_cleanly_and_safely(lib: Library, soup: str, wrap: bool, name: str) -> None:
    data = f"<html><head><title>T</title></head><body>{soup}</body></html>" if wrap else soup
    _assert_clean(lib, lib.import_document(SourceDocument(data=data.encode("utf-8", "surrogatepass"), name=name)))


@FUZZ
@given(data=st.binary(max_size=4000) | SOUP.map(lambda s: s.encode("utf-8", "surrogatepass")),
       name=st.sampled_from(["a.html", "a.txt", "a.md", "noextension", "a.txt.html"]),
       media_type=st.sampled_from([None, "text/html", "text/plain; charset=utf-7", "text/html; charset=x-bogus"]))
def test_random_bytes_import_cleanly_and_safely(lib: Library, data: bytes, name: str, media_type: str | None) -> None:
    _assert_clean(lib, lib.import_document(SourceDocument(data=data, name=name, media_type=media_type)))
