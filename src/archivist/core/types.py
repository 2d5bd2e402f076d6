"""Plain data passed between the core's layers and up to the CLI and GUI.

Frozen dataclasses rather than ORM objects, so that callers never hold a live database session
and the GUI can pass them across threads safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, NewType

ArticleId = NewType("ArticleId", int)
HighlightId = NewType("HighlightId", int)

ImportStatus = Literal["imported", "duplicate", "failed"]


@dataclass(frozen=True)
class SourceDocument:
    """Raw bytes of one thing to import, before any decoding or cleaning.

    `name` is the file name or URL it came from (used for sniffing the format and for
    messages); `media_type` is a declared type (HTTP Content-Type, or None for files).
    """

    data: bytes
    name: str
    media_type: str | None = None
    url: str | None = None
    folder: str | None = None  # where a saved page's own images are looked up (offline)


@dataclass(frozen=True)
class ImageAsset:
    """An image the article references, fetched or read at import so it displays offline."""

    ref: str  # the name the sanitised HTML uses for it (archivist-image:<sha256>)
    data: bytes
    media_type: str


@dataclass(frozen=True)
class ParsedArticle:
    """What ingest makes of a source: metadata plus clean text and sanitised HTML.

    `text` is the canonical plain text: paragraphs separated by one blank line. Highlight
    offsets and full-text search are over this text, so it must be stable for a given cleaner.
    """

    title: str
    text: str
    html: str
    byline: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    lead_image: str | None = None
    images: tuple[ImageAsset, ...] = ()
    source_format: str = "text"  # text | markdown | html


@dataclass(frozen=True)
class ImportResult:
    source: str
    status: ImportStatus
    id: ArticleId | None = None
    title: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ArticleSummary:
    id: ArticleId
    title: str
    site: str | None
    published: date | None
    imported_at: datetime
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleDetail:
    id: ArticleId
    title: str
    byline: str | None
    published: date | None
    site: str | None
    url: str | None
    language: str | None
    text: str
    html: str
    tags: tuple[str, ...]
    word_count: int
    imported_at: datetime
    source_name: str | None = None
    lead_image: str | None = None


@dataclass(frozen=True)
class SearchHit:
    id: ArticleId
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True)
class Changes:
    """What a library operation changed, so views refresh only what they must."""

    articles_added: tuple[ArticleId, ...] = ()
    articles_changed: tuple[ArticleId, ...] = ()
    articles_removed: tuple[ArticleId, ...] = ()
    tags_changed: bool = False
    extra: dict[str, object] = field(default_factory=dict)


HighlightStatus = Literal["anchored", "orphaned"]


@dataclass(frozen=True)
class HighlightInfo:
    """A highlight as callers see it. `start`/`end` index the article's plain text."""

    id: HighlightId
    article_id: ArticleId
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str
    note: str | None
    status: HighlightStatus
    created_at: datetime


@dataclass(frozen=True)
class NoteInfo:
    """A free note on an article (highlight notes travel inside HighlightInfo)."""

    id: int
    article_id: ArticleId
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class RecleanReport:
    article_id: ArticleId
    title: str
    stayed: int
    moved: int
    orphaned: int
    changed: bool
    error: str | None = None


@dataclass(frozen=True)
class DossierSummary:
    id: int
    name: str
    introduction: str
    article_count: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class DossierInfo:
    id: int
    name: str
    introduction: str
    articles: tuple[ArticleSummary, ...]
    created_at: datetime
    updated_at: datetime
