"""Typography-insensitive text matching: whitespace runs, NBSP, invisible marks, curly quotes.

Why: a quote typed on the command line (or pasted from a browser) rarely matches the stored
text byte for byte. The reader shows a line break, an NBSP and a space alike, and “curly” and
"straight" quotes look interchangeable; a re-cleaned article may differ from the old one only in
such details. Matching is done on a normalised copy of the text whose characters each remember
their offset in the original, so a match maps straight back to original offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Runs of whitespace (Python's \s covers NBSP, thin spaces, newlines, ...) and of invisible
# formatting marks (soft hyphen, zero-width space/joiners, word joiner, BOM). A run containing
# any whitespace becomes one space; a run of only invisible marks disappears.
_INVISIBLE_MARKS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_RUN = re.compile(f"[\\s{_INVISIBLE_MARKS}]+")
_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE_MARKS))

_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # left single
        "\u2019": "'",  # right single / apostrophe
        "\u201a": "'",  # low single
        "\u201b": "'",  # reversed single
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double
        "\u201d": '"',  # right double
        "\u201e": '"',  # low double
        "\u201f": '"',  # reversed double
        "\u2033": '"',  # double prime
    }
)

# Same-length folding for comparing context windows: every whitespace character becomes a
# space and curly quotes straight, one character for one, so lengths and offsets are kept.
_FOLD: dict[int, str] = {**{c: " " for c in range(0x3001) if chr(c).isspace()}, **_QUOTES}


def fold(text: str) -> str:
    """`text` with whitespace and curly quotes folded, keeping its length (see _FOLD)."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Normalized:
    """A normalised text and, for each of its characters, the offset it came from."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised [start, end) (end > start, not on a space)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Collapse whitespace runs to one space, drop invisible marks, straighten curly quotes."""
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for run in _RUN.finditer(text):
        if run.start() > pos:
            parts.append(text[pos : run.start()])
            origin.extend(range(pos, run.start()))
        if run.group().translate(_INVISIBLE):  # anything left is whitespace
            parts.append(" ")
            origin.append(run.start())
        pos = run.end()
    if pos < len(text):
        parts.append(text[pos:])
        origin.extend(range(pos, len(text)))
    return Normalized("".join(parts).translate(_QUOTES), tuple(origin))


def normalize_quote(quote: str) -> str:
    """The form a quote is searched for in a normalised text: normalised and stripped.

    Same rules as `normalize`, without the offset map a quote does not need.
    """
    collapsed = _RUN.sub(lambda run: " " if run.group().translate(_INVISIBLE) else "", quote)
    return collapsed.translate(_QUOTES).strip(" ")


def iter_find(text: str, needle: str, *, overlapping: bool = True) -> Iterator[int]:
    """Start offsets of `needle` in `text`, in order (str.find in a loop: C speed)."""
    if not needle:
        return
    step = 1 if overlapping else len(needle)
    pos = text.find(needle)
    while pos != -1:
        yield pos
        pos = text.find(needle, pos + step)


def _nth(text: str, needle: str, occurrence: int) -> int | None:
    for count, pos in enumerate(iter_find(text, needle, overlapping=False), start=1):
        if count == occurrence:
            return pos
    return None


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets [start, end) of the `occurrence`-th (1-based, non-overlapping) match of `quote`.

    For `highlight ID --quote TEXT --occurrence N`. If the quote occurs verbatim, occurrences
    are counted among the verbatim copies. Only if it occurs nowhere verbatim is it matched in
    the typography-insensitive form (whitespace runs, NBSP and newlines as one space, curly
    quotes as straight, the quote's own outer whitespace ignored), counting in document order.
    Mixing the two countings would let two different N name the same span. Returns None if
    there is no such occurrence; raises ValueError for a blank quote or an occurrence below 1.
    """
    if occurrence < 1:
        raise ValueError(f"occurrence counts from 1, got {occurrence}")
    if not quote.strip():
        raise ValueError("cannot search for an empty quote")
    if quote in text:
        pos = _nth(text, quote, occurrence)
        return None if pos is None else (pos, pos + len(quote))
    needle = normalize_quote(quote)
    if not needle:
        return None
    norm = normalize(text)
    npos = _nth(norm.text, needle, occurrence)
    if npos is None:
        return None
    return norm.span(npos, npos + len(needle))
