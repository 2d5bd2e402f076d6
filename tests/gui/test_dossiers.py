"""Dossiers in the main window, driven through real widgets: dialogs, menus, drags, drops, keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QItemSelectionModel, QMimeData, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.core.types import ArticleId
from archivist.gui.article_mime import ARTICLE_IDS_MIME, ids_from_mime, ids_to_mime
from archivist.gui.dossiers.dialogs import DossierDialog
from archivist.gui.dossiers.models import reordered
from archivist.gui.mainwindow import MainWindow
from archivist.gui.models import TITLE
from tests.gui.dossier_helpers import add_articles, drop_mime, row_point

TITLES = ["Otters return", "Salmon leap", "Beavers rebuild", "Sturgeon home"]


def _fill_dialog(qtbot: QtBot, window: MainWindow, name: str, intro: str = "") -> DossierDialog:
    dialog = window.dossiers.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, name)
    if intro:
        qtbot.keyClicks(dialog.intro_edit, intro)
    return dialog


def _select_table_rows(window: MainWindow, ids: list[ArticleId]) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    for aid in ids:
        row = window.model.row_of(aid)
        assert row is not None
        selection.select(window.model.index(row, TITLE),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _article_titles(window: MainWindow) -> list[str]:
    model = window.dossiers.panel.article_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _error_boxes(window: MainWindow) -> list[QMessageBox]:
    """Visible error boxes (on the window or on a dialog over it: both are top-level windows)."""
    return [b for b in QApplication.topLevelWidgets()
            if isinstance(b, QMessageBox) and b.objectName() == "errorBox" and b.isVisible()]


@pytest.fixture
def stocked(window: MainWindow, library: Library) -> list[ArticleId]:
    ids = add_articles(library, TITLES)
    window.refresh()
    return ids


def test_creating_a_dossier_through_the_dialog(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    panel = window.dossiers.panel
    assert panel.isVisible() and panel.dossier_model.rowCount() == 0
    assert "No dossiers yet" in panel.dossier_view.placeholder()

    QTest.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    dialog = _fill_dialog(qtbot, window, "  Rivers   coming back ", "Why rivers recover.")
    assert dialog.save_button.isEnabled()
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.dossiers.dialog is None)
    [summary] = library.dossiers()
    assert (summary.name, summary.introduction) == ("Rivers coming back", "Why rivers recover.")
    assert window.dossiers.current_dossier() == "Rivers coming back"
    assert panel.title_label.text() == "Rivers coming back"
    assert "Why rivers recover." in panel.intro_label.text()
    assert "This dossier is empty" in panel.article_view.placeholder()
    assert window.statusBar().currentMessage() == "Created the dossier “Rivers coming back”"


def test_a_taken_name_is_refused_and_the_dialog_keeps_the_text(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    library.create_dossier("Rivers")
    window.dossiers.reload()
    window.dossiers.actions.new.trigger()
    dialog = _fill_dialog(qtbot, window, "Rivers", "Something typed")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(_error_boxes(window)))
    [box] = _error_boxes(window)
    assert "already exists" in box.text()
    box.close()
    assert dialog.isVisible() and dialog.intro_edit.toPlainText() == "Something typed"
    assert len(library.dossiers()) == 1
    dialog.reject()


def test_adding_selected_articles_through_the_context_menu(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    library.create_dossier("Rivers")
    window.dossiers.reload(select="Rivers")
    _select_table_rows(window, [stocked[2], stocked[0]])

    rect = window.table.visualRect(window.model.index(window.model.row_of(stocked[0]) or 0, TITLE))
    viewport = window.table.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), viewport.mapToGlobal(rect.center()))
    QApplication.sendEvent(viewport, event)
    menu = window.dossiers.popup_menu
    assert menu is window.dossiers.table_menu and menu.isVisible()
    add_menu = window.dossiers.add_menu
    assert add_menu.menuAction() in menu.actions()
    entries = {a.text(): a for a in add_menu.actions() if not a.isSeparator()}
    assert list(entries) == ["Rivers", "New Dossier…"]
    assert entries["Rivers"].isEnabled()
    entries["Rivers"].trigger()
    menu.close()

    # In the table's order (newest first), whatever order they were selected in.
    table_order = [aid for aid in (window.model.article_id(r) for r in range(window.model.rowCount()))
                   if aid in (stocked[0], stocked[2])]
    assert [a.id for a in library.dossier("Rivers").articles] == table_order
    assert sorted(_article_titles(window)) == sorted([TITLES[0], TITLES[2]])
    assert window.statusBar().currentMessage() == "Added 2 articles to “Rivers”"

    entries["Rivers"].trigger()  # again: nothing new
    assert len(library.dossier("Rivers").articles) == 2
    assert window.statusBar().currentMessage() == "Those articles are already in “Rivers”"


def test_add_to_a_new_dossier_from_the_dossiers_menu(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert window.dossiers.add_menu.menuAction() in menus["Dossiers"].actions()
    _select_table_rows(window, [stocked[1]])
    [new_entry] = [a for a in window.dossiers.add_menu.actions() if a.text() == "New Dossier…"]
    new_entry.trigger()
    dialog = _fill_dialog(qtbot, window, "Fish")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossiers.dialog is None)
    assert [a.id for a in library.dossier("Fish").articles] == [stocked[1]]
    assert window.dossiers.current_dossier() == "Fish"
    assert _article_titles(window) == [TITLES[1]]


def test_dragging_table_rows_onto_a_dossier_adds_them(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    library.create_dossier("Aardvarks")
    library.create_dossier("Rivers")
    window.dossiers.reload()
    _select_table_rows(window, [stocked[3], stocked[1]])
    mime = window.model.mimeData(window.table.selectionModel().selectedIndexes())
    assert mime.hasFormat(ARTICLE_IDS_MIME)
    assert sorted(ids_from_mime(mime)) == sorted([stocked[3], stocked[1]])

    view = window.dossiers.panel.dossier_view
    target = window.dossiers.panel.dossier_model.row_of_name("Rivers")
    assert target is not None
    assert drop_mime(window, view, row_point(view, target), mime)
    assert {a.id for a in library.dossier("Rivers").articles} == {stocked[3], stocked[1]}
    assert library.dossier("Aardvarks").articles == ()
    assert view.model().index(target, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Rivers, 2 articles"


def test_dropping_table_rows_between_dossier_articles_inserts_them_there(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    library.create_dossier("Rivers")
    library.add_to_dossier("Rivers", [stocked[0], stocked[1]])
    window.dossiers.reload(select="Rivers")
    _select_table_rows(window, [stocked[3]])
    mime = window.model.mimeData(window.table.selectionModel().selectedIndexes())
    view = window.dossiers.panel.article_view
    assert drop_mime(window, view, row_point(view, 1, "top"), mime)
    assert [a.id for a in library.dossier("Rivers").articles] == [stocked[0], stocked[3], stocked[1]]
    assert _article_titles(window) == [TITLES[0], TITLES[3], TITLES[1]]


def test_reordering_by_a_drop_within_the_dossier(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    library.create_dossier("Rivers")
    library.add_to_dossier("Rivers", stocked)
    window.dossiers.reload(select="Rivers")
    panel = window.dossiers.panel
    view, model = panel.article_view, panel.article_model
    view.setCurrentIndex(model.index(3))  # the last article...
    mime = model.mimeData(view.selectionModel().selectedIndexes())
    assert drop_mime(window, view, row_point(view, 0, "top"), mime, Qt.DropAction.MoveAction)  # ...to the top

    expected = [stocked[3], stocked[0], stocked[1], stocked[2]]
    assert [a.id for a in library.dossier("Rivers").articles] == expected
    assert model.ids() == expected
    assert view.currentIndex().row() == 0  # the moved row stays selected
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == f"1. {TITLES[3]}"

    # A drop just below the second row puts the first one there.
    view.setCurrentIndex(model.index(0))
    mime = model.mimeData(view.selectionModel().selectedIndexes())
    assert drop_mime(window, view, row_point(view, 1, "bottom"), mime, Qt.DropAction.MoveAction)
    assert [a.id for a in library.dossier("Rivers").articles] == [stocked[0], stocked[3], stocked[1], stocked[2]]


def test_move_rows_reorders_the_library_too(window: MainWindow, library: Library, stocked: list[ArticleId]) -> None:
    """What QListView calls for a real drag inside the list (moveRows)."""
    library.create_dossier("Rivers")
    library.add_to_dossier("Rivers", stocked)
    window.dossiers.reload(select="Rivers")
    model = window.dossiers.panel.article_model
    assert model.moveRows(model.index(0).parent(), 0, 2, model.index(0).parent(), 4)
    assert [a.id for a in library.dossier("Rivers").articles] == [stocked[2], stocked[3], stocked[0], stocked[1]]
    assert not model.moveRows(model.index(0).parent(), 1, 1, model.index(0).parent(), 2)  # onto itself


def test_the_delete_key_removes_articles_from_the_dossier(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    library.create_dossier("Rivers")
    library.add_to_dossier("Rivers", stocked[:3])
    window.dossiers.reload(select="Rivers")
    view = window.dossiers.panel.article_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert [a.id for a in library.dossier("Rivers").articles] == [stocked[0], stocked[2]]
    assert library.count() == 4  # only out of the dossier, not out of the library
    assert view.currentIndex().row() == 1  # the next article is selected, ready for another Delete
    assert window.statusBar().currentMessage() == "Removed 1 article from “Rivers”"


def test_rename_in_place_edit_introduction_and_delete_with_confirmation(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    library.create_dossier("Rivers")
    library.create_dossier("Moths")
    library.add_to_dossier("Rivers", stocked[:2])
    window.dossiers.reload(select="Rivers")
    controller, view = window.dossiers, window.dossiers.panel.dossier_view
    assert view.currentIndex().row() == 1

    controller.actions.rename.trigger()
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    editor = QApplication.focusWidget()
    editor.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor, "Living rivers")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [d.name for d in library.dossiers()] == ["Living rivers", "Moths"])
    # It moved up the list, and stays selected and shown.
    assert controller.current_dossier() == "Living rivers" and view.currentIndex().row() == 0
    assert controller.panel.title_label.text() == "Living rivers"
    assert [a.text() for a in controller.add_menu.actions()][:2] == ["Living rivers", "Moths"]

    controller.panel.intro_label.linkActivated.emit("edit")  # "Add an introduction…"
    dialog = controller.dialog
    assert dialog is not None and dialog.name_edit.text() == "Living rivers"
    qtbot.keyClicks(dialog.intro_edit, "Streams brought back.")
    dialog.accept()
    assert library.dossier("Living rivers").introduction == "Streams brought back."

    controller.actions.delete.trigger()
    box = controller.confirm_box
    assert box is not None and box.isVisible() and "Its 2 articles stay" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert [d.name for d in library.dossiers()] == ["Living rivers", "Moths"]

    controller.actions.delete.trigger()
    box = controller.confirm_box
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()
    assert [d.name for d in library.dossiers()] == ["Moths"]
    assert library.count() == 4
    assert controller.current_dossier() is None and window.dossiers.panel.article_model.rowCount() == 0
    assert not controller.actions.delete.isEnabled()


def test_clicking_a_dossier_article_opens_it(
    qtbot: QtBot, window: MainWindow, library: Library, stocked: list[ArticleId]
) -> None:
    library.create_dossier("Rivers")
    library.add_to_dossier("Rivers", [stocked[2]])
    window.dossiers.reload(select="Rivers")
    view = window.dossiers.panel.article_view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, row_point(view, 0))
    qtbot.waitUntil(lambda: window.current_article_id() == stocked[2])
    assert TITLES[2] in window.reader.toPlainText()


def test_dossier_models_keep_qts_contract(qtmodeltester: ModelTester, window: MainWindow, library: Library,
                                          stocked: list[ArticleId]) -> None:
    library.create_dossier("Rivers", "Intro")
    library.add_to_dossier("Rivers", stocked)
    library.create_dossier("Empty")
    window.dossiers.reload(select="Rivers")
    qtmodeltester.check(window.dossiers.panel.dossier_model)
    qtmodeltester.check(window.dossiers.panel.article_model)


def test_mime_round_trip_and_bad_payloads() -> None:
    assert ids_from_mime(ids_to_mime([3, 1, 3, 2])) == [3, 1, 2]
    for payload in (b"not json", b'{"ids": "1,2"}', b'{"ids": [1, true]}', b"[1, 2]", b'{"ids": [1.5]}'):
        mime = QMimeData()
        mime.setData(ARTICLE_IDS_MIME, QByteArray(payload))
        assert ids_from_mime(mime) == []
    assert ids_from_mime(None) == []


@pytest.mark.parametrize(("current", "moving", "position", "expected"), [
    ([1, 2, 3, 4], [4], 0, [4, 1, 2, 3]),
    ([1, 2, 3, 4], [1], 4, [2, 3, 4, 1]),
    ([1, 2, 3, 4], [1], 2, [2, 1, 3, 4]),
    ([1, 2, 3, 4], [1, 3], 4, [2, 4, 1, 3]),
    ([1, 2, 3, 4], [2, 3], 1, [1, 2, 3, 4]),
    ([1, 2, 3, 4], [4, 1], 2, [2, 4, 1, 3]),
])
def test_reordered(current: list[int], moving: list[int], position: int, expected: list[int]) -> None:
    assert reordered(current, moving, position) == expected
    assert sorted(reordered(current, moving, position)) == sorted(current)


def test_dossier_panel_screenshot(qtbot: QtBot, window: MainWindow, library: Library,
                                  stocked: list[ArticleId], tmp_path: Path) -> None:
    """The panel sits beside the list as a sidebar; saves a picture for a person to look at."""
    library.create_dossier("Rivers coming back", "Four rivers recovering.")
    library.add_to_dossier("Rivers coming back", stocked)
    window.dossiers.reload(select="Rivers coming back")
    assert window.dossiers.panel.width() < window.width() // 4
    assert window.table.width() > window.dossiers.panel.width()
    shot = tmp_path / "dossiers.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
