"""The portable library archive: a zip of plain files another program (or a person) can read.

Layout (format version 1):

    manifest.json        format, format_version, schema_revision, app_version, created_at, counts
    tags.json            [{id, name}]
    images.json          [{id, ref, media_type, sha256, file}]          images/<id>.<ext>
    articles/<id>.json   every article column, its tags, images and image origins, and its
                         source's metadata with the path of the raw bytes  sources/<id>/<name>
    annotations.json     a W3C AnnotationCollection: highlights with TextQuote and TextPosition
                         selectors and their notes as bodies, and free article notes
    dossiers.json        [{id, name, introduction, created_at, updated_at, articles: [id...]}]

Ids, timestamps and order are kept, so `import-library` into an empty library reproduces it
exactly. Export reads in one transaction: the archive is one consistent moment of the library.
The zip is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Date, Integer, String, Table, select
from sqlalchemy.orm import Session

from archivist import __version__
from archivist.core.library.store import Store
from archivist.core.store import migrate, orm
from archivist.core.store.orm import UTCDateTime
from archivist.errors import LibraryError

FORMAT = "archivist-library"
FORMAT_VERSION = 1
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
HIGHLIGHT_URN = "urn:archivist:highlight:"
NOTE_URN = "urn:archivist:note:"
ARTICLE_URN = "urn:archivist:article:"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_EXT = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
        "image/svg+xml": ".svg", "image/bmp": ".bmp"}


@dataclass(frozen=True)
class ArchiveReport:
    path: Path
    counts: dict[str, int]


# -- column values <-> JSON ------------------------------------------------------------------

def table_of(model: type[orm.Base]) -> Table:
    """A model's Table, typed as one (`__table__` is declared as a plain FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def encode_value(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode_value(column: Column[Any], value: Any) -> Any:
    """The model's value for a JSON value; ValueError/TypeError when it cannot be one."""
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("a time without a time zone")
        return parsed
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    if isinstance(column.type, String) and not isinstance(value, str):
        raise TypeError("expected text")
    if isinstance(column.type, Integer) and (not isinstance(value, int) or isinstance(value, bool)):
        raise TypeError("expected a whole number")
    return value


