"""Links and web content dropped on the window, and File → Import Web Page…, against a local server."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from archivist.gui.mainwindow import MainWindow
from tests.gui.helpers import drop_mime
from tests.unit.ingest.test_fetch import article_page, png
from tests.web_server import Route, serve

ROUTES = {
    "/story": Route(body=article_page(), headers={"Content-Type": "text/html; charset=utf-8"}),
    "/img/photo.png": Route(body=png(), headers={"Content-Type": "image/png"}),
}


def test_a_link_dragged_from_a_browser_is_fetched_and_imported(qtbot: QtBot, window: MainWindow) -> None:
    with serve(dict(ROUTES)) as srv:
        mime = QMimeData()
        mime.setUrls([QUrl(srv.url("/story"))])  # text/uri-list, as browsers send a link
        mime.setHtml(f'<a href="{srv.url("/story")}">Harbour Report</a>')
        with qtbot.waitSignal(window.importer.finished, timeout=20_000):
            assert drop_mime(window, mime, on=window.reader)
        assert "/story" in srv.hits and "/img/photo.png" in srv.hits
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.reader.article is not None
    assert window.reader.article.title == "Harbour Report From The Coast"
    assert "archivist-image:" in window.reader.article.html


def test_a_dropped_passage_of_html_is_imported_as_a_page(qtbot: QtBot, window: MainWindow) -> None:
    mime = QMimeData()
    paragraphs = "".join(
        f"<p>Paragraph {i}: the estuary birds returned in spring, and the wardens counted "
        f"more avocets and redshanks than in any year since records began.</p>" for i in range(6)
    )
    mime.setHtml(f"<html><head><title>Estuary Birds Return</title></head><body><article>"
                 f"<h1>Estuary Birds Return</h1>{paragraphs}</article></body></html>")
    with qtbot.waitSignal(window.importer.finished, timeout=20_000):
        assert drop_mime(window, mime, on=window.reader)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.reader.article is not None
    assert "more avocets and redshanks" in window.reader.article.text


def test_plain_text_that_is_not_an_address_is_refused(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("just some words, no link")
    assert not drop_mime(window, mime, on=window.reader)


def test_import_web_page_menu_action(qtbot: QtBot, window: MainWindow) -> None:
    with serve(dict(ROUTES)) as srv:
        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, QInputDialog)
            field = dialog.findChild(QLineEdit)
            assert field is not None
            field.setText(srv.url("/story"))
            dialog.accept()

        QTimer.singleShot(200, answer)
        with qtbot.waitSignal(window.importer.finished, timeout=20_000):
            window.import_url_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.reader.article is not None and "Paragraph 8 of the harbour report" in window.reader.article.text
