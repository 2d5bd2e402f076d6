"""The plain data every export format is written from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from archivist.core.types import ArticleDetail, HighlightInfo, NoteInfo


@dataclass(frozen=True)
class ExportArticle:
    article: ArticleDetail
    highlights: tuple[HighlightInfo, ...]  # anchored first in document order, then orphaned
    notes: tuple[NoteInfo, ...]
    images: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # ref -> (data, media type)

    @property
    def anchored(self) -> tuple[HighlightInfo, ...]:
        return tuple(h for h in self.highlights if h.status == "anchored")

    @property
    def orphaned(self) -> tuple[HighlightInfo, ...]:
        return tuple(h for h in self.highlights if h.status == "orphaned")


@dataclass(frozen=True)
class DossierDoc:
    title: str
    introduction: str
    articles: tuple[ExportArticle, ...]
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def highlight_count(self) -> int:
        return sum(len(a.highlights) for a in self.articles)

    @property
    def note_count(self) -> int:
        return sum(len(a.notes) + sum(1 for h in a.highlights if h.note) for a in self.articles)
