"""The reader: library images only, never the network; links go to the system browser on click."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QFontMetricsF, QImage, QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from archivist.core.types import ArticleDetail, ArticleId
from archivist.gui.reader import MEASURE_CH, ReaderView
from archivist.gui.richtext import for_qt

IMAGE = QTextDocument.ResourceType.ImageResource.value


def _png(width: int = 40, height: int = 20) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


class Images:
    """Stands in for the library's image store, and records what was asked of it."""

    def __init__(self) -> None:
        self.stored = {
            "archivist-image:abc123": (_png(), "image/png"),
            "archivist-image:wide": (_png(3000, 1000), "image/png"),
        }
        self.asked: list[str] = []

    def image(self, ref: str) -> tuple[bytes, str] | None:
        self.asked.append(ref)
        return self.stored.get(ref)


class RecordingReader(ReaderView):
    """The real reader; it only remembers which resources the document asked it for."""

    def __init__(self, images: Images) -> None:
        self.requested: list[str] = []
        super().__init__(images)

    def loadResource(self, type_: int, url: QUrl | str) -> object:  # noqa: N802
        self.requested.append(QUrl(url).toString())
        return super().loadResource(type_, url)


def article(html: str, **kw: object) -> ArticleDetail:
    fields: dict[str, object] = dict(
        id=ArticleId(1), title="A calm article", byline="Ada Writer", published=date(2024, 5, 30),
        site="example.org", url="https://example.org/story", language="en", text="", html=html,
        tags=("birds", "coast"), word_count=10, imported_at=datetime(2024, 6, 1, tzinfo=timezone.utc),
    )
    fields.update(kw)
    return ArticleDetail(**fields)  # type: ignore[arg-type]


@pytest.fixture
def reader(qtbot: QtBot) -> Iterator[RecordingReader]:
    view = RecordingReader(Images())
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    yield view


def test_header_shows_title_byline_date_site_url_and_tags(reader: RecordingReader) -> None:
    reader.show_article(article("<p>Body text here.</p>"))
    text = reader.toPlainText()
    assert text.startswith("A calm article")
    assert "By Ada Writer · 30 May 2024 · example.org" in text
    assert "https://example.org/story" in text
    assert "birds" in text and "coast" in text
    assert "Body text here." in text


def test_metadata_is_escaped_not_interpreted(reader: RecordingReader) -> None:
    reader.show_article(article("<p>x</p>", title="<b>Bold?</b> & more", byline=None, site=None,
                                published=None, url=None, tags=()))
    assert reader.toPlainText().startswith("<b>Bold?</b> & more")


def test_remote_images_are_never_loaded(qtbot: QtBot, reader: RecordingReader) -> None:
    # A live server: if anything in the reader tried the network, it would see a connection.
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    port = server.getsockname()[1]
    try:
        html = (f'<p>Before <img src="http://127.0.0.1:{port}/tracker.png"> '
                '<img src="http://127.0.0.1:9/x.png"> <img src="file:///etc/hostname"> after.</p>')
        reader.show_article(article(html))
        qtbot.wait(300)  # give any (wrongly) started load time to connect
        assert f"http://127.0.0.1:{port}/tracker.png" in reader.requested  # the document did ask...
        with pytest.raises(BlockingIOError):
            server.accept()  # ...and nobody connected
    finally:
        server.close()
    assert reader.loadResource(IMAGE, QUrl("http://127.0.0.1:9/x.png")) is None
    assert reader.loadResource(IMAGE, QUrl("https://example.org/a.png")) is None
    assert reader.loadResource(IMAGE, QUrl("file:///etc/hostname")) is None
    assert reader.loadResource(QTextDocument.ResourceType.StyleSheetResource.value,
                               QUrl("http://127.0.0.1:9/x.css")) is None


def test_library_images_are_served(qtbot: QtBot, reader: RecordingReader) -> None:
    reader.show_article(article('<p><img src="archivist-image:abc123" alt="a figure"></p>'))
    qtbot.waitUntil(lambda: "archivist-image:abc123" in reader.requested)
    image = reader.loadResource(IMAGE, QUrl("archivist-image:abc123"))
    assert isinstance(image, QImage) and image.width() == 40
    assert reader.loadResource(IMAGE, QUrl("archivist-image:missing")) is None


