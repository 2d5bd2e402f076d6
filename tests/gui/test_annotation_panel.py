"""The annotation panel: highlights in document order with orphans last, clicks that scroll the
reader, article notes added, edited and deleted through its buttons, and undo across articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.core.types import ArticleId, ParsedArticle
from archivist.gui.annotations.models import HighlightListModel, NoteListModel, OrphanedRole
from archivist.gui.mainwindow import MainWindow
from tests.gui.annotation_helpers import (
    HERONS_HTML,
    OTTERS_HTML,
    click_action,
    click_words,
    close_popups,
    doc_pos,
    drag_select,
    import_html,
    open_window,
    shown_color,
    text_span,
)
from tests.gui.helpers import click_row


@pytest.fixture
def otters(library: Library) -> ArticleId:
    return import_html(library, OTTERS_HTML, "otters.html")


@pytest.fixture
def herons(library: Library, otters: ArticleId) -> ArticleId:
    return import_html(library, HERONS_HTML, "herons.html")


@pytest.fixture
def annotated(library: Library, otters: ArticleId) -> ArticleId:
    """Otters with highlights added out of order, notes on two, one orphan, two article notes."""
    lib, a = library, otters
    lib.add_highlight(a, *text_span(lib, a, "Camera traps"), "purple", "Which sites?")
    lib.add_highlight(a, *text_span(lib, a, "seven"), "pink")
    lib.add_highlight(a, *text_span(lib, a, "Monthly counts"), "green")
    lib.add_highlight(a, *text_span(lib, a, "Otters are back"), "yellow", "Good news.")
    lib.add_highlight(a, *text_span(lib, a, "results published next year"), "blue", "Due in May.")
    # Change the text so that the last one no longer exists: it becomes an orphan.
    art = lib.get_article(a)
    cut = " and the results published next year"
    report = lib.replace_content(a, ParsedArticle(
        title=art.title, text=art.text.replace("," + cut, ""), html=art.html.replace("," + cut, ""),
        source_format="html"))
    assert report.orphaned == 1
    lib.add_note(a, "Follow up with the river trust in June.")
    lib.add_note(a, "Compare with the 2019 count.")
    return a


@pytest.fixture
def win(qtbot: QtBot, library: Library, annotated: ArticleId) -> Iterator[MainWindow]:
    window = open_window(qtbot, library, annotated)
    yield window
    close_popups()
    window.close()


def test_models_pass_the_model_tester(qtmodeltester: object, library: Library, annotated: ArticleId) -> None:
    highlights = HighlightListModel()
    highlights.reset(library.highlights(annotated))
    qtmodeltester.check(highlights)  # type: ignore[attr-defined]
    notes = NoteListModel()
    notes.reset(library.article_notes(annotated))
    qtmodeltester.check(notes)  # type: ignore[attr-defined]


def test_panel_lists_highlights_in_document_order_with_the_orphan_last(
    win: MainWindow, library: Library, annotated: ArticleId
) -> None:
    model = win.annotations.panel.highlight_model
    quotes = [model.index(r).data() for r in range(model.rowCount())]
    assert quotes == ["Otters are back", "seven", "Camera traps", "Monthly counts",
                      "results published next year"]
    last = model.index(model.rowCount() - 1)
    assert last.data(OrphanedRole) is True
    assert "Not found in the current text" in last.data(Qt.ItemDataRole.ToolTipRole)
    assert "Due in May." in last.data(Qt.ItemDataRole.ToolTipRole)  # its note is kept too
    assert [model.index(r).data(OrphanedRole) for r in range(4)] == [False] * 4
    assert win.annotations.panel.tabs.tabText(0) == "Highlights (5)"
    assert win.annotations.panel.tabs.tabText(1) == "Notes (2)"
    # The orphan is not painted anywhere; the others are.
    assert shown_color(win.reader, doc_pos(win.reader, "seven")) is not None
    assert "results published next year" not in win.reader.toPlainText()


def test_clicking_a_highlight_in_the_panel_scrolls_the_reader_to_it_and_selects_it(
    qtbot: QtBot, win: MainWindow, library: Library, annotated: ArticleId
) -> None:
    win.resize(1300, 420)  # short, so the reader has to scroll
    qtbot.waitUntil(lambda: win.reader.verticalScrollBar().maximum() > 0)
    panel = win.annotations.panel
    view = panel.highlight_view
    row = panel.highlight_model.row_of(
        next(h.id for h in panel.highlight_model.items() if h.exact == "Monthly counts"))
    click_row(view, row)

    cursor = win.reader.textCursor()
    assert cursor.selectedText() == "Monthly counts"
    assert cursor.selectionStart() == doc_pos(win.reader, "Monthly counts")
    assert win.reader.verticalScrollBar().value() > 0
    rect = win.reader.cursorRect(cursor)
    assert win.reader.viewport().rect().contains(rect.center())


def test_clicking_the_orphan_explains_instead_of_scrolling(
    qtbot: QtBot, win: MainWindow, library: Library, annotated: ArticleId
) -> None:
    panel = win.annotations.panel
    click_row(panel.highlight_view, panel.highlight_model.rowCount() - 1)
    assert "not in the current version" in win.statusBar().currentMessage()
    assert not win.reader.textCursor().hasSelection()


def test_a_click_in_the_reader_selects_the_highlight_in_the_panel(
    win: MainWindow, library: Library, annotated: ArticleId
) -> None:
    click_words(win.reader, "seven", 2)
    current = win.annotations.panel.highlight_view.currentIndex()
    assert current.data() == "seven"
    win.annotations.popup_menu.close()


def test_new_highlights_appear_in_the_panel_in_document_order(
    qtbot: QtBot, win: MainWindow, library: Library, annotated: ArticleId
) -> None:
    drag_select(qtbot, win.reader, "tidal stretch")
    QTest.keyClick(win.reader, Qt.Key.Key_6)
    model = win.annotations.panel.highlight_model
    assert [model.index(r).data() for r in range(3)] == ["Otters are back", "seven", "tidal stretch"]
    assert [h.exact for h in library.highlights(annotated)][:3] == ["Otters are back", "seven", "tidal stretch"]


def test_delete_key_in_the_panel_deletes_a_highlight(
    qtbot: QtBot, win: MainWindow, library: Library, annotated: ArticleId
) -> None:
    view = win.annotations.panel.highlight_view
    click_row(view, 1)  # "seven"
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert "seven" not in [h.exact for h in library.highlights(annotated)]
    assert shown_color(win.reader, doc_pos(win.reader, "seven")) is None


def test_article_notes_add_edit_delete_and_undo(
    qtbot: QtBot, win: MainWindow, library: Library, annotated: ArticleId
) -> None:
    panel = win.annotations.panel
    panel.tabs.setCurrentIndex(1)
    QTest.mouseClick(panel.add_note_button, Qt.MouseButton.LeftButton)
    dialog = win.annotations.note_dialog
    save = dialog.buttons.buttons()[0]
    assert not save.isEnabled()  # an empty article note cannot be saved
    QTest.keyClicks(dialog.editor, "Ring the ranger.")
    QTest.mouseClick(save, Qt.MouseButton.LeftButton)
    assert [n.body for n in library.article_notes(annotated)][-1] == "Ring the ranger."
    assert panel.note_model.rowCount() == 3

    click_row(panel.note_view, 2)
    QTest.mouseClick(panel.edit_note_button, Qt.MouseButton.LeftButton)
    dialog = win.annotations.note_dialog
    dialog.editor.selectAll()
    QTest.keyClicks(dialog.editor, "Ring the ranger on Monday.")
    QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert [n.body for n in library.article_notes(annotated)][-1] == "Ring the ranger on Monday."

    click_row(panel.note_view, 0)
    QTest.mouseClick(panel.delete_note_button, Qt.MouseButton.LeftButton)
    assert [n.body for n in library.article_notes(annotated)] == [
        "Compare with the 2019 count.", "Ring the ranger on Monday."]

    win.annotations.undo_action.trigger()  # the delete: the note comes back in its place
    assert [n.body for n in library.article_notes(annotated)] == [
        "Follow up with the river trust in June.", "Compare with the 2019 count.", "Ring the ranger on Monday."]
    assert [n.body for n in panel.note_model.items()][0] == "Follow up with the river trust in June."
    win.annotations.undo_action.trigger()  # the edit
    win.annotations.undo_action.trigger()  # the add
    assert sorted(n.body for n in library.article_notes(annotated)) == [
        "Compare with the 2019 count.", "Follow up with the river trust in June."]
    assert panel.note_model.rowCount() == 2
    for _ in range(3):
        win.annotations.redo_action.trigger()
    assert [n.body for n in library.article_notes(annotated)] == [
        "Compare with the 2019 count.", "Ring the ranger on Monday."]
    assert [n.body for n in panel.note_model.items()] == [
        "Compare with the 2019 count.", "Ring the ranger on Monday."]


def test_undo_survives_switching_articles_and_follows_changing_ids(
    qtbot: QtBot, library: Library, otters: ArticleId, herons: ArticleId
) -> None:
    win = open_window(qtbot, library, otters)
    try:
        drag_select(qtbot, win.reader, "tidal stretch")
        QTest.keyClick(win.reader, Qt.Key.Key_1)  # add (yellow)
        click_words(win.reader, "tidal stretch", 9)  # away from the drag's press: not a double click
        click_action(win.annotations.popup_menu, "Blue")  # change colour

        row = win.model.row_of(herons)
        assert row is not None
        click_row(win.table, row)
        qtbot.waitUntil(lambda: win.reader.article is not None and win.reader.article.id == herons)
        assert win.annotations.panel.highlight_model.rowCount() == 0

        undo, redo = win.annotations.undo_action, win.annotations.redo_action
        undo.trigger()  # the colour change: the otters are shown again, the highlight is yellow
        assert win.reader.article is not None and win.reader.article.id == otters
        assert win.current_article_id() == otters
        assert library.highlights(otters)[0].color == "yellow"
        assert shown_color(win.reader, doc_pos(win.reader, "tidal stretch")) is not None

        undo.trigger()  # the add
        assert library.highlights(otters) == []
        click_row(win.table, win.model.row_of(herons))
        qtbot.waitUntil(lambda: win.reader.article is not None and win.reader.article.id == herons)
        redo.trigger()  # the add again: a new row (maybe a new id), back on the otters
        assert win.reader.article is not None and win.reader.article.id == otters
        redo.trigger()  # the colour change must reach the re-created highlight
        [h] = library.highlights(otters)
        assert h.color == "blue" and h.exact == "tidal stretch"
        add, recolour = (win.annotations.undo_stack.command(i) for i in range(2))
        assert add.ref is recolour.ref and recolour.ref.id == h.id  # one Ref, rebound to the new id
        undo.trigger()
        assert library.highlights(otters)[0].color == "yellow"
    finally:
        close_popups()
        win.close()
