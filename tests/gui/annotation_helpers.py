"""Helpers for annotation tests: an article with known words, real mouse selections and clicks.

Positions come from the reader itself (cursorRect of a document position), and the document
position of a word from `reader.toPlainText()`, which has one character per document position:
an oracle that does not go through the text map under test.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.core.types import ArticleId, SourceDocument
from archivist.gui.annotations.reader import AnnotatedReader
from archivist.gui.mainwindow import MainWindow

OTTERS_HTML = """<html><head><title>Otters return to the Thames</title></head><body><article>
<h1>Otters return to the Thames</h1>
<p>Otters are back in the river after decades away. Volunteers counted <b>seven</b> animals
along the tidal stretch this spring, the highest number since records began.</p>
<p>The recovery follows a long clean-up of the water. Sewage overflows were cut, and the banks
were replanted with reeds and willow, giving the otters places to rest.</p>
<h2>What comes next</h2>
<p>Researchers want to know whether the animals are breeding. Camera traps will be placed at
twelve sites, and the results published next year.</p>
<ul><li>Twelve camera traps</li><li>Monthly counts by volunteers</li></ul>
</article></body></html>"""

HERONS_HTML = """<html><head><title>Herons nest early</title></head><body><article>
<h1>Herons nest early</h1><p>Grey herons began nesting in January this year, weeks ahead of the
usual start, after the mildest winter on record.</p><p>Ringers will follow the chicks.</p>
</article></body></html>"""


def import_html(library: Library, html: str, name: str) -> ArticleId:
    result = library.import_document(SourceDocument(data=html.encode(), name=name))
    assert result.id is not None, result
    return result.id


def text_span(library: Library, article_id: int, words: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of `words` in the article's canonical text (what the library stores)."""
    text = library.get_article(article_id).text
    at = -1
    for _ in range(occurrence):
        at = text.index(words, at + 1)
    return at, at + len(words)


def doc_pos(reader: AnnotatedReader, words: str, occurrence: int = 1) -> int:
    """Document position of `words` as the reader shows them."""
    plain = reader.toPlainText()
    at = -1
    for _ in range(occurrence):
        at = plain.index(words, at + 1)
    return at


def point_at(reader: AnnotatedReader, position: int) -> QPoint:
    """Viewport point of the boundary before document `position`, at mid-line height."""
    cursor = QTextCursor(reader.document())
    cursor.setPosition(position)
    rect = reader.cursorRect(cursor)
    return QPoint(rect.x(), rect.center().y())


def char_point(reader: AnnotatedReader, position: int) -> QPoint:
    """Viewport point in the middle of the character at document `position`."""
    a, b = point_at(reader, position), point_at(reader, position + 1)
    if b.y() != a.y():  # the character ends a line
        b = QPoint(a.x() + 4, a.y())
    return QPoint((a.x() + b.x()) // 2, a.y())


def drag_select(qtbot: QtBot, reader: AnnotatedReader, words: str, occurrence: int = 1) -> None:
    """Select `words` with the mouse: press at the first letter, move, release after the last."""
    start = doc_pos(reader, words, occurrence)
    reader.setFocus()
    vp = reader.viewport()
    p1, p2 = point_at(reader, start), point_at(reader, start + len(words))
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p1)
    QTest.mouseMove(vp, QPoint((p1.x() + p2.x()) // 2, p1.y()))
    QTest.mouseMove(vp, p2)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p2)
    qtbot.waitUntil(lambda: reader.textCursor().selectedText() == words.replace("\n", "\u2029"))


def click_words(reader: AnnotatedReader, words: str, offset: int = 0, occurrence: int = 1) -> None:
    """A plain left click on character `offset` of `words`."""
    pos = doc_pos(reader, words, occurrence) + offset
    QTest.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     char_point(reader, pos))


def context_menu_on(reader: AnnotatedReader, words: str, offset: int = 0) -> QMenu:
    """Right-click `words` (a real QContextMenuEvent to the viewport); returns the menu shown."""
    pos = char_point(reader, doc_pos(reader, words) + offset)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, reader.viewport().mapToGlobal(pos))
    QApplication.sendEvent(reader.viewport(), event)
    menu = reader.context_menu
    assert menu is not None and menu.isVisible()
    return menu


def find_action(menu: QMenu, text: str) -> QAction:
    """The action whose text (without & and shortcut) is `text`, searching submenus too."""
    for action in menu.actions():
        if action.text().split("\t")[0].replace("&", "") == text:
            return action
        sub = action.menu()
        if isinstance(sub, QMenu):
            try:
                return find_action(sub, text)
            except LookupError:
                pass
    raise LookupError(f"no action {text!r} in {[a.text() for a in menu.actions()]}")


def click_action(menu: QMenu, text: str) -> None:
    """Click a menu entry with the mouse, as the user would (it then closes the menu)."""
    action = find_action(menu, text)
    assert action in menu.actions(), f"{text!r} is in a submenu: trigger it instead"
    rect = menu.actionGeometry(action)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def shown_color(reader: AnnotatedReader, position: int) -> QColor | None:
    """The highlight background the document has at `position` (None: not highlighted)."""
    return reader.painter.background_at(position)


def close_popups() -> None:
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()


def open_window(qtbot: QtBot, library: Library, article: ArticleId) -> MainWindow:
    """A shown, active main window with `article` open in the reader (keys reach it)."""
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # keys go to the active window; offscreen does not always activate
    qtbot.waitUntil(window.isActiveWindow)
    window.refresh(select=article)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == article)
    return window
