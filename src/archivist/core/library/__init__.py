"""The library facade: the one API the CLI and the GUI both call.

Each method is one transaction and returns plain data (core.types), never ORM objects, so
callers on any thread hold nothing tied to a database session.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select

from archivist.core.library import importing, queries
from archivist.core.library.importing import CancelFn, ProgressFn
from archivist.core.library.queries import SortKey
from archivist.core.library.store import Store
from archivist.core.library.tags import get_or_create_tags, normalise_tag
from archivist.core.store import orm
from archivist.core.types import (
    ArticleDetail,
    ArticleId,
    ArticleSummary,
    ImportResult,
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


def open_library(directory: Path) -> Library:
    return Library(directory)
