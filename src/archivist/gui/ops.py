"""The one way the GUI runs long work: off the GUI thread, with progress, cancel and one error path.

Modelled on Anki's `CollectionOp`. A `BackgroundOp` wraps a callable that takes an `OpContext`;
the callable runs on Archivist's single database worker thread, polls `ctx.cancelled()` and calls
`ctx.report(done, total, message)`. Its return value arrives on the GUI thread through the
`succeeded` signal; an exception arrives through `failed` (as an `ArchivistError`) and is shown in
the one error dialog unless the caller opts out.

Why one worker and not a thread per feature: SQLite allows one writer at a time, so parallel
writers would only queue on the busy timeout; one queue keeps operations in the order the user
asked for them and gives shutdown a single thing to wait for.

Thread rules: the callable must not touch widgets (only the facade, which opens its own session
per call); everything it wants the GUI to see goes through `ctx.report` or its return value.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from archivist.errors import ArchivistError

log = logging.getLogger(__name__)

_POOL: QThreadPool | None = None


def worker_pool() -> QThreadPool:
    """The single database worker: a pool of one thread, so operations run one after another."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
        _POOL.setObjectName("archivist-db-worker")
    return _POOL


def wait_for_workers(timeout_ms: int = 30_000) -> bool:
    """Block until queued operations finish (used at shutdown, after cancelling them)."""
    return worker_pool().waitForDone(timeout_ms)


class OpContext:
    """What the work callable gets on the worker thread: a cancel flag to poll and a progress line.

    Both are safe to call from the worker: the flag is a `threading.Event`, and `report` emits a
    signal whose receiver lives on the GUI thread, so Qt queues the call across threads.
    """

    def __init__(self, op: BackgroundOp, cancel_event: threading.Event) -> None:
        self._op = op
        self._cancel = cancel_event

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, done: int, total: int, message: str = "") -> None:
        self._op._worker_progress.emit(done, total, message)


class BackgroundOp(QObject):
    """One long operation: start it, listen to its signals, maybe cancel it.

    Signals (all emitted on the GUI thread):
      progressed(done, total, message)  -- as reported by the work callable
      succeeded(result)                 -- the callable's return value (also after a cancel)
      failed(error)                     -- an ArchivistError; already shown if show_errors
      finished()                        -- after either of the two above; the op then deletes itself
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    # Private: emitted on the worker thread, received on the GUI thread (queued connections).
    _worker_progress = Signal(int, int, str)
    _worker_done = Signal(object)
    _worker_error = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        work: Callable[[OpContext], Any],
        *,
        title: str = "Archivist",
        show_errors: bool = True,
    ) -> None:
        super().__init__(parent)
        self._parent_widget = parent
        self._work = work
        self._title = title
        self._show_errors = show_errors
        self._cancel = threading.Event()
        self._running = False
        self._worker_progress.connect(self._on_worker_progress)
        self._worker_done.connect(self._on_worker_done)
        self._worker_error.connect(self._on_worker_error)

    # -- API for the GUI thread ---------------------------------------------------------------
    def start(self) -> BackgroundOp:
        """Queue the work on the database worker; returns self so calls can be chained."""
        if self._running:
            raise RuntimeError("operation already started")
        self._running = True
        worker_pool().start(self._run_on_worker)
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check; it still delivers what it finished so far."""
        self._cancel.set()

    def is_running(self) -> bool:
        return self._running

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    # -- worker thread ------------------------------------------------------------------------
    def _run_on_worker(self) -> None:
        ctx = OpContext(self, self._cancel)
        try:
            result = self._work(ctx)
        except ArchivistError as exc:
            self._worker_error.emit(exc)
        except BaseException as exc:  # a bug: still end the op and show it, never hang the GUI
            log.exception("background operation failed unexpectedly")
            detail = "".join(traceback.format_exception(exc))
            self._worker_error.emit(ArchivistError(f"Something went wrong: {exc}", detail=detail))
        else:
            self._worker_done.emit(result)

    # -- back on the GUI thread ---------------------------------------------------------------
    @Slot(int, int, str)
    def _on_worker_progress(self, done: int, total: int, message: str) -> None:
        if self._running:
            self.progressed.emit(done, total, message)

    @Slot(object)
    def _on_worker_done(self, result: object) -> None:
        self._running = False
        self.succeeded.emit(result)
        self._finish()

    @Slot(object)
    def _on_worker_error(self, error: ArchivistError) -> None:
        self._running = False
        if self._show_errors:
            show_error(self._parent_widget, error, title=self._title)
        self.failed.emit(error)
        self._finish()

    def _finish(self) -> None:
        self.finished.emit()
        self.deleteLater()


def show_error(parent: QWidget | None, error: BaseException, title: str = "Archivist") -> QMessageBox:
    """The one place errors are shown: a message for a person, technical detail behind a button.

    Opened window-modal (not `exec`) so the event loop keeps running: background work goes on
    and tests can inspect the box.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(getattr(error, "message", None) or str(error) or type(error).__name__)
    detail = getattr(error, "detail", None)
    if detail:
        box.setDetailedText(str(detail))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    box.setAccessibleName("Error")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box

