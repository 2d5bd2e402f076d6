"""The main window: the library list and the reader side by side, search on top.

The window wires parts together and owns no logic of its own beyond that: the list is an
ArticleTableModel (ids from the facade), the reader renders one ArticleDetail, imports go through
the ImportController (a BackgroundOp on the database worker), and the whole window accepts drops
of files and folders, so importing never needs a menu.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QWidget,
)

from archivist.core.ingest.web_url import is_web_url
from archivist.core.library import Library
from archivist.core.types import ArticleId
from archivist.errors import ArchivistError
from archivist.gui.annotations import AnnotatedReader, AnnotationController
from archivist.gui.appearance import AppearanceController, standard_or
from archivist.gui.daily_backup import DailyBackups
from archivist.gui.dialogs import show_about
from archivist.gui.dossiers import DossierController
from archivist.gui.drops import FragmentFiles, sources_from_mime
from archivist.gui.exporter import ExportController
from archivist.gui.importer import ImportController, ImportSummary
from archivist.gui.library_view import ArticleTableView
from archivist.gui.models import ArticleTableModel
from archivist.gui.ops import show_error, wait_for_workers
from archivist.gui.reader import IMPORT_SAMPLE_COMMAND
from archivist.gui.settings import Settings, WindowState
from archivist.paths import resources_dir

#: Typing pauses this long before the list filters, so each keystroke does not run a query.
SEARCH_DEBOUNCE_MS = 150
DEFAULT_SIZE = (1200, 800)
IMPORT_FILTER = "Articles (*.txt *.text *.md *.markdown *.html *.htm *.xhtml);;All files (*)"


class MainWindow(QMainWindow):
    """Archivist's one window: list on the left, reader on the right."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("mainWindow")
        self.setWindowTitle("Archivist")
        self.setAccessibleName("Archivist")
        self.resize(*DEFAULT_SIZE)
        self.setAcceptDrops(True)

        self.model = ArticleTableModel(library, self)
        self.table = ArticleTableView(self.model)
        self.reader = AnnotatedReader(library)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([560, 640])
        self.setCentralWidget(self.splitter)

        self.search = self._build_search_field()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search.textChanged.connect(self._on_search_text_changed)

        self.count_label = QLabel()
        self.count_label.setObjectName("articleCount")
        self.count_label.setAccessibleName("Number of articles")
        self.statusBar().addPermanentWidget(self.count_label)
        self.importer = ImportController(library, self)
        self.importer.finished.connect(self._on_importer_finished)
        self._fragments = FragmentFiles()

        # Highlights, notes, their undo stack and re-cleaning (see gui/annotations/controller.py).
        self.annotations = AnnotationController(library, self.reader, self)
        self.annotations.article_requested.connect(self._on_annotations_article_requested)
        self.annotations.article_updated.connect(self._on_annotations_article_updated)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.annotations.panel)

        # Dossiers (left dock, Dossiers menu) and exporting them (gui/dossiers/, gui/exporter.py).
        self.dossiers = DossierController(library, self.table, self)
        self.dossiers.article_activated.connect(self._on_annotations_article_requested)
        self.annotations.article_updated.connect(self.dossiers.article_changed)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dossiers.panel)
        self.resizeDocks([self.dossiers.panel], [self.dossiers.panel.sizeHint().width()], Qt.Orientation.Horizontal)
        self.exporter = ExportController(library, self.table, self.dossiers, self)

        # Settings, window layout and look (themes, reading type, zoom): gui/appearance.py.
        self.settings = Settings(parent=self)
        self.window_state = WindowState()
        self.backups = DailyBackups(self, library.directory, keep=self.settings.value("backups_keep"))
        self.backups.start()
        self.appearance = AppearanceController(self.settings, self.reader, self)
        self.reader.command_requested.connect(self._on_reader_command_requested)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self._update_count()
        self._show_empty_state()
        self.appearance.apply_all()
        self.window_state.restore(self, self.splitter, self.table.horizontalHeader())
        #: Diagnostic runs (screenshots) must not change the layout the user comes back to.
        self.remember_layout = True

    # -- construction -------------------------------------------------------------------------
    def _build_search_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName("searchField")
        field.setPlaceholderText("Search articles")
        field.setAccessibleName("Search articles")
        find = QKeySequence(QKeySequence.StandardKey.Find).toString(QKeySequence.SequenceFormat.NativeText)
        field.setToolTip(f"Search titles and text ({find})")
        field.setClearButtonEnabled(True)
        field.setMinimumWidth(260)
        field.setMaximumWidth(420)
        field.setAcceptDrops(False)
        return field

    def _build_actions(self) -> None:
        self.import_files_action = QAction("Import &Files…", self)
        self.import_files_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_files_action.setStatusTip("Import text, Markdown or HTML files")
        self.import_files_action.triggered.connect(self._on_import_files_triggered)
        self.import_folder_action = QAction("Import F&older…", self)
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.import_folder_action.setStatusTip("Import every article file in a folder and its subfolders")
        self.import_folder_action.triggered.connect(self._on_import_folder_triggered)
        self.import_url_action = QAction("Import &Web Page…", self)
        self.import_url_action.setShortcut(QKeySequence("Ctrl+L"))
        self.import_url_action.setStatusTip("Fetch an article from a web address and import it")
        self.import_url_action.triggered.connect(self._on_import_url_triggered)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(standard_or(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.find_action = QAction("&Find…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._on_find_triggered)
        self.about_action = QAction("&About Archivist", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setAccessibleName("Main toolbar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        bar.addAction(self.import_files_action)
        bar.addAction(self.import_folder_action)
        bar.addAction(self.import_url_action)
        bar.addSeparator()
        bar.addWidget(self.annotations.highlight_actions.make_buttons())
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&File")
        file_menu.addAction(self.import_files_action)
        file_menu.addAction(self.import_folder_action)
        file_menu.addAction(self.import_url_action)
        file_menu.addSeparator()
        file_menu.addAction(self.exporter.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu_bar.addMenu("&Edit")
        edit_menu.addAction(self.annotations.undo_action)
        edit_menu.addAction(self.annotations.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addMenu(self.annotations.highlight_actions.menu)
        edit_menu.addSeparator()
        edit_menu.addAction(self.appearance.preferences_action)
        view_menu = menu_bar.addMenu("&View")
        panel_action = self.annotations.panel.toggleViewAction()
        panel_action.setText("&Highlights and Notes")
        view_menu.addAction(panel_action)
        view_menu.addAction(self.dossiers.show_action)
        self.appearance.add_to_view_menu(view_menu)
        article_menu = menu_bar.addMenu("&Article")
        article_menu.addAction(self.annotations.reclean_action)
        menu_bar.addMenu(self.dossiers.menu)
        help_menu = menu_bar.addMenu("&Help")
        help_menu.addAction(self.appearance.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    # -- importing ----------------------------------------------------------------------------
    def import_paths(self, paths: list[str]) -> None:
        """Import files and folders in the background; the list updates when they are in."""
        self.importer.import_paths(paths)

    def import_sample(self) -> None:
        """Import the bundled sample article: a first run has something to read and mark up."""
        self.import_paths([str(resources_dir() / "samples" / "sample-article.txt")])

    @Slot(str)
    def _on_reader_command_requested(self, command: str) -> None:
        if command == IMPORT_SAMPLE_COMMAND:
            self.import_sample()

    @Slot()
    def _on_import_files_triggered(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import Files", "", IMPORT_FILTER)
        self.import_paths(files)

    @Slot()
    def _on_import_folder_triggered(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import Folder")
        if folder:
            self.import_paths([folder])

    @Slot()
    def _on_import_url_triggered(self) -> None:
        clip = QGuiApplication.clipboard().text().strip()
        url, ok = QInputDialog.getText(
            self, "Import Web Page", "Address of the article (http:// or https://):",
            text=clip if is_web_url(clip) else "",
        )
        url = url.strip()
        if not ok or not url:
            return
        if not is_web_url(url):
            QMessageBox.warning(self, "Import Web Page", f"Not a web address: {url}\n\n"
                                "Enter an address starting with http:// or https://.")
            return
        self.import_paths([url])

    @Slot(object)
    def _on_importer_finished(self, summary: ImportSummary) -> None:
        self._fragments.cleanup()
        target = summary.article_to_show()
        self.refresh(select=target)
        if target is not None and self.model.row_of(target) is None and self.model.query:
            # The new article does not match the current search: show everything so it is seen.
            self._clear_search()
            self._select_article(target)

    # -- drag and drop: the whole window is a drop target -------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if sources_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        if sources_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        dropped = sources_from_mime(event.mimeData())
        if not dropped:
            event.ignore()
            return
        event.acceptProposedAction()
        sources = list(dropped.sources)
        if dropped.html_fragment is not None:
            sources.append(self._fragments.write(dropped.html_fragment))
        self.import_paths(sources)

    # -- list, search and reader --------------------------------------------------------------
    def refresh(self, select: ArticleId | None = None) -> None:
        """Re-read the list, keeping (or moving to) a selected article where possible."""
        keep = select if select is not None else self.current_article_id()
        self.model.refresh()
        self._update_count()
        if keep is not None and self._select_article(keep):
            return
        self._show_empty_state()

    def current_article_id(self) -> ArticleId | None:
        index = self.table.currentIndex()
        return self.model.article_id(index.row()) if index.isValid() else None

    def _select_article(self, article_id: ArticleId) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            return False
        self.table.select_row(row)
        return True

    def _clear_search(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_timer.stop()
        self.model.set_query("")
        self._update_count()

    @Slot()
    def _on_find_triggered(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()  # restarts: the query runs once typing pauses

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        keep = self.current_article_id()
        self.model.set_query(self.search.text())
        self._update_count()
        if keep is None or not self._select_article(keep):
            self._show_empty_state()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.article_id(current.row()) if current.isValid() else None
        if article_id is None:
            self._show_empty_state()
            return
        if self.reader.article is not None and self.reader.article.id == article_id:
            return
        try:
            self.reader.show_article(self.library.get_article(article_id))
        except ArchivistError as exc:
            show_error(self, exc)

    def _show_empty_state(self) -> None:
        if self.table.currentIndex().isValid():
            return
        if self.model.rowCount() == 0 and self.model.query:
            self.reader.show_empty("no-matches", self.model.query)
        elif self.model.rowCount() == 0:
            self.reader.show_empty("library")
        else:
            self.reader.show_empty("selection")

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        if self.model.query:
            total = self.library.count()
            self.count_label.setText(f"{shown} of {total} article{'s' if total != 1 else ''}")
        else:
            self.count_label.setText(f"{shown} article{'s' if shown != 1 else ''}")

    @Slot(int)
    def _on_annotations_article_requested(self, article_id: int) -> None:
        """An undo or redo changed an article not on screen: show it, clearing a search if needed."""
        if not self._select_article(ArticleId(article_id)) and self.model.query:
            self._clear_search()
            self._select_article(ArticleId(article_id))

    @Slot(int)
    def _on_annotations_article_updated(self, _article_id: int) -> None:
        self.refresh()  # a re-clean may have changed the title or date in the list

    @Slot()
    def _on_about_triggered(self) -> None:
        show_about(self)

    # -- shutdown -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Stop a running import and let the worker finish its file, so the library closes clean."""
        self.backups.stop()
        if self.importer.is_running():
            self.importer.cancel()
        self.exporter.cancel()  # a PDF half laid out is not worth waiting for
        wait_for_workers()
        if self.remember_layout:
            self.window_state.save(self, self.splitter, self.table.horizontalHeader())
        super().closeEvent(event)

