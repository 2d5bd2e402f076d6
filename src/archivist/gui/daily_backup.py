"""The app's rolling daily backup: once at start (after a pause) and then checked every hour.

The backup itself is core's `maybe_daily_backup` (SQLite's online backup API, safe while the
library is in use); here it only runs on the database worker so the window never waits for it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QMainWindow

from archivist.core.library import maybe_daily_backup
from archivist.errors import ArchivistError
from archivist.gui.ops import BackgroundOp

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 10_000  # leave start-up alone
CHECK_EVERY_MS = 60 * 60 * 1000


class DailyBackups(QObject):
    def __init__(self, window: QMainWindow, directory: Path, keep: int = 7,
                 first_ms: int = FIRST_CHECK_MS, every_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(window)
        self._window = window
        self._directory = directory
        self.keep = keep
        self._op: BackgroundOp | None = None
        self._first = QTimer(self, singleShot=True, interval=first_ms)
        self._first.timeout.connect(self._on_timer_timeout)
        self._every = QTimer(self, interval=every_ms)
        self._every.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._first.start()
        self._every.start()

    def stop(self) -> None:
        self._first.stop()
        self._every.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._op is not None and self._op.is_running():
            return
        directory, keep = self._directory, self.keep
        self._op = BackgroundOp(self._window, lambda _ctx: maybe_daily_backup(directory, keep),
                                title="Backup", show_errors=False)
        self._op.succeeded.connect(self._on_op_succeeded)
        self._op.failed.connect(self._on_op_failed)
        self._op.start()

    @Slot(object)
    def _on_op_succeeded(self, made: Path | None) -> None:
        if made is not None:
            self._window.statusBar().showMessage(f"Backed up the library ({made.name})", 5000)

    @Slot(object)
    def _on_op_failed(self, error: ArchivistError) -> None:
        log.warning("daily backup failed: %s", error.message)
        self._window.statusBar().showMessage(f"Daily backup failed: {error.message}", 10000)
