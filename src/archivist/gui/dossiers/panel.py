"""The Dossiers dock: the dossiers above, the selected dossier's introduction and articles below.

The panel lays out the two views and shows what it is told; the controller owns the models'
contents and every library call. A splitter between the halves lets a long reading list have
the room, and the introduction line under the dossier list doubles as the way to write one.

Signals:
  new_requested()            -- the New… button
  export_requested()         -- the Export… button
  introduction_requested()   -- the introduction line was clicked (to add or edit it)
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from archivist.core.types import DossierInfo
from archivist.gui.dossiers.models import DossierArticleModel, DossierListModel, count_label
from archivist.gui.dossiers.views import DossierArticleView, DossierListView

NO_DOSSIERS = ("No dossiers yet.\n\nA dossier is a reading list in the order you choose, "
               "exported as one annotated PDF. Click New… to start one.")
NO_SELECTION = "Select a dossier to see its articles."
EMPTY_DOSSIER = ("This dossier is empty.\n\nDrag articles here from the list, or right-click "
                 "them and choose Add to Dossier.")
INTRO_CHARS = 220
PANEL_WIDTH = 230


class DossierPanel(QDockWidget):
    """The dock on the left of the library list (see the module docstring for its signals)."""

    new_requested = Signal()
    export_requested = Signal()
    introduction_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Dossiers", parent)
        self.setObjectName("dossierPanel")
        self.setAccessibleName("Dossiers")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.dossier_model = DossierListModel(self)
        self.article_model = DossierArticleModel(self)

        self.dossier_view = DossierListView(NO_DOSSIERS)
        self.dossier_view.setModel(self.dossier_model)
        self.new_button = QPushButton("New…")
        self.new_button.setObjectName("newDossierButton")
        self.new_button.setAccessibleName("New dossier")
        self.new_button.setToolTip("Start a new dossier")
        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("exportDossierButton")
        self.export_button.setAccessibleName("Export the dossier")
        self.export_button.setToolTip("Export the selected dossier as an annotated PDF")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 4, 6, 6)
        top_layout.addWidget(self.dossier_view)
        top_layout.addLayout(buttons)

        self.title_label = QLabel()
        self.title_label.setObjectName("dossierTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)  # a long name wraps instead of widening the dock
        self.intro_label = QLabel()
        self.intro_label.setObjectName("dossierIntroduction")
        self.intro_label.setAccessibleName("Introduction")
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.RichText)
        self.intro_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.intro_label.linkActivated.connect(self._on_intro_label_link_activated)
        self.article_view = DossierArticleView(NO_SELECTION)
        self.article_view.setModel(self.article_model)
        self.bottom = bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(6, 6, 6, 4)
        bottom_layout.setSpacing(4)
        bottom_layout.addWidget(self.title_label)
        bottom_layout.addWidget(self.intro_label)
        bottom_layout.addWidget(self.article_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("dossierSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.setWidget(self.splitter)

        self.new_button.clicked.connect(self.new_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.show_dossier(None)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """A sidebar's width: the library list and the reader need the room more."""
        return QSize(PANEL_WIDTH, super().sizeHint().height())

    def show_dossier(self, info: DossierInfo | None) -> None:
        """Show `info`'s heading, introduction and articles (None: nothing selected)."""
        self.article_model.set_dossier(info)
        self.export_button.setEnabled(info is not None)
        for label in (self.title_label, self.intro_label):
            label.setVisible(info is not None)
        # With no dossiers at all, the list's own hint explains them, in the whole height.
        self.bottom.setVisible(self.dossier_model.rowCount() > 0)
        if info is None:
            self.article_view.set_placeholder(NO_SELECTION)
            return
        self.article_view.set_placeholder(EMPTY_DOSSIER)
        self.title_label.setText(info.name)
        self.title_label.setToolTip(info.name)
        self.intro_label.setText(self._introduction_html(info))
        long = len(" ".join(info.introduction.split())) > INTRO_CHARS
        self.intro_label.setToolTip(info.introduction if long else "")

    def _introduction_html(self, info: DossierInfo) -> str:
        """The count (muted), then the introduction, shortened, with a link to edit or add it."""
        muted = _opaque(self.palette(), QPalette.ColorRole.PlaceholderText)
        count = f'<span style="color: {muted}">{count_label(len(info.articles))}</span><br>'
        intro = " ".join(info.introduction.split())
        if not intro:
            return count + '<a href="edit">Add an introduction…</a>'
        short = intro if len(intro) <= INTRO_CHARS else intro[:INTRO_CHARS].rsplit(" ", 1)[0] + "…"
        return count + f'{html.escape(short)} <a href="edit">Edit…</a>'

    @Slot(str)
    def _on_intro_label_link_activated(self, _link: str) -> None:
        self.introduction_requested.emit()


def _opaque(palette: QPalette, role: QPalette.ColorRole) -> str:
    """`role`'s colour as #rrggbb, blended over the window colour: Qt 6's placeholder colour is
    translucent, and rich text would drop the alpha and draw it in full black."""
    fg, bg = palette.color(role), palette.color(QPalette.ColorRole.Window)
    a = fg.alphaF()
    pairs = ((fg.red(), bg.red()), (fg.green(), bg.green()), (fg.blue(), bg.blue()))
    return "#" + "".join(f"{round(f * a + b * (1 - a)):02x}" for f, b in pairs)
