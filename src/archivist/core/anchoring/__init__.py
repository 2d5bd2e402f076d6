"""Highlight anchoring after the W3C Web Annotation model: pure functions over strings.

No Qt and no database here, so it can be property-tested in isolation. The public API is
re-exported by `archivist.core.anchors`, which is the import path other modules should use.
"""

from __future__ import annotations

from archivist.core.anchoring.locate import reanchor, reanchor_all
from archivist.core.anchoring.model import (
    DEFAULT_CONTEXT,
    Anchoring,
    AnchorStatus,
    Selector,
    TextPosition,
    TextQuote,
    make_selector,
)
from archivist.core.anchoring.normalize import find_quote

__all__ = [
    "DEFAULT_CONTEXT",
    "AnchorStatus",
    "Anchoring",
    "Selector",
    "TextPosition",
    "TextQuote",
    "find_quote",
    "make_selector",
    "reanchor",
    "reanchor_all",
]
