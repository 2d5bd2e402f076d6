"""Highlights and notes: the user's own work, the one thing that cannot be re-downloaded.

Highlights are stored with both W3C selectors (text quote with context, and text position) so
they can be re-anchored when the article's text changes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from archivist.core.anchors import find_quote, make_selector
from archivist.core.colors import DEFAULT_COLOR, check_color
from archivist.core.library.queries import get_article
from archivist.core.store import orm
from archivist.core.store.orm import utcnow
from archivist.core.types import ArticleId, HighlightId, HighlightInfo, NoteInfo
from archivist.errors import NotFound, UsageError

MAX_NOTE_CHARS = 100_000


def info_of(h: orm.Highlight) -> HighlightInfo:
    return HighlightInfo(
        id=HighlightId(h.id), article_id=ArticleId(h.article_id), start=h.start, end=h.end,
        exact=h.exact, prefix=h.prefix, suffix=h.suffix, color=h.color,
        note=h.note.body if h.note is not None else None,
        status="orphaned" if h.status == "orphaned" else "anchored", created_at=h.created_at,
    )


def note_of(n: orm.Note) -> NoteInfo:
    return NoteInfo(id=n.id, article_id=ArticleId(n.article_id), body=n.body,
                    created_at=n.created_at, updated_at=n.updated_at)


def _check_note(body: str) -> str:
    if len(body) > MAX_NOTE_CHARS:
        raise UsageError(f"A note can be at most {MAX_NOTE_CHARS:,} characters long")
    return body


def add_highlight(
    session: Session, article_id: int, start: int, end: int, color: str = DEFAULT_COLOR,
    note: str | None = None,
) -> HighlightInfo:
    article = get_article(session, article_id)
    if not (0 <= start < end <= len(article.text)):
        raise UsageError(f"Highlight range {start}-{end} is outside the article's text")
    if not article.text[start:end].strip():
        raise UsageError("Select some words to highlight (the selection is only spaces)")
    sel = make_selector(article.text, start, end)
    h = orm.Highlight(
        article_id=article.id, start=start, end=end, exact=sel.quote.exact,
        prefix=sel.quote.prefix, suffix=sel.quote.suffix, color=check_color(color), status="anchored",
    )
    session.add(h)
    if note:
        h.note = orm.Note(article_id=article.id, body=_check_note(note))
    session.flush()
    return info_of(h)


def locate_quote(session: Session, article_id: int, quote: str, occurrence: int = 1) -> tuple[int, int]:
    if not quote.strip():
        raise UsageError("The quote is empty")
    if occurrence < 1:
        raise UsageError("--occurrence counts from 1")
    article = get_article(session, article_id)
    span = find_quote(article.text, quote, occurrence)
    if span is None:
        which = "" if occurrence == 1 else f" (occurrence {occurrence})"
        raise NotFound(f"The quote is not in article {article_id}{which}: {quote[:80]!r}")
    return span


def get_highlight(session: Session, highlight_id: int) -> orm.Highlight:
    h = session.get(orm.Highlight, highlight_id, options=[selectinload(orm.Highlight.note)])
    if h is None:
        raise NotFound(f"No highlight with id {highlight_id}")
    return h


def update_highlight(
    session: Session, highlight_id: int, color: str | None = None, note: str | None = None,
    clear_note: bool = False,
) -> HighlightInfo:
    h = get_highlight(session, highlight_id)
    if color is not None:
        h.color = check_color(color)
    if clear_note or note == "":
        if h.note is not None:
            session.delete(h.note)
            h.note = None
    elif note is not None:
        if h.note is None:
            h.note = orm.Note(article_id=h.article_id, body=_check_note(note))
        else:
            h.note.body = _check_note(note)
            h.note.updated_at = utcnow()
    h.updated_at = utcnow()
    session.flush()
    return info_of(h)


def delete_highlight(session: Session, highlight_id: int) -> HighlightInfo:
    h = get_highlight(session, highlight_id)
    info = info_of(h)
    session.delete(h)
    session.flush()
    return info


def restore_highlight(session: Session, info: HighlightInfo) -> HighlightInfo:
    """Put back a deleted highlight (undo), with its selectors exactly as they were."""
    get_article(session, info.article_id)
    h = orm.Highlight(
        article_id=info.article_id, start=info.start, end=info.end, exact=info.exact,
        prefix=info.prefix, suffix=info.suffix, color=info.color, status=info.status,
        created_at=info.created_at,
    )
    if info.note:
        h.note = orm.Note(article_id=info.article_id, body=info.note)
    session.add(h)
    session.flush()
    return info_of(h)


def highlights(session: Session, article_id: int) -> list[HighlightInfo]:
    """Anchored highlights in document order, then orphaned ones (kept, never dropped)."""
    get_article(session, article_id)
    rows = session.scalars(
        select(orm.Highlight).where(orm.Highlight.article_id == article_id)
        .options(selectinload(orm.Highlight.note))
        .order_by(orm.Highlight.status == "orphaned", orm.Highlight.start, orm.Highlight.end, orm.Highlight.id)
    )
    return [info_of(h) for h in rows]


def add_note(session: Session, article_id: int, body: str) -> NoteInfo:
    if not body.strip():
        raise UsageError("The note is empty")
    article = get_article(session, article_id)
    n = orm.Note(article_id=article.id, body=_check_note(body))
    session.add(n)
    session.flush()
    return note_of(n)


def _article_note(session: Session, note_id: int) -> orm.Note:
    """An article's free note; a highlight's note is reached through its highlight instead."""
    n = session.get(orm.Note, note_id)
    if n is None or n.highlight_id is not None:
        raise NotFound(f"No article note with id {note_id}")
    return n


def update_note(session: Session, note_id: int, body: str) -> NoteInfo:
    n = _article_note(session, note_id)
    n.body = _check_note(body)
    n.updated_at = utcnow()
    session.flush()
    return note_of(n)


def delete_note(session: Session, note_id: int) -> NoteInfo:
    n = _article_note(session, note_id)
    info = note_of(n)
    session.delete(n)
    session.flush()
    return info


def restore_note(session: Session, info: NoteInfo) -> NoteInfo:
    """Put back a deleted article note (undo) with its times, so it returns to its place."""
    get_article(session, info.article_id)
    n = orm.Note(article_id=info.article_id, body=_check_note(info.body),
                 created_at=info.created_at, updated_at=info.updated_at)
    session.add(n)
    session.flush()
    return note_of(n)


def article_notes(session: Session, article_id: int) -> list[NoteInfo]:
    get_article(session, article_id)
    rows = session.scalars(
        select(orm.Note).where(orm.Note.article_id == article_id, orm.Note.highlight_id.is_(None))
        .order_by(orm.Note.created_at, orm.Note.id)
    )
    return [note_of(n) for n in rows]
