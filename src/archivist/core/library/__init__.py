"""The library facade: the one API the CLI and the GUI both call.

Each method is one transaction and returns plain data (core.types), never ORM objects, so
callers on any thread hold nothing tied to a database session.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select

from archivist.core.library import dossiers, exporting, highlighting, importing, queries, reclean
from archivist.core.library.exporting import AnnotationImportReport
from archivist.core.library import backups, maintenance, portable, portable_import
from archivist.core.library.backups import RestoreReport, maybe_daily_backup, restore_library
from archivist.core.library.maintenance import CheckReport
from archivist.core.library.portable import ArchiveReport
from archivist.core.export.dossier import DossierDoc
from archivist.core.library.importing import CancelFn, ProgressFn
from archivist.core.library.queries import SortKey
from archivist.core.library.store import Store
from archivist.core.library.tags import get_or_create_tags, normalise_tag
from archivist.core.store import orm
from archivist.core.colors import DEFAULT_COLOR
from archivist.core.types import (
    ArticleDetail,
    ArticleId,
    ArticleSummary,
    DossierInfo,
    DossierSummary,
    HighlightInfo,
    ImportResult,
    NoteInfo,
    ParsedArticle,
    RecleanReport,
    SearchHit,
    SourceDocument,
)


class Library:
    """An open Archivist library folder (holding `library.sqlite`)."""

    def __init__(self, directory: Path) -> None:
        self._store = Store(directory)
        self.directory = directory

    @property
    def db_path(self) -> Path:
        return self._store.db_path

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- import ---------------------------------------------------------------------------
    def import_paths(
        self, args: list[str], tags: Iterable[str] = (), stdin: BinaryIO | None = None,
        progress: ProgressFn | None = None, cancel: CancelFn | None = None,
    ) -> list[ImportResult]:
        return importing.import_paths(self._store, args, tags, stdin, progress, cancel)

    def import_document(self, doc: SourceDocument, tags: Iterable[str] = ()) -> ImportResult:
        return importing.import_document(self._store, doc, tags)

    # -- reading --------------------------------------------------------------------------
    def list_articles(self, tag: str | None = None) -> list[ArticleSummary]:
        with self._store.read() as s:
            return queries.list_articles(s, tag)

    def article_ids(
        self, sort: SortKey = "imported_at", descending: bool = True, query: str = "",
        tag: str | None = None,
    ) -> list[ArticleId]:
        with self._store.read() as s:
            return queries.article_ids(s, sort, descending, query, tag)

    def summaries(self, ids: list[int]) -> dict[int, ArticleSummary]:
        with self._store.read() as s:
            return queries.summaries(s, ids)

    def get_article(self, article_id: int) -> ArticleDetail:
        with self._store.read() as s:
            return queries.detail_of(queries.get_article(s, article_id))

    def count(self) -> int:
        with self._store.read() as s:
            return queries.count_articles(s)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        with self._store.read() as s:
            return queries.search(s, query, limit)

    def image(self, ref: str) -> tuple[bytes, str] | None:
        with self._store.read() as s:
            return queries.image(s, ref)

    def source(self, article_id: int) -> SourceDocument:
        with self._store.read() as s:
            src = queries.get_article(s, article_id).source
            return SourceDocument(data=src.data, name=src.name, media_type=src.media_type, url=src.url)

    # -- tags -----------------------------------------------------------------------------
    def all_tags(self) -> list[tuple[str, int]]:
        with self._store.read() as s:
            return queries.all_tags(s)

    def tag(self, article_id: int, names: Iterable[str]) -> tuple[str, ...]:
        with self._store.write() as s:
            article = queries.get_article(s, article_id)
            for tag in get_or_create_tags(s, names):
                if tag not in article.tags:
                    article.tags.append(tag)
            return tuple(t.name for t in article.tags)

    def untag(self, article_id: int, names: Iterable[str]) -> tuple[str, ...]:
        with self._store.write() as s:
            article = queries.get_article(s, article_id)
            drop = {normalise_tag(n).casefold() for n in names}
            article.tags = [t for t in article.tags if t.name.casefold() not in drop]
            s.flush()
            # Tags nobody uses any more are removed so tag lists stay meaningful.
            unused = s.scalars(select(orm.Tag).where(~orm.Tag.id.in_(select(orm.article_tags.c.tag_id))))
            for t in unused:
                s.delete(t)
            return tuple(t.name for t in article.tags)

    # -- highlights and notes -------------------------------------------------------------
    def add_highlight(self, article_id: int, start: int, end: int, color: str = DEFAULT_COLOR,
                      note: str | None = None) -> HighlightInfo:
        with self._store.write() as s:
            return highlighting.add_highlight(s, article_id, start, end, color, note)

    def highlight_quote(self, article_id: int, quote: str, occurrence: int = 1,
                        color: str = DEFAULT_COLOR, note: str | None = None) -> HighlightInfo:
        with self._store.write() as s:
            start, end = highlighting.locate_quote(s, article_id, quote, occurrence)
            return highlighting.add_highlight(s, article_id, start, end, color, note)

    def update_highlight(self, highlight_id: int, color: str | None = None, note: str | None = None,
                         clear_note: bool = False) -> HighlightInfo:
        with self._store.write() as s:
            return highlighting.update_highlight(s, highlight_id, color, note, clear_note)

    def delete_highlight(self, highlight_id: int) -> HighlightInfo:
        with self._store.write() as s:
            return highlighting.delete_highlight(s, highlight_id)

    def restore_highlight(self, info: HighlightInfo) -> HighlightInfo:
        with self._store.write() as s:
            return highlighting.restore_highlight(s, info)

    def highlights(self, article_id: int) -> list[HighlightInfo]:
        with self._store.read() as s:
            return highlighting.highlights(s, article_id)

    def add_note(self, article_id: int, body: str) -> NoteInfo:
        with self._store.write() as s:
            return highlighting.add_note(s, article_id, body)

    def update_note(self, note_id: int, body: str) -> NoteInfo:
        with self._store.write() as s:
            return highlighting.update_note(s, note_id, body)

    def delete_note(self, note_id: int) -> NoteInfo:
        with self._store.write() as s:
            return highlighting.delete_note(s, note_id)

    def restore_note(self, info: NoteInfo) -> NoteInfo:
        with self._store.write() as s:
            return highlighting.restore_note(s, info)

    def article_notes(self, article_id: int) -> list[NoteInfo]:
        with self._store.read() as s:
            return highlighting.article_notes(s, article_id)

    # -- re-cleaning ----------------------------------------------------------------------
    def all_article_ids(self) -> list[int]:
        return reclean.all_article_ids(self._store)

    def reclean(self, article_id: int) -> RecleanReport:
        return reclean.reclean_article(self._store, article_id)

    def replace_content(self, article_id: int, parsed: ParsedArticle) -> RecleanReport:
        """Swap in new cleaned content (an edit, a better cleaner), re-anchoring highlights."""
        return reclean.apply_new_text(self._store, article_id, parsed)

    # -- dossiers -------------------------------------------------------------------------
    def create_dossier(self, name: str, introduction: str = "") -> DossierInfo:
        with self._store.write() as s:
            return dossiers.create(s, name, introduction)

    def rename_dossier(self, name: str, new_name: str) -> DossierInfo:
        with self._store.write() as s:
            return dossiers.rename(s, name, new_name)

    def set_dossier_introduction(self, name: str, introduction: str) -> DossierInfo:
        with self._store.write() as s:
            return dossiers.set_introduction(s, name, introduction)

    def delete_dossier(self, name: str) -> None:
        with self._store.write() as s:
            dossiers.delete(s, name)

    def add_to_dossier(self, name: str, article_ids: list[int], position: int | None = None) -> DossierInfo:
        with self._store.write() as s:
            return dossiers.add(s, name, article_ids, position)

    def remove_from_dossier(self, name: str, article_ids: list[int]) -> DossierInfo:
        with self._store.write() as s:
            return dossiers.remove(s, name, article_ids)

    def reorder_dossier(self, name: str, article_ids: list[int]) -> DossierInfo:
        with self._store.write() as s:
            return dossiers.reorder(s, name, article_ids)

    def dossiers(self) -> list[DossierSummary]:
        with self._store.read() as s:
            return dossiers.list_dossiers(s)

    def dossier(self, name: str) -> DossierInfo:
        with self._store.read() as s:
            return dossiers.dossier(s, name)

    # -- export ---------------------------------------------------------------------------
    def export_data(self, article_ids: list[int] | None = None, dossier: str | None = None) -> DossierDoc:
        """Everything an export needs, gathered in one read transaction."""
        with self._store.read() as s:
            return exporting.build_doc(s, article_ids or [], dossier)

    def text_hashes(self, article_ids: list[int]) -> dict[int, str]:
        with self._store.read() as s:
            return exporting.text_hashes(s, article_ids)

    def import_annotations(self, raw_json: str) -> AnnotationImportReport:
        from archivist.core.export.annotations_json import parse_jsonld

        parsed = parse_jsonld(raw_json)
        with self._store.write() as s:
            return exporting.import_annotations(s, parsed)

    # -- safety: check, backup, restore, portable archive ----------------------------------
    def check(self, repair: bool = False) -> CheckReport:
        return maintenance.check_library(self._store, repair)

    def backup(self, dest: Path, overwrite: bool = False) -> Path:
        """A consistent copy of the library (online backup API), safe while others write."""
        return backups.backup_library(self.db_path, dest, overwrite)

    def export_library(self, dest: Path) -> ArchiveReport:
        return portable.export_library(self._store, dest)

    def import_library(self, archive: Path) -> ArchiveReport:
        """Fill this (empty) library from a portable archive, ids and all."""
        return portable_import.import_library(self._store, archive)

    @staticmethod
    def restore(directory: Path, backup_file: Path) -> RestoreReport:
        """Replace the library in `directory` by a backup; the library must not be open."""
        return restore_library(directory, backup_file)


def open_library(directory: Path) -> Library:
    return Library(directory)
