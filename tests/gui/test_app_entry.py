"""The app's entry: `archivist FILE...`, one instance per library, crash reports, log files,
`--smoke-test`, `--screenshot` and the start-up probe.

In-process tests drive run_gui and the pieces around it; the ones that are about processes (a
second launch handing its files to the first, a hard crash landing in crash.log, the diagnostic
modes) run the app as a subprocess, as a user or a desktop would.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QFileOpenEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from archivist import app as app_module
from archivist import logs
from archivist.cli import build_parser
from archivist.core.library import Library
from archivist.gui.application import ICON_SIZES, make_application, open_in_window, run_gui
from archivist.gui.crash import CrashHandler
from archivist.gui.mainwindow import MainWindow
from archivist.gui.probes import PROBE_ENV, PROBE_MARKER
from archivist.gui.single_instance import FileOpenEvents, SingleInstance, server_name
from archivist.gui.smoke import SUCCESS_PREFIX, run_smoke_test, sample_article
from tests.gui.helpers import when as _when, write_article

REPO = Path(__file__).resolve().parents[2]




def _shown_window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def _app_env(tmp_path: Path) -> dict[str, str]:
    """The environment for the app as a subprocess: headless, its folders inside the test's."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(REPO / "src")
    env.pop(PROBE_ENV, None)
    return env


def _archivist(*args: str) -> list[str]:
    return [sys.executable, "-m", "archivist", *args]


