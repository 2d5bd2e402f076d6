"""Small dialogs: the list of sources an import could not take, and About.

Failures are shown as one line each (the source and its reason) in a read-only table backed by a
tiny model, so a thousand failures cost nothing to show and can be copied out at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archivist import __version__
from archivist.core.types import ImportResult

Index = QModelIndex | QPersistentModelIndex


class FailuresModel(QAbstractTableModel):
    """Failed ImportResults as two columns: where it came from, and why it was refused."""

    HEADERS = ("Source", "Problem")

    def __init__(self, failures: list[ImportResult], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._failures = failures

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._failures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self._failures[index.row()]
        return r.source if index.column() == 0 else (r.error or "Unknown problem")

    def as_text(self) -> str:
        return "\n".join(f"{r.source}: {r.error or 'Unknown problem'}" for r in self._failures)


class ImportFailuresDialog(QDialog):
    """Which sources were not imported and why, with a button to copy the list."""

    def __init__(self, failures: list[ImportResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importFailuresDialog")
        self.setWindowTitle("Some sources were not imported")
        self.setAccessibleName("Import problems")
        self.resize(720, 360)
        self.model = FailuresModel(failures, self)

        n = len(failures)
        label = QLabel(f"{n} source{'s' if n != 1 else ''} could not be imported:")
        self.view = QTableView()
        self.view.setObjectName("failuresView")
        self.view.setAccessibleName("Sources that could not be imported")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 300)
        header.setStretchLastSection(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("Copy List")
        copy.setAccessibleName("Copy the list of problems")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.model.as_text())

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Copy):
            self._on_copy_clicked()
            return
        super().keyPressEvent(event)


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle("About Archivist")
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setText(f"<h3>Archivist {__version__}</h3>")
    box.setInformativeText(
        "Keep the articles you read: import them, read them without the clutter, search them "
        "and annotate them. Everything stays on this computer."
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
