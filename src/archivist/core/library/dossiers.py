"""Dossiers: named, ordered collections of articles with an introduction note."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from archivist.core.library.queries import get_article, summary_of
from archivist.core.store import orm
from archivist.core.store.orm import utcnow
from archivist.core.types import DossierInfo, DossierSummary
from archivist.errors import NotFound, UsageError


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError("A dossier needs a name")
    if len(cleaned) > 200:
        raise UsageError("A dossier name can be at most 200 characters long")
    return cleaned


def get_dossier(session: Session, name: str) -> orm.Dossier:
    d = session.scalar(
        select(orm.Dossier).where(orm.Dossier.name == _clean_name(name))
        .options(selectinload(orm.Dossier.items).selectinload(orm.DossierItem.article)
                 .selectinload(orm.Article.tags))
    )
    if d is None:
        raise NotFound(f"No dossier named {name!r}")
    return d


def info_of(d: orm.Dossier) -> DossierInfo:
    return DossierInfo(
        id=d.id, name=d.name, introduction=d.introduction,
        articles=tuple(summary_of(i.article) for i in d.items),
        created_at=d.created_at, updated_at=d.updated_at,
    )


def create(session: Session, name: str, introduction: str = "") -> DossierInfo:
    clean = _clean_name(name)
    if session.scalar(select(orm.Dossier.id).where(orm.Dossier.name == clean)) is not None:
        raise UsageError(f"A dossier named {clean!r} already exists")
    d = orm.Dossier(name=clean, introduction=introduction)
    session.add(d)
    session.flush()
    return info_of(d)


def rename(session: Session, name: str, new_name: str) -> DossierInfo:
    d = get_dossier(session, name)
    clean = _clean_name(new_name)
    clash = session.scalar(select(orm.Dossier.id).where(orm.Dossier.name == clean))
    if clash is not None and clash != d.id:
        raise UsageError(f"A dossier named {clean!r} already exists")
    d.name = clean
    d.updated_at = utcnow()
    session.flush()
    return info_of(d)


def set_introduction(session: Session, name: str, introduction: str) -> DossierInfo:
    d = get_dossier(session, name)
    d.introduction = introduction
    d.updated_at = utcnow()
    session.flush()
    return info_of(d)


def delete(session: Session, name: str) -> None:
    session.delete(get_dossier(session, name))


def add(session: Session, name: str, article_ids: Sequence[int], position: int | None = None) -> DossierInfo:
    """Add articles (those already in it are left where they are), at the end or at `position`."""
    d = get_dossier(session, name)
    present = {i.article_id for i in d.items}
    order = [i.article_id for i in d.items]
    new: dict[int, orm.Article] = {}
    for aid in article_ids:
        article = get_article(session, aid)
        if aid not in present and aid not in new:
            new[aid] = article
    at = len(order) if position is None else max(0, min(position, len(order)))
    order[at:at] = list(new)
    for aid, article in new.items():
        d.items.append(orm.DossierItem(article_id=aid, article=article, position=0))
    _renumber(d, order)
    return info_of(d)


def remove(session: Session, name: str, article_ids: Sequence[int]) -> DossierInfo:
    d = get_dossier(session, name)
    drop = set(article_ids)
    missing = drop - {i.article_id for i in d.items}
    if missing:
        raise NotFound(f"Not in dossier {d.name!r}: {', '.join(map(str, sorted(missing)))}")
    d.items = [i for i in d.items if i.article_id not in drop]
    _renumber(d, [i.article_id for i in d.items])
    return info_of(d)


def reorder(session: Session, name: str, article_ids: Sequence[int]) -> DossierInfo:
    d = get_dossier(session, name)
    if sorted(article_ids) != sorted(i.article_id for i in d.items):
        raise UsageError("A new order must list exactly the dossier's articles")
    _renumber(d, list(article_ids))
    return info_of(d)


def _renumber(d: orm.Dossier, order: list[int]) -> None:
    pos = {aid: n for n, aid in enumerate(order)}
    for item in d.items:
        item.position = pos[item.article_id]
    d.items.sort(key=lambda i: i.position)
    d.updated_at = utcnow()


def list_dossiers(session: Session) -> list[DossierSummary]:
    counts = dict(session.execute(
        select(orm.DossierItem.dossier_id, func.count()).group_by(orm.DossierItem.dossier_id)
    ).all())
    return [
        DossierSummary(id=d.id, name=d.name, introduction=d.introduction,
                       article_count=int(counts.get(d.id, 0)), created_at=d.created_at,
                       updated_at=d.updated_at)
        for d in session.scalars(select(orm.Dossier).order_by(func.lower(orm.Dossier.name)))
    ]


def dossier(session: Session, name: str) -> DossierInfo:
    return info_of(get_dossier(session, name))
