"""Unhandled exceptions: logged, then shown in a dialog that says where the log file is.

Without this a bug in a slot prints a traceback to a terminal a double-clicked app does not have,
and the user sees nothing at all. The handler replaces `sys.excepthook` (exceptions on the GUI
thread, including those raised in Qt slots and virtual overrides, which PySide reports through
it) and `threading.excepthook` (Python threads). Exceptions from other threads are relayed to
the GUI thread through a queued signal, since a dialog may only be shown there.

`--no-crash-dialog` (tests, scripted runs) keeps the logging and prints the traceback to
standard error instead of waiting for someone to click a dialog away.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from archivist import APP_NAME

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashHandler(QObject):
    """Installs itself as the process's last resort for exceptions; uninstall() restores.

    Signals:
      crashed(str, str) -- the one-line message and the full traceback of an unhandled
                           exception, emitted on the GUI thread whichever thread raised it
    """

    crashed = Signal(str, str)
    _relay = Signal(str, str)

    def __init__(self, show_dialog: bool, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show_dialog = show_dialog
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self._relay.connect(self._on_relay)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._on_excepthook
        threading.excepthook = self._on_thread_excepthook

    def uninstall(self) -> None:
        """Put back the hooks found at install() (only if nobody replaced ours since)."""
        if self._previous_hook is not None and sys.excepthook == self._on_excepthook:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None and threading.excepthook == self._on_thread_excepthook:
            threading.excepthook = self._previous_thread_hook
        self._previous_hook = self._previous_thread_hook = None

    def report(self, exc_info: ExcInfo, where: str = "") -> None:
        """Log an exception and tell the user about it; callable from any thread."""
        exc_type, exc, tb = exc_info
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("Unhandled exception%s", f" in {where}" if where else "", exc_info=exc_info)
        message = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
        if not self.show_dialog and sys.stderr is not None:
            print(details, file=sys.stderr, end="")
        self._relay.emit(message, details)

    # -- hooks ----------------------------------------------------------------------------------
    def _on_excepthook(self, exc_type: type[BaseException], exc: BaseException,
                       tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: quit, no dialog
            app = QApplication.instance()
            if app is not None:
                app.exit(130)
            return
        self.report((exc_type, exc, tb))

    def _on_thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.report((args.exc_type, args.exc_value, args.exc_traceback), where=f"thread {name}")

    @Slot(str, str)
    def _on_relay(self, message: str, details: str) -> None:
        self.crashed.emit(message, details)
        if not self.show_dialog or self.dialog is not None:
            return  # a second failure while the dialog is up is in the log; one dialog is enough
        self.dialog = crash_dialog(message, details, self.log_file)
        try:
            self.dialog.exec()
        finally:
            self.dialog.deleteLater()
            self.dialog = None


def crash_dialog(message: str, details: str, log_file: Path | None) -> QMessageBox:
    """The message, where the log is, and the traceback under Show Details."""
    parent = QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME}: unexpected error",
                      f"{APP_NAME} ran into an unexpected error:\n\n{message}", parent=parent)
    box.setObjectName("crashDialog")
    where = (f"The details were written to the log file:\n{log_file}" if log_file is not None
             else "No log file could be written; the details are below.")
    box.setInformativeText(f"{where}\n\nYour library is safe: every change is saved as it is made. "
                           "If the app misbehaves from here on, restart it.")
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
