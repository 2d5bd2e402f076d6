"""Properties of the text -> Paragraph markup step: any text, any (overlapping) highlights."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from archivist.core.export.pdf import bidi, fastpath
from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf import styles as S
from archivist.core.export.pdf.blocks import ImageBlock, TextBlock, blocks, paragraphs
from archivist.core.export.pdf.flowables import _labels
from archivist.core.export.pdf.markup import Span, block_markup

WORDS = ["alpha", "beta", "<gamma>", "d&e", "zeta.", "Ωμέγα", "слово", "漢字", "שלום", "مرحبا", "😀", "x"]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(texts)
    n = len(text)
    spans = []
    for i in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        spans.append(Span(f"k{i}~0", f"k{i}", a, b, "#fff176", i + 1, draw(st.booleans()), "#8a6d00"))
    return text, spans


@settings(max_examples=150, deadline=None)
@given(text_and_spans(), st.booleans())
def test_markup_always_parses_and_keeps_every_marker(case: tuple[str, list[Span]], rtl: bool) -> None:
    text, spans = case
    style = S.variant(S.styles().body, rtl=rtl)
    markup = block_markup(text, spans, S.styles().chain(style), rtl=rtl, width=300, size=10)
    p = Paragraph(markup, style)
    labels = [f.cbDefn.label for f in p.frags if hasattr(f, "cbDefn")]
    p.wrap(300, 10_000)
    assert sorted(_labels(p)) == sorted(labels)  # line breaking keeps every marker
    for s in spans:
        starts = [lab for lab in labels if lab.startswith(f"s:{s.pid}")]
        ends = [lab for lab in labels if lab.startswith(f"e:{s.pid}")]
        assert len(starts) == len(ends)
        if not rtl:
            assert len(starts) == 1
        assert (f"n:{s.key}" in labels) == s.final


@settings(max_examples=150, deadline=None)
@given(text_and_spans())
def test_markup_loses_no_text(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    if bidi.has_rtl(text):
        return
    markup = block_markup(text, spans, F.SERIF)
    p = Paragraph(markup, S.styles().body)
    shown = "".join(getattr(f, "text", "") for f in p.frags if not hasattr(f, "cbDefn") and f.rise == 0)
    assert shown.replace(" ", "") == text.replace(" ", "")


ascii_words = st.lists(st.sampled_from(["the", "quick", "brown", "fox,", "jumps.", "a", "over"]), min_size=1,
                       max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(ascii_words, st.data())
def test_fast_path_maps_highlights_onto_the_drawn_characters(text: str, data: st.DataObject) -> None:
    n = len(text)
    spans = []
    ends: set[int] = set()
    for i in range(data.draw(st.integers(0, 5))):
        a = data.draw(st.integers(0, n))
        b = data.draw(st.integers(a, n))
        final = b not in ends
        ends.add(b)
        spans.append(Span(f"k{i}~0", f"k{i}", a, b, "#fff176", i + 1, final, "#000000"))
    fast = fastpath.build(text, spans)
    sup = str.maketrans("", "", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
    assert fast.rendered.translate(sup) == text
    drawn = fast.rendered.replace(" ", "")
    for (_key, i0, i1), s in zip(fast.pieces, spans, strict=True):
        assert drawn[i0:i1].translate(sup) == text[s.start:s.end].replace(" ", "")
    for _key, i in fast.numbers:
        assert drawn[i] in "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab \n", max_size=12), max_size=8).map("\n\n".join))
def test_paragraph_offsets_index_the_text(text: str) -> None:
    for a, b in paragraphs(text):
        chunk = text[a:b]
        assert chunk == chunk.strip() and chunk and "\n\n" not in chunk.replace("\n \n", "\n\n")


def test_blocks_take_kinds_and_images_from_html() -> None:
    text = "Title\n\nOne\n\nTwo\n\nQuoted.\n\nUnmatched paragraph."
    html = ('<h2>Title</h2><img src="archivist-image:a" alt="A"><ul><li>One</li><li>Two</li></ul>'
            "<blockquote><p>Quoted.</p></blockquote><p>Something else</p><img src=\"archivist-image:z\">")
    got = blocks(text, html)
    kinds = [b.kind if isinstance(b, TextBlock) else f"img:{b.ref}" for b in got]
    assert kinds == ["h2", "img:archivist-image:a", "li", "li", "quote", "p", "img:archivist-image:z"]
    assert [text[b.start:b.end] for b in got if isinstance(b, TextBlock)][-1] == "Unmatched paragraph."
    assert any(isinstance(b, ImageBlock) and b.alt == "A" for b in got)


def test_arabic_letters_join_and_hebrew_reverses() -> None:
    shaped = "".join(bidi.shape_chars("مرحبا"))
    assert shaped != "مرحبا" and len(shaped) == 5  # presentation forms, one per letter
    assert bidi.reverse_visual("שלום (א)") == "(א) םולש"
    assert bidi.direction("  123 שלום abc") == "rtl" and bidi.direction("abc שלום") == "ltr"