def row_to_json(table: Any, row: Any, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {c.name: encode_value(c, row._mapping[c]) for c in table.columns if c.name not in skip}


def safe_name(name: str, limit: int = 80) -> str:
    """A file name that is harmless in any zip tool: no folders, no dots at the start."""
    cleaned = _SAFE_NAME.sub("_", name).strip("._") or "source"
    return cleaned[-limit:]


# -- export ----------------------------------------------------------------------------------

def export_library(store: Store, dest: Path) -> ArchiveReport:
    dest = dest.expanduser()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    try:
        with store.read() as s, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            counts = _write_all(s, zf)
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "schema_revision": migrate.HEAD_REVISION, "app_version": __version__,
                "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "counts": counts,
            }
            _put_json(zf, "manifest.json", manifest)
        os.replace(tmp, dest)
    except OSError as exc:
        raise LibraryError(f"Could not write {dest}: {exc.strerror or exc}", detail=repr(exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return ArchiveReport(dest, counts)


def _put_json(zf: zipfile.ZipFile, name: str, data: Any) -> None:
    zf.writestr(name, json.dumps(data, ensure_ascii=False, indent=1))


def _write_all(s: Session, zf: zipfile.ZipFile) -> dict[str, int]:
    tags = [row_to_json(table_of(orm.Tag), r) for r in s.execute(select(table_of(orm.Tag)).order_by(orm.Tag.id))]
    _put_json(zf, "tags.json", tags)
    images = _write_images(s, zf)
    articles = _write_articles(s, zf)
    highlights, notes = _write_annotations(s, zf)
    dossiers = _write_dossiers(s, zf)
    return {"articles": articles, "tags": len(tags), "images": images, "highlights": highlights,
            "notes": notes, "dossiers": dossiers}


def _write_images(s: Session, zf: zipfile.ZipFile) -> int:
    table = table_of(orm.Image)
    out = []
    for row in s.execute(select(table).order_by(table.c.id)):
        entry = row_to_json(table, row, skip=frozenset({"data"}))
        entry["file"] = f"images/{row.id}{_EXT.get(row.media_type, '.bin')}"
        entry["sha256"] = hashlib.sha256(row.data).hexdigest()
        zf.writestr(entry["file"], row.data)
        out.append(entry)
    _put_json(zf, "images.json", out)
    return len(out)


def _write_articles(s: Session, zf: zipfile.ZipFile) -> int:
    art, src = table_of(orm.Article), table_of(orm.Source)
    tag_names: dict[int, str] = {tid: name for tid, name in s.execute(select(orm.Tag.id, orm.Tag.name))}
    links = _grouped(s, orm.article_tags.c.article_id, orm.article_tags.c.tag_id)
    image_links = _grouped(s, orm.article_images.c.article_id, orm.article_images.c.image_id)
    origins: dict[int, list[dict[str, Any]]] = {}
    for o in s.execute(select(table_of(orm.ImageOrigin)).order_by("article_id", "origin")):
        origins.setdefault(o.article_id, []).append({"origin": o.origin, "image_id": o.image_id})
    ids = list(s.scalars(select(art.c.id).order_by(art.c.id)))
    for aid in ids:
        row = s.execute(select(art).where(art.c.id == aid)).one()
        entry = row_to_json(art, row)
        entry["tags"] = [tag_names[t] for t in links.get(aid, [])]
        entry["tag_ids"] = links.get(aid, [])
        entry["image_ids"] = image_links.get(aid, [])
        entry["image_origins"] = origins.get(aid, [])
        source = s.execute(select(src).where(src.c.article_id == aid)).first()
        if source is None:
            entry["source"] = None
        else:
            meta = row_to_json(src, source, skip=frozenset({"data", "article_id"}))
            meta["file"] = f"sources/{aid}/{safe_name(source.name)}"
            zf.writestr(meta["file"], source.data)
            entry["source"] = meta
        _put_json(zf, f"articles/{aid}.json", entry)
    return len(ids)


def _grouped(s: Session, key: Any, value: Any) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for k, v in s.execute(select(key, value).order_by(key, value)):
        out.setdefault(k, []).append(v)
    return out


def _write_annotations(s: Session, zf: zipfile.ZipFile) -> tuple[int, int]:
    hl, nt = table_of(orm.Highlight), table_of(orm.Note)
    notes = [row for row in s.execute(select(nt).order_by(nt.c.id))]
    by_highlight = {n.highlight_id: n for n in notes if n.highlight_id is not None}
    items: list[dict[str, Any]] = []
    count = 0
    for h in s.execute(select(hl).order_by(hl.c.id)):
        count += 1
        ann: dict[str, Any] = {
            "id": f"{HIGHLIGHT_URN}{h.id}", "type": "Annotation",
            "motivation": "commenting" if h.id in by_highlight else "highlighting",
            "created": encode_value(hl.c.created_at, h.created_at),
            "modified": encode_value(hl.c.updated_at, h.updated_at),
            "archivist:status": h.status,
            "target": {
                "source": f"{ARTICLE_URN}{h.article_id}",
                "styleClass": h.color,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
                    {"type": "TextPositionSelector", "start": h.start_offset, "end": h.end_offset},
                ],
            },
        }
        if h.id in by_highlight:
            ann["body"] = _note_body(nt, by_highlight[h.id])
        items.append(ann)
    for n in notes:
        if n.highlight_id is None:
            items.append({"id": f"{NOTE_URN}{n.id}", "type": "Annotation", "motivation": "commenting",
                          "target": {"source": f"{ARTICLE_URN}{n.article_id}"}, "body": _note_body(nt, n)})
    _put_json(zf, "annotations.json", {
        "@context": W3C_CONTEXT, "type": "AnnotationCollection", "label": "Archivist library",
        "total": len(items), "first": {"type": "AnnotationPage", "items": items},
    })
    return count, len(notes)


def _note_body(nt: Any, n: Any) -> dict[str, Any]:
    return {"id": f"{NOTE_URN}{n.id}", "type": "TextualBody", "value": n.body, "format": "text/plain",
            "purpose": "commenting", "archivist:article": n.article_id,
            "created": encode_value(nt.c.created_at, n.created_at),
            "modified": encode_value(nt.c.updated_at, n.updated_at)}


def _write_dossiers(s: Session, zf: zipfile.ZipFile) -> int:
    table, items = table_of(orm.Dossier), table_of(orm.DossierItem)
    out = []
    for d in s.execute(select(table).order_by(table.c.id)):
        entry = row_to_json(table, d)
        entry["articles"] = [
            {"article_id": i.article_id, "position": i.position}
            for i in s.execute(select(items).where(items.c.dossier_id == d.id).order_by(items.c.position))
        ]
        out.append(entry)
    _put_json(zf, "dossiers.json", out)
    return len(out)
