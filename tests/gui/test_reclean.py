"""Article → Re-clean: runs on the database worker, reloads the reader and the panel, and reports
what happened to the highlights in the status bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.core.types import ArticleId, ParsedArticle
from archivist.gui.annotations.controller import recleaned_message
from archivist.gui.mainwindow import MainWindow
from tests.gui.annotation_helpers import (
    OTTERS_HTML,
    close_popups,
    doc_pos,
    drag_select,
    find_action,
    import_html,
    open_window,
    shown_color,
    text_span,
)

INSERTED = "An editor's note added later, not in the original."


@pytest.fixture
def drifted(library: Library) -> ArticleId:
    """An article whose stored text has drifted from what today's cleaner makes of its source:
    an extra paragraph after the first. Highlights: one before it, one after it, one in it."""
    a = import_html(library, OTTERS_HTML, "otters.html")
    art = library.get_article(a)
    first_end = art.text.index("\n\n")
    text = art.text[:first_end] + "\n\n" + INSERTED + art.text[first_end:]
    html = art.html.replace("</p>", f"</p><p>{INSERTED}</p>", 1)
    library.replace_content(a, ParsedArticle(title=art.title, text=text, html=html, source_format="html"))
    library.add_highlight(a, *text_span(library, a, "tidal stretch"), "yellow")
    library.add_highlight(a, *text_span(library, a, "Camera traps"), "blue", "Which sites?")
    library.add_highlight(a, *text_span(library, a, "editor's note"), "pink")
    return a


@pytest.fixture
def win(qtbot: QtBot, library: Library, drifted: ArticleId) -> Iterator[MainWindow]:
    window = open_window(qtbot, library, drifted)
    yield window
    close_popups()
    window.close()


def _article_menu(window: MainWindow) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == "Article":
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise LookupError("no Article menu")


def test_reclean_reloads_reader_and_panel_and_reports_in_the_status_bar(
    qtbot: QtBot, win: MainWindow, library: Library, drifted: ArticleId
) -> None:
    assert INSERTED in win.reader.toPlainText()
    drag_select(qtbot, win.reader, "Volunteers counted")
    QTest.keyClick(win.reader, Qt.Key.Key_2)  # something to undo before the re-clean
    assert win.annotations.undo_stack.count() == 1

    action = find_action(_article_menu(win), "Re-clean Article")
    assert action.isEnabled()
    action.trigger()
    assert not action.isEnabled()  # one at a time
    assert not win.annotations.highlight_actions.colors["yellow"].isEnabled()
    qtbot.waitUntil(lambda: win.statusBar().currentMessage().startswith("Re-cleaned"), timeout=10_000)

    assert win.statusBar().currentMessage() == "Re-cleaned: 2 highlights stayed, 1 moved, 1 orphaned"
    assert INSERTED not in win.reader.toPlainText()
    assert INSERTED not in library.get_article(drifted).text
    model = win.annotations.panel.highlight_model
    assert [(h.exact, h.status) for h in model.items()] == [
        ("Volunteers counted", "anchored"), ("tidal stretch", "anchored"),
        ("Camera traps", "anchored"), ("editor's note", "orphaned")]
    assert shown_color(win.reader, doc_pos(win.reader, "Camera traps")) is not None  # moved, repainted
    assert shown_color(win.reader, doc_pos(win.reader, "tidal stretch")) is not None
    # Offsets in the undo history belonged to the old text: the history starts afresh.
    assert win.annotations.undo_stack.count() == 0
    qtbot.waitUntil(action.isEnabled)


def test_reclean_of_an_unchanged_article_says_so(qtbot: QtBot, library: Library) -> None:
    a = import_html(library, OTTERS_HTML, "otters.html")
    library.add_highlight(a, *text_span(library, a, "seven"), "green")
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    window.refresh(select=a)
    qtbot.waitUntil(lambda: window.reader.article is not None)
    try:
        op = window.annotations.reclean()
        assert op is not None
        with qtbot.waitSignal(op.finished, timeout=10_000):
            pass
        assert window.statusBar().currentMessage() == (
            "Re-cleaned: 1 highlight stayed, 0 moved, 0 orphaned (the text was already up to date)")
    finally:
        window.close()


def test_reclean_message_counts() -> None:
    from archivist.core.types import RecleanReport

    report = RecleanReport(ArticleId(1), "t", stayed=3, moved=1, orphaned=0, changed=True)
    assert recleaned_message(report) == "Re-cleaned: 3 highlights stayed, 1 moved, 0 orphaned"