def _anchor_point(reader: ReaderView, href: str) -> QPoint:
    """Viewport position of the link text pointing at `href`."""
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == href:
                cursor = QTextCursor(reader.document())
                cursor.setPosition(frag.position() + 1)
                return reader.cursorRect(cursor).center()
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_clicking_a_web_link_opens_the_system_browser_and_stays_put(
    qtbot: QtBot, reader: RecordingReader
) -> None:
    catcher = UrlCatcher()
    for scheme in ("https", "http", "mailto"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")  # type: ignore[arg-type]
    try:
        reader.show_article(article(
            '<p>Read <a href="https://example.org/more">the source</a> or '
            '<a href="mailto:ed@example.org">write</a>.</p>'
        ))
        QTest.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         _anchor_point(reader, "https://example.org/more"))
        qtbot.waitUntil(lambda: catcher.urls == ["https://example.org/more"])
        QTest.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         _anchor_point(reader, "mailto:ed@example.org"))
        qtbot.wait(50)
        assert catcher.urls == ["https://example.org/more"]  # only web links leave the app
        assert reader.source().isEmpty()  # and the view never navigated
        assert "Read the source" in reader.toPlainText()
    finally:
        for scheme in ("https", "http", "mailto"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_text_is_centred_in_a_readable_measure(qtbot: QtBot, reader: RecordingReader) -> None:
    reader.show_article(article("<p>" + "word " * 400 + "</p>"))
    reader.resize(1400, 700)
    qtbot.waitUntil(lambda: reader.document().rootFrame().frameFormat().leftMargin() > 100)
    fmt = reader.document().rootFrame().frameFormat()
    column = reader.viewport().width() - fmt.leftMargin() - fmt.rightMargin()
    assert abs(fmt.leftMargin() - fmt.rightMargin()) < 1
    zero = QFontMetricsF(reader.document().defaultFont()).horizontalAdvance("0")
    assert column <= zero * MEASURE_CH + 1
    reader.resize(500, 700)
    qtbot.waitUntil(lambda: reader.document().rootFrame().frameFormat().leftMargin() < 40)


def test_empty_states(reader: RecordingReader) -> None:
    reader.show_empty("library")
    assert "Drop articles here" in reader.toPlainText()
    reader.show_empty("no-matches", "<zebra>")
    assert "No articles match “<zebra>”" in reader.toPlainText()
    reader.show_empty("selection")
    assert "Select an article" in reader.toPlainText()
    assert reader.article is None


def _image_formats(reader: ReaderView) -> dict[str, QTextImageFormat]:
    found: dict[str, QTextImageFormat] = {}
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found[fmt.toImageFormat().name()] = fmt.toImageFormat()
            it += 1
        block = block.next()
    return found


def test_images_fit_the_column_and_never_widen_the_page(qtbot: QtBot, reader: RecordingReader) -> None:
    reader.show_article(article(
        '<figure><img src="archivist-image:wide" alt="wide"><figcaption>A caption.</figcaption></figure>'
        '<p><img src="archivist-image:abc123" alt="small"></p>' + "<p>Some text. </p>" * 40
    ))
    qtbot.wait(50)  # let the scroll bar appear and the column settle

    def column() -> float:
        fmt = reader.document().rootFrame().frameFormat()
        return reader.viewport().width() - fmt.leftMargin() - fmt.rightMargin()

    formats = _image_formats(reader)
    wide, small = formats["archivist-image:wide"], formats["archivist-image:abc123"]
    assert 0 < wide.width() <= column()
    assert abs(wide.height() - wide.width() / 3) < 1  # aspect ratio kept
    assert small.width() == 40  # small images keep their own size
    assert reader.horizontalScrollBar().maximum() == 0
    # The caption is its own paragraph below the image, not text on the image's line.
    assert "A caption." in reader.toPlainText().split("\ufffc", 2)[1].split("\n")[1]

    reader.resize(500, 700)  # a narrower window shrinks the image with the column...
    qtbot.waitUntil(lambda: _image_formats(reader)["archivist-image:wide"].width() < wide.width() - 100)
    assert _image_formats(reader)["archivist-image:wide"].width() <= column()
    reader.resize(1600, 700)  # ...and a wider one gives it back its room
    qtbot.waitUntil(lambda: abs(_image_formats(reader)["archivist-image:wide"].width() - wide.width()) < 1)


def test_html5_figures_become_blocks_qt_understands() -> None:
    html = '<figure><img src="archivist-image:a"><FIGCAPTION>Cap</FIGCAPTION></figure>'
    assert for_qt(html) == ('<div class="figure"><img src="archivist-image:a">'
                            '<p class="figcaption">Cap</p></div>')
    assert for_qt("<p>figure it out</p>") == "<p>figure it out</p>"