# -- archivist FILE...: which words are files to open ----------------------------------------------
class TestOpenTargets:
    def split(self, argv: list[str]) -> tuple[list[str], list[str]]:
        return app_module.split_open_targets(build_parser(), argv)

    def test_commands_and_plain_options_are_left_alone(self, tmp_path: Path) -> None:
        article = write_article(tmp_path, "a.txt", "A", "Body text.")
        for argv in (["list"], ["import", str(article)], ["--library", str(tmp_path), "list"], [],
                     ["--smoke-test"], ["--library", str(tmp_path)]):
            assert self.split(argv) == (argv, []), argv

    def test_existing_files_folders_and_urls_become_targets(self, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
        a = write_article(tmp_path, "a.txt", "A", "Body.")
        b = write_article(tmp_path / "folder", "b.md", "B", "Body.")
        monkeypatch.chdir(tmp_path)
        kept, targets = self.split(["--library", "lib", "a.txt", "folder", "https://example.org/x",
                                    "--no-crash-dialog", f"file://{b}"])
        assert kept == ["--library", "lib", "--no-crash-dialog"]
        assert targets == [str(a), str(tmp_path / "folder"), "https://example.org/x", str(b)]

    def test_option_values_are_not_mistaken_for_files(self, tmp_path: Path) -> None:
        """`--library DIR` names an existing folder, which is not something to import."""
        article = write_article(tmp_path, "a.txt", "A", "Body.")
        for argv in (["--library", str(tmp_path), str(article)], ["--lib", str(tmp_path), str(article)],
                     [f"--library={tmp_path}", str(article)]):
            kept, targets = self.split(argv)
            assert targets == [str(article)], argv
            assert kept == argv[:-1]

    def test_a_missing_file_or_a_command_named_like_a_file_is_not_a_target(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        (tmp_path / "list").write_text("a file named like a command", encoding="utf-8")
        assert self.split(["list"]) == (["list"], [])
        assert self.split(["missing.html"]) == (["missing.html"], [])

    def test_after_double_dash_everything_is_a_target(self, tmp_path: Path) -> None:
        dashed = write_article(tmp_path, "-odd.txt", "Odd", "Body.")
        assert self.split(["--", str(dashed)]) == ([], [str(dashed)])

    def test_main_routes_files_to_the_gui(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        article = write_article(tmp_path, "a.html", "A", "Body.")
        seen: list[argparse.Namespace] = []
        monkeypatch.setattr(app_module, "_start_gui", lambda args: seen.append(args) or 0)
        assert app_module.main(["--library", str(tmp_path / "lib"), str(article)]) == 0
        assert seen[0].files == [str(article)]
        assert seen[0].library == str(tmp_path / "lib")
        assert seen[0].command is None

    def test_an_unknown_word_is_still_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as exc:
            app_module.main(["no-such-file-or-command"])
        assert exc.value.code == 2
        assert "invalid choice" in capsys.readouterr().err


# -- the window and the files it is given -------------------------------------------------------------
def test_run_gui_imports_the_files_it_was_started_with(qtbot: QtBot, tmp_path: Path) -> None:
    first = write_article(tmp_path / "in", "first.txt", "The First Article", "Some words to keep.")
    second = write_article(tmp_path / "in", "second.txt", "The Second Article", "Other words to keep.")
    seen: dict[str, object] = {}

    def close(window: MainWindow) -> None:
        seen["count"] = window.model.rowCount()
        seen["icon"] = not window.windowIcon().isNull()
        window.close()

    timer = _when(lambda: (w := _shown_window()) and w.model.rowCount() == 2 and w, close)
    code = run_gui(argparse.Namespace(library=str(tmp_path / "lib"), files=[str(first), str(second)]))
    timer.stop()
    assert code == 0
    assert seen == {"count": 2, "icon": True}


def test_the_application_has_the_icon_at_every_size(qtbot: QtBot) -> None:
    icon = make_application().windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)
    assert icon.pixmap(QSize(32, 32)).width() == 32


def test_open_in_window_brings_the_window_forward_and_imports(qtbot: QtBot, library: Library,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The import itself is the window's (test_run_gui_imports_the_files_it_was_started_with and
    test_two_processes_share_one_window run it end to end); this is the hand-over to it."""
    window = MainWindow(library)
    qtbot.addWidget(window)
    asked: list[list[str]] = []
    monkeypatch.setattr(window, "import_paths", asked.append)
    window.showMinimized()
    open_in_window(window, ["/somewhere/later.txt", "https://example.org/a"])
    assert not window.isMinimized()
    assert asked == [["/somewhere/later.txt", "https://example.org/a"]]
    open_in_window(window, [])  # only "come to the front": nothing to import
    assert asked == [["/somewhere/later.txt", "https://example.org/a"]]


def test_a_system_file_open_event_becomes_paths(qtbot: QtBot, tmp_path: Path) -> None:
    """macOS's "Open With" arrives as a QFileOpenEvent, not as arguments."""
    app = make_application()
    opener = FileOpenEvents()
    app.installEventFilter(opener)
    try:
        with qtbot.waitSignal(opener.paths_received, timeout=2000) as blocker:
            QCoreApplication.postEvent(app, QFileOpenEvent(str(tmp_path / "a.html")))
        assert blocker.args == [[str(tmp_path / "a.html")]]
    finally:
        app.removeEventFilter(opener)


# -- one instance per library -------------------------------------------------------------------
def test_server_names_differ_by_library_and_user_and_stay_short(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert server_name(a, "ann") == server_name(a, "ann")
    assert len({server_name(a, "ann"), server_name(b, "ann"), server_name(a, "bob")}) == 3
    assert len(server_name(a, "ann")) < 40  # a Unix socket path has room for about 100 bytes


@pytest.fixture
def instance(qtbot: QtBot, tmp_path: Path) -> Iterator[SingleInstance]:
    first = SingleInstance(server_name(tmp_path / "lib", f"test-{os.getpid()}"))
    assert first.start([]) is True
    assert first.listening
    yield first
    first.close()


def _second_launch(name: str, paths: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    """A second launch's hand-over, as its own process (not a thread: the blocking socket calls
    hold the GIL, which would stall the first instance's event loop in this process)."""
    code = ("import sys; from archivist.gui.single_instance import SingleInstance; "
            f"sys.exit(0 if SingleInstance({name!r}).hand_over({paths!r}) else 3)")
    return subprocess.Popen([sys.executable, "-c", code], env=_app_env(tmp_path), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_second_launch_hands_its_paths_to_the_first(qtbot: QtBot, instance: SingleInstance,
                                                      tmp_path: Path) -> None:
    with qtbot.waitSignal(instance.paths_received, timeout=30_000) as blocker:
        second = _second_launch(instance.name, ["/tmp/a.html", "https://example.org/b"], tmp_path)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)  # it waits for our "ok"
    assert blocker.args == [["/tmp/a.html", "https://example.org/b"]]
    assert second.returncode == 0, second.communicate()[1]


def test_a_second_launch_without_files_only_asks_for_the_window(qtbot: QtBot, instance: SingleInstance,
                                                                tmp_path: Path) -> None:
    with qtbot.waitSignal(instance.paths_received, timeout=30_000) as blocker:
        second = _second_launch(instance.name, [], tmp_path)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)
    assert blocker.args == [[]]
    assert second.returncode == 0, second.communicate()[1]


def test_with_nobody_listening_the_launch_becomes_the_instance(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "nobody", f"test-{os.getpid()}")
    assert SingleInstance(name).hand_over(["x"], timeout_ms=500) is False
    alone = SingleInstance(name)
    try:
        assert alone.start(["x"]) is True and alone.listening
    finally:
        alone.close()


def test_garbage_on_the_socket_is_refused(qtbot: QtBot, instance: SingleInstance) -> None:
    from PySide6.QtNetwork import QLocalSocket

    received: list[list[str]] = []
    instance.paths_received.connect(received.append)
    socket = QLocalSocket()
    socket.connectToServer(instance.name)
    assert socket.waitForConnected(2000)
    socket.write(b'{"paths": "not a list"}\n')
    qtbot.waitUntil(lambda: socket.canReadLine() or bool(socket.waitForReadyRead(10)), timeout=5000)
    assert bytes(socket.readLine().data()).strip() == b"error"
    socket.abort()
    assert received == []


def test_two_processes_share_one_window(tmp_path: Path) -> None:
    """The real thing: the app runs; `archivist FILE` hands FILE over, exits 0, and it is imported."""
    library = tmp_path / "lib"
    env = _app_env(tmp_path)
    first = subprocess.Popen(_archivist("--library", str(library), "--no-crash-dialog"), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        name = server_name(library)
        deadline = time.monotonic() + 60
        while not SingleInstance(name).hand_over([], timeout_ms=200):
            assert first.poll() is None, f"the first instance died: {first.communicate()[1]}"
            assert time.monotonic() < deadline, "the first instance never started listening"
            time.sleep(0.1)
        article = write_article(tmp_path / "in", "handed.txt", "Handed Over", "Text from a second launch.")
        second = subprocess.run(_archivist("--library", str(library), str(article)), env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        deadline = time.monotonic() + 30
        while True:
            with Library(library) as lib:
                titles = [a.title for a in lib.list_articles()]
            if titles or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert titles == ["Handed Over"]
        assert first.poll() is None  # still running: the second launch did not start a window
    finally:
        first.terminate()
        first.communicate(timeout=30)


# -- crashes and logs ------------------------------------------------------------------------------
def _raise_and_report(handler: CrashHandler) -> None:
    try:
        raise ValueError("the widget fell over")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # what Python (and PySide, for a slot) does with it


@pytest.mark.qt_no_exception_capture
def test_an_unhandled_exception_shows_the_crash_dialog_naming_the_log(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = tmp_path / "archivist.log"
    handler = CrashHandler(show_dialog=True, log_file=log_file)
    seen: dict[str, str] = {}

    def read_and_close(box: QMessageBox) -> None:
        seen.update(text=box.text(), informative=box.informativeText(), details=box.detailedText(),
                    name=box.objectName())
        box.done(0)

    timer = _when(lambda: isinstance(w := QApplication.activeModalWidget(), QMessageBox) and w, read_and_close)
    handler.install()
    try:
        _raise_and_report(handler)
    finally:
        handler.uninstall()
        timer.stop()
    assert seen["name"] == "crashDialog"
    assert "ValueError: the widget fell over" in seen["text"]
    assert str(log_file) in seen["informative"]
    assert "Traceback" in seen["details"] and "_raise_and_report" in seen["details"]
    assert sys.excepthook is not handler._on_excepthook  # uninstalled


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_thread_is_reported_on_the_gui_thread(qtbot: QtBot) -> None:
    handler = CrashHandler(show_dialog=False, log_file=None)
    handler.install()
    try:
        def boom() -> None:
            raise RuntimeError("worker broke")

        with qtbot.waitSignal(handler.crashed, timeout=5000) as blocker:
            thread = threading.Thread(target=boom, name="worker-7")
            thread.start()
            thread.join()
    finally:
        handler.uninstall()
    message, details = blocker.args
    assert message == "RuntimeError: worker broke"
    assert "boom" in details
    assert threading.excepthook is not handler._on_thread_excepthook


@pytest.mark.qt_no_exception_capture
def test_no_crash_dialog_logs_and_prints_instead(qtbot: QtBot, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    log_file = logs.setup_logging(tmp_path / "logs")
    assert log_file is not None
    handler = CrashHandler(show_dialog=False, log_file=log_file)
    handler.install()
    try:
        with qtbot.waitSignal(handler.crashed, timeout=2000):
            _raise_and_report(handler)
    finally:
        handler.uninstall()
        _remove_file_logging()
    assert QApplication.activeModalWidget() is None
    assert "ValueError: the widget fell over" in capsys.readouterr().err
    logged = log_file.read_text(encoding="utf-8")
    assert "CRITICAL" in logged and "Unhandled exception" in logged and "the widget fell over" in logged


def _remove_file_logging() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == "archivist-file":
            root.removeHandler(handler)
            handler.close()


def test_the_log_goes_to_the_platform_log_folder_and_rotates(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "LOG_MAX_BYTES", 2000)
    try:
        path = logs.setup_logging()
        assert path is not None and logs.current_log_file() == path
        # conftest points XDG_STATE_HOME into the test's home: platformdirs puts logs under it
        assert str(path).startswith(os.environ["XDG_STATE_HOME"]) and path.name == "archivist.log"
        logs.setup_logging()  # twice: still one handler
        assert sum(h.get_name() == "archivist-file" for h in logging.getLogger().handlers) == 1
        for i in range(100):
            logging.getLogger("archivist.test").warning("line %d of a long session", i)
    finally:
        _remove_file_logging()
    assert (path.parent / "archivist.log.1").is_file()
    assert not (path.parent / f"archivist.log.{logs.LOG_BACKUPS + 1}").exists()
    assert path.stat().st_size <= 2000


def test_a_hard_crash_lands_in_the_crash_log(tmp_path: Path) -> None:
    code = ("import ctypes, sys; from pathlib import Path; from archivist import logs; "
            f"logs.enable_faulthandler(Path({str(tmp_path)!r})); ctypes.string_at(0)")
    proc = subprocess.run([sys.executable, "-c", code], env=_app_env(tmp_path), capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode != 0
    crash = (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in crash and "<string>" in crash


# -- the diagnostic modes --------------------------------------------------------------------------
def test_the_smoke_test_passes_in_process(qtbot: QtBot, capsys: pytest.CaptureFixture[str]) -> None:
    assert sample_article().is_file()
    assert run_smoke_test(make_application()) == 0
    out = capsys.readouterr().out
    assert out.startswith(SUCCESS_PREFIX) and "NATO Members Discuss" in out


def test_the_smoke_test_fails_loudly_without_its_sample(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from archivist.gui import smoke

    monkeypatch.setattr(smoke, "sample_article", lambda: tmp_path / "missing.txt")
    assert run_smoke_test(make_application()) == 1
    assert "smoke test FAILED: the sample article is missing" in capsys.readouterr().err


def test_archivist_smoke_test_as_a_process(tmp_path: Path) -> None:
    env = _app_env(tmp_path)
    env.pop("QT_QPA_PLATFORM")  # the smoke test picks offscreen itself
    env.pop("DISPLAY", None)
    proc = subprocess.run(_archivist("--smoke-test"), env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(SUCCESS_PREFIX)
    assert "NATO Members Discuss Allowing Ukraine Use Western Arms Inside Russia" in proc.stdout


def test_screenshot_renders_the_window_on_the_library(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    with Library(library) as lib:
        lib.import_paths([str(sample_article())])
    shot = tmp_path / "shot.png"
    env = _app_env(tmp_path)
    env.pop("QT_QPA_PLATFORM")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run(_archivist("--library", str(library), "--screenshot", str(shot)), env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1400, 860)
    assert len({image.pixel(x, y) for x in range(0, 1400, 40) for y in range(0, 860, 40)}) > 5  # not blank
    # A diagnostic run leaves the user's window layout alone.
    assert not (Path(env["XDG_CONFIG_HOME"]) / "Archivist" / "state.ini").exists()


def test_the_startup_probe_reports_a_usable_window(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    with Library(library) as lib:
        lib.import_paths([str(sample_article())])
    env = _app_env(tmp_path)
    env[PROBE_ENV] = "1"
    proc = subprocess.run(_archivist("--library", str(library), "--no-crash-dialog"), env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"{PROBE_MARKER} rows=1" in proc.stdout


def test_gui_start_writes_the_log_file(tmp_path: Path) -> None:
    """Started for real, the app logs to the platform log folder (here the test's XDG_STATE_HOME)."""
    env = _app_env(tmp_path)
    env[PROBE_ENV] = "1"
    proc = subprocess.run(_archivist("--library", str(tmp_path / "lib"), "--no-crash-dialog"), env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    log_folder = Path(os.environ["XDG_STATE_HOME"]) / "Archivist" / "log"
    assert "Archivist 0.1.0 starting" in (log_folder / "archivist.log").read_text(encoding="utf-8")
    assert (log_folder / "crash.log").is_file()
