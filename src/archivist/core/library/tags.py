"""Tags: free-form labels, case-insensitive, trimmed."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from archivist.core.store import orm
from archivist.errors import UsageError


def normalise_tag(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError("A tag cannot be empty")
    if len(cleaned) > 100:
        raise UsageError("A tag can be at most 100 characters long")
    return cleaned


def get_or_create_tags(session: Session, names: Iterable[str]) -> list[orm.Tag]:
    result: list[orm.Tag] = []
    for raw in names:
        name = normalise_tag(raw)
        tag = session.scalar(select(orm.Tag).where(orm.Tag.name == name))
        if tag is None:
            tag = orm.Tag(name=name)
            session.add(tag)
            session.flush()
        if tag not in result:
            result.append(tag)
    return result
