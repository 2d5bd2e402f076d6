"""Article ids on the clipboard of a drag: one MIME type every article list speaks.

The library table and a dossier's article list both drag articles, and dossiers accept them.
A drag carries ids only (never titles or objects): the receiver asks the library for anything
else, so a drag between two windows on the same library stays correct and small.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData

#: The payload is JSON: {"ids": [int, ...]} in the order the rows were shown.
ARTICLE_IDS_MIME = "application/x-archivist-article-ids"


def ids_to_mime(ids: Iterable[int]) -> QMimeData:
    """A QMimeData with `ids` (duplicates dropped, order kept) in the article-ids format."""
    unique = list(dict.fromkeys(int(i) for i in ids))
    mime = QMimeData()
    mime.setData(ARTICLE_IDS_MIME, QByteArray(json.dumps({"ids": unique}).encode("ascii")))
    return mime


def ids_from_mime(mime: QMimeData | None) -> list[int]:
    """The article ids a drag carries, or [] if it carries none (or something malformed).

    Drops can come from other programs, so a bad payload is refused quietly rather than raised.
    """
    if mime is None or not mime.hasFormat(ARTICLE_IDS_MIME):
        return []
    try:
        payload = json.loads(bytes(mime.data(ARTICLE_IDS_MIME).data()).decode("ascii"))
        ids = payload["ids"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return []
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        return []
    return list(dict.fromkeys(ids))
