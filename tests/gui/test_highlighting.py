"""Highlighting in the reader through real input: mouse selections, colour keys, the toolbar,
the context menu, clicks on highlights, undo and redo from the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton
from pytestqt.qtbot import QtBot

from archivist.core.colors import HIGHLIGHT_COLORS
from archivist.core.library import Library
from archivist.core.types import ArticleId
from archivist.gui.mainwindow import MainWindow
from tests.gui.annotation_helpers import (
    OTTERS_HTML,
    click_action,
    click_words,
    close_popups,
    context_menu_on,
    doc_pos,
    drag_select,
    find_action,
    import_html,
    open_window,
    shown_color,
    text_span,
)


@pytest.fixture
def otters(library: Library) -> ArticleId:
    return import_html(library, OTTERS_HTML, "otters.html")


@pytest.fixture
def win(qtbot: QtBot, library: Library, otters: ArticleId) -> Iterator[MainWindow]:
    window = open_window(qtbot, library, otters)
    yield window
    close_popups()
    window.close()


def _alive(obj: object) -> bool:
    from shiboken6 import isValid

    return bool(isValid(obj))


def _color(name: str) -> QColor:
    return QColor(HIGHLIGHT_COLORS[name])


def _stored(library: Library, article_id: int) -> list[tuple[str, str, str | None]]:
    return [(h.exact, h.color, h.note) for h in library.highlights(article_id)]


def test_mouse_selection_and_colour_key_highlight_and_paint(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    reader = win.reader
    drag_select(qtbot, reader, "tidal stretch")
    QTest.keyClick(reader, Qt.Key.Key_2)  # green

    [h] = library.highlights(otters)
    assert (h.start, h.end) == text_span(library, otters, "tidal stretch")
    assert (h.exact, h.color) == ("tidal stretch", "green")
    at = doc_pos(reader, "tidal stretch")
    assert all(shown_color(reader, p) == _color("green") for p in range(at, at + len("tidal stretch")))
    assert shown_color(reader, at - 1) is None and shown_color(reader, at + len("tidal stretch")) is None
    assert not reader.textCursor().hasSelection()  # the new colour shows, not the selection
    assert win.annotations.panel.highlight_model.rowCount() == 1


def test_selection_over_two_paragraphs_is_one_highlight(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    reader = win.reader
    plain = reader.toPlainText()
    start = plain.index("records began.")
    end = plain.index("The recovery") + len("The recovery")
    drag_select(qtbot, reader, plain[start:end])
    QTest.keyClick(reader, Qt.Key.Key_4)  # pink

    [h] = library.highlights(otters)
    assert h.exact == "records began.\n\nThe recovery"  # the stored text keeps its blank line
    assert h.color == "pink"
    assert shown_color(reader, start) == _color("pink")
    assert shown_color(reader, end - 1) == _color("pink")


def test_colour_keys_do_nothing_without_a_selection_or_outside_the_reader(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    reader = win.reader
    reader.setFocus()
    QTest.keyClick(reader, Qt.Key.Key_1)
    assert library.highlights(otters) == []
    assert not win.annotations.highlight_actions.colors["yellow"].isEnabled()

    drag_select(qtbot, reader, "Volunteers")
    win.search.setFocus()
    QTest.keyClicks(win.search, "12")
    assert win.search.text() == "12"  # the digits went into the search field
    assert library.highlights(otters) == []


def test_toolbar_colour_button_highlights_the_selection(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    drag_select(qtbot, win.reader, "Camera traps")
    button = win.findChild(QToolButton, "highlightButton_purple")
    assert button is not None and button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    assert _stored(library, otters) == [("Camera traps", "purple", None)]
    assert shown_color(win.reader, doc_pos(win.reader, "Camera traps")) == _color("purple")


def test_context_menu_highlight_submenu_lists_colours_with_their_keys(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    reader = win.reader
    drag_select(qtbot, reader, "willow")
    menu = context_menu_on(reader, "willow", 2)
    assert find_action(menu, "Copy").isEnabled()  # the standard entries stay
    blue = find_action(menu, "Blue")
    assert blue.shortcut().toString() == "3"
    blue.trigger()
    menu.close()

    assert _stored(library, otters) == [("willow", "blue", None)]
    assert shown_color(reader, doc_pos(reader, "willow")) == _color("blue")


def test_highlighting_the_same_span_again_changes_its_colour(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    drag_select(qtbot, win.reader, "seven")
    QTest.keyClick(win.reader, Qt.Key.Key_1)
    drag_select(qtbot, win.reader, "seven")
    QTest.keyClick(win.reader, Qt.Key.Key_6)
    assert _stored(library, otters) == [("seven", "orange", None)]


def test_click_on_a_highlight_changes_its_colour(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    library.add_highlight(otters, *text_span(library, otters, "clean-up of the water"), "yellow")
    win.annotations._on_reader_article_changed(win.reader.article)  # pick up the library change
    click_words(win.reader, "clean-up of the water", 5)

    menu = win.annotations.popup_menu
    assert menu is not None and menu.isVisible()
    assert find_action(menu, "Yellow").isChecked()
    click_action(menu, "Pink")

    assert _stored(library, otters) == [("clean-up of the water", "pink", None)]
    at = doc_pos(win.reader, "clean-up of the water")
    assert shown_color(win.reader, at + 10) == _color("pink")


def test_click_on_a_highlight_adds_then_edits_its_note(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    drag_select(qtbot, win.reader, "Sewage overflows were cut")
    QTest.keyClick(win.reader, Qt.Key.Key_1)
    click_words(win.reader, "Sewage", 2)
    click_action(win.annotations.popup_menu, "Add Note…")

    dialog = win.annotations.note_dialog
    assert dialog is not None and dialog.isVisible()
    QTest.keyClicks(dialog.editor, "Ask the water company for the numbers.")
    QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # Save
    assert _stored(library, otters) == [("Sewage overflows were cut", "yellow",
                                         "Ask the water company for the numbers.")]
    assert win.annotations.panel.highlight_model.items()[0].note == "Ask the water company for the numbers."

    click_words(win.reader, "overflows", 1)
    click_action(win.annotations.popup_menu, "Edit Note…")
    dialog = win.annotations.note_dialog
    dialog.activateWindow()  # the offscreen platform has no window manager to do it
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.editor.toPlainText() == "Ask the water company for the numbers."
    dialog.editor.selectAll()
    QTest.keyClicks(dialog.editor, "Numbers are in the annual report.")
    QTest.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert library.highlights(otters)[0].note == "Numbers are in the annual report."


def test_delete_from_the_click_menu_then_undo_and_redo_with_the_keyboard(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    reader = win.reader
    drag_select(qtbot, reader, "highest number")
    QTest.keyClick(reader, Qt.Key.Key_3)
    [h] = library.highlights(otters)
    click_words(reader, "highest number", 3)
    click_action(win.annotations.popup_menu, "Delete Highlight")
    assert library.highlights(otters) == []
    assert shown_color(reader, doc_pos(reader, "highest number")) is None

    QTest.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the delete
    [back] = library.highlights(otters)
    assert (back.start, back.end, back.color) == (h.start, h.end, "blue")
    assert shown_color(reader, doc_pos(reader, "highest number")) == _color("blue")

    QTest.keyClick(reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the add
    assert library.highlights(otters) == []
    QTest.keyClick(reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # redo add
    QTest.keyClick(reader, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # redo delete
    assert library.highlights(otters) == []
    assert shown_color(reader, doc_pos(reader, "highest number")) is None


def test_overlapping_and_adjacent_highlights_render_and_stay_clickable(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    reader = win.reader
    drag_select(qtbot, reader, "Otters are back in the river")
    QTest.keyClick(reader, Qt.Key.Key_1)  # yellow
    drag_select(qtbot, reader, "back in the river after decades away")
    QTest.keyClick(reader, Qt.Key.Key_3)  # blue, overlapping "back in the river"
    drag_select(qtbot, reader, "Researchers want")
    QTest.keyClick(reader, Qt.Key.Key_2)  # green
    drag_select(qtbot, reader, " to know")  # adjacent: starts where green ends
    QTest.keyClick(reader, Qt.Key.Key_4)  # pink
    assert [h.exact for h in library.highlights(otters)] == [
        "Otters are back in the river", "back in the river after decades away",
        "Researchers want", "to know"]

    at = doc_pos(reader, "Otters are")
    assert shown_color(reader, at) == _color("yellow")
    overlap = doc_pos(reader, "back in the river")
    assert shown_color(reader, overlap) == _color("blue").darker(112)  # the later one, marked
    assert shown_color(reader, doc_pos(reader, "decades")) == _color("blue")
    assert shown_color(reader, doc_pos(reader, "want") + 3) == _color("green")
    assert shown_color(reader, doc_pos(reader, "to know")) == _color("pink")
    assert shown_color(reader, doc_pos(reader, "want") + 4) is None  # the space between them

    click_words(reader, "back in the river", 4)  # in the overlap: both are offered
    menu = win.annotations.popup_menu
    subs = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert len(subs) == 2
    find_action(subs[1], "Purple").trigger()  # the second entry: the outer (yellow) one
    menu.close()
    colors = {h.exact: h.color for h in library.highlights(otters)}
    assert colors["Otters are back in the river"] == "purple"
    assert colors["back in the river after decades away"] == "blue"

    click_words(reader, "Otters are", 1)  # only the first highlight there
    assert [a.text() for a in win.annotations.popup_menu.actions() if a.menu()] == []
    assert find_action(win.annotations.popup_menu, "Purple").isChecked()
    win.annotations.popup_menu.close()
    click_words(reader, "want", 3)  # the last letter of green
    assert find_action(win.annotations.popup_menu, "Green").isChecked()
    win.annotations.popup_menu.close()
    click_words(reader, "to know", 0)  # the first letter of pink
    assert find_action(win.annotations.popup_menu, "Pink").isChecked()
    win.annotations.popup_menu.close()


def test_a_drag_over_a_highlight_selects_instead_of_opening_the_menu(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    drag_select(qtbot, win.reader, "Twelve camera traps")
    QTest.keyClick(win.reader, Qt.Key.Key_1)
    win.annotations.popup_menu = None
    drag_select(qtbot, win.reader, "camera")
    assert win.annotations.popup_menu is None
    assert QApplication.activePopupWidget() is None


def test_edit_menu_undo_names_the_change_and_uses_the_standard_keys(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    from PySide6.QtGui import QKeySequence

    undo, redo = win.annotations.undo_action, win.annotations.redo_action
    assert QKeySequence(QKeySequence.StandardKey.Undo) in undo.shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Redo) in redo.shortcuts()
    assert not undo.isEnabled()
    drag_select(qtbot, win.reader, "spring")
    QTest.keyClick(win.reader, Qt.Key.Key_5)
    assert undo.isEnabled() and undo.text().replace("&", "") == "Undo Add Purple Highlight"
    undo.trigger()
    assert library.highlights(otters) == []
    assert redo.text().replace("&", "") == "Redo Add Purple Highlight"


def test_note_dialog_can_be_cancelled(qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId) -> None:
    drag_select(qtbot, win.reader, "reeds")
    QTest.keyClick(win.reader, Qt.Key.Key_2)
    click_words(win.reader, "reeds", 1)
    click_action(win.annotations.popup_menu, "Add Note…")
    dialog = win.annotations.note_dialog
    QTest.keyClicks(dialog.editor, "not saved")
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not _alive(dialog) or not dialog.isVisible()
    assert library.highlights(otters)[0].note is None
    assert win.annotations.undo_stack.count() == 1  # only the add


def test_undo_keys_in_the_search_field_belong_to_the_field(
    qtbot: QtBot, win: MainWindow, library: Library, otters: ArticleId
) -> None:
    drag_select(qtbot, win.reader, "animals")
    QTest.keyClick(win.reader, Qt.Key.Key_1)
    win.search.setFocus()
    QTest.keyClicks(win.search, "otter")
    QTest.keyClick(win.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.search.text() == ""  # the field undid its typing...
    assert len(library.highlights(otters)) == 1  # ...and the highlight stayed


def test_the_reader_document_keeps_no_undo_history_of_its_own(win: MainWindow) -> None:
    assert not win.reader.document().isUndoRedoEnabled()  # painting would only grow it
