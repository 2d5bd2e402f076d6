"""BackgroundOp: work off the GUI thread, progress and results back on it, cancel, one error dialog."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from archivist.errors import ArchivistError, LibraryError
from archivist.gui.ops import BackgroundOp, OpContext


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget


def _boxes(parent: QWidget) -> list[QMessageBox]:
    return [b for b in parent.findChildren(QMessageBox) if b.isVisible()]


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot, parent: QWidget) -> None:
    gui_thread = QApplication.instance().thread()  # type: ignore[union-attr]
    ran_on: list[threading.Thread] = []
    progress: list[tuple[int, int, str, bool]] = []

    def work(ctx: OpContext) -> str:
        ran_on.append(threading.current_thread())
        for i in range(1, 4):
            ctx.report(i, 3, f"step {i}")
        return "done"

    op = BackgroundOp(parent, work)
    op.progressed.connect(lambda d, t, m: progress.append((d, t, m, QThread.currentThread() is gui_thread)))
    with qtbot.waitSignal(op.succeeded, timeout=5000) as blocker:
        op.start()
    assert blocker.args == ["done"]
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert progress == [(1, 3, "step 1", True), (2, 3, "step 2", True), (3, 3, "step 3", True)]
    assert _boxes(parent) == []


def test_an_archivist_error_is_shown_once_with_details(qtbot: QtBot, parent: QWidget) -> None:
    def work(_ctx: OpContext) -> None:
        raise LibraryError("The library is busy; try again in a moment.", detail="OperationalError(locked)")

    op = BackgroundOp(parent, work, title="Import")
    succeeded: list[object] = []
    op.succeeded.connect(succeeded.append)
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        op.start()
    error = blocker.args[0]
    assert isinstance(error, LibraryError)
    assert succeeded == []
    boxes = _boxes(parent)
    assert len(boxes) == 1
    assert boxes[0].text() == "The library is busy; try again in a moment."
    assert boxes[0].detailedText() == "OperationalError(locked)"
    assert boxes[0].windowTitle() == "Import"
    boxes[0].close()


def test_an_unexpected_exception_becomes_a_message_with_the_traceback_as_detail(
    qtbot: QtBot, parent: QWidget
) -> None:
    def work(_ctx: OpContext) -> None:
        raise ValueError("bad value")

    op = BackgroundOp(parent, work, show_errors=False)
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        op.start()
    error = blocker.args[0]
    assert isinstance(error, ArchivistError)
    assert error.message == "Something went wrong: bad value"
    assert error.detail is not None and "Traceback" in error.detail and "ValueError" in error.detail
    assert _boxes(parent) == []  # show_errors=False: the caller handles it


def test_cancel_stops_the_work_and_still_delivers_the_partial_result(qtbot: QtBot, parent: QWidget) -> None:
    started = threading.Event()

    def work(ctx: OpContext) -> int:
        steps = 0
        started.set()
        while not ctx.cancelled() and steps < 10_000:
            steps += 1
            time.sleep(0.001)
        return steps

    op = BackgroundOp(parent, work)
    op.start()
    assert op.is_running()
    qtbot.waitUntil(started.is_set)
    with qtbot.waitSignal(op.succeeded, timeout=5000) as blocker:
        op.cancel()
    assert op.cancel_requested()
    assert 0 < blocker.args[0] < 10_000


def test_operations_run_one_after_another(qtbot: QtBot, parent: QWidget) -> None:
    """One database worker: a second op waits for the first, so writes never interleave."""
    log: list[str] = []

    def make(name: str) -> Callable[[OpContext], str]:
        def work(_ctx: OpContext) -> str:
            log.append(f"{name} start")
            time.sleep(0.05)
            log.append(f"{name} end")
            return name
        return work

    first = BackgroundOp(parent, make("a"))
    second = BackgroundOp(parent, make("b"))
    with qtbot.waitSignal(second.succeeded, timeout=5000):
        first.start()
        second.start()
    assert log == ["a start", "a end", "b start", "b end"]
