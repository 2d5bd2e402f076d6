"""The Export dialog: what to export (a dossier or the selected articles), as what, and where.

The dialog only gathers an ExportRequest; the work runs in gui/exporter.py through BackgroundOp.
It checks what it can before closing (a folder that does not exist, a file that would be
replaced without asking), so a mistake is fixed where it was made instead of after a long run.

File names are suggested from titles, which are free text: "Notes / 2024" or "../../x" must not
become a path. `safe_file_name` keeps one plain name component, whatever the title holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from archivist.core.export.output import check_target
from archivist.errors import ArchivistError, UsageError
from archivist.gui.dossiers.models import CountRole, count_label
from archivist.gui.ops import show_error


@dataclass(frozen=True)
class ExportFormat:
    key: str  # as core.export.writers.FORMATS names it
    label: str
    suffix: str
    file_filter: str
    description: str


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("pdf", "PDF", ".pdf", "PDF documents (*.pdf)",
                 "A cover and linked contents, each article with its highlights in their colours "
                 "and numbered notes, then a summary of every highlight."),
    ExportFormat("html", "HTML", ".html", "Web pages (*.html *.htm)",
                 "One self-contained web page: the articles with their highlights in colour, "
                 "numbered notes, and a summary of every highlight."),
    ExportFormat("markdown", "Markdown", ".md", "Markdown files (*.md *.markdown)",
                 "A digest for note-taking tools: each article's details, its highlights as "
                 "quotes with their notes, and a link back to the source."),
    ExportFormat("annotations-json", "Annotations (JSON-LD)", ".json", "Annotation files (*.json *.jsonld)",
                 "Only the highlights and notes, as W3C Web Annotations another library can import."),
)
_BY_KEY = {f.key: f for f in EXPORT_FORMATS}

FALLBACK_NAME = "Archivist export"
MAX_STEM = 120
#: Characters no file system (or shell user) wants in a name: path separators, Windows' reserved
#: ones, controls, and bidirectional overrides (which can show "exe.txt" as "txt.exe").
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_file_name(title: str, suffix: str) -> str:
    """A single, portable file name for `title`: no separators, no leading dots, not too long."""
    text = unicodedata.normalize("NFC", title)
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")  # no hidden files, no ".."; Windows drops trailing dots
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rsplit(" ", 1)[0].rstrip(" .") or text[:MAX_STEM]
    if not text or text.split(".")[0].upper() in _WINDOWS_RESERVED:
        text = f"{text} export".strip() if text else FALLBACK_NAME
    return text + suffix


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for: a dossier by name, or articles by id; a format; a file."""

    path: Path
    fmt: str
    title: str
    dossier: str | None = None
    article_ids: tuple[int, ...] = ()


