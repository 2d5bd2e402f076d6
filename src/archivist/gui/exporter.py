"""Exporting from the GUI: the Export dialog, then one BackgroundOp with progress and Cancel.

The export reads everything it needs in one facade call (`export_data`) and writes with the
core's `write_export`, both on the database worker, so a long PDF never freezes the window. The
status bar shows the progress and a Cancel button while it runs, as for imports; afterwards it
says where the file went and offers to open it. A cancelled or failed export leaves no file: the
writers build in a temporary file beside the target and move it into place only when done.

Signals:
  finished(object)  -- an ExportOutcome, once per export, after the status line is set
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QProgressBar, QPushButton

from archivist.core.export.writers import write_export
from archivist.core.library import Library
from archivist.errors import ArchivistError, ExportCancelled
from archivist.gui.dossiers import DossierController
from archivist.gui.export_dialog import ExportDialog, ExportRequest
from archivist.gui.library_view import ArticleTableView
from archivist.gui.ops import BackgroundOp, OpContext, show_error

_FORMAT_NAMES = {"pdf": "PDF", "html": "HTML", "markdown": "Markdown", "annotations-json": "annotations"}


@dataclass(frozen=True)
class ExportOutcome:
    """How one export ended: `path` is set only when a complete file was written."""

    request: ExportRequest
    path: Path | None = None
    articles: int = 0
    cancelled: bool = False
    error: str | None = None

    def message(self) -> str:
        if self.cancelled:
            return "Export cancelled; no file was written"
        if self.error is not None:
            return f"Export failed: {self.error}"
        return f"Exported “{self.request.title}” to {self.path}"


class ExportController(QObject):
    """Runs exports for a main window and owns their menu action and status-bar widgets."""

    finished = Signal(object)

    def __init__(self, library: Library, table: ArticleTableView, dossiers: DossierController,
                 window: QMainWindow) -> None:
        super().__init__(window)
        self._library = library
        self._table = table
        self._dossiers = dossiers
        self._window = window
        self._op: BackgroundOp | None = None
        self._request: ExportRequest | None = None
        self._message = ""
        self.dialog: ExportDialog | None = None
        self.last_path: Path | None = None
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        #: Where the next export is suggested: the folder of the last one, else Documents.
        self.folder = Path(documents) if documents else Path.home()

        self.export_action = QAction("&Export PDF…", self)
        self.export_action.setObjectName("exportAction")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip("Export a dossier or the selected articles as PDF, HTML, "
                                        "Markdown or annotations")
        self.export_action.triggered.connect(self._on_export_action_triggered)
        self.export_selected_action = QAction("&Export Selected…", self)
        self.export_selected_action.setObjectName("exportSelectedAction")
        self.export_selected_action.triggered.connect(self._on_export_selected_action_triggered)
        dossiers.table_menu.addSeparator()
        dossiers.table_menu.addAction(self.export_selected_action)
        dossiers.panel.export_requested.connect(self._on_export_action_triggered)

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setFormat("Export %p%")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelExport")
        self.cancel_button.setAccessibleName("Cancel export")
        self.cancel_button.setToolTip("Stop the export; no file is written")
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.open_action = QAction("Open", self)
        self.open_action.setObjectName("openExportAction")
        self.open_action.triggered.connect(self._on_open_action_triggered)
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("openExport")
        self.open_button.setAccessibleName("Open the exported file")
        self.open_button.clicked.connect(self.open_action.trigger)
        bar = window.statusBar()
        bar.addPermanentWidget(self.open_button)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.messageChanged.connect(self._on_status_bar_message_changed)
        self._show_progress(False)
        self.open_button.setVisible(False)

    # -- API ----------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self._op is not None

    def open_dialog(self, selection_only: bool = False) -> ExportDialog:
        """The Export dialog, preset to the selected dossier (or the selected articles)."""
        ids = [int(i) for i in self._table.selected_ids()]
        title = None
        if len(ids) == 1:
            summary = self._library.summaries(ids).get(ids[0])
            title = summary.title if summary is not None else None
        dossier = None if selection_only and ids else self._dossiers.current_dossier()
        dialog = ExportDialog(self._window, self._dossiers.panel.dossier_model, self.folder, self.export,
                              current_dossier=dossier, selected_ids=ids, selected_title=title)
        self.dialog = dialog
        dialog.destroyed.connect(self._on_dialog_destroyed)
        dialog.open()
        return dialog

    def export(self, request: ExportRequest) -> BackgroundOp | None:
        """Write `request` in the background; None if an export is already running."""
        if self._op is not None:
            self._window.statusBar().showMessage("An export is already running")
            return None
        library = self._library

        def work(ctx: OpContext) -> ExportOutcome:
            ctx.report(0, 0, "")
            doc = library.export_data(list(request.article_ids) or None, request.dossier)
            if ctx.cancelled():
                raise ExportCancelled("Export cancelled; no file was written")
            hashes = (library.text_hashes([int(a.article.id) for a in doc.articles])
                      if request.fmt == "annotations-json" else None)
            write_export(doc, request.path, request.fmt, text_hashes=hashes,
                         progress=lambda done, total: ctx.report(done, total, ""), cancel=ctx.cancelled)
            return ExportOutcome(request, path=request.path, articles=len(doc.articles))

        self.folder = request.path.parent
        self._request = request
        op = BackgroundOp(self._window, work, title="Export", show_errors=False)
        op.progressed.connect(self._on_op_progressed)
        op.succeeded.connect(self._on_op_succeeded)
        op.failed.connect(self._on_op_failed)
        op.finished.connect(self._on_op_finished)
        self._op = op
        self.progress_bar.setRange(0, 0)  # busy until the writer knows its total
        self._show_progress(True)
        self.open_button.setVisible(False)
        self.export_action.setEnabled(False)
        self._set_message(f"Exporting “{request.title}” as {_FORMAT_NAMES.get(request.fmt, request.fmt)}…")
        op.start()
        return op

    def cancel(self) -> None:
        """Stop the running export at its next check; nothing is written."""
        if self._op is not None:
            self._op.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText("Cancelling…")

    # -- internals ----------------------------------------------------------------------------
    def _show_progress(self, visible: bool) -> None:
        self.progress_bar.setVisible(visible)
        self.cancel_button.setVisible(visible)
        self.cancel_button.setEnabled(visible)
        self.cancel_button.setText("Cancel")

    def _set_message(self, text: str) -> None:
        self._message = text
        self._window.statusBar().showMessage(text)

    def _end(self, outcome: ExportOutcome) -> None:
        self._set_message(outcome.message())
        if outcome.path is not None:
            self.last_path = outcome.path
            self.open_button.setToolTip(f"Open {outcome.path}")
            self.open_button.setVisible(True)
        self.finished.emit(outcome)

    @Slot()
    def _on_export_action_triggered(self) -> None:
        self.open_dialog()

    @Slot()
    def _on_export_selected_action_triggered(self) -> None:
        self.open_dialog(selection_only=True)

    @Slot()
    def _on_dialog_destroyed(self) -> None:
        self.dialog = None

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.cancel()

    @Slot(int, int, str)
    def _on_op_progressed(self, done: int, total: int, _message: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)

    @Slot(object)
    def _on_op_succeeded(self, outcome: ExportOutcome) -> None:
        self._end(outcome)

    @Slot(object)
    def _on_op_failed(self, error: ArchivistError) -> None:
        assert self._request is not None
        if isinstance(error, ExportCancelled):
            self._end(ExportOutcome(self._request, cancelled=True))
            return
        show_error(self._window, error, title="Export")
        self._end(ExportOutcome(self._request, error=error.message))

    @Slot()
    def _on_op_finished(self) -> None:
        self._op = None
        self._request = None
        self._show_progress(False)
        self.export_action.setEnabled(True)

    @Slot()
    def _on_open_action_triggered(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))

    @Slot(str)
    def _on_status_bar_message_changed(self, text: str) -> None:
        """The Open button belongs to the "Exported to" line: it goes when another message comes."""
        if text != self._message:
            self.open_button.setVisible(False)
