"""The panel's row painting: quotes elided to three lines, row heights that fit what is drawn."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from archivist.core.types import ArticleId, HighlightId, HighlightInfo
from archivist.gui.annotations.delegates import QUOTE_LINES, HighlightDelegate, wrap_lines
from archivist.gui.annotations.models import HighlightListModel

LONG = " ".join(["the river came back slowly over many quiet years"] * 20)


def _highlight(hid: int, exact: str, note: str | None = None, status: str = "anchored") -> HighlightInfo:
    return HighlightInfo(id=HighlightId(hid), article_id=ArticleId(1), start=hid * 10, end=hid * 10 + 5,
                         exact=exact, prefix="", suffix="", color="green", note=note,
                         status=status, created_at=datetime(2024, 1, 1, tzinfo=timezone.utc))  # type: ignore[arg-type]


def test_long_quotes_wrap_to_three_lines_and_end_in_an_ellipsis(qtbot: QtBot) -> None:
    lines = wrap_lines(LONG, QFont(), 200, QUOTE_LINES)
    assert len(lines) == QUOTE_LINES
    assert lines[-1].endswith("…")
    assert wrap_lines("short", QFont(), 200, QUOTE_LINES) == ["short"]


def test_rows_grow_with_their_note_and_stop_growing_at_the_limit(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    view.resize(300, 400)
    model = HighlightListModel()
    rows = [_highlight(1, "short"), _highlight(2, "short", note="a note"), _highlight(3, LONG),
            _highlight(4, LONG + " and more"), _highlight(5, "gone", status="orphaned")]
    model.reset(rows)
    delegate = HighlightDelegate(view, model)
    view.setModel(model)
    view.setItemDelegate(delegate)
    heights = [delegate.sizeHint(QStyleOptionViewItem(), model.index(r)).height() for r in range(5)]
    assert heights[0] < heights[1]  # the note adds a line
    assert heights[0] < heights[2]  # a long quote takes more lines...
    assert heights[2] == heights[3]  # ...but never more than three
    assert heights[4] > heights[0]  # the orphan says so above its quote
