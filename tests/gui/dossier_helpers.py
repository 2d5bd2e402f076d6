"""Helpers for dossier and export tests: articles in bulk, and real drag-and-drop onto item views."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from archivist.core.library import Library
from archivist.core.types import ArticleId, SourceDocument


def add_articles(library: Library, titles: list[str], paragraphs: int = 3) -> list[ArticleId]:
    """Import one plain-text article per title (distinct bodies, so none is a duplicate)."""
    ids: list[ArticleId] = []
    for n, title in enumerate(titles):
        body = "\n\n".join(f"{title}, paragraph {p}. " + f"Sentence {n} about rivers and their banks. " * 10
                           for p in range(paragraphs))
        result = library.import_document(SourceDocument(data=f"{title}\n\n{body}\n".encode(), name=f"{n}.txt"))
        assert result.id is not None, result
        ids.append(result.id)
    return ids


def drop_mime(window: QWidget, view: QAbstractItemView, pos: QPoint, mime: QMimeData,
              action: Qt.DropAction = Qt.DropAction.CopyAction) -> bool:
    """Drag `mime` over `view` to `pos` (viewport coordinates) and drop it there.

    Like tests.gui.helpers.drop_paths, the events go to the window's QWindow, which finds the
    widget under the cursor as a real drag does. Returns whether the drop was accepted.
    """
    point = QPointF(view.viewport().mapTo(window, pos))
    handle = window.windowHandle()
    assert handle is not None, "the window must be shown before dropping onto it"
    actions = action | Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), actions, mime, buttons, mods)
    enter.setDropAction(action)
    QApplication.sendEvent(handle, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point.toPoint(), actions, mime, buttons, mods)
    move.setDropAction(action)
    QApplication.sendEvent(handle, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(point, actions, mime, buttons, mods)
    drop.setDropAction(action)
    QApplication.sendEvent(handle, drop)
    return drop.isAccepted()


def row_point(view: QAbstractItemView, row: int, where: str = "center") -> QPoint:
    """A point in `row`: its centre, or just inside its top or bottom edge (between rows).

    Pending layout runs first: a part of the panel shown a moment ago has no geometry yet.
    """
    QApplication.processEvents()
    rect = view.visualRect(view.model().index(row, 0))
    assert rect.isValid(), f"row {row} is not visible"
    if where == "top":
        return QPoint(rect.center().x(), rect.top() + 3)
    if where == "bottom":
        return QPoint(rect.center().x(), rect.bottom() - 3)
    return rect.center()
