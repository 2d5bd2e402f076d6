"""Highlight anchoring: quote + position selectors, and re-anchoring after re-cleaning.

The implementation lives in the `archivist.core.anchoring` package (split by concern: model,
normalisation, edit distance, fuzzy search, re-anchoring); this module is the stable import
path the rest of the application uses.
"""

from __future__ import annotations

from archivist.core.anchoring import (
    DEFAULT_CONTEXT,
    Anchoring,
    AnchorStatus,
    Selector,
    TextPosition,
    TextQuote,
    find_quote,
    make_selector,
    reanchor,
    reanchor_all,
)

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
