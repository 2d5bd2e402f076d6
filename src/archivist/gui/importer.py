"""Importing from the GUI: one BackgroundOp per batch, its progress and Cancel in the status bar.

The window hands over paths (from a drop or a file dialog); this controller runs them through
`Library.import_paths` on the database worker, shows a progress bar with a Cancel button while it
runs, then reports one summary line and lists any failures in a dialog. Paths dropped while a
batch is running are queued and imported right after it, so no drop is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QProgressBar, QPushButton

from archivist.core.types import ArticleId, ImportResult
from archivist.errors import ArchivistError
from archivist.gui.dialogs import ImportFailuresDialog
from archivist.gui.ops import BackgroundOp, OpContext


class Importer(Protocol):
    def import_paths(self, args: list[str], tags: tuple[str, ...] = ..., stdin: None = ...,
                     progress: Callable[[int, int, ImportResult], None] | None = ...,
                     cancel: Callable[[], bool] | None = ...) -> list[ImportResult]: ...


@dataclass(frozen=True)
class ImportSummary:
    """The outcome of one batch, in the words the status bar uses."""

    results: tuple[ImportResult, ...]
    cancelled: bool = False
    error: str | None = None  # the batch itself failed (e.g. the library is locked)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failures(self) -> list[ImportResult]:
        return [r for r in self.results if r.status == "failed"]

    def message(self) -> str:
        if self.error is not None:
            return f"Import stopped: {self.error}"
        if not self.results and not self.cancelled:
            return "Nothing to import: no text, Markdown or HTML files found."
        line = (f"Imported {self.count('imported')}, {self.count('duplicate')} duplicates, "
                f"{self.count('failed')} failed")
        return f"Import cancelled. {line}" if self.cancelled else line

    def article_to_show(self) -> ArticleId | None:
        """The article to select afterwards: the first new one, else the first duplicate."""
        for status in ("imported", "duplicate"):
            for r in self.results:
                if r.status == status and r.id is not None:
                    return r.id
        return None


class ImportController(QObject):
    """Runs imports for a main window and owns their status-bar widgets.

    Signals:
      busy_changed(bool)  -- an import started (True) or the last queued one ended (False)
      finished(object)    -- an ImportSummary, once per batch, after the status line is set
    """

    busy_changed = Signal(bool)
    finished = Signal(object)

    def __init__(self, library: Importer, window: QMainWindow) -> None:
        super().__init__(window)
        self._library = library
        self._window = window
        self._op: BackgroundOp | None = None
        self._pending: list[str] = []
        self._total = 0
        self.failures_dialog: ImportFailuresDialog | None = None

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setAccessibleName("Import progress")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setFormat("%v of %m")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.setToolTip("Stop importing after the current file")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        bar = window.statusBar()
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        self._show_progress(False)

    # -- API ----------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._op is not None

    def import_paths(self, paths: list[str]) -> None:
        """Import `paths` in the background (after the running batch, if there is one)."""
        if not paths:
            return
        if self._op is not None:
            self._pending.extend(paths)
            self._window.statusBar().showMessage(f"Queued {len(paths)} more to import…")
            return
        self._start(paths)

    def cancel(self) -> None:
        """Stop the running batch after its current file and drop anything queued behind it."""
        self._pending.clear()
        if self._op is not None:
            self._op.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText("Cancelling…")

    # -- internals ----------------------------------------------------------------------------
    def _start(self, paths: list[str]) -> None:
        library = self._library

        def work(ctx: OpContext) -> list[ImportResult]:
            def progress(done: int, total: int, result: ImportResult) -> None:
                ctx.report(done, total, result.source)

            return library.import_paths(list(paths), progress=progress, cancel=ctx.cancelled)

        self._total = 0
        op = BackgroundOp(self._window, work, title="Import")
        op.progressed.connect(self._on_op_progressed)
        op.succeeded.connect(self._on_op_succeeded)
        op.failed.connect(self._on_op_failed)
        op.finished.connect(self._on_op_finished)
        self._op = op
        self.progress_bar.setRange(0, 0)  # busy until the first file is done and the total known
        self._show_progress(True)
        self._window.statusBar().showMessage("Importing…")
        self.busy_changed.emit(True)
        op.start()

    def _show_progress(self, visible: bool) -> None:
        self.progress_bar.setVisible(visible)
        self.cancel_button.setVisible(visible)
        self.cancel_button.setEnabled(visible)
        self.cancel_button.setText("Cancel")

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel()

    @Slot(int, int, str)
    def _on_op_progressed(self, done: int, total: int, source: str) -> None:
        self._total = total
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        if self._op is not None and not self._op.cancel_requested():
            self._window.statusBar().showMessage(f"Importing {Path(source).name or source}…")

    @Slot(object)
    def _on_op_succeeded(self, results: list[ImportResult]) -> None:
        cancelled = self._op is not None and self._op.cancel_requested() and len(results) < self._total
        summary = ImportSummary(tuple(results), cancelled=cancelled)
        self._window.statusBar().showMessage(summary.message())
        if summary.failures:
            self.failures_dialog = ImportFailuresDialog(summary.failures, self._window)
            self.failures_dialog.destroyed.connect(self._on_failures_dialog_destroyed)
            self.failures_dialog.open()
        self.finished.emit(summary)

    @Slot(object)
    def _on_op_failed(self, error: ArchivistError) -> None:
        """The batch as a whole failed (the op has shown the error); files before it may be in."""
        self._pending.clear()
        summary = ImportSummary((), error=error.message)
        self._window.statusBar().showMessage(summary.message())
        self.finished.emit(summary)

    @Slot()
    def _on_op_finished(self) -> None:
        self._op = None
        if self._pending:
            paths, self._pending = self._pending, []
            self._start(paths)
            return
        self._show_progress(False)
        self.busy_changed.emit(False)

    @Slot()
    def _on_failures_dialog_destroyed(self) -> None:
        self.failures_dialog = None
