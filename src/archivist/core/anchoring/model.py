"""Selectors and anchoring results, after the W3C Web Annotation data model.

A highlight is stored twice over, as the W3C model recommends: a TextPositionSelector (character
offsets into the article's canonical text) and a TextQuoteSelector (the exact text plus a little
context either side). Offsets are fast and precise while the text is unchanged; the quote is what
lets a highlight survive when the text is re-cleaned and the offsets go stale.

These are plain frozen dataclasses without validation on construction, on purpose: selectors are
loaded back from the database and from imported annotation files, and re-anchoring must cope
with any of them (a corrupt one orphans; it never raises). Validation happens where a selector
is made from a user's selection, in `make_selector`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AnchorStatus = Literal["exact", "moved", "orphaned"]

DEFAULT_CONTEXT = 32
"""Characters of prefix/suffix kept: enough to tell repeated phrases apart, small to store."""


@dataclass(frozen=True)
class TextQuote:
    """The W3C TextQuoteSelector: the highlighted text and the text just before and after it."""

    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class TextPosition:
    """The W3C TextPositionSelector: half-open character offsets [start, end) into the text."""

    start: int
    end: int


@dataclass(frozen=True)
class Selector:
    """Both selectors of one highlight; the quote is authoritative, the position a hint."""

    quote: TextQuote
    position: TextPosition


@dataclass(frozen=True)
class Anchoring:
    """Where a selector landed in a (possibly changed) text.

    "exact": same offsets, same text. "moved": found elsewhere, or with the quote slightly
    edited; the caller should store a fresh selector made at the new offsets. "orphaned": no
    trustworthy match; `start` and `end` are None and the highlight must be shown as detached
    rather than guessed at.
    """

    status: AnchorStatus
    start: int | None
    end: int | None

    @property
    def anchored(self) -> bool:
        return self.status != "orphaned"


ORPHANED = Anchoring("orphaned", None, None)


def make_selector(text: str, start: int, end: int, context: int = DEFAULT_CONTEXT) -> Selector:
    """Describe the span text[start:end] by position and by quote with `context` chars each side.

    Raises ValueError for spans that cannot be a highlight: empty, reversed or outside the
    text. A span of only whitespace is accepted (refusing it is the caller's policy to state
    in its own terms); re-anchoring orphans such a highlight as soon as the text changes.
    """
    if isinstance(start, bool) or isinstance(end, bool):
        raise ValueError("highlight offsets must be integers")
    if context < 0:
        raise ValueError(f"context must not be negative, got {context}")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"invalid highlight span [{start}, {end}) for a text of {len(text)} characters")
    quote = TextQuote(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )
    return Selector(quote=quote, position=TextPosition(start=start, end=end))
