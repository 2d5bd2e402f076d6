"""Helpers for GUI tests: article files, real drag-and-drop events, real clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


def write_article(folder: Path, name: str, title: str, body: str) -> Path:
    """A plain-text article file: a title line, a blank line, then paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def drop_paths(window: QWidget, paths: list[Path], on: QWidget | None = None) -> bool:
    """Drag `paths` over `on` (default: the window) and drop them, as a file manager would.

    The events go to the window's QWindow, which finds the drop target under the cursor the same
    way it does for a real drag, so this checks that the whole window (not just the frame) takes
    drops. Returns whether the drop was accepted.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return drop_mime(window, mime, on)


def drop_mime(window: QWidget, mime: QMimeData, on: QWidget | None = None) -> bool:
    """Drag any payload (links, HTML, text) over `on` and drop it; True if accepted."""
    target = on or window
    local = target.rect().center()
    pos = QPointF(target.mapTo(window, local)) if target is not window else QPointF(local)
    handle = window.windowHandle()
    assert handle is not None, "the window must be shown before dropping onto it"
    action = Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(handle, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(pos.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(handle, move)
    drop = QDropEvent(pos, action, mime, buttons, mods)
    QApplication.sendEvent(handle, drop)
    return drop.isAccepted()


def click_row(view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Click the middle of a cell, as the user would."""
    rect = view.visualRect(view.model().index(row, column))
    assert rect.isValid(), f"row {row} is not visible"
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())


def when(condition: Callable[[], Any], then: Callable[[Any], object], interval_ms: int = 20) -> QTimer:
    """Poll from inside an event loop (run_gui's, a dialog's); act once `condition()` is truthy."""
    timer = QTimer()
    timer.setInterval(interval_ms)

    def tick() -> None:
        found = condition()
        if found:
            timer.stop()
            then(found)

    timer.timeout.connect(tick)
    timer.start()
    return timer
