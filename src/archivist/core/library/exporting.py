"""Gathering export data in one read, and reading annotations back in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from archivist.core.anchors import Selector, TextPosition, TextQuote, reanchor
from archivist.core.export.annotations_json import ParsedAnnotation
from archivist.core.export.dossier import DossierDoc, ExportArticle
from archivist.core.library import highlighting
from archivist.core.library.dossiers import get_dossier
from archivist.core.library.queries import detail_of, get_article
from archivist.core.store import orm
from archivist.errors import UsageError

_IMAGE_REF = re.compile(r"archivist-image:[A-Za-z0-9._-]+")


def export_article(session: Session, article_id: int) -> ExportArticle:
    art = get_article(session, article_id)
    refs = sorted(set(_IMAGE_REF.findall(art.html)) | ({art.lead_image} if art.lead_image and art.lead_image.startswith("archivist-image:") else set()))
    images: dict[str, tuple[bytes, str]] = {}
    if refs:
        for ref, data, mt in session.execute(
            select(orm.Image.ref, orm.Image.data, orm.Image.media_type).where(orm.Image.ref.in_(refs))
        ):
            images[ref] = (data, mt)
    return ExportArticle(
        article=detail_of(art),
        highlights=tuple(highlighting.highlights(session, article_id)),
        notes=tuple(highlighting.article_notes(session, article_id)),
        images=images,
    )


def build_doc(session: Session, article_ids: Sequence[int] = (), dossier: str | None = None) -> DossierDoc:
    if dossier is not None:
        d = get_dossier(session, dossier)
        ids = [i.article_id for i in d.items]
        return DossierDoc(title=d.name, introduction=d.introduction,
                          articles=tuple(export_article(session, i) for i in ids))
    if not article_ids:
        raise UsageError("Nothing to export: name article ids or a dossier")
    arts = tuple(export_article(session, i) for i in article_ids)
    title = arts[0].article.title if len(arts) == 1 else f"{len(arts)} articles"
    return DossierDoc(title=title, introduction="", articles=arts)


def text_hashes(session: Session, ids: Sequence[int]) -> dict[int, str]:
    rows = session.execute(select(orm.Article.id, orm.Article.text_hash).where(orm.Article.id.in_(list(ids))))
    return {i: h for i, h in rows}


@dataclass(frozen=True)
class AnnotationImportReport:
    added: int
    already_present: int
    orphaned: int
    unmatched: int  # annotations whose article is not in this library


def import_annotations(session: Session, parsed: Sequence[ParsedAnnotation]) -> AnnotationImportReport:
    """Place annotations on the matching articles (by text hash, then URL).

    Positions are re-anchored against the article's current text, so annotations made on an
    older cleaning still land on the right words or are kept as orphaned.
    """
    added = present = orphaned = unmatched = 0
    for p in parsed:
        art = None
        if p.text_hash:
            art = session.scalar(select(orm.Article).where(orm.Article.text_hash == p.text_hash).limit(1))
        if art is None and p.source and not p.source.startswith("urn:"):
            art = session.scalar(select(orm.Article).where(orm.Article.url == p.source).limit(1))
        if art is None:
            unmatched += 1
            continue
        start = p.start if p.start is not None else 0
        end = p.end if p.end is not None else start + len(p.exact)
        res = reanchor(Selector(TextQuote(p.exact, p.prefix, p.suffix), TextPosition(start, end)), art.text)
        if res.status != "orphaned" and res.start is not None and res.end is not None:
            dup = session.scalar(select(orm.Highlight.id).where(
                orm.Highlight.article_id == art.id, orm.Highlight.start == res.start,
                orm.Highlight.end == res.end, orm.Highlight.color == p.color))
            if dup is not None:
                present += 1
                continue
            highlighting.add_highlight(session, art.id, res.start, res.end, p.color, p.note)
            added += 1
        else:
            h = orm.Highlight(article_id=art.id, start=start, end=max(start, end), exact=p.exact,
                              prefix=p.prefix, suffix=p.suffix, color=p.color, status="orphaned")
            if p.note:
                h.note = orm.Note(article_id=art.id, body=p.note)
            session.add(h)
            orphaned += 1
    session.flush()
    return AnnotationImportReport(added, present, orphaned, unmatched)
