"""The library file: migrations, PRAGMAs, FTS sync, and refusal of newer schemas."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from archivist.core.library import Library
from archivist.core.store.migrate import HEAD_REVISION, head_revision
from archivist.core.store.orm import Base
from archivist.core.types import SourceDocument
from archivist.errors import LibraryError, SchemaTooNewError

ARTICLE = b"A Title For Testing\n\nThe first paragraph speaks of harbours and lighthouses.\n\nThe second one of ships."


def test_open_creates_schema_by_migration_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        with lib._store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    con = sqlite3.connect(tmp_path / "library.sqlite")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "sources", "tags", "highlights", "notes", "dossiers", "dossier_items",
            "images", "articles_fts"} <= tables


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        with lib._store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": False})
            diff = compare_metadata(ctx, Base.metadata)
    # FTS5 shadow tables are not modelled; everything else must match exactly.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("articles_fts"))]
    assert diff == []


def test_fts_follows_inserts_updates_and_deletes(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        r = lib.import_document(SourceDocument(data=ARTICLE, name="a.txt"))
        assert r.status == "imported"
        assert [h.id for h in lib.search("lighthouses")] == [r.id]
        with lib._store.write() as s:
            from archivist.core.store import orm
            art = s.get_one(orm.Article, r.id)
            art.text = "Only submarines remain."
        assert lib.search("lighthouses") == []
        assert [h.id for h in lib.search("submarines")] == [r.id]
        with lib._store.write() as s:
            s.delete(s.get_one(orm.Article, r.id))
        assert lib.search("submarines") == []


def test_newer_schema_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    with Library(tmp_path) as lib:
        lib.import_document(SourceDocument(data=ARTICLE, name="a.txt"))
    db = tmp_path / "library.sqlite"
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    con.commit()
    con.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    names_before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SchemaTooNewError, match="newer version of Archivist"):
        Library(tmp_path)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == names_before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / "library.sqlite")
    con.execute("CREATE TABLE unrelated (x)")
    con.commit()
    con.close()
    with pytest.raises(LibraryError, match="not an Archivist library"):
        Library(tmp_path)


def test_garbage_file_is_refused_with_message(tmp_path: Path) -> None:
    (tmp_path / "library.sqlite").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LibraryError):
        Library(tmp_path)


def test_head_revision_constant_matches_the_migrations_folder() -> None:
    assert HEAD_REVISION == head_revision()
