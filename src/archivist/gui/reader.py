"""The reader: one article, set for reading, that never touches the network.

A QTextBrowser rather than a web engine: stored articles are sanitised HTML with no scripts, so
Qt's rich-text engine renders them well at a fraction of the size. Two rules make it safe:
`loadResource` serves only `archivist-image:` references out of the library (anything else, a
remote image or a local file, gets nothing), and links never navigate inside the view: a click on
an http(s) link hands it to the system browser, everything else is ignored.
"""

from __future__ import annotations

import html
import logging
from datetime import date
from typing import Any, Literal, Protocol

from PySide6.QtCore import QEvent, QSizeF, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QImage,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from archivist.core.types import ArticleDetail
from archivist.gui.richtext import for_qt
from archivist.gui.themes import ReadingTheme, reader_stylesheet, reading_theme
from archivist.paths import resources_dir

log = logging.getLogger(__name__)

IMAGE_SCHEME = "archivist-image"
#: Serif faces in order of preference; Qt falls back through the list to what is installed.
SERIF_FAMILIES = ["Charter", "Iowan Old Style", "Source Serif 4", "Georgia", "DejaVu Serif", "serif"]
BODY_POINT_SIZE = 12.0
#: The measure: about 70 characters of body text per line, the comfortable range for reading.
MEASURE_CH = 70
MIN_SIDE_MARGIN = 28.0
#: Links with this scheme are the reader's own commands (the empty state's buttons), not pages.
COMMAND_SCHEME = "archivist"
IMPORT_SAMPLE_COMMAND = "import-sample"
#: Where an image's own size is kept on its QTextImageFormat (see ReaderView._fit_images).
_NATURAL_SIZE = QTextFormat.Property.UserProperty + 1
TOP_MARGIN = 28.0


EmptyState = Literal["library", "selection", "no-matches"]


class ImageSource(Protocol):
    def image(self, ref: str) -> tuple[bytes, str] | None: ...


def load_stylesheet(theme: ReadingTheme | None = None, point_size: float = BODY_POINT_SIZE) -> str:
    """reader.css in `theme`'s colours (default Paper); the reader still works (plainer) without it."""
    try:
        template = (resources_dir() / "reader.css").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        log.warning("reader stylesheet unavailable: %s", exc)
        return ""
    return reader_stylesheet(template, theme or reading_theme("paper"), point_size)


