"""One-shot hooks on the main window's first paint: `--screenshot FILE` and the start-up probe.

Both want the moment the window is usable: shown, laid out, and the first rows of the library
list painted (painting is what reads their titles from the database). An event filter on the
list's viewport catches that first paint; the action runs on the next turn of the event loop,
once painting is over.

The start-up probe (ARCHIVIST_STARTUP_PROBE=1, used by benchmarks/startup.py) prints a marker
line at that moment and quits, so a benchmark can time process start to a usable window.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

PROBE_ENV = "ARCHIVIST_STARTUP_PROBE"
PROBE_MARKER = "ARCHIVIST_STARTUP_READY"
#: Extra settling time before a screenshot, so late layout (the dock, the status bar) is in it.
SCREENSHOT_SETTLE_MS = 200


def startup_probe_requested() -> bool:
    return os.environ.get(PROBE_ENV) == "1"


class _FirstPaint(QObject):
    """Calls `action` once, on the event loop's next turn after `widget` first paints."""

    def __init__(self, widget: QWidget, action: Callable[[], None], delay_ms: int = 0) -> None:
        super().__init__(widget)
        self._action = action
        self._delay_ms = delay_ms
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(self._delay_ms, self._action)
        return False


def when_first_painted(list_viewport: QWidget, action: Callable[[], None], delay_ms: int = 0) -> None:
    """Run `action` once the library list's viewport has painted for the first time."""
    _FirstPaint(list_viewport, action, delay_ms)


def install_startup_probe(app: QApplication, list_viewport: QWidget,
                          row_count: Callable[[], int]) -> None:
    """Print the marker with the number of listed articles when the window is usable, then quit."""

    def report() -> None:
        if sys.stdout is not None:
            print(f"{PROBE_MARKER} rows={row_count()}", flush=True)
        app.quit()

    when_first_painted(list_viewport, report)


def install_screenshot(app: QApplication, window: QMainWindow, list_viewport: QWidget,
                       path: Path, result: list[int]) -> None:
    """Save the window to `path` (PNG) once it is usable, then quit; result gets the exit status."""

    def take() -> None:
        ok = window.grab().save(str(path), "PNG")
        if not ok and sys.stderr is not None:
            print(f"archivist: cannot write the screenshot to {path}", file=sys.stderr)
        result.append(0 if ok else 1)
        app.quit()

    when_first_painted(list_viewport, take, SCREENSHOT_SETTLE_MS)
