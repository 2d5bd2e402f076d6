"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles on whichever thread happens to allocate when a threshold is
crossed. With a database worker allocating heavily (every import), that is often the worker; if
the cycles it frees hold PySide wrappers that own Qt objects, their C++ destructors then run on
the worker and crash Qt (seen here as a segfault "Garbage-collecting" on the worker thread while
importing). So automatic collection is switched off and a timer on the GUI thread does the same
work instead: the pattern of qutebrowser's and Anki's garbage collectors.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot


class GuiThreadCollector(QObject):
    """Owns automatic garbage collection for the life of the application."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        """Collect the generations whose thresholds were crossed, as the automatic collector would."""
        count0, count1, count2 = gc.get_count()
        limit0, limit1, limit2 = gc.get_threshold()
        if count0 <= limit0:
            return
        generation = 0
        if count1 > limit1:
            generation = 1
            if count2 > limit2:
                generation = 2
        gc.collect(generation)

    def stop(self) -> None:
        """Hand collection back to Python (when the GUI ends and no worker is left)."""
        self._timer.stop()
        gc.enable()
