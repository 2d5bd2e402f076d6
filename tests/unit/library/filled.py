"""A library with one of everything, made through the facade as a user would make it.

Used by the check, backup and portable-archive tests: text, Markdown and HTML articles (the
HTML one with a data: image and an image file next to it), tags, highlights with and without
notes, an orphaned highlight, article notes, and two dossiers with an order and introductions.
"""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

from archivist.core.library import Library


def png(color: tuple[int, int, int], size: int = 6) -> bytes:
    raw = b"".join(b"\x00" + bytes(color) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")


PARA = "The harbour master spoke at length about the tides and the ships that come in at night. "


def write_sources(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "blue.png").write_bytes(png((20, 40, 220)))
    red = base64.b64encode(png((220, 20, 20))).decode()
    files = {
        "keepers.txt": "The Lighthouse Keepers\n\nFor a century the keepers climbed the tower every evening.\n\n"
                       "Their logbooks record storms, wrecks and the slow arrival of electric light.\n",
        "ports.txt": "Économie des ports\n\nLes ports de l'Atlantique ont vu leur trafic doubler en dix ans.\n\n"
                     "Les dockers négocient une nouvelle convention collective.\n",
        "tides.md": "# Tides, Explained\n\nThe moon pulls the oceans; the *sun* helps a little.\n\n"
                    "- Spring tides\n- Neap tides\n",
        "harbour.html": "<!doctype html><html lang='en'><head><title>Harbour Pictures</title>"
                        "<meta name='author' content='Ann Writer'></head><body><article><h1>Harbour Pictures</h1>"
                        f"<p>{PARA * 4}</p><figure><img src='data:image/png;base64,{red}' alt='A red boat'>"
                        "<figcaption>The red boat at dawn</figcaption></figure>"
                        f"<p>{PARA.replace('harbour', 'river') * 4}</p>"
                        "<figure><img src='blue.png' alt='A blue boat'><figcaption>The blue boat at dusk"
                        f"</figcaption></figure><p>{PARA.replace('tides', 'winds') * 3}</p></article></body></html>",
    }
    paths = []
    for name, content in files.items():
        p = folder / name
        p.write_text(content, encoding="utf-8")
        paths.append(p)
    return paths


def fill(lib: Library, folder: Path) -> dict[str, int]:
    """Fill `lib`; returns the ids of the articles by source name stem."""
    results = lib.import_paths([str(p) for p in write_sources(folder)], tags=["Sea"])
    assert [r.status for r in results] == ["imported"] * 4, results
    ids = {Path(r.source).stem: int(r.id) for r in results if r.id is not None}
    lib.tag(ids["keepers"], ["history", "Économie"])
    lib.tag(ids["ports"], ["économie"])
    lib.highlight_quote(ids["keepers"], "climbed the tower every evening", color="green")
    lib.highlight_quote(ids["keepers"], "slow arrival of electric light", note="Check the parish records.")
    lib.highlight_quote(ids["harbour"], "ships that come in at night", occurrence=2, color="pink",
                        note="Night shipping: see chapter 3")
    lib.highlight_quote(ids["ports"], "trafic doubler")
    orphan = lib.highlight_quote(ids["tides"], "moon pulls the oceans")
    with lib._store.write() as s:  # a highlight whose words a re-clean lost: kept, orphaned
        from archivist.core.store import orm

        s.get_one(orm.Highlight, orphan.id).status = "orphaned"
    lib.add_note(ids["tides"], "Good primer for the tides chapter.")
    lib.add_note(ids["keepers"], "Second note\nwith two lines.")
    lib.create_dossier("Coastal life", "Articles on the people who work by the sea.")
    lib.add_to_dossier("Coastal life", [ids["harbour"], ids["keepers"], ids["ports"]])
    lib.create_dossier("Empty one")
    return ids
