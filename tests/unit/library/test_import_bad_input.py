"""Bad input gets a clear one-line message, loses nothing, and never stops the batch."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from archivist.core.library import Library
from archivist.core.types import ImportResult

RUSSIAN = (
    "Заголовок статьи о погоде\n\n"
    "В Москве сегодня ожидается снег и сильный ветер, сообщают синоптики.\n\n"
    "Температура опустится до минус десяти градусов к вечеру пятницы."
)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib")
    yield library
    library.close()


def _article_rows(lib: Library) -> int:
    con = sqlite3.connect(lib.db_path)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def test_legacy_and_utf16_encodings_decode_right(lib: Library, tmp_path: Path) -> None:
    cp1251 = tmp_path / "cp1251.txt"
    cp1251.write_bytes(RUSSIAN.encode("cp1251"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(RUSSIAN.replace("погоде", "снеге").replace("пятницы", "субботы").encode("utf-16"))
    results = lib.import_paths([str(cp1251), str(utf16)])
    assert [r.status for r in results] == ["imported", "imported"], results
    first = lib.get_article(results[0].id)  # type: ignore[arg-type]
    assert first.title == "Заголовок статьи о погоде"
    assert "Температура опустится до минус десяти градусов" in first.text
    second = lib.get_article(results[1].id)  # type: ignore[arg-type]
    assert second.title == "Заголовок статьи о снеге"


def test_empty_binary_and_huge_files(lib: Library, tmp_path: Path, sample_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
    huge = tmp_path / "huge.txt"
    para = ("This paragraph is part of a very long report on maritime trade and it goes on. " * 8).strip()
    with huge.open("w", encoding="utf-8") as fh:
        fh.write("A Very Long Report\n\n")
        while fh.tell() < 20 * 1024 * 1024:
            fh.write(para + "\n\n")
    t0 = time.perf_counter()
    results = lib.import_paths([str(empty), str(png), str(huge), str(sample_path)])
    elapsed = time.perf_counter() - t0
    assert [r.status for r in results] == ["failed", "failed", "imported", "imported"]
    assert "empty" in (results[0].error or "").lower()
    assert "binary" in (results[1].error or "").lower()
    for r in results[:2]:
        assert r.error and "\n" not in r.error
    big = lib.get_article(results[2].id)  # type: ignore[arg-type]
    assert big.title == "A Very Long Report" and len(big.text) > 19 * 1024 * 1024
    # Not a speed assertion: a guard against quadratic blow-ups that would hang the app.
    assert elapsed < 120


def test_file_vanishing_mid_batch_fails_alone(lib: Library, tmp_path: Path) -> None:
    files = []
    for i in range(5):
        f = tmp_path / f"a{i}.txt"
        f.write_text(f"Headline number {i}\n\nBody text of article {i} about lighthouses {i * 7}.", encoding="utf-8")
        files.append(f)

    def vanish_next(done: int, _total: int, _r: ImportResult) -> None:
        if done == 2:
            files[2].unlink()

    results = lib.import_paths([str(f) for f in files], progress=vanish_next)
    assert [r.status for r in results] == ["imported", "imported", "failed", "imported", "imported"]
    assert "not found" in (results[2].error or "").lower()
    assert _article_rows(lib) == 4


def test_failure_inside_the_transaction_leaves_nothing_half_written(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archivist.core.library import importing

    f = tmp_path / "a.txt"
    f.write_text("Headline\n\nBody of the article about tides.", encoding="utf-8")

    def explode(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing, "_add_tags", explode)
    [result] = lib.import_paths([str(f)], tags=["x"])
    assert result.status == "failed" and "disk on fire" in (result.error or "")
    con = sqlite3.connect(lib.db_path)
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "sources", "articles_fts")]
    con.close()
    assert counts == [0, 0, 0]


def test_cancel_stops_the_batch(lib: Library, tmp_path: Path) -> None:
    paths = []
    for i in range(10):
        f = tmp_path / f"c{i}.txt"
        f.write_text(f"Title {i}\n\nText {i} about the sea and ships number {i}.", encoding="utf-8")
        paths.append(str(f))
    seen: list[int] = []
    results = lib.import_paths(paths, progress=lambda d, t, r: seen.append(d), cancel=lambda: len(seen) >= 3)
    assert len(results) == 3
    assert _article_rows(lib) == 3
