"""The app's log files: a rotating log of what happened, and a crash log for hard faults.

A double-clicked app has no terminal, so whatever goes wrong must land in a file the user can
send us. Two files in the platform log folder (paths.log_dir()):

- `archivist.log`: Python logging, rotated at LOG_MAX_BYTES so it never grows without bound.
- `crash.log`: written by faulthandler when the interpreter itself dies (a segfault in Qt, an
  abort), when no Python code can run to log anything. It is opened for appending at start-up and
  kept open, as faulthandler requires.

No Qt here: the CLI and the GUI can both use it.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import platform
import sys
from pathlib import Path
from typing import IO

from archivist import __version__
from archivist.paths import log_dir

LOG_FILE_NAME = "archivist.log"
CRASH_FILE_NAME = "crash.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"

#: Marks the handler this module installed, so set-up twice does not log every line twice.
_HANDLER_NAME = "archivist-file"
_crash_file: IO[str] | None = None


def setup_logging(directory: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to a rotating file in `directory` (default: the platform log folder).

    Returns the log file's path, or None when the folder cannot be written (a read-only home):
    the app still runs, logging to standard error as Python does by default.
    """
    folder = directory if directory is not None else log_dir()
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=False
        )
    except OSError as exc:
        if sys.stderr is not None:  # None in a windowed Windows build
            print(f"Archivist: cannot write the log file {path}: {exc}", file=sys.stderr)
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger(__name__).info(
        "Archivist %s starting (Python %s, %s, %s)", __version__, platform.python_version(),
        platform.platform(terse=True), "bundled" if getattr(sys, "frozen", False) else "from source",
    )
    return path


def current_log_file() -> Path | None:
    """The file setup_logging() is writing to, if it ran; named in the crash dialog."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def enable_faulthandler(directory: Path | None = None) -> Path | None:
    """Dump every thread's Python stack to `crash.log` if the process dies of a fatal signal.

    Returns the crash log's path, or None when it cannot be opened (then faulthandler writes to
    standard error, if there is one).
    """
    global _crash_file
    path = (directory if directory is not None else log_dir()) / CRASH_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        crash_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (kept open for faulthandler)
    except OSError:
        if sys.stderr is not None:
            faulthandler.enable()
        return None
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = crash_file
    faulthandler.enable(file=crash_file, all_threads=True)
    return path


def disable_faulthandler() -> None:
    """Stop writing hard crashes to the crash log and close it (tests, and a clean exit)."""
    global _crash_file
    faulthandler.disable()
    if _crash_file is not None:
        _crash_file.close()
        _crash_file = None
