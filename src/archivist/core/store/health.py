"""The SQLite-specific parts of `archivist check`: PRAGMA checks and the FTS shadow tables.

Kept here, behind plain functions, so the library's check logic stays portable SQLAlchemy and a
different backend only needs its own version of these few primitives.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

#: Tables whose rows may be deleted by rowid in a repair; a guard against SQL built from names.
_DELETABLE = frozenset({"article_tags", "article_images", "dossier_items", "image_origins"})


def integrity_problems(conn: Connection, limit: int = 100) -> list[str]:
    """PRAGMA integrity_check's complaints (empty when the file is intact)."""
    rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA integrity_check({int(limit)})")]
    return [] if rows == ["ok"] else rows


@dataclass(frozen=True)
class Dangling:
    """A row whose foreign key points at a row that does not exist."""

    table: str
    rowid: int | None
    parent: str


def dangling_rows(conn: Connection) -> list[Dangling]:
    return [Dangling(t, rowid, parent) for t, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check")]


def delete_link_row(conn: Connection, table: str, rowid: int) -> None:
    if table not in _DELETABLE:
        raise ValueError(f"{table} rows are not deleted by a repair")
    conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))


def fts_missing_and_stale(conn: Connection) -> tuple[int, int]:
    """Articles absent from the search index, and index entries for articles that are gone."""
    missing = conn.exec_driver_sql(
        "SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)").scalar_one()
    stale = conn.exec_driver_sql(
        "SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT id FROM articles)").scalar_one()
    return int(missing), int(stale)
