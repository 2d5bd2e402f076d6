"""Backups: consistent copies through the online backup API, rolling and daily backups, the
backup made before a schema migration, and restores that refuse what they must and keep the
library they replace."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from archivist.core.library import Library, maybe_daily_backup, restore_library
from archivist.core.library import store as store_module
from archivist.core.store import backup, migrate
from archivist.core.types import SourceDocument
from archivist.errors import LibraryError, SchemaTooNewError, UsageError

FIXTURE_0001 = Path(__file__).resolve().parents[2] / "data" / "library-0001.sqlite"
T0 = datetime(2026, 3, 1, 8, 0, 0, tzinfo=timezone.utc)


def article(i: int) -> SourceDocument:
    return SourceDocument(data=f"Headline {i}\n\nBody {i} of the report on tides, number {i * 7919}.".encode(),
                          name=f"a{i}.txt")


def count(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        con.close()


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib")
    for i in range(5):
        assert library.import_document(article(i)).status == "imported"
    yield library
    library.close()


def test_backup_is_consistent_self_contained_and_includes_the_wal(lib: Library, tmp_path: Path) -> None:
    # The last imports are still in the WAL: a copy of library.sqlite alone would miss them.
    assert lib.db_path.with_name("library.sqlite-wal").stat().st_size > 0
    dest = lib.backup(tmp_path / "out" / "b.sqlite")
    assert count(dest) == 5
    assert not dest.with_name("b.sqlite-wal").exists()
    con = sqlite3.connect(f"file:{dest}?mode=ro", uri=True)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert [p.name for p in dest.parent.iterdir()] == ["b.sqlite"]  # no partial file left over
    with pytest.raises(UsageError, match="already exists"):
        lib.backup(dest)
    assert lib.backup(dest, overwrite=True) == dest
    into_folder = lib.backup(tmp_path / "out")
    assert into_folder.parent == tmp_path / "out" and into_folder.name.startswith("archivist-")


def test_backup_while_another_thread_writes_is_a_consistent_snapshot(lib: Library, tmp_path: Path) -> None:
    stop = threading.Event()

    def keep_importing() -> None:
        i = 100
        while not stop.is_set():
            lib.import_document(article(i))
            i += 1

    writer = threading.Thread(target=keep_importing)
    writer.start()
    try:
        copies = [lib.backup(tmp_path / f"b{n}.sqlite") for n in range(5)]
    finally:
        stop.set()
        writer.join()
    seen = []
    for c in copies:
        with Library(_as_library(c, tmp_path / f"open-{c.stem}")) as opened:
            assert opened.check().healthy
            seen.append(opened.count())
    assert seen == sorted(seen) and seen[0] >= 5


def _as_library(db: Path, folder: Path) -> Path:
    folder.mkdir()
    shutil.copyfile(db, folder / "library.sqlite")
    return folder


def test_rolling_backups_are_named_by_time_and_pruned(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "rolling"
    made = [backup.rolling_backup(lib.db_path, folder, "daily", keep=3, now=T0 + timedelta(days=d))
            for d in range(5)]
    assert made[0].name == "daily-20260301-080000.sqlite"
    kept = backup.list_backups(folder, "daily")
    assert [b.path for b in kept] == made[2:]
    assert [b.taken_at for b in kept] == [T0 + timedelta(days=d) for d in (2, 3, 4)]
    same_second = backup.rolling_backup(lib.db_path, folder, "daily", keep=10, now=T0 + timedelta(days=4))
    assert same_second.name == "daily-20260305-080000-2.sqlite" and made[4].exists()
    other_kind = backup.rolling_backup(lib.db_path, folder, "pre-migration", keep=1, note="from-0001", now=T0)
    assert other_kind.name == "pre-migration-20260301-080000-from-0001.sqlite"
    assert len(backup.list_backups(folder, "daily")) == 4  # pruning one kind leaves the others


def test_daily_backup_at_most_once_a_day_keeping_n(lib: Library, tmp_path: Path) -> None:
    directory = lib.directory
    assert maybe_daily_backup(tmp_path / "no-library-here") is None
    first = maybe_daily_backup(directory, keep=2, now=T0)
    assert first is not None and first.parent == directory / "backups" and count(first) == 5
    assert maybe_daily_backup(directory, keep=2, now=T0 + timedelta(hours=3)) is None
    second = maybe_daily_backup(directory, keep=2, now=T0 + timedelta(hours=23))
    third = maybe_daily_backup(directory, keep=2, now=T0 + timedelta(hours=47))
    assert second is not None and third is not None
    assert [b.path for b in backup.list_backups(directory / "backups", "daily")] == [second, third]


def test_opening_an_older_schema_backs_up_before_migrating(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulates a newer build (head moved on) opening today's library, without a real migration."""
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        lib.import_document(article(1))
    current = migrate.HEAD_REVISION
    calls: list[tuple[str | None, list[Path]]] = []
    real_upgrade = store_module.upgrade_to_head

    def upgrade_spy(engine: object, revision: str | None = None) -> None:
        calls.append((revision, [b.path for b in backup.list_backups(folder / "backups")]))
        real_upgrade(engine, revision)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "upgrade_to_head", upgrade_spy)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9999_next")
    monkeypatch.setattr(migrate, "known_revisions", lambda: {current, "9999_next"})
    Library(folder).close()
    [(revision, existing)] = calls
    assert revision == current and len(existing) == 1  # the backup existed when the upgrade began
    assert existing[0].name.startswith("pre-migration-") and existing[0].name.endswith(f"-from-{current}.sqlite")
    assert count(existing[0]) == 1

    monkeypatch.setattr(migrate, "HEAD_REVISION", current)  # at head: no backup
    Library(folder).close()
    assert len(backup.list_backups(folder / "backups")) == 1
    Library(tmp_path / "fresh").close()  # a new library: nothing to back up
    assert not (tmp_path / "fresh" / "backups").exists()


