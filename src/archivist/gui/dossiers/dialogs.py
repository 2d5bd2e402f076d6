"""Dossier dialogs: name and introduction (new or edit), and the question before deleting.

Both open window-modal with `open()`, not `exec()`, as the app's other boxes do: the event loop
keeps running (background work goes on, tests can fill them in) and the answer arrives through
a callback. A save that the library refuses (a name already taken) keeps the dialog open with
the text as typed, so nothing the user wrote is lost to an error.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from archivist.gui.dossiers.models import count_label

#: The facade refuses longer names; stopping the typing there is kinder than an error later.
MAX_NAME = 200
#: Returns True when the library took the change (the dialog then closes).
SaveFn = Callable[[str, str], bool]


class DossierDialog(QDialog):
    """A dossier's name and the introduction that opens its exported PDF."""

    def __init__(self, parent: QWidget | None, title: str, on_save: SaveFn, name: str = "",
                 introduction: str = "", save_text: str = "Create") -> None:
        super().__init__(parent)
        self.setObjectName("dossierDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(500, 360)
        self._on_save = on_save

        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("dossierName")
        self.name_edit.setAccessibleName("Dossier name")
        self.name_edit.setPlaceholderText("e.g. Rivers coming back to life")
        self.name_edit.setMaxLength(MAX_NAME)
        self.intro_edit = QPlainTextEdit(introduction)
        self.intro_edit.setObjectName("dossierIntroduction")
        self.intro_edit.setAccessibleName("Introduction")
        self.intro_edit.setPlaceholderText("Why these articles belong together (optional)")
        self.intro_edit.setTabChangesFocus(True)
        hint = QLabel("The introduction opens the exported dossier, after its cover.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Introduction:", self.intro_edit)
        form.addRow("", hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        self.save_button.setToolTip(f"{save_text} (Ctrl+Return)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._on_save_shortcut_activated)
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        self._on_name_edit_text_changed(name)
        self.name_edit.selectAll()
        self.name_edit.setFocus()

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def introduction(self) -> str:
        return self.intro_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.name():
            return
        if self._on_save(self.name(), self.introduction()):
            super().accept()

    @Slot(str)
    def _on_name_edit_text_changed(self, _text: str) -> None:
        self.save_button.setEnabled(bool(self.name()))

    @Slot()
    def _on_save_shortcut_activated(self) -> None:
        self.accept()


def confirm_delete(parent: QWidget, name: str, article_count: int, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask before deleting a dossier; says plainly that its articles stay in the library."""
    box = QMessageBox(parent)
    box.setObjectName("confirmDeleteDossier")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete Dossier")
    box.setText(f"Delete the dossier “{name}”?")
    kept = f"Its {count_label(article_count)} stay" if article_count else "Your articles stay"
    box.setInformativeText(f"{kept} in your library, with their highlights and notes; only the "
                           "dossier, its order and its introduction are removed.")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def on_finished(_result: int) -> None:
        if box.clickedButton() is delete:
            on_yes()

    box.finished.connect(on_finished)
    box.open()
    return box
