"""The portable archive: export-library then import-library reproduces a library row for row.

The round trip compares every table the library file holds (taken from sqlite_master, so a
table added by a future migration is compared too, and fails this test until the archive
carries it), ids included.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from archivist.core.library import Library
from archivist.core.library.portable import FORMAT_VERSION
from archivist.errors import LibraryError, UsageError
from tests.unit.library.filled import fill

#: FTS5's own b-tree: its layout depends on insertion history, not on content (the docsize
#: table and a search over every word stand in for it).
FTS_INTERNALS = {"articles_fts_data", "articles_fts_idx", "articles_fts_config"}


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for t in tables:
            if t in FTS_INTERNALS or t == "articles_fts":
                continue
            out[t] = sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
        return out
    finally:
        con.close()


@pytest.fixture
def source_lib(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib")
    fill(lib, tmp_path / "src")
    yield lib
    lib.close()


def test_round_trip_reproduces_every_table_exactly(source_lib: Library, tmp_path: Path) -> None:
    archive = tmp_path / "all.zip"
    report = source_lib.export_library(archive)
    assert report.counts == {"articles": 4, "tags": 4, "images": 2, "highlights": 5, "notes": 4, "dossiers": 2}
    with zipfile.ZipFile(archive) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        annotations = json.loads(zf.read("annotations.json"))
    assert manifest["format_version"] == FORMAT_VERSION and manifest["counts"] == report.counts
    assert {"tags.json", "images.json", "annotations.json", "dossiers.json", "articles/1.json",
            "sources/1/keepers.txt", "sources/4/harbour.html"} <= names
    selectors = annotations["first"]["items"][0]["target"]["selector"]
    assert {s["type"] for s in selectors} == {"TextQuoteSelector", "TextPositionSelector"}

    with Library(tmp_path / "copy") as copy:
        imported = copy.import_library(archive)
        assert imported.counts == report.counts
        assert copy.check().healthy
        for word in ("logbooks", "dockers", "moon", "harbour"):
            assert [h.id for h in copy.search(word)] == [h.id for h in source_lib.search(word)]
        assert copy.dossier("Coastal life") == source_lib.dossier("Coastal life")
    original, restored = dump(source_lib.db_path), dump(tmp_path / "copy" / "library.sqlite")
    assert original.keys() == restored.keys()
    for table in original:
        assert restored[table] == original[table], table


def test_import_refuses_a_library_that_is_not_empty(source_lib: Library, tmp_path: Path) -> None:
    archive = source_lib.export_library(tmp_path / "all.zip").path
    before = dump(source_lib.db_path)
    with pytest.raises(UsageError, match="needs an empty library.*4 articles"):
        source_lib.import_library(archive)
    assert dump(source_lib.db_path) == before


def _rewrite(archive: Path, out: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info.filename, change[info.filename])  # type: ignore[arg-type]
            else:
                dst.writestr(info, src.read(info))
    return out


def test_import_refuses_damaged_or_foreign_archives_and_stays_empty(source_lib: Library, tmp_path: Path) -> None:
    archive = source_lib.export_library(tmp_path / "all.zip").path
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello")
    cases = [
        (not_zip, "not a zip archive"),
        (_rewrite(archive, tmp_path / "a.zip", {"manifest.json": None}), "no manifest"),
        (_rewrite(archive, tmp_path / "b.zip", {"manifest.json": json.dumps(
            {**manifest, "format_version": FORMAT_VERSION + 1}).encode()}), "newer version"),
        (_rewrite(archive, tmp_path / "c.zip", {"sources/2/ports.txt": b"tampered"}), "checksum"),
        (_rewrite(archive, tmp_path / "d.zip", {"articles/3.json": b"{not json"}), "not valid JSON"),
        (_rewrite(archive, tmp_path / "e.zip", {"articles/4.json": None}), "incomplete"),
        (_rewrite(archive, tmp_path / "f.zip", {"dossiers.json": json.dumps(
            [{"id": 1, "name": "x", "introduction": "", "created_at": "2026-01-01T00:00:00+00:00",
              "updated_at": "2026-01-01T00:00:00+00:00", "articles": [{"article_id": 77, "position": 0}]}]).encode()}),
         "do not fit together"),
        (_rewrite(archive, tmp_path / "g.zip", {"tags.json": b'[{"id": "one", "name": 5}]'}), "invalid"),
    ]
    with Library(tmp_path / "empty") as empty:
        for path, words in cases:
            with pytest.raises((LibraryError, UsageError), match=words):
                empty.import_library(path)
            assert empty.count() == 0 and empty.all_tags() == [] and empty.dossiers() == []
        assert empty.import_library(archive).counts["articles"] == 4  # and still usable after all that