def test_no_backup_no_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        lib.import_document(article(1))
    current = migrate.HEAD_REVISION
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9999_next")
    monkeypatch.setattr(migrate, "known_revisions", lambda: {current, "9999_next"})

    def disk_full(*_a: object, **_k: object) -> Path:
        raise LibraryError("Could not write the backup: No space left on device")

    def must_not_run(*_a: object, **_k: object) -> None:
        raise AssertionError("migrated without a backup")

    monkeypatch.setattr(backup, "online_backup", disk_full)
    monkeypatch.setattr(store_module, "upgrade_to_head", must_not_run)
    with pytest.raises(LibraryError, match="No space left"):
        Library(folder)


# -- restore ---------------------------------------------------------------------------------

def test_restore_replaces_the_library_and_keeps_the_old_one(lib: Library, tmp_path: Path) -> None:
    saved = lib.backup(tmp_path / "five.sqlite")
    for i in range(5, 8):
        lib.import_document(article(i))
    assert lib.count() == 8
    report = restore_library(lib.directory, saved, now=T0)
    assert report.replaced == lib.directory / "library.sqlite.replaced-20260301-080000"
    assert report.revision == migrate.HEAD_REVISION and not report.migrated
    # The library still open in this process sees the restored contents: the backup API wrote
    # into the live file inside one transaction, not behind the connection's back.
    assert lib.count() == 5
    assert count(report.replaced) == 8
    with Library(_as_library(report.replaced, tmp_path / "old")) as old:
        assert old.check().healthy


def test_restore_refuses_what_is_not_a_good_backup_and_changes_nothing(lib: Library, tmp_path: Path) -> None:
    lib.close()
    before = digest(lib.directory)
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE recipes (name)")
    con.commit()
    con.close()
    newer = lib.backup(tmp_path / "newer.sqlite")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    damaged = lib.backup(tmp_path / "damaged.sqlite")
    with damaged.open("r+b") as fh:
        fh.seek(4096 * 2 + 8)
        fh.write(b"\xff" * 200)
    cases = [(text, LibraryError, "not an Archivist library"), (foreign, LibraryError, "not an Archivist library"),
             (newer, SchemaTooNewError, "newer version"), (damaged, LibraryError, "damaged"),
             (tmp_path / "missing.sqlite", LibraryError, "No backup file")]
    for path, error, words in cases:
        with pytest.raises(error, match=words):
            Library.restore(lib.directory, path)
    assert digest(lib.directory) == before


def test_restore_an_older_schema_migrates_it(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    report = restore_library(folder, FIXTURE_0001)
    assert report.revision == "0001" and report.replaced is None
    assert report.migrated == (migrate.HEAD_REVISION != "0001")
    with Library(folder) as lib:
        assert lib.count() == 4 and lib.check().healthy
    con = sqlite3.connect(folder / "library.sqlite")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.HEAD_REVISION
    con.close()


def test_restore_over_a_damaged_library_keeps_its_bytes(lib: Library, tmp_path: Path) -> None:
    saved = lib.backup(tmp_path / "good.sqlite")
    lib.close()
    db = lib.db_path
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    db.write_bytes(b"garbage where a library was" * 100)
    report = restore_library(lib.directory, saved)
    assert report.replaced is not None and report.replaced.read_bytes() == b"garbage where a library was" * 100
    with Library(lib.directory) as again:
        assert again.count() == 5
