"""run_gui: opens the library and the window, or explains why it cannot (exit status 1)."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from archivist.gui.application import run_gui
from archivist.gui.mainwindow import MainWindow
from tests.gui.helpers import when as _when




def test_unopenable_library_shows_a_message_and_exits_1(qtbot: QtBot, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "library"
    not_a_folder.write_text("I am a file, not a library folder", encoding="utf-8")
    seen: dict[str, str] = {}

    def dismiss(box: QMessageBox) -> None:
        seen["text"] = box.text()
        seen["informative"] = box.informativeText()
        box.accept()

    timer = _when(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox)
                  and QApplication.activeModalWidget(), dismiss)
    code = run_gui(argparse.Namespace(library=str(not_a_folder)))
    timer.stop()
    assert code == 1
    assert "Cannot create the library folder" in seen["text"]
    assert "Traceback" not in seen["text"]
    assert str(not_a_folder) in seen["informative"]


def test_run_gui_opens_the_window_on_the_library_and_returns_on_close(qtbot: QtBot, tmp_path: Path) -> None:
    directory = tmp_path / "lib"
    seen: dict[str, object] = {}

    def find_window() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w.isVisible()), None)

    def close(window: MainWindow) -> None:
        seen["title"] = window.windowTitle()
        seen["library"] = window.library.directory
        seen["size"] = (window.width(), window.height())
        window.close()

    timer = _when(find_window, close)
    code = run_gui(argparse.Namespace(library=str(directory)))
    timer.stop()
    assert code == 0
    assert seen["library"] == directory
    assert seen["title"] == "Archivist"
    assert seen["size"] == (1200, 800)
    assert (directory / "library.sqlite").is_file()
    assert QCoreApplication.applicationName() == "Archivist"
    assert QCoreApplication.organizationName() == "Archivist"
    assert QGuiApplication.desktopFileName() == "archivist"


def test_run_gui_defaults_to_the_user_data_folder(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[Path] = []

    def close(window: MainWindow) -> None:
        seen.append(window.library.directory)
        window.close()

    timer = _when(lambda: next((w for w in QApplication.topLevelWidgets()
                                if isinstance(w, MainWindow) and w.isVisible()), None), close)
    assert run_gui(argparse.Namespace()) == 0
    timer.stop()
    # conftest points XDG_DATA_HOME into the test's temporary home
    assert seen and "Archivist" in str(seen[0]) and str(seen[0]).startswith(str(Path.home()))
