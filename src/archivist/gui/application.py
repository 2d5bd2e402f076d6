"""Starting the GUI: the QApplication, the library, the main window.

Imported only when no CLI command is given (see app.py), so the command line never loads Qt.
A library that cannot be opened (locked, newer than this app, unwritable folder) is explained in
a message box, not a traceback, and the process exits with status 1.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from archivist import APP_NAME, __version__
from archivist.core.library import Library
from archivist.errors import LibraryError
from archivist.gui.collector import GuiThreadCollector
from archivist.paths import resolve_library_dir

#: Matches the .desktop file's name, so Wayland compositors can find the app's icon and name.
DESKTOP_FILE_NAME = "archivist"


def make_application() -> QApplication:
    """The QApplication, created once (tests already have one) and named for settings paths."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)  # before any worker runs: see collector.py
    return app


def run_gui(args: argparse.Namespace) -> int:
    """Open the library and run the window until it closes; the exit status of the app."""
    app = make_application()
    directory = resolve_library_dir(getattr(args, "library", None))
    try:
        library = Library(directory)
    except LibraryError as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, exc.message)
        box.setObjectName("openErrorBox")
        box.setInformativeText(f"Library folder: {directory}")
        if exc.detail:
            box.setDetailedText(exc.detail)
        box.exec()
        return 1

    from archivist.gui.mainwindow import MainWindow

    try:
        window = MainWindow(library)
        window.show()
        return int(app.exec())
    finally:
        library.close()
