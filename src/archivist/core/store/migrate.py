"""Creates and upgrades library schemas with Alembic, run at open (never `create_all`).

A library whose revision this build does not know was written by a newer Archivist: we refuse it
before touching the file, so an older app can never damage a newer library.
"""

from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Engine

from archivist.core.store.db import read_schema_revision, writer
from archivist.errors import LibraryError, SchemaTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The newest migration's revision. Opening a library already at this revision skips Alembic
#: entirely (importing it costs a noticeable part of start-up); a test keeps this in step with
#: the migrations folder.
HEAD_REVISION = "0002"


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def check_openable(db_path: Path) -> str | None:
    """Raise if this build must not open the library; return its revision (None if new)."""
    import sqlite3

    try:
        rev = read_schema_revision(db_path)
    except sqlite3.DatabaseError as exc:
        raise LibraryError(
            f"{db_path} is not a readable Archivist library ({exc}).", detail=repr(exc)
        ) from exc
    if rev is None and db_path.exists() and db_path.stat().st_size > 0 and _has_tables(db_path):
        raise LibraryError(f"{db_path} is an SQLite file but not an Archivist library; left untouched.")
    if rev is not None and rev != HEAD_REVISION and rev not in known_revisions():
        raise SchemaTooNewError(
            f"This library was written by a newer version of Archivist (schema {rev}); "
            "this version cannot open it. Update Archivist. The library was left untouched."
        )
    return rev


def _has_tables(db_path: Path) -> bool:
    import sqlite3

    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    finally:
        con.close()


def upgrade_to_head(engine: Engine, current: str | None = None) -> None:
    """Run pending migrations; `current` is the revision check_openable read, if any."""
    if current == HEAD_REVISION:
        return
    from alembic import command

    cfg = _config()
    with writer(engine).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
