"""Backing up and restoring a library folder: the calls the CLI and the GUI make.

The mechanics (the SQLite online backup API, atomic renames, naming and pruning) live in
`core.store.backup`; this module says when and what: a backup on request, at most one daily
rolling backup while the app runs, and a restore that keeps the library it replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from archivist.core.library.store import Store
from archivist.core.store import backup as store_backup
from archivist.core.store import migrate
from archivist.core.store.db import library_file
from archivist.errors import LibraryError, UsageError

DEFAULT_KEEP = store_backup.DEFAULT_KEEP
#: "Daily" with slack: a GUI timer firing a little early must not skip a day.
DAILY_MIN_AGE = timedelta(hours=20)


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    revision: str  # the schema the backup was written with
    replaced: Path | None  # where the library that was there before now is
    migrated: bool  # the backup was older and has been upgraded to this version's schema


def backup_library(db_path: Path, dest: Path, overwrite: bool = False) -> Path:
    """Write a consistent copy of the library at `db_path` to `dest` (a file or a folder)."""
    if dest.is_dir():
        dest = dest / f"archivist-{store_backup.stamp()}.sqlite"
    if dest.exists() and not overwrite:
        raise UsageError(f"{dest} already exists; choose another name (or --force to replace it)")
    if dest.resolve() == db_path.resolve():
        raise UsageError("A backup cannot be written over the library itself")
    return store_backup.online_backup(db_path, dest)


def maybe_daily_backup(directory: Path, keep: int = DEFAULT_KEEP, now: datetime | None = None,
                       min_age: timedelta = DAILY_MIN_AGE) -> Path | None:
    """Make today's rolling backup in `<directory>/backups/` unless one is recent enough.

    The GUI calls this once a day while it runs (and at start); calling it more often is
    harmless. Keeps the newest `keep` daily backups (a user setting). Returns the new backup,
    or None when none was due or there is no library yet.
    """
    db = library_file(directory)
    folder = store_backup.backups_dir(directory)
    if not db.exists() or not store_backup.backup_due(folder, "daily", min_age, now):
        return None
    return store_backup.rolling_backup(db, folder, "daily", keep, now=now)


def restore_library(directory: Path, backup_file: Path, now: datetime | None = None) -> RestoreReport:
    """Replace the library in `directory` by `backup_file`, keeping the old one aside.

    Works on a folder, not on an open Library: the caller must not hold the library open.
    Refuses (changing nothing) a file that is not an Archivist library, is damaged, or was
    written by a newer Archivist. An older backup is upgraded to this version's schema after
    it is installed (the pre-migration backup is made as for any upgrade).
    """
    backup_file = backup_file.expanduser()
    revision = store_backup.inspect_backup(backup_file)
    db = library_file(directory)
    if db.exists() and backup_file.resolve() == db.resolve():
        raise UsageError("That file is the library itself; choose a backup to restore")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"Cannot create the library folder {directory}: {exc.strerror}") from exc
    replaced = store_backup.set_aside(db, now)
    store_backup.install(backup_file, db)
    migrated = revision != migrate.HEAD_REVISION
    # Opening runs the schema upgrade (if any) and sets the library's journal mode back to WAL.
    Store(directory).close()
    return RestoreReport(restored_from=backup_file, revision=revision, replaced=replaced, migrated=migrated)
