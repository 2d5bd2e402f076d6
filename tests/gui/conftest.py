"""GUI test helpers: a fresh library per test, a shown main window, real drag-and-drop events."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.gui.mainwindow import MainWindow

#: Qt messages that say nothing about our code (the offscreen platform's limits; popups such as
#: menus ask it to raise the window and grab the keyboard).
_BENIGN_QT_MESSAGES = ("propagateSizeHints", "does not support raise()",
                       "does not support grabbing the keyboard", "does not support grabbing the mouse")


@pytest.fixture(autouse=True)
def _collect_on_gui_thread() -> Iterator[None]:
    """As in the app (archivist.gui.collector): no cycle collection on the database worker, where
    freeing a Qt object crashes. Between tests the worker is idle, so the collector may run again:
    on the next allocation, which is on this (the GUI) thread."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _qt_warnings_fail(qtlog: object) -> Iterator[None]:
    """A Qt warning is a bug in the GUI (a bad connection, a model misuse): fail the test."""
    yield
    from PySide6.QtCore import QtMsgType

    bad = [
        r.message for r in qtlog.records  # type: ignore[attr-defined]
        if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(b in r.message for b in _BENIGN_QT_MESSAGES)
    ]
    assert not bad, f"Qt warnings: {bad}"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library(tmp_path / "library")
    yield lib
    lib.close()


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
