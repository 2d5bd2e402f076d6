"""An open library: the engine, its read and write sessions, and error wrapping.

Every public library call runs in exactly one transaction (a write takes the write lock up
front), so an interrupted import leaves either a whole article or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from archivist.core.store.backup import backup_before_migration
from archivist.core.store.db import library_file, make_engine, writer
from archivist.core.store.migrate import check_openable, upgrade_to_head
from archivist.errors import LibraryError


class Store:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.db_path = library_file(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create the library folder {directory}: {exc.strerror}") from exc
        revision = check_openable(self.db_path)
        # A library about to be upgraded is backed up first; no backup, no upgrade.
        backup_before_migration(self.db_path, revision)
        self.engine: Engine = make_engine(self.db_path)
        self._writer = writer(self.engine)
        try:
            upgrade_to_head(self.engine, revision)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise LibraryError(f"Cannot open the library at {self.db_path}: {exc.orig if hasattr(exc, 'orig') else exc}",
                               detail=repr(exc)) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        with _wrapped(), Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with _wrapped(), Session(self._writer, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _wrapped() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        msg = str(exc.orig) if exc.orig is not None else str(exc)
        if "locked" in msg or "busy" in msg:
            raise LibraryError(
                "The library is busy (another Archivist is writing to it); try again in a moment.",
                detail=repr(exc),
            ) from exc
        raise LibraryError(f"Library error: {msg}", detail=repr(exc)) from exc
    except SQLAlchemyError as exc:
        raise LibraryError(f"Library error: {exc}", detail=repr(exc)) from exc
