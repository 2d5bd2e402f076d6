"""Titles display as what they say; binary data is refused on every path."""

from __future__ import annotations

import pytest

from archivist.core.ingest import parse_document
from archivist.core.ingest.titles import clean_title
from archivist.core.types import SourceDocument
from archivist.errors import ImportFailed


@pytest.mark.parametrize(("raw", "expected"), [
    ("Invoice \u202etxt.exe", "Invoice txt.exe"),
    ("A\u2066 isolated\u2069 title", "A isolated title"),
    ("Zero\u200bwidth", "Zerowidth"),
    ("\x1b[31mRed alert\x1b[0m", "Red alert"),
    ("  spaced \n out  ", "spaced out"),
    ("Ελληνικά и кириллица", "Ελληνικά и кириллица"),
])
def test_clean_title(raw: str, expected: str) -> None:
    assert clean_title(raw) == expected


def test_overlong_titles_are_cut_with_an_ellipsis() -> None:
    t = clean_title("word " * 500)
    assert len(t) <= 500 and t.endswith("…")


def test_titles_are_cleaned_for_every_format() -> None:
    body = "\n\n".join(["The body of the report is long enough to be an article about ports."] * 3)
    for name, data in [
        ("a.txt", f"Shipping \u202eReport\n\n{body}"),
        ("a.md", f"# Shipping \u202eReport\n\n{body}"),
        ("a.html", f"<html><head><title>Shipping \u202eReport Of The Week</title></head><body><article>"
                   + "".join(f"<p>{p}</p>" for p in [body] * 4) + "</article></body></html>"),
    ]:
        parsed = parse_document(SourceDocument(data=data.encode("utf-8"), name=name))
        assert "\u202e" not in parsed.title and parsed.title.startswith("Shipping Report"), name


def test_binary_named_html_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10
    with pytest.raises(ImportFailed, match="binary"):
        parse_document(SourceDocument(data=png, name="page.html"))
    with pytest.raises(ImportFailed, match="binary"):
        parse_document(SourceDocument(data=bytes(range(256)) * 40, name="page.html"))


def test_utf16_html_is_not_mistaken_for_binary() -> None:
    html = "<html><head><title>Harbour News Of The Day</title></head><body><article>" + \
        "<p>The harbour was busy today with boats coming and going all morning long.</p>" * 5 + \
        "</article></body></html>"
    parsed = parse_document(SourceDocument(data=html.encode("utf-16"), name="page.html"))
    assert "boats coming and going" in parsed.text
