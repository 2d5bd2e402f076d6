"""Starting the GUI: the QApplication, the library, the main window.

Imported only when no CLI command is given (see app.py), so the command line never loads Qt.
A library that cannot be opened (locked, newer than this app, unwritable folder) is explained in
a message box, not a traceback, and the process exits with status 1.

Around the window: unhandled exceptions go to the crash dialog (crash.py); a second launch on
the same library hands its files to this one (single_instance.py); `--smoke-test`,
`--screenshot FILE` and the start-up probe are the diagnostic ways to run (smoke.py, probes.py).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from archivist import APP_NAME, __version__
from archivist.core.library import Library
from archivist.errors import LibraryError
from archivist.gui.collector import GuiThreadCollector
from archivist.gui.crash import CrashHandler
from archivist.gui.single_instance import FileOpenEvents, SingleInstance, server_name
from archivist.logs import current_log_file
from archivist.paths import resolve_library_dir, resources_dir

if TYPE_CHECKING:
    from archivist.gui.mainwindow import MainWindow

#: Matches the .desktop file's name, so Wayland compositors can find the app's icon and name.
DESKTOP_FILE_NAME = "archivist"
#: The rendered sizes in resources/icons (packaging/make_icons.py writes them).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Archivist's icon at every rendered size, so each place that shows it gets a sharp one."""
    icon = QIcon()
    try:
        folder = resources_dir() / "icons"
    except FileNotFoundError:
        return icon
    for size in ICON_SIZES:
        path = folder / f"archivist-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


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
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)  # before any worker runs: see collector.py
    return app


def prefer_offscreen(always: bool) -> None:
    """Render offscreen for the diagnostic modes: always for the smoke test, and for a screenshot
    when there is no display (Qt would abort). Must run before the QApplication exists."""
    if "QT_QPA_PLATFORM" in os.environ:
        return
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if always or headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run_gui(args: argparse.Namespace) -> int:
    """Open the library and run the window until it closes; the exit status of the app."""
    smoke = bool(getattr(args, "smoke_test", False))
    screenshot = getattr(args, "screenshot", None)
    if smoke or screenshot:
        prefer_offscreen(always=smoke)
    app = make_application()
    # Diagnostic runs are unattended: a dialog would wait forever for a click nobody makes.
    dialogs = not (getattr(args, "no_crash_dialog", False) or smoke or screenshot)
    crash = CrashHandler(show_dialog=dialogs, log_file=current_log_file(), parent=app)
    crash.install()
    try:
        if smoke:
            from archivist.gui.smoke import run_smoke_test

            return run_smoke_test(app)
        return _run_window(app, args)
    except Exception:  # a bug outside the event loop (building the window): same dialog, exit 1
        crash.report(sys.exc_info())  # type: ignore[arg-type]
        return 1
    finally:
        crash.uninstall()
        crash.deleteLater()


SCREENSHOT_SIZE = (1400, 860)


def _run_window(app: QApplication, args: argparse.Namespace) -> int:
    from archivist.gui.probes import install_screenshot, install_startup_probe, startup_probe_requested

    directory = resolve_library_dir(getattr(args, "library", None))
    files: list[str] = list(getattr(args, "files", None) or [])
    screenshot: str | None = getattr(args, "screenshot", None)
    probing = startup_probe_requested()
    instance: SingleInstance | None = None
    if not (screenshot or probing):
        instance = SingleInstance(server_name(directory), app)
        if not instance.start(files):
            _say(f"{APP_NAME} is already running on this library; "
                 + (f"handed it {len(files)} item(s) to import." if files else "brought it forward."))
            return 0
    try:
        try:
            library = Library(directory)
        except LibraryError as exc:
            _show_open_error(directory, exc)
            return 1
        from archivist.gui.mainwindow import MainWindow

        window: MainWindow | None = None
        # An application-wide event filter sees every event of every object, so it is installed
        # only where the system sends QFileOpenEvent (macOS); elsewhere files come as arguments.
        opener = FileOpenEvents(app) if sys.platform == "darwin" else None
        try:
            window = MainWindow(library)
            deliver = partial(open_in_window, window)
            if opener is not None:
                app.installEventFilter(opener)
                opener.paths_received.connect(deliver)
            if instance is not None:
                instance.paths_received.connect(deliver)
            if screenshot:
                # A picture of the app, not of this user's last window layout, and no trace left.
                window.remember_layout = False
                window.resize(*SCREENSHOT_SIZE)
            window.show()
            if files:
                window.import_paths(files)
            status: list[int] = []
            viewport = window.table.viewport()
            if screenshot:
                install_screenshot(app, window, viewport, Path(screenshot), status)
            if probing:
                install_startup_probe(app, viewport, window.model.rowCount)
            code = int(app.exec())
            return status[0] if status else code
        finally:
            if opener is not None:
                app.removeEventFilter(opener)
                opener.deleteLater()
            if window is not None:
                window.close()  # waits for a running import, so the library closes clean
                # Now, not by deleteLater: the Python side may be collected first, and Qt would
                # then call its overrides (a resize) on a half-destroyed wrapper.
                shiboken6.delete(window)
                # Collect the window's Python leftovers now, on this thread, while nothing runs:
                # not later, in the middle of whatever the process does next (tests run on).
                gc.collect()
            library.close()
    finally:
        if instance is not None:
            instance.close()
            instance.deleteLater()


def open_in_window(window: MainWindow, paths: list[str]) -> None:
    """Another launch (or the system) asked to open `paths`: come to the front and import them."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    if paths:
        window.import_paths(list(paths))


def _show_open_error(directory: Path, exc: LibraryError) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, exc.message)
    box.setObjectName("openErrorBox")
    box.setInformativeText(f"Library folder: {directory}")
    if exc.detail:
        box.setDetailedText(exc.detail)
    box.exec()


def _say(line: str) -> None:
    if sys.stdout is not None:  # None in a windowed Windows build
        print(line, flush=True)
