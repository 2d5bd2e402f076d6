"""Writes tests/data/library-0001.sqlite: a small library in the first released schema (0001).

Kept so the fixture can be understood and, if ever needed, rebuilt. It migrates a new file to
revision 0001 exactly (not to head) and fills it with plain SQL, so it does not depend on the
models or importer of whatever version runs it. Run from the repository root:

    .venv/bin/python tests/data/make_library_0001.py

The expected contents are spelled out in tests/unit/store/test_migration_fixture.py; change
both together (better: never change this fixture, add a new one for a new schema).
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import sys
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent / "library-0001.sqlite"
T0 = "2026-11-20T09:00:00.000000+00:00"


def png(color: tuple[int, int, int], size: int = 6) -> bytes:
    raw = b"".join(b"\x00" + bytes(color) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")


RED, BLUE = png((200, 30, 30)), png((30, 30, 200))
RED_REF = "archivist-image:" + hashlib.sha256(RED).hexdigest()
BLUE_REF = "archivist-image:" + hashlib.sha256(BLUE).hexdigest()

ARTICLES = [
    # id, title, format, source name, source bytes, text, published, site, url, byline, language
    (1, "The Lighthouse Keepers", "text", "keepers.txt",
     b"The Lighthouse Keepers\n\nFor a century the keepers climbed the tower every evening.\n\n"
     b"Their logbooks record storms, wrecks and the slow arrival of electric light.",
     "For a century the keepers climbed the tower every evening.\n\n"
     "Their logbooks record storms, wrecks and the slow arrival of electric light.",
     None, None, None, None, "en"),
    (2, "Économie des ports", "text", "ports.txt",
     "Économie des ports\n\nLes ports de l'Atlantique ont vu leur trafic doubler en dix ans.\n\n"
     "Les dockers négocient une nouvelle convention collective.".encode("utf-8"),
     "Les ports de l'Atlantique ont vu leur trafic doubler en dix ans.\n\n"
     "Les dockers négocient une nouvelle convention collective.",
     "2025-03-14", None, None, None, "fr"),
    (3, "Tides, Explained", "markdown", "tides.md",
     b"# Tides, Explained\n\nThe moon pulls the oceans; the *sun* helps a little.\n\n- Spring tides\n- Neap tides\n",
     "The moon pulls the oceans; the sun helps a little.\n\nSpring tides\nNeap tides",
     None, None, None, None, "en"),
    (4, "Harbour Pictures", "html", "harbour.html",
     b"<html><head><title>Harbour Pictures</title></head><body><article><p>Two pictures of the harbour "
     b"at dawn.</p><img src='red.png' alt='red boat'><p>The blue one was taken at dusk.</p>"
     b"<img src='blue.png' alt='blue boat'></article></body></html>",
     "Two pictures of the harbour at dawn.\n\nThe blue one was taken at dusk.",
     "2024-11-02", "Harbour Gazette", "https://example.org/harbour", "Ann Writer", "en"),
]


def html_of(article_id: int, text: str) -> str:
    paras = text.split("\n\n")
    if article_id == 4:
        return (f'<p>{paras[0]}</p><img src="{RED_REF}" alt="red boat"><p>{paras[1]}</p>'
                f'<img src="{BLUE_REF}" alt="blue boat">')
    return "".join(f"<p>{p}</p>" for p in paras)


def highlight(article_text: str, exact: str, context: int = 32) -> tuple[int, int, str, str, str]:
    start = article_text.index(exact)
    end = start + len(exact)
    return start, end, exact, article_text[max(0, start - context):start], article_text[end:end + context]


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from alembic import command

    from archivist.core.store.db import make_engine, writer
    from archivist.core.store.migrate import _config

    OUT.unlink(missing_ok=True)
    engine = make_engine(OUT)
    cfg = _config()
    with writer(engine).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()

    con = sqlite3.connect(OUT)
    con.execute("PRAGMA foreign_keys=ON")
    texts = {}
    for (aid, title, fmt, name, data, text, pub, site, url, byline, lang) in ARTICLES:
        texts[aid] = text
        th = hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()
        con.execute(
            "INSERT INTO articles (id, title, byline, published, site, url, language, lead_image, text, html, "
            "word_count, text_hash, source_format, imported_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (aid, title, byline, pub, site, url, lang, RED_REF if aid == 4 else None, text, html_of(aid, text),
             len(text.split()), th, fmt, T0.replace("09:00", f"09:0{aid}"), T0.replace("09:00", f"09:0{aid}")))
        con.execute("INSERT INTO sources (id, article_id, name, media_type, url, sha256, size, data) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    (aid, aid, name, "text/html" if fmt == "html" else None, url,
                     hashlib.sha256(data).hexdigest(), len(data), data))
    con.executemany("INSERT INTO images (id, ref, media_type, data) VALUES (?,?,?,?)",
                    [(1, RED_REF, "image/png", RED), (2, BLUE_REF, "image/png", BLUE)])
    con.executemany("INSERT INTO article_images VALUES (?,?)", [(4, 1), (4, 2)])
    con.executemany("INSERT INTO tags (id, name) VALUES (?,?)", [(1, "history"), (2, "harbours"), (3, "économie")])
    con.executemany("INSERT INTO article_tags VALUES (?,?)", [(1, 1), (1, 2), (2, 3), (2, 2), (4, 2)])
    hls = [
        (1, 1, *highlight(texts[1], "climbed the tower every evening"), "yellow", "anchored"),
        (2, 1, *highlight(texts[1], "the slow arrival of electric light"), "green", "anchored"),
        (3, 2, *highlight(texts[2], "trafic doubler en dix ans"), "pink", "anchored"),
        (4, 3, 0, 8, "a sentence the cleaner later lost", "", "", "blue", "orphaned"),
    ]
    for h in hls:
        con.execute("INSERT INTO highlights (id, article_id, start_offset, end_offset, exact, prefix, suffix, "
                    "color, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", (*h, T0, T0))
    con.execute("INSERT INTO notes (id, article_id, highlight_id, body, created_at, updated_at) VALUES "
                "(1, 1, 2, 'Electricity arrived here in 1921, check the parish records.', ?, ?)", (T0, T0))
    con.execute("INSERT INTO notes (id, article_id, highlight_id, body, created_at, updated_at) VALUES "
                "(2, 3, NULL, 'Good primer for the tides chapter.', ?, ?)", (T0, T0))
    con.execute("INSERT INTO dossiers (id, name, introduction, created_at, updated_at) VALUES "
                "(1, 'Coastal life', 'Articles on the people who work by the sea.', ?, ?)", (T0, T0))
    con.execute("INSERT INTO dossiers (id, name, introduction, created_at, updated_at) VALUES "
                "(2, 'Empty dossier', '', ?, ?)", (T0, T0))
    con.executemany("INSERT INTO dossier_items VALUES (?,?,?)", [(1, 4, 0), (1, 1, 1), (1, 2, 2)])
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("VACUUM")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    con.close()
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
