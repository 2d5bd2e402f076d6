"""Settings and window state: validated, isolated under the config folder, kept across windows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.gui.mainwindow import MainWindow
from archivist.gui.settings import OPTIONS, OPTIONS_BY_KEY, Settings
from archivist.paths import config_dir


def test_every_option_is_declared_once_with_a_default_and_description() -> None:
    keys = [o.key for o in OPTIONS]
    assert len(keys) == len(set(keys))
    assert {"theme", "reader_theme", "reader_font_family", "reader_font_size", "reader_line_width"} <= set(keys)
    for option in OPTIONS:
        assert option.description
        assert option.coerce(option.default) == option.default


def test_settings_live_in_the_config_folder_and_reject_bad_values(tmp_path: Path) -> None:
    settings = Settings()
    assert settings.path.parent == config_dir()
    assert settings.value("theme") == "system"
    settings.set_value("theme", "dark")
    settings.set_value("reader_font_size", 500)
    raw = QSettings(str(settings.path), QSettings.Format.IniFormat)
    raw.setValue("reader_theme", "neon")
    raw.sync()
    again = Settings()
    assert again.value("theme") == "dark"
    assert again.value("reader_font_size") == OPTIONS_BY_KEY["reader_font_size"].maximum
    assert again.value("reader_theme") == "paper"  # unknown choice: the default


def test_changed_is_emitted_only_for_real_changes(qtbot: QtBot) -> None:
    settings = Settings()
    seen: list[str] = []
    settings.changed.connect(seen.append)
    settings.set_value("reader_line_width", 60)
    settings.set_value("reader_line_width", 60)
    assert seen == ["reader_line_width"]


def test_window_layout_and_choices_survive_a_restart(qtbot: QtBot, library: Library) -> None:
    first = MainWindow(library)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 520)
    first.annotations.panel.hide()
    first.settings.set_value("reader_theme", "sepia")
    qtbot.waitUntil(lambda: first.size().width() == 720)
    first.splitter.setSizes([150, 350])
    qtbot.wait(20)
    sizes = first.splitter.sizes()
    assert sizes[0] < sizes[1]
    first.close()
    assert (config_dir() / "state.ini").is_file()
    assert (config_dir() / "settings.ini").is_file()

    second = MainWindow(library)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size().width() == 720 and second.size().height() == 520
    qtbot.waitUntil(lambda: second.splitter.sizes() == sizes)
    assert not second.annotations.panel.isVisible()
    assert second.reader.theme.name == "sepia"
    assert second.appearance.reading_actions["sepia"].isChecked()
    second.close()
