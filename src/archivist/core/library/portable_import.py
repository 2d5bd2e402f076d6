"""`import-library`: rebuild a library from a portable archive, exactly, into an empty library.

Only an empty library is accepted: merging would have to renumber ids and decide between two
copies of the same article, which is a different feature. Everything is inserted in one write
transaction with the archive's own ids, so a failed import (a damaged archive, a full disk)
leaves the library empty again, and a successful one is the exported library, row for row.

The archive is untrusted input: member names are only ever looked up inside the zip (nothing is
extracted to disk), sizes are checked before reading, and every field is type-checked with a
message that names what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archivist.core.ingest.sources import MAX_SOURCE_BYTES
from archivist.core.library.portable import (
    ARTICLE_URN,
    FORMAT,
    FORMAT_VERSION,
    HIGHLIGHT_URN,
    NOTE_URN,
    ArchiveReport,
    decode_value,
    table_of,
)
from archivist.core.library.store import Store
from archivist.core.store import migrate, orm
from archivist.errors import LibraryError, UsageError

MAX_JSON_BYTES = 16 * MAX_SOURCE_BYTES  # an article's text and HTML together, escaped
MAX_IMAGE_BYTES = MAX_SOURCE_BYTES


class ArchiveDamaged(LibraryError):
    """The archive is not a complete, well-formed Archivist library archive."""


def import_library(store: Store, archive: Path) -> ArchiveReport:
    archive = archive.expanduser()
    if not archive.is_file():
        raise UsageError(f"No archive at {archive}")
    if not zipfile.is_zipfile(archive):
        raise ArchiveDamaged(f"{archive} is not a zip archive, so not an Archivist library archive")
    with zipfile.ZipFile(archive) as zf:
        reader = _Reader(zf)
        manifest = _check_manifest(reader)
        files = len(list(_article_files(reader)))
        counts = manifest.get("counts")
        listed = counts.get("articles") if isinstance(counts, dict) else None
        if listed is not None and listed != files:
            raise ArchiveDamaged(f"The archive is incomplete: its manifest lists {listed} articles, it holds {files}")
        with store.write() as s:
            _refuse_non_empty(s)
            try:
                counts = _load(s, reader)
                s.flush()
            except IntegrityError as exc:
                raise ArchiveDamaged(f"The archive's records do not fit together ({exc.orig})",
                                     detail=repr(exc)) from exc
            expected = manifest.get("counts")
            if isinstance(expected, dict) and any(expected.get(k) not in (None, v) for k, v in counts.items()):
                # Cannot happen with an archive we wrote; guards against a truncated or edited one.
                raise ArchiveDamaged(f"The archive's contents do not match its manifest ({expected} vs {counts})")
    return ArchiveReport(archive, counts)


class _Reader:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = set(zf.namelist())

    def raw(self, name: str, limit: int) -> bytes:
        if name not in self.names:
            raise ArchiveDamaged(f"The archive is incomplete: {name} is missing")
        info = self.zf.getinfo(name)
        if info.file_size > limit:
            raise ArchiveDamaged(f"The archive's {name} is implausibly large ({info.file_size:,} bytes)")
        try:
            return self.zf.read(info)
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
            raise ArchiveDamaged(f"The archive is damaged: {name} cannot be read ({exc})") from exc

    def json(self, name: str) -> Any:
        try:
            return json.loads(self.raw(name, MAX_JSON_BYTES).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ArchiveDamaged(f"The archive's {name} is not valid JSON ({exc})") from exc


def _check_manifest(reader: _Reader) -> dict[str, Any]:
    if "manifest.json" not in reader.names:
        raise ArchiveDamaged("This zip is not an Archivist library archive (it has no manifest.json)")
    m = reader.json("manifest.json")
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise ArchiveDamaged("This zip is not an Archivist library archive (its manifest is not ours)")
    version = m.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise LibraryError("This archive was written by a newer version of Archivist; update Archivist to import it.")
    revision = m.get("schema_revision")
    if revision != migrate.HEAD_REVISION and revision not in migrate.known_revisions():
        raise LibraryError("This archive was written by a newer version of Archivist; update Archivist to import it.")
    return m


def _refuse_non_empty(s: Session) -> None:
    held = {name: s.scalar(select(func.count()).select_from(model)) or 0
            for name, model in (("articles", orm.Article), ("tags", orm.Tag), ("dossiers", orm.Dossier),
                                ("images", orm.Image), ("notes", orm.Note), ("highlights", orm.Highlight))}
    if any(held.values()):
        what = ", ".join(f"{n} {name}" for name, n in held.items() if n)
        raise UsageError(f"import-library needs an empty library, and this one holds {what}. "
                         "Choose a new library folder with --library DIR.")


def _field(obj: Any, key: str, kind: type | tuple[type, ...], where: str, optional: bool = False) -> Any:
    if not isinstance(obj, dict):
        raise ArchiveDamaged(f"The archive's {where} is not a JSON object")
    value = obj.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ArchiveDamaged(f"The archive's {where} has no valid {key!r}")
    return value


def _row(table: Table, data: dict[str, Any], where: str, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Column values for `table` from an archive object, decoded to the model's types."""
    if not isinstance(data, dict):
        raise ArchiveDamaged(f"The archive's {where} is not a JSON object")
    out: dict[str, Any] = {}
    for c in table.columns:
        if c.name in skip:
            continue
        if c.name not in data:
            if c.nullable or c.default is not None:
                continue
            raise ArchiveDamaged(f"The archive's {where} has no {c.name!r}")
        try:
            out[c.name] = decode_value(c, data[c.name])
        except (TypeError, ValueError) as exc:
            raise ArchiveDamaged(f"The archive's {where} has an invalid {c.name!r}") from exc
    return out