class ReaderView(QTextBrowser):
    """Shows one ArticleDetail, or a short explanation of what to do when there is none."""

    #: A command link in the reader was clicked (e.g. IMPORT_SAMPLE_COMMAND on the empty state).
    command_requested = Signal(str)

    def __init__(self, library: ImageSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._article: ArticleDetail | None = None
        self._top_margin = TOP_MARGIN
        self._theme = reading_theme("paper")
        self._measure = MEASURE_CH
        self._empty: tuple[EmptyState, str] = ("selection", "")
        # Coalesces viewport resizes (a scroll bar appearing) into one re-layout per event loop.
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._relayout)
        self.setObjectName("reader")
        self.setAccessibleName("Article reader")
        self.setAccessibleDescription("The selected article, formatted for reading")
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # never navigate in place: the article stays put on any click
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._apply_palette()
        # Drops belong to the window (it imports them); a read-only view has no use for them.
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        font = QFont()
        font.setFamilies(SERIF_FAMILIES)
        font.setPointSizeF(BODY_POINT_SIZE)
        doc = self.document()
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(load_stylesheet())
        doc.setDocumentMargin(0)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.show_empty()

    # -- look: reading theme, typeface, size and measure --------------------------------------
    @property
    def theme(self) -> ReadingTheme:
        return self._theme

    def set_look(self, theme: ReadingTheme, family: str = "", point_size: float = BODY_POINT_SIZE,
                 measure: int = MEASURE_CH) -> None:
        """Re-render what is shown in new colours and type: formats are baked in at setHtml, so
        changing the stylesheet alone would only affect the next article."""
        self._theme = theme
        self._measure = measure
        font = QFont()
        font.setFamilies([family, *SERIF_FAMILIES] if family else SERIF_FAMILIES)
        font.setPointSizeF(point_size)
        doc = self.document()
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(load_stylesheet(theme, point_size))
        self._apply_palette()
        bar = self.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        if self._article is not None:
            self.show_article(self._article)
            self._relayout()
            bar.setValue(round(ratio * bar.maximum()))
        else:
            self.show_empty(*self._empty)

    def highlight_color(self, hex_color: str) -> str:
        """A highlight's colour as painted on the current page (deepened on a dark one)."""
        return self._theme.highlight(hex_color)

    def _apply_palette(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(self._theme.page))
        palette.setColor(QPalette.ColorRole.Text, QColor(self._theme.ink))
        palette.setColor(QPalette.ColorRole.Window, QColor(self._theme.page))
        self.setPalette(palette)

    # -- content ------------------------------------------------------------------------------
    @property
    def article(self) -> ArticleDetail | None:
        return self._article

    def show_article(self, article: ArticleDetail) -> None:
        self._article = article
        self._top_margin = TOP_MARGIN
        self.setHtml(article_html(article))
        self._relayout()
        self.verticalScrollBar().setValue(0)

    def show_empty(self, state: EmptyState = "selection", query: str = "") -> None:
        """Say what to do next: import into an empty library, pick an article, or search again."""
        self._article = None
        self._empty = (state, query)
        if state == "library":
            body = (
                '<h2 class="empty">Drop articles here…</h2>'
                '<p class="empty">Drag text, Markdown or HTML files, or whole folders, onto this '
                "window to add them to your library.</p>"
                '<p class="empty">Or choose <b>File → Import Files…</b> or '
                "<b>File → Import Folder…</b>.</p>"
                '<p class="empty">New here? '
                f'<a href="{COMMAND_SCHEME}:{IMPORT_SAMPLE_COMMAND}">Import the sample article</a>'
                " to try highlighting and notes.</p>"
            )
        elif state == "no-matches":
            body = (
                f'<h2 class="empty">No articles match “{html.escape(query)}”</h2>'
                '<p class="empty">Try fewer or different words, or end a word with * to match '
                "its beginning.</p>"
            )
        else:
            body = '<p class="empty">Select an article in the list to read it here.</p>'
        self._top_margin = TOP_MARGIN * 4
        self.setHtml(body)
        self._apply_margins()

    # -- safety: resources and links ----------------------------------------------------------
    def loadResource(self, type_: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt override)
        """Serve images from the library only; return None for everything else (no network)."""
        url = QUrl(url) if isinstance(url, str) else url
        kind = getattr(type_, "value", type_)
        if url.scheme() != IMAGE_SCHEME or kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        ref = url.toString()
        found = self._library.image(ref) or self._library.image(url.path())
        if found is None:
            return None
        image = QImage.fromData(found[0])
        return None if image.isNull() else image  # full size: _fit_images scales it to the column

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif url.scheme() == COMMAND_SCHEME:
            self.command_requested.emit(url.path())

    # -- layout: a centred column of readable width -------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._relayout()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # The viewport also narrows when the scroll bar appears, without the widget resizing.
        if event.type() == QEvent.Type.Resize:
            self._relayout_timer.start()
        return super().viewportEvent(event)

    @Slot()
    def _relayout(self) -> None:
        self._apply_margins()
        self._fit_images()

    def _text_width(self) -> float:
        ch = QFontMetricsF(self.document().defaultFont()).horizontalAdvance("0")
        return min(ch * self._measure, max(0.0, self.viewport().width() - 2 * MIN_SIDE_MARGIN))

    def _apply_margins(self) -> None:
        """QTextDocument has no max-width, so centre the text by widening the root frame margins."""
        side = max(MIN_SIDE_MARGIN, (self.viewport().width() - self._text_width()) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        wanted = (self._top_margin, TOP_MARGIN * 2, side, side)
        current = (fmt.topMargin(), fmt.bottomMargin(), fmt.leftMargin(), fmt.rightMargin())
        if all(abs(a - b) < 0.5 for a, b in zip(wanted, current, strict=True)):
            return  # resizes that do not change the margins must not re-layout the document
        fmt.setTopMargin(self._top_margin)
        fmt.setBottomMargin(TOP_MARGIN * 2)
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        root.setFrameFormat(fmt)

    def _fit_images(self) -> None:
        """Show images at their own size, or narrower when wider than the column (never wider).

        QTextDocument has no max-width for images either, so their formats get an explicit
        size; the natural size is kept on the format so a wider window can grow them back.
        """
        doc = self.document()
        limit = self._text_width() - 2  # a hair narrower, so rounding never adds a scroll bar
        if limit <= 0:
            return
        images: list[tuple[int, int, QTextImageFormat]] = []
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.charFormat().isImageFormat():
                    images.append((frag.position(), frag.length(), frag.charFormat().toImageFormat()))
                it += 1
            block = block.next()
        cursor = QTextCursor(doc)
        for position, length, fmt in images:
            natural = fmt.property(_NATURAL_SIZE)
            if not isinstance(natural, QSizeF):
                image = doc.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(fmt.name()))
                if not isinstance(image, QImage) or image.isNull():
                    continue
                natural = QSizeF(image.size())
                fmt.setProperty(_NATURAL_SIZE, natural)
            scale = min(1.0, limit / natural.width()) if natural.width() > 0 else 1.0
            width, height = natural.width() * scale, natural.height() * scale
            if abs(fmt.width() - width) < 0.5 and abs(fmt.height() - height) < 0.5:
                continue
            fmt.setWidth(width)
            fmt.setHeight(height)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)


def article_html(a: ArticleDetail) -> str:
    """The article page: a header of metadata (escaped here) followed by the sanitised body."""
    esc = html.escape
    parts = [f'<h1 class="title">{esc(a.title)}</h1>']
    meta = [m for m in (_byline(a.byline), _long_date(a.published), a.site) if m]
    if meta:
        parts.append('<p class="meta">' + " · ".join(esc(m) for m in meta) + "</p>")
    if a.url:
        parts.append(f'<p class="url"><a href="{esc(a.url, quote=True)}">{esc(a.url)}</a></p>')
    if a.tags:
        tags = " ".join(f'<span class="tag">&nbsp;{esc(t)}&nbsp;</span>' for t in a.tags)
        parts.append(f'<p class="tags">{tags}</p>')
    parts.append('<hr class="rule"/>')
    parts.append(f'<div class="body">{for_qt(a.html)}</div>')
    return "\n".join(parts)


def _byline(byline: str | None) -> str | None:
    if not byline or not byline.strip():
        return None
    byline = byline.strip()
    return byline if byline.lower().startswith("by ") else f"By {byline}"


def _long_date(d: date | None) -> str | None:
    return f"{d.day} {d.strftime('%B %Y')}" if d else None