class ExportDialog(QDialog):
    """Gathers an ExportRequest and hands it to `on_export` when the user presses Export."""

    def __init__(self, parent: QWidget | None, dossiers: QAbstractItemModel, folder: Path,
                 on_export: Callable[[ExportRequest], None], current_dossier: str | None = None,
                 selected_ids: list[int] | None = None, selected_title: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.setAccessibleName("Export")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(560)
        self._folder = folder
        self._on_export = on_export
        self._selected_ids = list(selected_ids or [])
        self._selected_title = selected_title
        self._path_touched = False  # once the user edits the path, suggestions stop replacing it
        self._confirmed: Path | None = None  # chosen in the file dialog, which asked about replacing
        self.confirm_box: QMessageBox | None = None

        self.dossier_radio = QRadioButton("&Dossier:")
        self.dossier_radio.setObjectName("exportDossierRadio")
        self.dossier_combo = QComboBox()
        self.dossier_combo.setObjectName("exportDossierCombo")
        self.dossier_combo.setAccessibleName("Dossier to export")
        self.dossier_combo.setModel(dossiers)
        self.dossier_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dossier_combo.setMinimumContentsLength(24)
        self.selection_radio = QRadioButton(self._selection_text())
        self.selection_radio.setObjectName("exportSelectionRadio")
        self.source_group = QButtonGroup(self)
        self.source_group.addButton(self.dossier_radio)
        self.source_group.addButton(self.selection_radio)
        source = QGridLayout()
        source.setContentsMargins(0, 0, 0, 0)
        self.count_note = QLabel()
        self.count_note.setObjectName("exportCount")
        self.count_note.setStyleSheet("color: palette(placeholder-text);")
        source.addWidget(self.dossier_radio, 0, 0)
        source.addWidget(self.dossier_combo, 0, 1)
        source.addWidget(self.count_note, 0, 2)
        source.addWidget(self.selection_radio, 1, 0, 1, 3)
        source.setColumnStretch(1, 1)
        source.setHorizontalSpacing(10)

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("exportFormatCombo")
        self.format_combo.setAccessibleName("Export format")
        for f in EXPORT_FORMATS:
            self.format_combo.addItem(f.label, f.key)
        self.format_note = QLabel()
        self.format_note.setObjectName("exportFormatNote")
        self.format_note.setWordWrap(True)
        self.format_note.setStyleSheet("color: palette(placeholder-text);")

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName("File to export to")
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton("Choose…")
        self.browse_button.setObjectName("exportBrowse")
        self.browse_button.setAccessibleName("Choose the file to export to")
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(10)
        format_box = QVBoxLayout()
        format_box.setContentsMargins(0, 0, 0, 0)
        format_box.setSpacing(4)
        format_box.addWidget(self.format_combo)
        format_box.addWidget(self.format_note)
        format_label = QLabel("&Format:")
        format_label.setBuddy(self.format_combo)
        path_label = QLabel("&Save to:")
        path_label.setBuddy(self.path_edit)
        form.addRow("Export:", source)
        form.addRow(format_label, format_box)
        form.addRow(path_label, path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")
        self.export_button.setObjectName("exportButton")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

        has_dossiers = dossiers.rowCount() > 0
        self.dossier_radio.setEnabled(has_dossiers)
        self.dossier_combo.setEnabled(has_dossiers)
        self.selection_radio.setEnabled(bool(self._selected_ids))
        if current_dossier is not None:
            row = self.dossier_combo.findText(current_dossier, Qt.MatchFlag.MatchExactly)
            self.dossier_combo.setCurrentIndex(max(row, 0))
        use_dossier = has_dossiers and (current_dossier is not None or not self._selected_ids)
        (self.dossier_radio if use_dossier else self.selection_radio).setChecked(True)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.path_edit.textEdited.connect(self._on_path_edit_text_edited)
        self.format_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.dossier_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.source_group.buttonToggled.connect(self._on_choice_changed)
        self._on_choice_changed()

    # -- what the dialog currently says -------------------------------------------------------
    def export_format(self) -> ExportFormat:
        return _BY_KEY[str(self.format_combo.currentData())]

    def set_format(self, key: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(key))

    def title(self) -> str:
        if self.dossier_radio.isChecked():
            return self.dossier_combo.currentText()
        if len(self._selected_ids) == 1 and self._selected_title:
            return self._selected_title
        return f"{len(self._selected_ids)} articles"

    def path(self) -> Path | None:
        """The file to write, as typed: ~ expanded, relative to the suggested folder, suffixed."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        if not path.suffix:
            path = path.with_name(path.name + self.export_format().suffix)
        return path

    def request(self) -> ExportRequest:
        path = self.path()
        if path is None:
            raise UsageError("Choose a file to export to")
        if self.dossier_radio.isChecked():
            if not self.dossier_combo.currentText():
                raise UsageError("Choose a dossier to export")
            return ExportRequest(path, self.export_format().key, self.title(), dossier=self.dossier_combo.currentText())
        if not self._selected_ids:
            raise UsageError("Select the articles to export in the list first")
        return ExportRequest(path, self.export_format().key, self.title(), article_ids=tuple(self._selected_ids))

    def _selection_text(self) -> str:
        n = len(self._selected_ids)
        if n == 1 and self._selected_title:
            short = self._selected_title if len(self._selected_title) <= 60 else self._selected_title[:59] + "…"
            return f"The selected &article: “{short}”"
        return f"The selected &articles ({n})" if n else "The selected &articles (none selected)"

    # -- exporting ----------------------------------------------------------------------------
    def accept(self) -> None:
        """Check the request, ask before replacing a file typed by hand, then hand it over."""
        try:
            request = self.request()
            check_target(request.path)  # the writers' own check, so the messages are the same
        except ArchivistError as exc:
            show_error(self, exc, title="Export")
            return
        if request.path.exists() and request.path != self._confirmed:
            self._ask_to_replace(request)
            return
        self._hand_over(request)

    def _hand_over(self, request: ExportRequest) -> None:
        super().accept()
        self._on_export(request)

    def _ask_to_replace(self, request: ExportRequest) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Replace File?",
                          f"“{request.path.name}” already exists in {request.path.parent}.", parent=self)
        box.setObjectName("confirmReplace")
        box.setInformativeText("Replacing it overwrites its contents.")
        replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        def on_finished(_result: int) -> None:
            self.confirm_box = None
            if box.clickedButton() is replace:
                self._hand_over(request)

        box.finished.connect(on_finished)
        self.confirm_box = box
        box.open()

    # -- slots --------------------------------------------------------------------------------
    @Slot()
    def _on_choice_changed(self, *_args: object) -> None:
        """Follow the source and format in the suggested name, unless the user typed their own."""
        fmt = self.export_format()
        self.format_note.setText(fmt.description)
        self.dossier_combo.setEnabled(self.dossier_radio.isChecked())
        count = self.dossier_combo.currentData(CountRole)
        self.count_note.setText(count_label(count) if self.dossier_radio.isChecked() and isinstance(count, int) else "")
        if not self._path_touched or not self.path_edit.text().strip():
            self.path_edit.setText(str(self._folder / safe_file_name(self.title(), fmt.suffix)))
            self._path_touched = False
        else:
            current = Path(self.path_edit.text().strip())
            if current.suffix.lower() in {f.suffix for f in EXPORT_FORMATS} | {".htm", ".markdown", ".jsonld"}:
                self.path_edit.setText(str(current.with_suffix(fmt.suffix)))
        self.export_button.setEnabled(self.dossier_radio.isChecked() or bool(self._selected_ids))

    @Slot(str)
    def _on_path_edit_text_edited(self, _text: str) -> None:
        self._path_touched = True
        self._confirmed = None

    @Slot()
    def _on_browse_button_clicked(self) -> None:
        fmt = self.export_format()
        start = self.path() or self._folder / safe_file_name(self.title(), fmt.suffix)
        chosen, _filter = QFileDialog.getSaveFileName(self, "Export As", str(start),
                                                      f"{fmt.file_filter};;All files (*)")
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_name(path.name + fmt.suffix)
        self.path_edit.setText(str(path))
        self._path_touched = True
        # The file dialog asked before replacing; a suffix we added may name another file.
        self._confirmed = path if str(path) == chosen else None