def _load(s: Session, r: _Reader) -> dict[str, int]:
    tags = r.json("tags.json")
    images = r.json("images.json")
    if not isinstance(tags, list) or not isinstance(images, list):
        raise ArchiveDamaged("The archive's tags.json or images.json is not a list")
    for t in tags:
        s.execute(insert(table_of(orm.Tag)).values(_row(table_of(orm.Tag), t, "tags.json")))
    for img in images:
        data = r.raw(_field(img, "file", str, "images.json"), MAX_IMAGE_BYTES)
        if hashlib.sha256(data).hexdigest() != img.get("sha256"):
            raise ArchiveDamaged(f"The archive's image {img.get('id')} does not match its checksum")
        s.execute(insert(table_of(orm.Image)).values({**_row(table_of(orm.Image), img, "images.json",
                                                                 skip=frozenset({"data"})), "data": data}))
    articles = 0
    for name in _article_files(r):
        _load_article(s, r, name)
        articles += 1
    highlights, notes = _load_annotations(s, r.json("annotations.json"))
    dossiers = _load_dossiers(s, r.json("dossiers.json"))
    return {"articles": articles, "tags": len(tags), "images": len(images), "highlights": highlights,
            "notes": notes, "dossiers": dossiers}


def _article_files(r: _Reader) -> Iterator[str]:
    names = [n for n in r.names if n.startswith("articles/") and n.endswith(".json")]
    yield from sorted(names, key=lambda n: (len(n), n))


def _load_article(s: Session, r: _Reader, name: str) -> None:
    a = r.json(name)
    art = table_of(orm.Article)
    aid = _field(a, "id", int, name)
    s.execute(insert(art).values(_row(art, a, name)))
    source = a.get("source")
    if source is not None:
        data = r.raw(_field(source, "file", str, f"{name} source"), MAX_SOURCE_BYTES)
        if hashlib.sha256(data).hexdigest() != source.get("sha256"):
            raise ArchiveDamaged(f"The archive's source of article {aid} does not match its checksum")
        src = table_of(orm.Source)
        row = _row(src, source, f"{name} source", skip=frozenset({"data", "article_id"}))
        s.execute(insert(src).values({**row, "article_id": aid, "data": data}))
    for tag_id in _int_list(a, "tag_ids", name):
        s.execute(insert(orm.article_tags).values(article_id=aid, tag_id=tag_id))
    for image_id in _int_list(a, "image_ids", name):
        s.execute(insert(orm.article_images).values(article_id=aid, image_id=image_id))
    for o in a.get("image_origins") or []:
        s.execute(insert(table_of(orm.ImageOrigin)).values(
            article_id=aid, origin=_field(o, "origin", str, name), image_id=_field(o, "image_id", int, name)))


