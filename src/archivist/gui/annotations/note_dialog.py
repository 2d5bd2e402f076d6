"""The note editor: a small dialog with a plain-text field, for highlight and article notes.

Opened window-modal with `open()` (not `exec()`), as the app's other boxes are, so the event loop
keeps running and the caller gets the text through a callback when the user saves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

QUOTE_PREVIEW_CHARS = 240


class NoteDialog(QDialog):
    """Edit one note. `allow_empty`: saving an empty highlight note removes it; an article note
    must say something (Save stays disabled until it does)."""

    def __init__(self, parent: QWidget | None, title: str, text: str = "", quote: str | None = None,
                 allow_empty: bool = False, on_save: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(460, 300)
        self._allow_empty = allow_empty
        self._on_save = on_save
        layout = QVBoxLayout(self)
        if quote:
            short = " ".join(quote.split())
            if len(short) > QUOTE_PREVIEW_CHARS:
                short = short[:QUOTE_PREVIEW_CHARS].rstrip() + "…"
            label = QLabel(f"“{short}”")
            label.setObjectName("noteQuote")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
            layout.addWidget(label)
        self.editor = QPlainTextEdit(text)
        self.editor.setObjectName("noteEditor")
        self.editor.setAccessibleName("Note text")
        self.editor.setPlaceholderText("Write a note…" + ("  (leave empty to remove it)" if allow_empty else ""))
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save the note (Ctrl+Return)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_shortcut.activated.connect(self._on_save_shortcut_activated)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self._on_editor_text_changed()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.editor.setFocus()

    def text(self) -> str:
        """The note as typed, without trailing blank lines or spaces."""
        return self.editor.toPlainText().rstrip()

    def accept(self) -> None:
        text = self.text() if self.text().strip() else ""
        if not self._allow_empty and not text:
            return
        super().accept()
        if self._on_save is not None:
            self._on_save(text)

    @Slot()
    def _on_editor_text_changed(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(self._allow_empty or bool(self.text().strip()))

    @Slot()
    def _on_save_shortcut_activated(self) -> None:
        self.accept()
