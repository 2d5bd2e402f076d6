"""`Library.check`: each kind of damage is found, named in plain words, and repaired when it can be.

Damage is made with a raw sqlite3 connection (foreign keys off, triggers dropped), the way a
crash, a bug or a hand edit would leave it; the check must never need the damage to be polite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archivist.core.library import Library
from archivist.core.library.maintenance import CHECK_NAMES, CheckReport
from tests.unit.library.filled import fill


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library(tmp_path / "lib")
    library.ids = fill(library, tmp_path / "src")  # type: ignore[attr-defined]
    yield library
    library.close()


def raw(lib: Library) -> sqlite3.Connection:
    con = sqlite3.connect(lib.db_path, isolation_level=None)
    con.execute("PRAGMA foreign_keys=OFF")
    return con


def problems(report: CheckReport, check: str) -> list[str]:
    return [f.problem or "" for f in report.findings if f.check == check and not f.ok]


def test_a_healthy_library_passes_every_check(lib: Library) -> None:
    report = lib.check()
    assert report.healthy and report.problems == []
    assert [f.check for f in report.findings] == list(CHECK_NAMES)
    assert all(f.ok and f.problem is None and not f.repaired for f in report.findings)


def test_search_index_out_of_step_is_rebuilt(lib: Library) -> None:
    keepers = lib.ids["keepers"]  # type: ignore[attr-defined]
    con = raw(lib)
    title, text = con.execute("SELECT title, text FROM articles WHERE id = ?", (keepers,)).fetchone()
    con.execute("INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                (keepers, title, text))
    con.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (999, 'ghost', 'gone')")
    con.close()
    assert lib.search("logbooks") == []

    report = lib.check()
    assert not report.healthy
    found = problems(report, "search-index")
    assert any("1 article(s) cannot be found by search" in p for p in found), found
    assert any("1 article(s) that no longer exist" in p for p in found), found

    repaired = lib.check(repair=True)
    assert repaired.healthy and all(f.repaired for f in repaired.problems)
    assert [h.id for h in lib.search("logbooks")] == [keepers]
    assert lib.search("ghost") == []
    assert lib.check().problems == []


def test_search_index_with_stale_words_is_found_by_fts_integrity_check(lib: Library) -> None:
    con = raw(lib)
    trigger = con.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts_au'").fetchone()[0]
    con.execute("DROP TRIGGER articles_fts_au")
    con.execute("UPDATE articles SET text = 'Only submarines now.' WHERE id = ?", (lib.ids["tides"],))  # type: ignore[attr-defined]
    con.execute(trigger)
    con.close()
    assert problems(lib.check(), "search-index") == ["the search index does not match the articles' text"]
    assert lib.check(repair=True).healthy
    assert [h.id for h in lib.search("submarines")] == [lib.ids["tides"]]  # type: ignore[attr-defined]


def test_drifted_highlights_are_reanchored_or_orphaned_never_dropped(lib: Library) -> None:
    keepers = lib.ids["keepers"]  # type: ignore[attr-defined]
    before = {h.id: h for h in lib.highlights(keepers)}
    moved, lost = sorted(before)
    con = raw(lib)
    con.execute("UPDATE highlights SET start_offset = start_offset + 3, end_offset = end_offset + 3 WHERE id = ?",
                (moved,))
    con.execute("UPDATE highlights SET exact = 'words that were never in this article at all', "
                "prefix = 'nothing like it', suffix = 'anywhere' WHERE id = ?", (lost,))
    con.close()

    found = problems(lib.check(), "highlights")
    assert len(found) == 2 and all("no longer sits on the words it quotes" in p for p in found)
    report = lib.check(repair=True)
    assert report.healthy
    after = {h.id: h for h in lib.highlights(keepers)}
    assert set(after) == set(before)  # nothing dropped
    assert (after[moved].start, after[moved].end, after[moved].status) == (
        before[moved].start, before[moved].end, "anchored")
    assert after[lost].status == "orphaned" and after[lost].note == before[lost].note
    assert lib.check().problems == []


def test_dangling_links_are_deleted_but_user_data_is_kept(lib: Library) -> None:
    keepers = lib.ids["keepers"]  # type: ignore[attr-defined]
    con = raw(lib)
    con.execute("INSERT INTO article_tags (article_id, tag_id) VALUES (?, 999)", (keepers,))
    con.execute("INSERT INTO dossier_items (dossier_id, article_id, position) VALUES (1, 999, 7)")
    con.execute("INSERT INTO notes (article_id, body, created_at, updated_at) "
                "VALUES (998, 'a note whose article vanished', '2026-01-01T00:00:00.000000+00:00', "
                "'2026-01-01T00:00:00.000000+00:00')")
    con.close()

    found = problems(lib.check(), "foreign-keys")
    assert len(found) == 3
    report = lib.check(repair=True)
    assert not report.healthy  # the note stays: it is the user's writing
    fk = [f for f in report.findings if f.check == "foreign-keys"]
    assert sorted(f.repaired for f in fk) == [False, True, True]
    assert any("notes row" in (f.problem or "") and "left in place" in (f.problem or "") for f in fk)
    con = raw(lib)
    assert con.execute("SELECT count(*) FROM notes WHERE body = 'a note whose article vanished'").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM article_tags WHERE tag_id = 999").fetchone()[0] == 0
    con.close()
    assert [f.check for f in lib.check().problems] == ["foreign-keys"]


def test_missing_images_links_text_and_sources_are_named(lib: Library) -> None:
    tides = lib.ids["tides"]  # type: ignore[attr-defined]
    con = raw(lib)
    red, blue = [r[0] for r in con.execute("SELECT id FROM images ORDER BY id")]
    con.execute("DELETE FROM article_images WHERE image_id = ?", (blue,))
    con.execute("DELETE FROM image_origins WHERE image_id = ?", (red,))
    con.execute("DELETE FROM images WHERE id = ?", (red,))
    con.execute("UPDATE articles SET text = '  \n ' WHERE id = ?", (tides,))
    con.execute("DELETE FROM sources WHERE article_id = ?", (tides,))
    con.close()

    report = lib.check(repair=True)
    images = [f for f in report.findings if f.check == "images"]
    assert any("not stored" in (f.problem or "") and not f.repaired for f in images)
    assert any("without a link" in (f.problem or "") and f.repaired for f in images)
    arts = problems(report, "articles")
    assert any("has no text" in p for p in arts) and any("lost its original source" in p for p in arts)
    assert all("\n" not in (f.problem or "") for f in report.findings)
    assert not report.healthy


def test_a_damaged_file_is_reported(lib: Library) -> None:
    lib.close()
    db = lib.db_path
    con = sqlite3.connect(db)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_articles_text_hash'").fetchone()[0]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with db.open("r+b") as fh:  # scribble over one index page, as a bad disk sector would
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xff" * 64)
    with Library(db.parent) as again:
        report = again.check()
        repaired = again.check(repair=True)
    assert not report.healthy
    assert any("damaged" in p for p in problems(report, "integrity"))
    # No repair is attempted in a damaged file: the way back is a restore.
    assert not repaired.healthy and not any(f.repaired for f in repaired.findings)
