"""Engine creation and the SQLite specifics: WAL, foreign keys, busy timeout, IMMEDIATE writes.

Writes begin with `BEGIN IMMEDIATE` so that two writers (two processes importing, or the GUI and
the CLI) queue on the busy timeout instead of failing with "database is locked" when a read
transaction tries to upgrade.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_S = 30.0
LIBRARY_FILE = "library.sqlite"


def library_file(directory: Path) -> Path:
    return directory / LIBRARY_FILE


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so BEGIN is ours to emit.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but transactions take the write lock up front."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def read_schema_revision(db_path: Path) -> str | None:
    """The Alembic revision of a library, read without writing anything to it.

    Opened read-only by URI so that checking a library we will refuse never changes a byte of it
    (not even the journal mode).
    """
    if not db_path.exists():
        return None
    uri = f"file:{db_path}?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        row = con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return rev[0] if rev else None
    finally:
        con.close()
