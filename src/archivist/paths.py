"""Where things live on disk: the library, settings and logs (via platformdirs).

The library location is chosen, in order, from `--library DIR`, the ARCHIVIST_LIBRARY
environment variable, then the platform's user data folder, so that tests and scripts can point
anywhere while a double-clicked app just works.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

from archivist import APP_NAME

_DIRS = PlatformDirs(appname=APP_NAME, appauthor=False)
LIBRARY_ENV = "ARCHIVIST_LIBRARY"


def default_library_dir() -> Path:
    return Path(_DIRS.user_data_dir) / "Library"


def resolve_library_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env).expanduser()
    return default_library_dir()


def log_dir() -> Path:
    return Path(_DIRS.user_log_dir)


def config_dir() -> Path:
    return Path(_DIRS.user_config_dir)


def resources_dir() -> Path:
    """The `resources/` folder: next to the package in a checkout, or bundled by PyInstaller.

    A PyInstaller bundle unpacks its data files under `sys._MEIPASS` (packaging/archivist.spec
    puts them in `resources/` there), which is neither of the source-tree locations.
    """
    here = Path(__file__).resolve().parent
    bundled = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundled) / "resources"] if bundled else []
    candidates += [here / "resources", here.parent.parent / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Archivist's resources folder is missing from this installation")
