"""The text map: reader document positions <-> article text offsets, exact both ways.

Property tests run on real reader documents built from generated HTML, with the article text
made by the core's own HTML-to-text conversion, as an import would make it.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from archivist.core.ingest.html_text import html_to_text
from archivist.core.types import ArticleDetail, ArticleId
from archivist.gui.annotations.reader import AnnotatedReader
from archivist.gui.annotations.textmap import align

WORD_CHARS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789.,;:!?'\"()-–—“”‘’éüßøçñ")
                             + ["日", "本", "語", "😀", "🦦", "𝔸", "&", "<", ">"])
WORDS = st.text(WORD_CHARS, min_size=1, max_size=9)
INLINE = st.sampled_from(["", "b", "i", "em", "code", "a", "span"])


class NoImages:
    def image(self, ref: str) -> None:
        return None


@pytest.fixture
def reader(qtbot: QtBot) -> Iterator[AnnotatedReader]:
    view = AnnotatedReader(NoImages())
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    yield view


def _detail(body_html: str, title: str = "A title 😀") -> ArticleDetail:
    return ArticleDetail(
        id=ArticleId(1), title=title, byline="Someone", published=None, site="example.org",
        url="https://example.org/x", language="en", text=html_to_text(body_html), html=body_html,
        tags=("t",), word_count=1, imported_at=datetime(2024, 1, 1, tzinfo=timezone.utc))


@st.composite
def paragraph_html(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.tuples(WORDS, INLINE, st.booleans()), min_size=1, max_size=12))
    parts = []
    for word, tag, br in words:
        w = html_lib.escape(word)
        if tag == "a":
            w = f'<a href="https://example.org/{len(word)}">{w}</a>'
        elif tag:
            w = f"<{tag}>{w}</{tag}>"
        parts.append(w + ("<br>" if br and draw(st.integers(0, 5)) == 0 else ""))
    inner = " ".join(parts)
    kind = draw(st.sampled_from(["p", "p", "p", "h2", "li", "quote", "table", "pre", "img"]))
    if kind == "table":
        return f"<table><tr><td>{inner}</td><td>{html_lib.escape(words[0][0])}</td></tr></table>"
    if kind == "pre":
        return "<pre>" + "\n  ".join(html_lib.escape(w) for w, _, _ in words) + "</pre>"
    if kind == "img":
        return f'<p><img src="archivist-image:x" alt="a picture"> {inner}</p>'
    if kind == "li":
        return f"<ul><li>{inner}</li></ul>"
    if kind == "quote":
        return f"<blockquote><p>{inner}</p></blockquote>"
    return f"<{kind}>{inner}</{kind}>"


BODIES = st.lists(paragraph_html(), min_size=1, max_size=6).map("\n".join)


def _visible(s: str) -> str:
    """Only the characters that are text (no whitespace, separators or object markers)."""
    return "".join(c for c in s if not c.isspace() and c not in "\ufffc\ufdd0\ufdd1")


def _doc_slice(reader: AnnotatedReader, a: int, b: int) -> str:
    """Document positions [a, b) of the raw text (a cursor would widen a span into a table)."""
    return _utf16_slice(reader.document().toRawText(), a, b)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES, data=st.data())
def test_text_spans_map_to_the_document_and_back(reader: AnnotatedReader, body: str, data: st.DataObject) -> None:
    article = _detail(body)
    reader.show_article(article)
    text = article.text
    text_map = reader.text_map
    assert text_map is not None
    assert text_map.mapped_chars == len(_visible(text))  # every word of the text is on screen
    starts = [i for i, c in enumerate(text) if not c.isspace()]
    for _ in range(5):
        s = data.draw(st.sampled_from(starts))
        e = data.draw(st.sampled_from([i + 1 for i in starts if i >= s]))
        span = text_map.doc_span(s, e)
        assert span is not None
        assert _visible(_doc_slice(reader, *span)) == _visible(text[s:e])
        assert text_map.text_span(*span) == (s, e)
        # What the user would select in the reader maps to the same text span.
        cursor = QTextCursor(reader.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)
        shown = reader.textCursor()
        if (shown.selectionStart(), shown.selectionEnd()) == span:
            assert reader.selected_span() == (s, e)
        else:  # into or across a table Qt selects whole cells: the span grows, never shrinks
            got = reader.selected_span()
            assert got is not None and got[0] <= s and got[1] >= e


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES, data=st.data())
def test_document_selections_map_to_text_and_back(reader: AnnotatedReader, body: str, data: st.DataObject) -> None:
    article = _detail(body)
    reader.show_article(article)
    text_map = reader.text_map
    assert text_map is not None
    raw = reader.document().toRawText().encode("utf-16-le")
    units = [int.from_bytes(raw[i:i + 2], "little") for i in range(0, len(raw), 2)]
    # Character starts only: a selection never begins in the middle of a surrogate pair.
    positions = [p for p, u in enumerate(units)
                 if not 0xDC00 <= u <= 0xDFFF and text_map.text_offset(p) is not None]
    assert positions
    for _ in range(5):
        a = data.draw(st.sampled_from(positions))
        b = data.draw(st.sampled_from([p for p in positions if p >= a]))
        end = b + (2 if 0xD800 <= units[b] <= 0xDBFF else 1)
        span = text_map.text_span(a, end)
        assert span is not None
        assert _visible(article.text[span[0]:span[1]]) == _visible(_doc_slice(reader, a, end))
        assert text_map.doc_span(*span) == (a, end)


def test_header_and_body_start(reader: AnnotatedReader) -> None:
    article = _detail("<p>Body starts here.</p>", title="Body starts here.")  # the title repeats it
    reader.show_article(article)
    text_map = reader.text_map
    assert text_map is not None
    span = text_map.doc_span(0, 4)
    assert span is not None
    assert span[0] == reader.toPlainText().rindex("Body starts")  # the body's, not the title's
    cursor = QTextCursor(reader.document())
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)  # the title only
    reader.setTextCursor(cursor)
    assert reader.selected_span() is None


# -- the alignment itself, on strings ----------------------------------------------------------

def test_whitespace_differences_and_object_markers_are_skipped() -> None:
    text = "One two\n\nthree four"
    doc = "HEAD\u2029One\xa0two\u2029\ufffc three\u2028four"
    m = align(text, doc[5:], 5)
    assert m.doc_span(0, 7) == (5, 12)
    assert m.doc_span(9, 19) == (15, 25)
    assert m.text_span(13, 15) is None  # the separator and the image: no text there
    assert m.text_span(12, 17) == (9, 11)  # from the separator into "three": "th"


def test_characters_outside_the_bmp_take_two_document_units() -> None:
    m = align("a 🦦 b", "a 🦦 b")
    assert m.doc_span(2, 3) == (2, 4)
    assert m.doc_span(0, 5) == (0, 6)
    assert m.text_span(3, 4) == (2, 3)  # from the second half of the pair: the whole otter
    assert m.text_span(0, 6) == (0, 5)


def test_differing_words_align_by_characters_and_the_rest_still_matches() -> None:
    text = "alpha beta gam\u00adma delta epsilon"  # a soft hyphen the document does not show
    doc = "alpha beta gamma delta epsilon zeta"  # and a word the text does not have
    m = align(text, doc)
    assert m.doc_span(0, 5) == (0, 5)
    assert m.doc_span(text.index("delta"), len(text)) == (doc.index("delta"), doc.index(" zeta"))
    assert m.doc_span(text.index("gam"), text.index(" delta")) == (11, 16)
    assert m.text_span(doc.index("zeta"), len(doc)) is None


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text(WORD_CHARS, min_size=1, max_size=6), min_size=1, max_size=30), data=st.data())
def test_alignment_round_trips_for_any_separators(words: list[str], data: st.DataObject) -> None:
    seps_t = st.sampled_from([" ", "\n\n", "\n", " \n", "\t"])
    seps_d = st.sampled_from([" ", "\u2029", "\u2028", "\xa0", " \ufffc ", "\ufdd0", "\u2029\u2029"])
    text = words[0] + "".join(data.draw(seps_t) + w for w in words[1:])
    doc = "X\u2029" + words[0] + "".join(data.draw(seps_d) + w for w in words[1:])
    m = align(text, doc[2:], 2)
    starts = [i for i, c in enumerate(text) if not c.isspace()]
    s = data.draw(st.sampled_from(starts))
    e = data.draw(st.sampled_from([i + 1 for i in starts if i >= s]))
    span = m.doc_span(s, e)
    assert span is not None
    assert m.text_span(*span) == (s, e)
    assert _visible(_utf16_slice(doc, *span)) == _visible(text[s:e])


def _utf16_slice(s: str, a: int, b: int) -> str:
    raw = s.encode("utf-16-le")
    return raw[2 * a:2 * b].decode("utf-16-le")
