"""Edit → Preferences…: the reader's typeface, size and measure, and both themes.

Each control writes its option as soon as it changes, and the window applies it at once: the
user sees the article change while choosing, so there is no Apply/Cancel to reason about. The
labels and tooltips come from the settings registry (settings.OPTIONS), not from here.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from archivist.gui.settings import OPTIONS_BY_KEY, Settings
from archivist.gui.themes import APP_THEMES, READING_THEMES

DEFAULT_READER_FAMILY = "Charter"


class PreferencesDialog(QDialog):
    """A small live-editing form over the reader and theme options."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")

        self.theme_combo = self._choice_combo("theme", APP_THEMES, "themeCombo")
        self.reader_theme_combo = self._choice_combo(
            "reader_theme", {k: t.label for k, t in READING_THEMES.items()}, "readerThemeCombo")

        self.font_combo = QFontComboBox()
        self.font_combo.setObjectName("readerFontCombo")
        self.font_combo.setAccessibleName("Reading typeface")
        self.font_combo.setToolTip(OPTIONS_BY_KEY["reader_font_family"].description)
        family = settings.value("reader_font_family") or DEFAULT_READER_FAMILY
        self.font_combo.setCurrentFont(QFont(family))

        size_option = OPTIONS_BY_KEY["reader_font_size"]
        self.size_spin = QDoubleSpinBox()
        self.size_spin.setObjectName("readerFontSize")
        self.size_spin.setAccessibleName("Reading text size in points")
        self.size_spin.setToolTip(size_option.description)
        self.size_spin.setDecimals(1)
        self.size_spin.setSingleStep(0.5)
        self.size_spin.setSuffix(" pt")
        self.size_spin.setRange(float(size_option.minimum or 1), float(size_option.maximum or 99))
        self.size_spin.setValue(float(settings.value("reader_font_size")))

        width_option = OPTIONS_BY_KEY["reader_line_width"]
        self.width_spin = QSpinBox()
        self.width_spin.setObjectName("readerLineWidth")
        self.width_spin.setAccessibleName("Line width in characters")
        self.width_spin.setToolTip(width_option.description)
        self.width_spin.setSuffix(" characters")
        self.width_spin.setRange(int(width_option.minimum or 1), int(width_option.maximum or 999))
        self.width_spin.setValue(int(settings.value("reader_line_width")))

        form = QFormLayout()
        form.addRow("&Window theme:", self.theme_combo)
        form.addRow("&Reading theme:", self.reader_theme_combo)
        form.addRow("&Typeface:", self.font_combo)
        form.addRow("Text &size:", self.size_spin)
        form.addRow("&Line width:", self.width_spin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.setObjectName("preferencesButtons")
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setAccessibleName("Restore default preferences")
        restore.clicked.connect(self._on_restore_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.font_combo.currentFontChanged.connect(self._on_font_combo_current_font_changed)
        self.size_spin.valueChanged.connect(self._on_size_spin_value_changed)
        self.width_spin.valueChanged.connect(self._on_width_spin_value_changed)
        settings.changed.connect(self._on_settings_changed)

    def _choice_combo(self, key: str, labels: dict[str, str], name: str) -> QComboBox:
        option = OPTIONS_BY_KEY[key]
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(option.description.split(":")[0].rstrip("."))
        combo.setToolTip(option.description)
        for value in option.choices:
            combo.addItem(labels.get(value, value).replace("&", ""), value)
        combo.setCurrentIndex(max(0, combo.findData(self.settings.value(key))))
        combo.currentIndexChanged.connect(lambda _i, k=key, c=combo: self.settings.set_value(k, c.currentData()))
        return combo

    @Slot(QFont)
    def _on_font_combo_current_font_changed(self, font: QFont) -> None:
        self.settings.set_value("reader_font_family", font.family())

    @Slot(float)
    def _on_size_spin_value_changed(self, value: float) -> None:
        self.settings.set_value("reader_font_size", value)

    @Slot(int)
    def _on_width_spin_value_changed(self, value: int) -> None:
        self.settings.set_value("reader_line_width", value)

    @Slot()
    def _on_restore_clicked(self) -> None:
        for key in ("theme", "reader_theme", "reader_font_family", "reader_font_size", "reader_line_width"):
            self.settings.reset(key)

    @Slot(str)
    def _on_settings_changed(self, key: str) -> None:
        """Keep the form true when a setting changes elsewhere (View menu, zoom keys, Restore)."""
        value = self.settings.value(key)
        if key == "theme":
            self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(value)))
        elif key == "reader_theme":
            self.reader_theme_combo.setCurrentIndex(max(0, self.reader_theme_combo.findData(value)))
        elif key == "reader_font_size":
            self.size_spin.setValue(float(value))
        elif key == "reader_line_width":
            self.width_spin.setValue(int(value))
        elif key == "reader_font_family":
            self.font_combo.blockSignals(True)  # "" (the default) must not be written back as a name
            self.font_combo.setCurrentFont(QFont(value or DEFAULT_READER_FAMILY))
            self.font_combo.blockSignals(False)
