"""Re-cleaning: run today's cleaner over the stored original and carry the highlights across.

Works offline from the kept source bytes. Text, HTML, metadata and every highlight's new anchor
are written in one transaction: either the article and all its highlights move to the new text,
or nothing changes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from archivist.core.anchors import Selector, TextPosition, TextQuote, make_selector, reanchor_all
from archivist.core.ingest import parse_document
from archivist.core.library.importing import store_images, text_hash, word_count
from archivist.core.library.queries import get_article
from archivist.core.library.store import Store
from archivist.core.store import orm
from archivist.core.store.orm import utcnow
from archivist.core.types import ArticleId, ParsedArticle, RecleanReport, SourceDocument
from archivist.errors import ArchivistError


def all_article_ids(store: Store) -> list[int]:
    with store.read() as s:
        return list(s.scalars(select(orm.Article.id).order_by(orm.Article.id)))


def reclean_article(store: Store, article_id: int) -> RecleanReport:
    with store.read() as s:
        art = get_article(s, article_id)
        src = art.source
        doc = SourceDocument(data=src.data, name=src.name, media_type=src.media_type, url=src.url)
        title = art.title
        stored = {
            origin: (data, mt) for origin, data, mt in s.execute(
                select(orm.ImageOrigin.origin, orm.Image.data, orm.Image.media_type)
                .join(orm.Image, orm.Image.id == orm.ImageOrigin.image_id)
                .where(orm.ImageOrigin.article_id == article_id)
            )
        }
    try:
        # Offline: images come only from what the library stored at import.
        parsed = parse_document(doc, resource_loader=stored.get)
    except ArchivistError as exc:
        return RecleanReport(ArticleId(article_id), title, 0, 0, 0, changed=False, error=exc.message)
    if not parsed.text.strip():
        return RecleanReport(ArticleId(article_id), title, 0, 0, 0, changed=False,
                             error="The cleaner found no text; the article was left as it was")
    return apply_new_text(store, article_id, parsed)


def apply_new_text(store: Store, article_id: int, parsed: ParsedArticle) -> RecleanReport:
    """Replace an article's cleaned content and re-anchor its highlights, in one transaction."""
    with store.write() as s:
        art = get_article(s, article_id)
        hls = list(s.scalars(
            select(orm.Highlight).where(orm.Highlight.article_id == art.id)
            .options(selectinload(orm.Highlight.note))
        ))
        changed = parsed.text != art.text or parsed.html != art.html
        selectors = [
            Selector(TextQuote(h.exact, h.prefix, h.suffix), TextPosition(h.start, h.end)) for h in hls
        ]
        results = reanchor_all(selectors, parsed.text)
        stayed = moved = orphaned = 0
        for h, res in zip(hls, results, strict=True):
            if res.status == "orphaned" or res.start is None or res.end is None:
                h.status = "orphaned"
                orphaned += 1
                continue
            if res.start == h.start and res.end == h.end and h.status != "orphaned":
                stayed += 1
            else:
                moved += 1
            new_sel = make_selector(parsed.text, res.start, res.end)
            h.start, h.end = res.start, res.end
            h.exact = new_sel.quote.exact
            h.prefix, h.suffix = new_sel.quote.prefix, new_sel.quote.suffix
            h.status = "anchored"
            h.updated_at = utcnow()
        art.text = parsed.text
        art.html = parsed.html
        art.title = parsed.title or art.title
        art.byline = parsed.byline or art.byline
        art.published = parsed.published or art.published
        art.site = parsed.site or art.site
        art.language = parsed.language or art.language
        art.lead_image = parsed.lead_image or art.lead_image
        art.word_count = word_count(parsed.text)
        art.text_hash = text_hash(parsed.text)
        store_images(s, art, parsed, {})
        if changed:
            art.updated_at = utcnow()
        return RecleanReport(ArticleId(art.id), art.title, stayed, moved, orphaned, changed=changed)
