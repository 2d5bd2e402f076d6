"""Reading the library: lists, single articles, search, ids for the GUI's lazy table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from archivist.core.store import fts, orm
from archivist.core.types import ArticleDetail, ArticleId, ArticleSummary, SearchHit
from archivist.errors import NotFound

SortKey = Literal["title", "site", "published", "imported_at"]
_SORT_COLUMNS = {
    "title": func.lower(orm.Article.title),
    "site": func.lower(func.coalesce(orm.Article.site, "")),
    "published": orm.Article.published,
    "imported_at": orm.Article.imported_at,
}


def summary_of(a: orm.Article) -> ArticleSummary:
    return ArticleSummary(
        id=ArticleId(a.id), title=a.title, site=a.site, published=a.published,
        imported_at=a.imported_at, tags=tuple(sorted((t.name for t in a.tags), key=str.casefold)),
    )


def detail_of(a: orm.Article) -> ArticleDetail:
    return ArticleDetail(
        id=ArticleId(a.id), title=a.title, byline=a.byline, published=a.published, site=a.site,
        url=a.url, language=a.language, text=a.text, html=a.html,
        tags=tuple(sorted((t.name for t in a.tags), key=str.casefold)), word_count=a.word_count, imported_at=a.imported_at,
        source_name=a.source.name if a.source else None, lead_image=a.lead_image,
    )


def list_articles(session: Session, tag: str | None = None) -> list[ArticleSummary]:
    stmt: Select[tuple[orm.Article]] = (
        select(orm.Article).options(selectinload(orm.Article.tags)).order_by(orm.Article.id)
    )
    if tag:
        stmt = stmt.where(orm.Article.tags.any(orm.Tag.name == tag.strip()))
    return [summary_of(a) for a in session.scalars(stmt)]


def article_ids(
    session: Session, sort: SortKey = "imported_at", descending: bool = True, query: str = "",
    tag: str | None = None,
) -> list[ArticleId]:
    """Ids in display order, optionally filtered by a search query and a tag.

    Only ids travel to the GUI: its table model fetches rows lazily, so 100,000 articles cost
    a list of ints, not 100,000 objects.
    """
    col = _SORT_COLUMNS[sort]
    order = [col.desc() if descending else col.asc(), orm.Article.id.desc() if descending else orm.Article.id.asc()]
    stmt = select(orm.Article.id).order_by(*order)
    if tag:
        stmt = stmt.where(orm.Article.tags.any(orm.Tag.name == tag.strip()))
    if query.strip():
        matching = fts.matching_ids(session.connection(), query)
        if matching is not None:
            if not matching:
                return []
            allowed = set(matching)
            return [ArticleId(i) for i in session.scalars(stmt) if i in allowed]
    return [ArticleId(i) for i in session.scalars(stmt)]


def summaries(session: Session, ids: Sequence[int]) -> dict[int, ArticleSummary]:
    out: dict[int, ArticleSummary] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        stmt = select(orm.Article).where(orm.Article.id.in_(chunk)).options(selectinload(orm.Article.tags))
        for a in session.scalars(stmt):
            out[a.id] = summary_of(a)
    return out


def get_article(session: Session, article_id: int) -> orm.Article:
    article = session.get(orm.Article, article_id, options=[selectinload(orm.Article.tags)])
    if article is None:
        raise NotFound(f"No article with id {article_id}")
    return article


def search(session: Session, query: str, limit: int = 20) -> list[SearchHit]:
    return [
        SearchHit(id=ArticleId(r.id), title=r.title, snippet=r.snippet, rank=r.rank)
        for r in fts.search(session.connection(), query, limit)
    ]


def count_articles(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(orm.Article)) or 0)


def all_tags(session: Session) -> list[tuple[str, int]]:
    stmt = (
        select(orm.Tag.name, func.count(orm.article_tags.c.article_id))
        .join(orm.article_tags, orm.article_tags.c.tag_id == orm.Tag.id, isouter=True)
        .group_by(orm.Tag.id).order_by(func.lower(orm.Tag.name))
    )
    return [(name, int(n)) for name, n in session.execute(stmt)]


def image(session: Session, ref: str) -> tuple[bytes, str] | None:
    row = session.execute(select(orm.Image.data, orm.Image.media_type).where(orm.Image.ref == ref)).first()
    return (row[0], row[1]) if row else None
