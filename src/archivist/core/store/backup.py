"""Backups of the library file through SQLite's online backup API, never a file copy.

Copying `library.sqlite` while a connection is writing (or while its WAL holds committed pages
not yet checkpointed) yields a torn or stale copy. `sqlite3.Connection.backup` copies a
consistent snapshot, WAL included, while other connections go on reading and writing. Every
backup is written to a temporary name, checked, flushed to disk and only then renamed into place,
so a crash mid-backup never leaves a half file under a backup's name.

Rolling backups live in `<library dir>/backups/`, named `<kind>-YYYYmmdd-HHMMSS[-note].sqlite`
(UTC, so names sort in time order whatever the time zone); the oldest beyond `keep` are pruned.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from archivist.core.store import migrate
from archivist.core.store.db import BUSY_TIMEOUT_S
from archivist.errors import LibraryError

BACKUP_DIR = "backups"
DEFAULT_KEEP = 7
SQLITE_MAGIC = b"SQLite format 3\x00"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<kind>[a-z][a-z-]*?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?:-[\w.-]+)?\.sqlite$")


def backups_dir(directory: Path) -> Path:
    return directory / BACKUP_DIR


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime(_STAMP)


def online_backup(src_db: Path, dest: Path) -> Path:
    """Write a consistent, self-contained copy of `src_db` to `dest` (replacing it atomically).

    The copy is switched to rollback-journal mode so it is one file that can be mailed, moved
    or restored without a `-wal` companion, and is quick-checked before it takes `dest`'s name.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    try:
        src = sqlite3.connect(src_db, timeout=BUSY_TIMEOUT_S)
        try:
            _copy_into(src, tmp)
        finally:
            src.close()
        _fsync(tmp)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"Could not write the backup {dest}: {exc}", detail=repr(exc)) from exc
    return dest


def _copy_into(src: sqlite3.Connection, target: Path) -> None:
    target.unlink(missing_ok=True)
    dst = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, i.e. under one read snapshot of the source.
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")
        problem = dst.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"the copy failed its check: {problem}")
    finally:
        dst.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    _fsync(directory)


# -- rolling backups -------------------------------------------------------------------------

@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    taken_at: datetime


def list_backups(folder: Path, kind: str | None = None) -> list[BackupFile]:
    """Backups in `folder` (optionally of one kind), oldest first."""
    found: list[tuple[str, int, BackupFile]] = []
    if not folder.is_dir():
        return []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if m is None or (kind is not None and m["kind"] != kind):
            continue
        taken = datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=timezone.utc)
        found.append((m["stamp"], int(m["n"] or 0), BackupFile(p, m["kind"], taken)))
    return [b for _s, _n, b in sorted(found, key=lambda t: (t[0], t[1]))]


def rolling_backup(db_path: Path, folder: Path, kind: str, keep: int = DEFAULT_KEEP,
                   note: str = "", now: datetime | None = None) -> Path:
    """A new `kind` backup in `folder`, then prune that kind down to the newest `keep`."""
    if keep < 1:
        raise ValueError("keep at least one backup")
    base = f"{kind}-{stamp(now)}"
    suffix = f"-{note}" if note else ""
    dest = folder / f"{base}{suffix}.sqlite"
    n = 1
    while dest.exists():  # two backups in one second: number them, never overwrite
        n += 1
        dest = folder / f"{base}-{n}{suffix}.sqlite"
    online_backup(db_path, dest)
    prune(folder, kind, keep)
    return dest


def prune(folder: Path, kind: str, keep: int) -> list[Path]:
    """Delete the oldest `kind` backups beyond `keep`; returns what was deleted."""
    old = list_backups(folder, kind)[:-keep] if keep > 0 else list_backups(folder, kind)
    for b in old:
        b.path.unlink(missing_ok=True)
    return [b.path for b in old]


def backup_due(folder: Path, kind: str, min_age: timedelta, now: datetime | None = None) -> bool:
    """True when the newest `kind` backup is older than `min_age` (or there is none)."""
    existing = list_backups(folder, kind)
    if not existing:
        return True
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return now - existing[-1].taken_at >= min_age


def backup_before_migration(db_path: Path, revision: str | None, keep: int = DEFAULT_KEEP) -> Path | None:
    """Back up an existing library whose schema is about to be upgraded; None if no upgrade.

    Called by the store before Alembic runs. A new library (no revision) or one already at head
    needs no backup. If the backup cannot be written, the upgrade must not happen either: the
    error propagates and the library is left as it was.
    """
    if revision is None or revision == migrate.HEAD_REVISION or not db_path.exists():
        return None
    return rolling_backup(db_path, backups_dir(db_path.parent), "pre-migration", keep,
                          note=f"from-{revision}")


# -- restoring -------------------------------------------------------------------------------

def inspect_backup(path: Path) -> str:
    """The schema revision of a backup file we may restore; raises if we must not.

    Read-only throughout: refusing a file never changes it. Refuses what is not an SQLite file,
    an SQLite file that is not an Archivist library, a damaged one, and one written by a newer
    Archivist (the same rule as opening a library).
    """
    if not path.is_file():
        raise LibraryError(f"No backup file at {path}")
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise LibraryError(f"{path} is not an Archivist library (not an SQLite database); nothing was changed.")
    revision = migrate.check_openable(path)  # refuses foreign files and newer schemas
    if revision is None:
        raise LibraryError(f"{path} is not an Archivist library (it holds no library schema); nothing was changed.")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            problem = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        problem = str(exc)
    if problem != "ok":
        raise LibraryError(f"{path} is damaged ({problem}); it was not restored.")
    return revision


def set_aside(db_path: Path, now: datetime | None = None) -> Path | None:
    """Keep the current library as `library.sqlite.replaced-YYYYmmdd-HHMMSS` before a restore.

    Through the backup API when the library is readable (a consistent copy, WAL included);
    a library too damaged to read is kept byte for byte instead, since that is all there is.
    """
    if not db_path.exists():
        return None
    aside = db_path.with_name(f"{db_path.name}.replaced-{stamp(now)}")
    n = 1
    while aside.exists():
        n += 1
        aside = db_path.with_name(f"{db_path.name}.replaced-{stamp(now)}-{n}")
    try:
        return online_backup(db_path, aside)
    except LibraryError:
        import shutil

        for suffix in ("", "-wal"):
            src = db_path.with_name(db_path.name + suffix)
            if src.exists():
                shutil.copyfile(src, aside.with_name(aside.name + suffix))
        return aside


def install(backup: Path, db_path: Path) -> None:
    """Make `db_path` hold exactly the contents of `backup`.

    Through the backup API into the live file: it replaces the pages inside one write
    transaction, so other connections see the old library or the restored one, never a mix.
    If that is impossible (the live file is too damaged to write into, or its page size
    differs while it is in WAL mode), the backup is copied to a temporary file and renamed
    over the library, which is atomic but needs no other connection open.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        try:
            dst = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_S)
            try:
                src.backup(dst, pages=-1)
            finally:
                dst.close()
            return
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise LibraryError("The library is in use by another Archivist; close it and restore again.",
                                   detail=repr(exc)) from exc
        tmp = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
        try:
            _copy_into(src, tmp)
            _fsync(tmp)
            for suffix in ("-wal", "-shm"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            os.replace(tmp, db_path)
            _fsync_dir(db_path.parent)
        except (sqlite3.Error, OSError) as exc:
            tmp.unlink(missing_ok=True)
            raise LibraryError(f"Could not restore {backup}: {exc}", detail=repr(exc)) from exc
    finally:
        src.close()
