"""`archivist --smoke-test`: proof that an installed or bundled app really works.

A packaged app can build fine and still fail at run time: a data file left out of the bundle (the
migrations, cruft.toml, reader.css), a Qt plugin missing, a lazily imported module the bundler
did not see. This runs the real path a user takes on first launch, offscreen and in a temporary
library: open the main window, import the bundled sample article, select it, and check that the
reader shows its title and text. It prints one line and exits 0, or says what failed and exits 1.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from archivist.paths import resources_dir

if TYPE_CHECKING:
    from archivist.gui.mainwindow import MainWindow

#: Importing one small article takes well under a second; a slow CI machine gets plenty more.
IMPORT_TIMEOUT_S = 60.0
SUCCESS_PREFIX = "smoke test passed"
FAILURE_PREFIX = "smoke test FAILED"


class SmokeFailure(Exception):
    """One check did not hold; the message says which."""


def sample_article() -> Path:
    """The article shipped for the first-run empty state (and this test) to import."""
    return resources_dir() / "samples" / "sample-article.txt"


def run_smoke_test(app: QApplication) -> int:
    """Run the checks; 0 and a summary line on standard output, else 1 and the reason."""
    try:
        summary = _check(app)
    except SmokeFailure as exc:
        _say(f"{FAILURE_PREFIX}: {exc}", error=True)
        return 1
    _say(f"{SUCCESS_PREFIX}: {summary}")
    return 0


def _check(app: QApplication) -> str:
    from archivist.core.library import Library
    from archivist.errors import ArchivistError
    from archivist.gui.mainwindow import MainWindow

    sample = sample_article()
    if not sample.is_file():
        raise SmokeFailure(f"the sample article is missing ({sample})")
    if app.windowIcon().isNull():
        raise SmokeFailure("the application icon did not load")
    with tempfile.TemporaryDirectory(prefix="archivist-smoke-") as tmp:
        try:
            library = Library(Path(tmp) / "library")
        except ArchivistError as exc:
            raise SmokeFailure(f"cannot create a library: {exc.message}") from exc
        try:
            window = MainWindow(library)
            try:
                window.show()
                return _import_and_read(app, window, sample)
            finally:
                window.close()
                shiboken6.delete(window)  # now, while the Python side is whole (see application.py)
        finally:
            library.close()


def _import_and_read(app: QApplication, window: MainWindow, sample: Path) -> str:
    summaries: list[object] = []
    window.importer.finished.connect(summaries.append)
    window.import_paths([str(sample)])
    _wait_until(lambda: bool(summaries), IMPORT_TIMEOUT_S, "the import did not finish")
    ids = window.library.article_ids()
    if len(ids) != 1:
        raise SmokeFailure(f"expected 1 article after importing the sample, found {len(ids)}: "
                           f"{getattr(summaries[0], 'message', lambda: '?')()}")
    article_id = ids[0]
    window.refresh(select=article_id)
    _wait_until(lambda: window.reader.article is not None, 10.0, "the reader shows nothing")
    article = window.library.get_article(article_id)
    shown = window.reader.toPlainText()
    if article.title not in shown:
        raise SmokeFailure(f"the reader does not show the title {article.title!r}")
    sentence = _a_body_sentence(sample)
    if sentence not in " ".join(shown.split()):
        raise SmokeFailure(f"the reader does not show the article's text ({sentence!r})")
    if window.current_article_id() != article_id:
        raise SmokeFailure("the imported article is not selected in the list")
    return f"imported and rendered {article.title!r} ({len(shown)} characters shown)"


def _a_body_sentence(sample: Path) -> str:
    """A long line from the middle of the sample: text the cleaner must keep, whitespace-folded."""
    lines = [" ".join(line.split()) for line in sample.read_text(encoding="utf-8").splitlines()]
    body = [line for line in lines if len(line) > 80]
    if not body:
        raise SmokeFailure(f"the sample {sample} has no paragraph to look for")
    return body[len(body) // 2][:60]


def _wait_until(condition: Callable[[], bool], timeout_s: float, failure: str) -> None:
    """Run the event loop (the import's signals arrive through it) until `condition()` holds."""
    deadline = QDeadlineTimer(int(timeout_s * 1000))
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: loop.quit() if condition() or deadline.hasExpired() else None)
    if not condition():
        timer.start()
        loop.exec()
        timer.stop()
    if not condition():
        raise SmokeFailure(f"{failure} within {timeout_s:g} s")


def _say(line: str, error: bool = False) -> None:
    stream = sys.stderr if error else sys.stdout
    if stream is not None:  # None in a windowed Windows build: the exit status still tells
        print(line, file=stream, flush=True)
