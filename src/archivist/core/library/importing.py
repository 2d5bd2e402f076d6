"""Import: one source in, one article (or a duplicate or a clear failure) out.

Cleaning happens before the transaction (it is pure and may be slow); the duplicate check and
all inserts happen in one write transaction, so concurrent importers never store the same
content twice and a crash never leaves half an article.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from archivist.core.ingest import ResourceLoader, parse_document
from archivist.core.ingest.web_url import is_web_url
from archivist.core.ingest.local_files import FolderImageLoader
from archivist.core.ingest.recording import RecordingLoader
from archivist.core.ingest import sources
from archivist.core.library.store import Store
from archivist.core.library.tags import get_or_create_tags
from archivist.core.store import orm
from archivist.core.types import ArticleId, ImportResult, ParsedArticle, SourceDocument
from archivist.errors import ArchivistError, ImportFailed

log = logging.getLogger(__name__)
_WORD = re.compile(r"\w+")
_WS = re.compile(r"\s+")

ProgressFn = Callable[[int, int, ImportResult], None]
CancelFn = Callable[[], bool]


def text_hash(text: str) -> str:
    """Hash of the article's words, so the same article saved twice is recognised."""
    return hashlib.sha256(_WS.sub(" ", text).strip().casefold().encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def import_document(store: Store, doc: SourceDocument, tags: Iterable[str] = (), label: str | None = None) -> ImportResult:
    label = label or doc.name
    loader = _resource_loader(doc)
    recorder = RecordingLoader(loader) if loader is not None else None
    try:
        parsed = parse_document(doc, resource_loader=recorder)
        if not parsed.text.strip():
            raise ImportFailed("No article text found in this source")
        origins = recorder.origins if recorder is not None else {}
        return _store_article(store, doc, parsed, list(tags), label, origins)
    except ArchivistError as exc:
        return ImportResult(source=label, status="failed", error=exc.message)
    except RecursionError:
        return ImportResult(source=label, status="failed", error="The source is nested too deeply to read")
    except MemoryError:
        return ImportResult(source=label, status="failed", error="The source is too large to clean")
    except Exception as exc:  # a bug must cost one source, never the batch or the library
        log.exception("unexpected error importing %s", label)
        return ImportResult(source=label, status="failed",
                            error=f"Internal error while importing ({type(exc).__name__}: {' '.join(str(exc).split())})")
    finally:
        close = getattr(loader, "close", None)
        if close is not None:
            close()


def _resource_loader(doc: SourceDocument) -> ResourceLoader | None:
    """Images come from the web for a fetched page, from its folder for a saved one."""
    if doc.url and is_web_url(doc.url):
        from archivist.core.ingest.fetch import ImageFetcher  # the HTTP client only when needed

        return ImageFetcher()
    if doc.folder:
        return FolderImageLoader(Path(doc.folder))
    return None


def import_paths(
    store: Store,
    args: list[str],
    tags: Iterable[str] = (),
    stdin: BinaryIO | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> list[ImportResult]:
    """Import every source named in `args`; one failure never stops the batch."""
    refs = list(sources.expand(args))
    tag_list = list(tags)
    results: list[ImportResult] = []
    for i, ref in enumerate(refs):
        if cancel is not None and cancel():
            break
        try:
            doc = sources.read(ref, stdin=stdin)
        except ArchivistError as exc:
            result = ImportResult(source=ref.label, status="failed", error=exc.message)
        else:
            result = import_document(store, doc, tag_list, label=ref.label)
        results.append(result)
        if progress is not None:
            progress(i + 1, len(refs), result)
    return results


def _store_article(
    store: Store, doc: SourceDocument, parsed: ParsedArticle, tags: list[str], label: str,
    origins: dict[str, str],
) -> ImportResult:
    source_hash = hashlib.sha256(doc.data).hexdigest()
    th = text_hash(parsed.text)
    with store.write() as session:
        existing = _find_duplicate(session, source_hash, th)
        if existing is not None:
            if tags:
                article = session.get_one(orm.Article, existing)
                _add_tags(session, article, tags)
            return ImportResult(source=label, status="duplicate", id=ArticleId(existing),
                                title=session.get_one(orm.Article, existing).title)
        article = orm.Article(
            title=parsed.title,
            byline=parsed.byline,
            published=parsed.published,
            site=parsed.site,
            url=parsed.url or doc.url,
            language=parsed.language,
            lead_image=parsed.lead_image,
            text=parsed.text,
            html=parsed.html,
            word_count=word_count(parsed.text),
            text_hash=th,
            source_format=parsed.source_format,
        )
        article.source = orm.Source(
            name=doc.name, media_type=doc.media_type, url=doc.url,
            sha256=source_hash, size=len(doc.data), data=doc.data,
        )
        session.add(article)
        store_images(session, article, parsed, origins)
        _add_tags(session, article, tags)
        session.flush()
        return ImportResult(source=label, status="imported", id=ArticleId(article.id), title=article.title)


def store_images(session: Session, article: orm.Article, parsed: ParsedArticle,
                 origins: dict[str, str]) -> None:
    """Store the article's images once each, and where they came from (for offline re-cleaning)."""
    by_ref: dict[str, orm.Image] = {}
    for asset in parsed.images:
        image = session.scalar(select(orm.Image).where(orm.Image.ref == asset.ref))
        if image is None:
            image = orm.Image(ref=asset.ref, media_type=asset.media_type, data=asset.data)
            session.add(image)
        if image not in article.images:
            article.images.append(image)
        by_ref[asset.ref] = image
    if not by_ref:
        return
    session.flush()
    known = set(session.scalars(select(orm.ImageOrigin.origin).where(orm.ImageOrigin.article_id == article.id)))
    for origin, ref in origins.items():
        if ref in by_ref and origin not in known:
            session.add(orm.ImageOrigin(article_id=article.id, origin=origin, image_id=by_ref[ref].id))


def _find_duplicate(session: Session, source_hash: str, th: str) -> int | None:
    found = session.scalar(select(orm.Source.article_id).where(orm.Source.sha256 == source_hash).limit(1))
    if found is None:
        found = session.scalar(select(orm.Article.id).where(orm.Article.text_hash == th).limit(1))
    return found


def _add_tags(session: Session, article: orm.Article, names: list[str]) -> None:
    for tag in get_or_create_tags(session, names):
        if tag not in article.tags:
            article.tags.append(tag)
