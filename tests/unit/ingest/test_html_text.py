"""html_to_text: the canonical paragraph form of any HTML fragment."""

from __future__ import annotations

from archivist.core.ingest.html_text import html_to_text


def test_block_elements_become_paragraphs() -> None:
    html = "<h2>Heading</h2><p>First para.</p><div>A div.</div><section><p>Nested.</p></section>"
    assert html_to_text(html) == "Heading\n\nFirst para.\n\nA div.\n\nNested."


def test_whitespace_collapses_inside_paragraphs_but_inline_tags_do_not_add_spaces() -> None:
    html = "<p>  Hello\n   <b>wor</b>ld,\tit   is <em>me</em>.  </p>"
    assert html_to_text(html) == "Hello world, it is me."


def test_no_break_spaces_and_unicode_are_kept() -> None:
    html = "<p>Prix&nbsp;: 10&nbsp;€ — « citation » “quote”</p>"
    assert html_to_text(html) == "Prix\u00a0: 10\u00a0€ — « citation » “quote”"


def test_list_items_are_each_a_paragraph_including_nested_ones() -> None:
    html = "<ul><li>one</li><li>two<ol><li>two-a</li></ol></li></ul><p>after</p>"
    assert html_to_text(html) == "one\n\ntwo\n\ntwo-a\n\nafter"


def test_blockquote_paragraphs() -> None:
    html = "<blockquote><p>Quote one.</p><p>Quote two.</p></blockquote>"
    assert html_to_text(html) == "Quote one.\n\nQuote two."


def test_pre_keeps_its_lines_and_indentation() -> None:
    html = "<p>Before.</p><pre><code>def f():\n    return  1\n</code></pre>"
    assert html_to_text(html) == "Before.\n\ndef f():\n    return  1"


def test_table_rows_on_lines_with_tab_separated_cells() -> None:
    html = (
        "<table><caption>Results</caption><thead><tr><th>Name</th><th>Votes</th></tr></thead>"
        "<tbody><tr><td>Ann <b>Lee</b></td><td>12</td></tr><tr><td>Bo</td><td>3<br>(recount)</td></tr>"
        "</tbody></table>"
    )
    assert html_to_text(html) == "Results\n\nName\tVotes\nAnn Lee\t12\nBo\t3 (recount)"


def test_br_is_a_line_break_and_double_br_a_paragraph_break() -> None:
    assert html_to_text("<p>line one<br>line two</p>") == "line one\nline two"
    assert html_to_text("<p>para one<br><br>para two</p>") == "para one\n\npara two"


def test_scripts_styles_comments_and_head_are_not_text() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<script>var x = 1;</script><!-- hidden --><p>Visible.</p><template><p>no</p></template>"
        "</body></html>"
    )
    assert html_to_text(html) == "Visible."


def test_blank_looking_paragraphs_are_dropped() -> None:
    assert html_to_text("<p>a</p><p>&nbsp;</p><p>\u200b</p><p> </p><p>b</p>") == "a\n\nb"


def test_empty_input() -> None:
    assert html_to_text("") == ""
    assert html_to_text("   ") == ""


def test_deeply_nested_markup_does_not_hit_the_recursion_limit() -> None:
    depth = 3000
    html = "<div>" * depth + "<p>deep</p>" + "</div>" * depth
    assert html_to_text(html) == "deep"
