"""Highlight painting on a document: segments, overlaps, the article's own backgrounds, and
repainting only what changed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor, QTextDocument

from archivist.gui.annotations.painter import OVERLAP_DARKER, HighlightPainter, Paint

YELLOW, BLUE, PINK = "#fff176", "#90caf9", "#f8bbd0"


def _doc(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setHtml(html)
    return doc


def _bg(doc: QTextDocument, position: int) -> str | None:
    cursor = QTextCursor(doc)
    cursor.setPosition(position + 1)
    fmt = cursor.charFormat()
    return fmt.background().color().name() if fmt.background().style().value != 0 else None


def test_nested_highlights_show_the_inner_one_darker_and_the_outer_around_it() -> None:
    doc = _doc("<p>abcdefghijklmnop</p>")
    painter = HighlightPainter(doc)
    painter.update([Paint(1, 0, 10, YELLOW), Paint(2, 3, 6, BLUE)])
    assert [_bg(doc, p) for p in (0, 2)] == [YELLOW, YELLOW]
    assert {_bg(doc, p) for p in (3, 4, 5)} == {QColor(BLUE).darker(OVERLAP_DARKER).name()}
    assert [_bg(doc, p) for p in (6, 9, 10)] == [YELLOW, YELLOW, None]
    assert painter.at(4) == [2, 1]  # topmost first: both can be offered
    assert painter.at(8) == [1]
    assert painter.at(12) == []


def test_removing_a_highlight_restores_the_article_s_own_background() -> None:
    doc = _doc('<p>plain <span style="background-color:#123456">marked</span> plain</p>')
    painter = HighlightPainter(doc)
    painter.update([Paint(1, 0, 18, PINK)])
    assert {_bg(doc, p) for p in range(18)} == {PINK}
    painter.update([Paint(1, 0, 18, BLUE)])  # recolour
    assert {_bg(doc, p) for p in range(18)} == {BLUE}
    painter.update([])
    assert [_bg(doc, p) for p in (0, 6, 11, 13)] == [None, "#123456", "#123456", None]


def test_one_more_highlight_among_a_thousand_repaints_only_its_own_segments() -> None:
    doc = _doc("<p>" + " ".join(f"word{i:04d}" for i in range(3000)) + "</p>")
    painter = HighlightPainter(doc)
    paints = [Paint(i, i * 27, i * 27 + 8, YELLOW) for i in range(1000)]
    assert painter.update(paints) == 1000
    assert painter.update(paints) == 0  # nothing changed: nothing repainted
    extra = Paint(5000, 27 * 500 + 4, 27 * 500 + 20, PINK)  # overlaps one existing highlight
    assert painter.update([*paints, extra]) <= 3
    assert _bg(doc, 27 * 500 + 2) == YELLOW
    assert _bg(doc, 27 * 500 + 12) == PINK
    painter.update(paints)
    assert _bg(doc, 27 * 500 + 12) is None and _bg(doc, 27 * 500 + 5) == YELLOW


def test_reset_forgets_paints_after_the_document_is_replaced() -> None:
    doc = _doc("<p>abcdef</p>")
    painter = HighlightPainter(doc)
    painter.update([Paint(1, 0, 3, YELLOW)])
    doc.setHtml("<p>ghijkl</p>")
    painter.reset()
    assert painter.paints == []
    painter.update([Paint(1, 0, 3, YELLOW)])  # the same paint again is painted, not skipped
    assert _bg(doc, 1) == YELLOW
