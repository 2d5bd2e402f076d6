"""Turns raw source bytes into a ParsedArticle: decode, sniff the format, clean, sanitise.

Pure functions over data: no database, no Qt, no network (fetching lives in `sources`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from archivist.core.ingest.sniff import sniff_format
from archivist.core.ingest.titles import clean_title
from archivist.core.types import ParsedArticle, SourceDocument
from archivist.errors import ImportFailed

ResourceLoader = Callable[[str], "tuple[bytes, str] | None"]


def parse_document(doc: SourceDocument, resource_loader: ResourceLoader | None = None) -> ParsedArticle:
    """Clean one source into an article; raises ImportFailed with a one-line reason.

    Offline unless the caller passes `resource_loader`, the only way images are read.
    """
    fmt = sniff_format(doc)
    if fmt == "html":
        from archivist.core.ingest.decode import check_not_binary
        from archivist.core.ingest.html import extract_html

        if not doc.data.strip():
            raise ImportFailed("The file is empty")
        check_not_binary(doc.data)
        parsed = extract_html(doc.data, url=doc.url, media_type=doc.media_type,
                              resource_loader=resource_loader)
    else:
        from archivist.core.ingest.decode import decode_text

        text = decode_text(doc.data, declared=_charset(doc.media_type))
        if fmt == "markdown":
            from archivist.core.ingest.markdown import parse_markdown

            parsed = parse_markdown(text, name=doc.name)
        else:
            from archivist.core.ingest.text import parse_plain_text

            parsed = parse_plain_text(text, name=doc.name)
    return replace(parsed, title=clean_title(parsed.title) or _name_title(doc.name),
                   byline=clean_title(parsed.byline) if parsed.byline else None)


def _name_title(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return clean_title(stem.replace("_", " ").replace("-", " ")) or "Untitled"


def _charset(media_type: str | None) -> str | None:
    if not media_type:
        return None
    for part in media_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


__all__ = ["parse_document"]
