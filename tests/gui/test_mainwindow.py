"""The main window driven through real events: drops, clicks, typing, header clicks, Cancel."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.errors import LibraryError
from archivist.gui.appearance import standard_or
from archivist.gui.mainwindow import MainWindow
from archivist.gui.models import TITLE
from tests.gui.helpers import click_row, drop_paths, write_article


def _import_and_wait(qtbot: QtBot, window: MainWindow, paths: list[Path], timeout: int = 15_000) -> None:
    with qtbot.waitSignal(window.importer.finished, timeout=timeout):
        assert drop_paths(window, paths, on=window.reader)


def test_empty_library_invites_a_drop(window: MainWindow) -> None:
    assert "Drop articles here" in window.reader.toPlainText()
    assert "File → Import" in window.reader.toPlainText()
    assert window.model.rowCount() == 0
    assert window.count_label.text() == "0 articles"


def test_dropping_a_file_imports_it_and_selects_it(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = write_article(tmp_path / "in", "a.txt", "Otters of the Thames",
                         "Otters are back in the river after decades away.")
    _import_and_wait(qtbot, window, [path])

    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.index(0, TITLE).data() == "Otters of the Thames"
    assert window.statusBar().currentMessage() == "Imported 1, 0 duplicates, 0 failed"
    # The new article is selected and open in the reader.
    assert window.table.currentIndex().row() == 0
    assert "Otters are back in the river" in window.reader.toPlainText()
    assert not window.importer.progress_bar.isVisible()


def test_dropping_a_folder_counts_duplicates_and_lists_failures(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    write_article(folder, "one.txt", "First", "The first article body.")
    write_article(folder, "two.txt", "First", "The first article body.")  # same words: a duplicate
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")  # no text: a failure
    _import_and_wait(qtbot, window, [folder])

    assert window.statusBar().currentMessage() == "Imported 1, 1 duplicates, 1 failed"
    dialog = window.importer.failures_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    source = dialog.model.index(0, 0).data()
    problem = dialog.model.index(0, 1).data()
    assert source.endswith("empty.txt")
    assert "\n" not in problem and "Traceback" not in problem
    dialog.close()


def test_a_drop_without_local_files_is_refused(window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData, QPoint
    from PySide6.QtGui import QDragEnterEvent

    mime = QMimeData()
    mime.setText("just some text")
    event = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.windowHandle(), event)
    assert not event.isAccepted()


def test_clicking_a_row_shows_the_article(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write_article(folder, "a.txt", "Alpha article", "Alpha body talks about glaciers.")
    write_article(folder, "b.txt", "Beta article", "Beta body talks about volcanoes.")
    library.import_paths([str(folder)])
    window.refresh()
    assert window.model.rowCount() == 2
    assert "Select an article" in window.reader.toPlainText()

    row = next(r for r in range(2) if window.model.index(r, TITLE).data() == "Beta article")
    click_row(window.table, row)
    qtbot.waitUntil(lambda: "volcanoes" in window.reader.toPlainText())
    text = window.reader.toPlainText()
    assert "Beta article" in text and "glaciers" not in text

    other = 1 - row
    click_row(window.table, other)
    qtbot.waitUntil(lambda: "glaciers" in window.reader.toPlainText())


def test_typing_in_search_filters_the_list(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write_article(folder, "a.txt", "Harbour seals", "Seals rest on the sandbanks at low tide.")
    write_article(folder, "b.txt", "Mountain hares", "Hares turn white in winter.")
    write_article(folder, "c.txt", "Grey seals", "Grey seals pup in the autumn.")
    library.import_paths([str(folder)])
    window.refresh()
    assert window.model.rowCount() == 3

    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "seals")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    titles = {window.model.index(r, TITLE).data() for r in range(2)}
    assert titles == {"Harbour seals", "Grey seals"}
    assert window.count_label.text() == "2 of 3 articles"

    qtbot.keyClicks(window.search, " winter")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert "No articles match" in window.reader.toPlainText()

    window.search.clear()  # what the line edit's clear button does
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)


def test_clicking_headers_sorts(qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    titles_by_file = (("1.txt", "Banana Growers Face Blight"), ("2.txt", "Apple Harvest Starts Early"),
                      ("3.txt", "Cherry Trees Bloom Late"))
    for name, title in titles_by_file:
        write_article(folder, name, title, f"An article about {title} trees and their fruit.")
    library.import_paths([str(folder)])
    window.refresh()
    header = window.table.horizontalHeader()

    def titles() -> list[str]:
        return [window.model.index(r, TITLE).data() for r in range(window.model.rowCount())]

    def click_header(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(x, header.height() // 2))

    click_row(window.table, 0)
    selected = window.current_article_id()
    click_header(TITLE)
    first = titles()
    alphabetical = ["Apple Harvest Starts Early", "Banana Growers Face Blight", "Cherry Trees Bloom Late"]
    assert first in (alphabetical, list(reversed(alphabetical)))
    click_header(TITLE)
    assert titles() == list(reversed(first))
    assert header.sortIndicatorSection() == TITLE
    # The selection follows its article through the re-sort.
    assert window.current_article_id() == selected
    assert header.sectionResizeMode(TITLE) == QHeaderView.ResizeMode.Stretch


def test_cancel_stops_a_long_import_and_the_window_stays_responsive(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    for i in range(200):
        write_article(folder, f"{i:03}.txt", f"Article number {i}",
                      f"Body of article {i}. " + "Filler sentence for some length. " * 40)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()

    assert drop_paths(window, [folder])
    bar = window.importer.progress_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() == 200 and bar.value() >= 5, timeout=15_000)
    # While the worker imports, the GUI thread keeps handling input.
    qtbot.keyClicks(window.search, "xyz")
    assert window.search.text() == "xyz"
    window.search.clear()

    with qtbot.waitSignal(window.importer.finished, timeout=15_000) as blocker:
        QTest.mouseClick(window.importer.cancel_button, Qt.MouseButton.LeftButton)
    timer.stop()

    summary = blocker.args[0]
    assert summary.cancelled
    assert 5 <= library.count() < 200
    assert window.statusBar().currentMessage().startswith("Import cancelled. Imported ")
    qtbot.waitUntil(lambda: window.model.rowCount() == library.count())
    assert not bar.isVisible() and not window.importer.cancel_button.isVisible()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert ticks and max(gaps, default=0) < 0.5, f"GUI thread stalled for {max(gaps):.2f}s"


def test_main_controls_have_accessible_names(window: MainWindow) -> None:
    assert window.table.accessibleName() == "Article list"
    assert window.reader.accessibleName() == "Article reader"
    assert window.search.accessibleName() == "Search articles"
    assert window.search.placeholderText() == "Search articles"
    assert window.search.isClearButtonEnabled()
    assert window.importer.progress_bar.accessibleName() == "Import progress"
    assert window.importer.cancel_button.accessibleName() == "Cancel import"


def test_menus_offer_import_and_quit(window: MainWindow) -> None:
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    file_menu, help_menu = menus["File"], menus["Help"]
    assert isinstance(file_menu, QMenu) and isinstance(help_menu, QMenu)
    file_items = [a.text().replace("&", "") for a in file_menu.actions() if not a.isSeparator()]
    assert file_items == ["Import Files…", "Import Folder…", "Import Web Page…", "Export PDF…", "Quit"]
    assert window.quit_action.shortcut() == standard_or(QKeySequence.StandardKey.Quit, "Ctrl+Q")
    assert not window.quit_action.shortcut().isEmpty()
    help_items = [a.text().replace("&", "") for a in help_menu.actions() if not a.isSeparator()]
    assert help_items == ["Keyboard Shortcuts", "About Archivist"]


def test_sample_screenshot(qtbot: QtBot, window: MainWindow, sample_path: Path, tmp_path: Path) -> None:
    """Imports the shared sample and saves a picture of the window for a person to look at."""
    _import_and_wait(qtbot, window, [sample_path])
    assert window.reader.article is not None
    assert window.size().width() >= 1000
    shot = tmp_path / "window.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


def test_a_drop_during_an_import_is_queued_not_lost(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    for i in range(30):
        write_article(folder, f"{i:02}.txt", f"Batch article {i}", f"Batch body {i}. " * 50)
    late = write_article(tmp_path / "late", "late.txt", "The Late Arrival", "Dropped while busy.")
    finished: list[object] = []
    window.importer.finished.connect(finished.append)

    assert drop_paths(window, [folder])
    assert window.importer.is_running()
    assert drop_paths(window, [late], on=window.table)
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=20_000)
    assert library.count() == 31
    assert window.statusBar().currentMessage() == "Imported 1, 0 duplicates, 0 failed"
    assert window.reader.article is not None and window.reader.article.title == "The Late Arrival"


def test_closing_the_window_mid_import_stops_it_cleanly(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    for i in range(200):
        write_article(folder, f"{i:03}.txt", f"Closing test {i}", f"Body {i}. " * 100)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert drop_paths(win, [folder])
    qtbot.waitUntil(lambda: win.importer.progress_bar.value() >= 3, timeout=15_000)
    win.close()  # cancels, then waits for the worker to finish its current file
    imported = library.count()
    assert 3 <= imported < 200
    qtbot.wait(100)
    assert library.count() == imported  # nothing still running behind our back


def test_a_failing_batch_is_reported_once(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_args: object, **_kwargs: object) -> list[object]:
        raise LibraryError("The library is busy (another Archivist is writing to it); try again in a moment.",
                           detail="OperationalError('database is locked')")

    monkeypatch.setattr(library, "import_paths", locked)
    path = write_article(tmp_path / "in", "a.txt", "Never Imported", "Body.")
    _import_and_wait(qtbot, window, [path])
    assert window.statusBar().currentMessage().startswith("Import stopped: The library is busy")
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].detailedText() == "OperationalError('database is locked')"
    assert not window.importer.progress_bar.isVisible()
    boxes[0].close()