def _int_list(obj: dict[str, Any], key: str, where: str) -> list[int]:
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise ArchiveDamaged(f"The archive's {where} has an invalid {key!r}")
    return value


def _urn_id(value: Any, prefix: str, where: str) -> int:
    if not isinstance(value, str) or not value.startswith(prefix) or not value[len(prefix):].isdigit():
        raise ArchiveDamaged(f"The archive's {where} has an unexpected id {value!r}")
    return int(value[len(prefix):])


def _load_annotations(s: Session, collection: Any) -> tuple[int, int]:
    page = _field(collection, "first", dict, "annotations.json")
    items = _field(page, "items", list, "annotations.json")
    hl, nt = table_of(orm.Highlight), table_of(orm.Note)
    highlights = notes = 0
    for ann in items:
        target = _field(ann, "target", dict, "annotations.json item")
        article_id = _urn_id(target.get("source"), ARTICLE_URN, "annotation target")
        ann_id = _field(ann, "id", str, "annotations.json item")
        if ann_id.startswith(HIGHLIGHT_URN):
            selectors = _field(target, "selector", list, f"annotation {ann_id}")
            quote = next((x for x in selectors if isinstance(x, dict) and x.get("type") == "TextQuoteSelector"), {})
            pos = next((x for x in selectors if isinstance(x, dict) and x.get("type") == "TextPositionSelector"), {})
            where = f"annotation {ann_id}"
            s.execute(insert(hl).values(_row(hl, {
                "id": _urn_id(ann_id, HIGHLIGHT_URN, "annotation"), "article_id": article_id,
                "start_offset": _field(pos, "start", int, where), "end_offset": _field(pos, "end", int, where),
                "exact": _field(quote, "exact", str, where), "prefix": _field(quote, "prefix", str, where),
                "suffix": _field(quote, "suffix", str, where), "color": _field(target, "styleClass", str, where),
                "status": _field(ann, "archivist:status", str, where),
                "created_at": ann.get("created"), "updated_at": ann.get("modified"),
            }, where)))
            highlights += 1
            if ann.get("body") is not None:
                _insert_note(s, nt, ann["body"], article_id, _urn_id(ann_id, HIGHLIGHT_URN, "annotation"))
                notes += 1
        else:
            _insert_note(s, nt, _field(ann, "body", dict, f"annotation {ann_id}"), article_id, None)
            notes += 1
    return highlights, notes


def _insert_note(s: Session, nt: Table, body: Any, article_id: int, highlight_id: int | None) -> None:
    where = "a note in annotations.json"
    s.execute(insert(nt).values(_row(nt, {
        "id": _urn_id(_field(body, "id", str, where), NOTE_URN, where),
        "article_id": _field(body, "archivist:article", int, where, optional=True) or article_id,
        "highlight_id": highlight_id, "body": _field(body, "value", str, where),
        "created_at": body.get("created"), "updated_at": body.get("modified"),
    }, where)))


def _load_dossiers(s: Session, dossiers: Any) -> int:
    if not isinstance(dossiers, list):
        raise ArchiveDamaged("The archive's dossiers.json is not a list")
    table, items = table_of(orm.Dossier), table_of(orm.DossierItem)
    for d in dossiers:
        s.execute(insert(table).values(_row(table, d, "dossiers.json")))
        for item in _field(d, "articles", list, "dossiers.json"):
            s.execute(insert(items).values(
                dossier_id=d["id"], article_id=_field(item, "article_id", int, "a dossier item"),
                position=_field(item, "position", int, "a dossier item")))
    return len(dossiers)
