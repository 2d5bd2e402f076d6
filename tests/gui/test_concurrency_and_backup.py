"""The window stays correct while other processes write the library, and backs it up daily."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from archivist.core.library import Library
from archivist.gui.daily_backup import DailyBackups
from archivist.gui.mainwindow import MainWindow
from tests.gui.helpers import drop_paths, write_article

WORDS = "harbour tide gull lantern quay ferry net rope anchor mast sail keel".split()


def _articles(folder: Path, start: int, stop: int) -> list[Path]:
    return [
        write_article(folder, f"a{i:03d}.txt", f"Report number {i} from the harbour",
                      " ".join(WORDS[(i + k) % len(WORDS)] for k in range(40)) + f" Entry {i}.")
        for i in range(start, stop)
    ]


@pytest.mark.slow
def test_two_importing_processes_while_the_window_imports_and_reads(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown_errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown_errors.append(str(a[2] if len(a) > 2 else a)))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown_errors.append(str(a[2] if len(a) > 2 else a)))
    shared = tmp_path / "shared"
    files = _articles(shared, 0, 120)
    left, right = tmp_path / "left", tmp_path / "right"
    left.mkdir()
    right.mkdir()
    for f in files[:80]:
        (left / f.name).write_bytes(f.read_bytes())
    for f in files[40:]:
        (right / f.name).write_bytes(f.read_bytes())
    gui_files = _articles(tmp_path / "gui", 500, 530)

    cmd = [sys.executable, "-m", "archivist", "--library", str(library.directory), "import", "--json"]
    procs = [subprocess.Popen(cmd + [str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for d in (left, right)]
    with qtbot.waitSignal(window.importer.finished, timeout=120_000):
        assert drop_paths(window, gui_files, on=window.reader)
        # Meanwhile the user keeps reading: refresh the list and open articles as they land.
        for _ in range(20):
            window.refresh()
            if window.model.rowCount():
                window.table.selectRow(0)
            qtbot.wait(50)
    outputs = [p.communicate(timeout=180) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        assert b"locked" not in out + err and b"busy" not in out + err
    window.refresh()
    qtbot.waitUntil(lambda: window.model.rowCount() == 150, timeout=10_000)
    assert library.count() == 150
    assert shown_errors == []


def test_daily_backup_runs_off_the_gui_thread_and_keeps_the_library(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    path = write_article(tmp_path / "in", "a.txt", "Lighthouse keepers", "They kept the lamp lit all winter long.")
    with qtbot.waitSignal(window.importer.finished, timeout=15_000):
        assert drop_paths(window, [path], on=window.reader)
    backups = DailyBackups(window, library.directory, keep=3, first_ms=10, every_ms=60_000)
    backups.start()
    folder = library.directory / "backups"
    qtbot.waitUntil(lambda: folder.is_dir() and any(folder.glob("daily-*")), timeout=10_000)
    made = sorted(folder.glob("daily-*"))
    assert len(made) == 1
    qtbot.waitUntil(lambda: "Backed up the library" in window.statusBar().currentMessage(), timeout=5_000)
    con = sqlite3.connect(made[0])
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    backups.stop()
    QApplication.processEvents()


def test_how_many_backups_to_keep_is_a_setting(qtbot: QtBot, library: Library) -> None:
    from archivist.gui.settings import Settings

    Settings().set_value("backups_keep", 3)
    window = MainWindow(library)
    qtbot.addWidget(window)
    assert window.backups.keep == 3
    window.close()
