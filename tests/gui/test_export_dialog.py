"""File → Export PDF…: the dialog, the background export with progress and Cancel, its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from archivist.core.export.writers import FORMATS
from archivist.core.library import Library
from archivist.core.types import ArticleId
from archivist.errors import ArchivistError
from archivist.gui.export_dialog import EXPORT_FORMATS, ExportDialog, safe_file_name
from archivist.gui.exporter import ExportOutcome
from archivist.gui.mainwindow import MainWindow
from archivist.gui.models import TITLE
from tests.gui.dossier_helpers import add_articles

TITLES = ["Otters return", "Salmon leap", "Beavers rebuild"]


@pytest.fixture
def dossier(window: MainWindow, library: Library, tmp_path: Path) -> list[ArticleId]:
    ids = add_articles(library, TITLES, paragraphs=6)
    library.create_dossier("Rivers", "Three rivers recovering.")
    library.add_to_dossier("Rivers", ids)
    library.highlight_quote(ids[0], "Sentence 0 about rivers", color="yellow", note="Key claim")
    window.refresh()
    window.dossiers.reload(select="Rivers")
    window.exporter.folder = tmp_path
    return ids


def _error_boxes() -> list[QMessageBox]:
    return [b for b in QApplication.topLevelWidgets()
            if isinstance(b, QMessageBox) and b.objectName() == "errorBox" and b.isVisible()]


def _open_dialog(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    window.exporter.export_action.trigger()  # File → Export PDF…
    dialog = window.exporter.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _set_path(qtbot: QtBot, dialog: ExportDialog, path: Path) -> None:
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(path))


def _export(qtbot: QtBot, window: MainWindow, dialog: ExportDialog, timeout: int = 30_000) -> ExportOutcome:
    with qtbot.waitSignal(window.exporter.finished, timeout=timeout) as blocker:
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert isinstance(outcome, ExportOutcome)
    return outcome


def test_the_formats_are_the_writers_formats() -> None:
    assert tuple(f.key for f in EXPORT_FORMATS) == FORMATS


@pytest.mark.parametrize("title", ["Notes / 2024", "..", "../../etc/passwd", ".hidden", "a\\b:c*d?e\"f<g>h|i",
                                   "", "   ", "CON", "x" * 300, "Tab\tand\nnewline", "Ünïcödé — ok",
                                   "invoice\u202etxt.exe", "\u2066isolated\u2069"])
def test_suggested_names_stay_one_safe_file(title: str, tmp_path: Path) -> None:
    name = safe_file_name(title, ".pdf")
    assert name.endswith(".pdf") and len(name) <= 130
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert not any(ch in name for ch in ':*?"<>|\t\n\u202e\u2066\u2069')
    assert Path(name).name == name and name.split(".")[0].upper() != "CON"
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_the_dialog_suggests_a_safe_name_from_the_dossier_title(
    qtbot: QtBot, window: MainWindow, library: Library, dossier: list[ArticleId], tmp_path: Path
) -> None:
    library.rename_dossier("Rivers", "../Rivers / 2024")
    window.dossiers.reload(select="../Rivers / 2024")
    dialog = _open_dialog(qtbot, window)
    assert dialog.dossier_radio.isChecked() and dialog.dossier_combo.currentText() == "../Rivers / 2024"
    assert Path(dialog.path_edit.text()) == tmp_path / "Rivers 2024.pdf"
    dialog.set_format("markdown")
    assert Path(dialog.path_edit.text()) == tmp_path / "Rivers 2024.md"
    dialog.reject()


def test_choose_uses_a_save_dialog_with_the_formats_filter(
    qtbot: QtBot, window: MainWindow, dossier: list[ArticleId], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def fake_save(_parent: object, _caption: str, start: str, file_filter: str) -> tuple[str, str]:
        asked.append((start, file_filter))
        return str(tmp_path / "chosen"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    dialog = _open_dialog(qtbot, window)
    dialog.set_format("html")
    QTest.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert asked == [(str(tmp_path / "Rivers.html"), "Web pages (*.html *.htm);;All files (*)")]
    assert Path(dialog.path_edit.text()) == tmp_path / "chosen.html"
    dialog.reject()


def test_exporting_a_dossier_to_pdf(
    qtbot: QtBot, window: MainWindow, dossier: list[ArticleId], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    out = tmp_path / "rivers.pdf"
    dialog = _open_dialog(qtbot, window)
    _set_path(qtbot, dialog, out)
    progress: list[tuple[int, int]] = []
    window.exporter.progress_bar.valueChanged.connect(
        lambda v: progress.append((v, window.exporter.progress_bar.maximum())))
    outcome = _export(qtbot, window, dialog)

    assert outcome.path == out and outcome.articles == 3 and not outcome.cancelled
    reader = PdfReader(str(out))
    assert len(reader.pages) > 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Rivers" in text and "Otters return" in text
    assert progress and progress[-1][0] == progress[-1][1] > 0
    assert window.statusBar().currentMessage() == f"Exported “Rivers” to {out}"
    assert not window.exporter.progress_bar.isVisible() and not window.exporter.cancel_button.isVisible()
    assert window.exporter.open_button.isVisible()
    QTest.mouseClick(window.exporter.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(out))]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("fmt", ["html", "markdown", "annotations-json"])
def test_exporting_the_selected_articles_in_other_formats(
    qtbot: QtBot, window: MainWindow, dossier: list[ArticleId], tmp_path: Path, fmt: str
) -> None:
    selection = window.table.selectionModel()
    for aid in dossier[:2]:
        selection.select(window.model.index(window.model.row_of(aid) or 0, TITLE),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    dialog = _open_dialog(qtbot, window)
    assert dialog.selection_radio.isEnabled() and "(2)" in dialog.selection_radio.text()
    radio = dialog.selection_radio
    QTest.mouseClick(radio, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, radio.height() // 2))
    assert radio.isChecked() and not dialog.dossier_combo.isEnabled()
    dialog.set_format(fmt)
    suffix = {"html": ".html", "markdown": ".md", "annotations-json": ".json"}[fmt]
    assert Path(dialog.path_edit.text()) == tmp_path / f"2 articles{suffix}"
    outcome = _export(qtbot, window, dialog)

    assert outcome.path == tmp_path / f"2 articles{suffix}" and outcome.articles == 2
    written = outcome.path.read_text(encoding="utf-8")
    if fmt == "annotations-json":
        assert "Key claim" in json.dumps(json.loads(written), ensure_ascii=False)
    else:
        assert "Otters return" in written and "Salmon leap" in written and "Beavers rebuild" not in written


def test_cancel_right_after_start_leaves_no_file(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    ids = add_articles(library, [f"Generated article {i}" for i in range(40)], paragraphs=12)
    library.create_dossier("Forty", "A long one.")
    library.add_to_dossier("Forty", ids)
    window.dossiers.reload(select="Forty")
    folder = tmp_path / "out"
    folder.mkdir()
    window.exporter.folder = folder
    QTest.mouseClick(window.dossiers.panel.export_button, Qt.MouseButton.LeftButton)  # the panel's Export…
    dialog = window.exporter.dialog
    assert dialog is not None and dialog.dossier_combo.currentText() == "Forty"
    assert dialog.count_note.text() == "40 articles"
    assert Path(dialog.path_edit.text()) == folder / "Forty.pdf"

    with qtbot.waitSignal(window.exporter.finished, timeout=30_000) as blocker:
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert window.exporter.is_running() and window.exporter.cancel_button.isVisible()
        assert not window.exporter.export_action.isEnabled()
        QTest.mouseClick(window.exporter.cancel_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]

    assert outcome.cancelled and outcome.path is None
    assert window.statusBar().currentMessage().startswith("Export cancelled")
    assert list(folder.iterdir()) == []  # neither the PDF nor its temporary file
    assert not _error_boxes() and not window.exporter.open_button.isVisible()
    assert window.exporter.export_action.isEnabled() and not window.exporter.progress_bar.isVisible()


def test_a_folder_that_does_not_exist_is_explained_and_the_dialog_stays(
    qtbot: QtBot, window: MainWindow, dossier: list[ArticleId], tmp_path: Path
) -> None:
    dialog = _open_dialog(qtbot, window)
    _set_path(qtbot, dialog, tmp_path / "missing" / "rivers.pdf")
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(_error_boxes()))
    [box] = _error_boxes()
    assert "does not exist" in box.text() and str(tmp_path / "missing") in box.text()
    assert dialog.isVisible() and not window.exporter.is_running()
    box.close()
    dialog.reject()
    assert not (tmp_path / "missing").exists()


def test_a_failing_export_shows_the_error_once(
    qtbot: QtBot, window: MainWindow, dossier: list[ArticleId], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ArchivistError("Could not write rivers.pdf: No space left on device", detail="OSError(28)")

    monkeypatch.setattr("archivist.gui.exporter.write_export", broken)
    dialog = _open_dialog(qtbot, window)
    _set_path(qtbot, dialog, tmp_path / "rivers.pdf")
    outcome = _export(qtbot, window, dialog)
    assert outcome.error == "Could not write rivers.pdf: No space left on device"
    [box] = _error_boxes()
    assert box.text() == outcome.error and box.detailedText() == "OSError(28)"
    assert window.statusBar().currentMessage() == f"Export failed: {outcome.error}"
    box.close()


def test_a_typed_name_of_an_existing_file_asks_before_replacing(
    qtbot: QtBot, window: MainWindow, dossier: list[ArticleId], tmp_path: Path
) -> None:
    out = tmp_path / "rivers.pdf"
    out.write_bytes(b"keep me")
    dialog = _open_dialog(qtbot, window)
    _set_path(qtbot, dialog, out)
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None and box.isVisible() and "already exists" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert out.read_bytes() == b"keep me" and dialog.isVisible() and not window.exporter.is_running()

    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None
    [replace] = [b for b in box.buttons() if b.text() == "Replace"]
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        replace.click()
    assert out.read_bytes().startswith(b"%PDF")


def test_export_dialog_screenshot(qtbot: QtBot, window: MainWindow, dossier: list[ArticleId], tmp_path: Path) -> None:
    dialog = _open_dialog(qtbot, window)
    assert dialog.format_note.text().startswith("A cover and linked contents")
    shot = tmp_path / "export-dialog.png"
    assert dialog.grab().save(str(shot))
    assert shot.stat().st_size > 5_000
    dialog.reject()
