"""A library written with the first released schema (0001) opens in this version with nothing lost.

`tests/data/library-0001.sqlite` was made once (by `tests/data/make_library_0001.py`) and is
never regenerated: it stands for the libraries users already have. Every future migration must
carry it to head with every article, source, image, tag, highlight, note and dossier intact, and
must back it up first. The expected contents below are written out by hand, not computed by
the code under test.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from archivist.core.library import Library
from archivist.core.store.backup import list_backups
from archivist.core.store.migrate import HEAD_REVISION

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "library-0001.sqlite"
FIXTURE_REVISION = "0001"


@pytest.fixture
def opened(tmp_path: Path) -> Path:
    """A copy of the fixture in a library folder (the fixture itself is never opened)."""
    assert FIXTURE.stat().st_size < 200 * 1024
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copyfile(FIXTURE, folder / "library.sqlite")
    return folder


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sources", "images", "article_images", "tags", "article_tags",
                          "highlights", "notes", "dossiers", "dossier_items")}
    finally:
        con.close()


EXPECTED_COUNTS = {"articles": 4, "sources": 4, "images": 2, "article_images": 2, "tags": 3, "article_tags": 5,
                   "highlights": 4, "notes": 2, "dossiers": 2, "dossier_items": 3}


def test_fixture_is_the_first_schema_and_unchanged() -> None:
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == FIXTURE_REVISION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        con.close()
    assert _counts(FIXTURE) == EXPECTED_COUNTS


def test_opening_migrates_to_head_with_nothing_lost(opened: Path) -> None:
    with Library(opened) as lib:
        assert lib.count() == 4
        keepers = lib.get_article(1)
        assert keepers.title == "The Lighthouse Keepers"
        assert keepers.text.startswith("For a century the keepers climbed the tower every evening.")
        assert keepers.tags == ("harbours", "history")
        assert lib.source(1).data.startswith(b"The Lighthouse Keepers\n\nFor a century")
        ports = lib.get_article(2)
        assert ports.title == "Économie des ports" and ports.language == "fr"
        assert str(ports.published) == "2025-03-14"
        pictures = lib.get_article(4)
        assert (pictures.site, pictures.byline, pictures.url) == ("Harbour Gazette", "Ann Writer",
                                                                  "https://example.org/harbour")
        for ref in ("archivist-image:" + r for r in _image_hashes(opened)):
            assert ref in pictures.html
            image = lib.image(ref)
            assert image is not None and image[1] == "image/png"
            assert "archivist-image:" + hashlib.sha256(image[0]).hexdigest() == ref

        hls = lib.highlights(1)
        assert [(h.exact, h.color, h.status) for h in hls] == [
            ("climbed the tower every evening", "yellow", "anchored"),
            ("the slow arrival of electric light", "green", "anchored"),
        ]
        assert hls[1].note == "Electricity arrived here in 1921, check the parish records."
        assert all(keepers.text[h.start:h.end] == h.exact for h in hls)
        assert [h.status for h in lib.highlights(3)] == ["orphaned"]
        assert [n.body for n in lib.article_notes(3)] == ["Good primer for the tides chapter."]

        coastal = lib.dossier("Coastal life")
        assert coastal.introduction == "Articles on the people who work by the sea."
        assert [a.id for a in coastal.articles] == [4, 1, 2]
        assert {d.name for d in lib.dossiers()} == {"Coastal life", "Empty dossier"}
        assert dict(lib.all_tags()) == {"harbours": 3, "history": 1, "économie": 1}

        assert [h.id for h in lib.search("dockers")] == [2]
        assert [h.id for h in lib.search("économie")] == [2]
        report = lib.check()
        assert report.healthy, report.problems
    con = sqlite3.connect(opened / "library.sqlite")
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    con.close()
    assert _counts(opened / "library.sqlite") == EXPECTED_COUNTS


def test_an_older_library_is_backed_up_before_it_is_migrated(opened: Path) -> None:
    Library(opened).close()
    backups = list_backups(opened / "backups", "pre-migration")
    if FIXTURE_REVISION == HEAD_REVISION:
        assert backups == []  # nothing to migrate, so nothing to back up
        return
    assert len(backups) == 1 and "from-0001" in backups[0].path.name
    backup = backups[0].path
    assert _counts(backup) == EXPECTED_COUNTS
    con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == FIXTURE_REVISION
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def _image_hashes(folder: Path) -> list[str]:
    con = sqlite3.connect(folder / "library.sqlite")
    try:
        return [hashlib.sha256(r[0]).hexdigest() for r in con.execute("SELECT data FROM images ORDER BY id")]
    finally:
        con.close()
