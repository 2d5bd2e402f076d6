"""Exact mapping between the article's plain text and the reader's QTextDocument positions.

Highlights are stored as offsets into `ArticleDetail.text` (the canonical text: paragraphs
split by a blank line), but the reader lays out the sanitised HTML, whose characters sit at other
positions: a header comes first, paragraphs are split by U+2029 instead of "\\n\\n", <br> is
U+2028, images are U+FFFC, tables add frame markers, and Qt counts in UTF-16 code units where
Python counts code points. Rendering the HTML (and not a plain-text copy) keeps the reader as
it is; this module aligns the two texts instead.

The alignment pairs the non-whitespace characters of both texts. Both are derived from the same
HTML, so their words are normally identical and the alignment is one comparison of word lists;
where they differ, the mismatched stretch is aligned character by character with difflib.
Whitespace is never paired, so a span is mapped by its first and last real characters: a span
that starts and ends on text (as every highlight does) maps to the other side and back exactly.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

#: Characters Qt puts into a document's raw text that are not text: object replacement (images),
#: frame begin/end markers (tables), the byte-order mark. Treated like whitespace.
_NOT_TEXT = ("\ufffc", "\ufdd0", "\ufdd1", "\ufeff")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_WORD = re.compile(r"\S+")
#: Above this many unmatched words on each side, difflib (quadratic at worst) is not worth it.
_MAX_DIFF_WORDS = 20_000


class _Run(NamedTuple):
    """A stretch of equal characters: text[t:t+tn] is shown at document positions [d, d+dn).

    Either tn == dn (characters in the Basic Multilingual Plane), or one character outside it,
    which Qt stores as two UTF-16 units (tn 1, dn 2).
    """

    t: int
    d: int
    tn: int
    dn: int


class TextMap:
    """Monotone, one-to-one pairing of text characters and document positions.

    Stored as runs sorted on both sides, so each lookup is a binary search: cheap enough to map
    a thousand highlights on every repaint.
    """

    def __init__(self, t: list[int], d: list[int], tn: list[int], dn: list[int]) -> None:
        self._t, self._d, self._tn, self._dn = t, d, tn, dn

    @classmethod
    def from_runs(cls, runs: list[_Run]) -> TextMap:
        return cls([r.t for r in runs], [r.d for r in runs], [r.tn for r in runs], [r.dn for r in runs])

    @property
    def mapped_chars(self) -> int:
        return sum(self._tn)

    def _run(self, k: int) -> _Run:
        return _Run(self._t[k], self._d[k], self._tn[k], self._dn[k])

    def doc_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Document positions [a, b) covering text[start:end], or None if none of it is shown."""
        return self._span(self._t, start, end, to_doc=True)

    def text_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Text offsets [a, b) of the article text shown at document positions [start, end)."""
        return self._span(self._d, start, end, to_doc=False)

    def text_offset(self, position: int) -> int | None:
        """The text offset of the character at document `position`, if it is article text."""
        k = bisect_right(self._d, position) - 1
        if k >= 0 and position < self._d[k] + self._dn[k]:
            run = self._run(k)
            return run.t + (position - run.d if run.tn == run.dn else 0)
        return None

    def _span(self, keys: list[int], start: int, end: int, to_doc: bool) -> tuple[int, int] | None:
        # The first paired character at `start` or later...
        k = bisect_right(keys, start) - 1
        if k >= 0 and start < keys[k] + _length(self._run(k), not to_doc):
            a = _start_in(self._run(k), start - keys[k], to_doc)
        elif k + 1 < len(keys):
            a = _start_in(self._run(k + 1), 0, to_doc)
        else:
            return None
        # ...and the last one before `end`.
        k = bisect_left(keys, end) - 1
        if k < 0:
            return None
        run = self._run(k)
        last = min(end - 1, keys[k] + _length(run, not to_doc) - 1) - keys[k]
        b = _start_in(run, last, to_doc) + (_length(run, to_doc) if run.tn != run.dn else 1)
        return (a, b) if a < b else None


def _length(run: _Run, doc_side: bool) -> int:
    return run.dn if doc_side else run.tn


def _start_in(run: _Run, offset: int, to_doc: bool) -> int:
    """Where the character `offset` into `run` (counted on the source side) starts on the other."""
    if run.tn != run.dn:
        return run.d if to_doc else run.t
    return (run.d if to_doc else run.t) + offset


def align(text: str, doc_text: str, doc_offset: int = 0) -> TextMap:
    """Pair `text` with `doc_text`, the document's raw characters from position `doc_offset`."""
    utf16 = _Utf16Positions(doc_text, doc_offset)
    clean = doc_text
    for marker in _NOT_TEXT:
        clean = clean.replace(marker, " ")
    t_keys, d_keys = text.split(), clean.split()  # str.split and \S+ agree on whitespace
    if t_keys == d_keys and utf16.simple:
        # The usual case: the same words, only whitespace differs. One run per word, built
        # without per-word Python logic (an article of 12,000 words maps in a few ms).
        lengths = [len(w) for w in t_keys]
        return TextMap([m.start() for m in _WORD.finditer(text)],
                       [m.start() + doc_offset for m in _WORD.finditer(clean)], lengths, lengths)
    t_words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    d_words = [(m.start(), m.group()) for m in _WORD.finditer(clean)]
    runs: list[_Run] = []
    if t_keys == d_keys:
        for (ts, w), (ds, _) in zip(t_words, d_words, strict=True):
            _add_word(runs, ts, ds, len(w), utf16)
        return TextMap.from_runs(runs)
    for op, i1, i2, j1, j2 in _word_opcodes(t_keys, d_keys):
        if op == "equal":
            for (ts, w), (ds, _) in zip(t_words[i1:i2], d_words[j1:j2], strict=True):
                _add_word(runs, ts, ds, len(w), utf16)
        elif i1 < i2 and j1 < j2:
            _align_chars(runs, t_words[i1:i2], d_words[j1:j2], utf16)
    return TextMap.from_runs(runs)


def _word_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes over word lists, with the common head and tail matched without difflib."""
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    if max(len(mid_a), len(mid_b)) > _MAX_DIFF_WORDS:
        ops.append(("replace", head, len(a) - tail, head, len(b) - tail))
    else:
        matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            ops.append((op, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def _align_chars(runs: list[_Run], t_words: list[tuple[int, str]], d_words: list[tuple[int, str]],
                 utf16: _Utf16Positions) -> None:
    """Pair the characters of two differing stretches of words (a soft hyphen, a changed quote)."""
    t_pos = [ts + k for ts, w in t_words for k in range(len(w))]
    d_pos = [ds + k for ds, w in d_words for k in range(len(w))]
    t_chars = "".join(w for _, w in t_words)
    d_chars = "".join(w for _, w in d_words)
    if max(len(t_chars), len(d_chars)) > _MAX_DIFF_WORDS:
        return  # far apart: leave unpaired rather than guess (highlights there map by their ends)
    matcher = difflib.SequenceMatcher(None, t_chars, d_chars, autojunk=False)
    for i, j, n in matcher.get_matching_blocks():
        for k in range(n):  # per character: the positions need not be contiguous
            _add_word(runs, t_pos[i + k], d_pos[j + k], 1, utf16)


def _add_word(runs: list[_Run], t: int, d_index: int, n: int, utf16: _Utf16Positions) -> None:
    """Append the run for a word, merging with the previous one when they touch."""
    if not utf16.simple and utf16.has_astral(d_index, d_index + n):
        for k in range(n):  # rare (emoji, some CJK): per character is simplest and exact
            wide = utf16.is_astral(d_index + k)
            _append(runs, _Run(t + k, utf16.position(d_index + k), 1, 2 if wide else 1))
        return
    d = utf16.position(d_index)
    _append(runs, _Run(t, d, n, n))


def _append(runs: list[_Run], run: _Run) -> None:
    last = runs[-1] if runs else None
    if (last is not None and last.tn == last.dn and run.tn == run.dn
            and last.t + last.tn == run.t and last.d + last.dn == run.d):
        runs[-1] = _Run(last.t, last.d, last.tn + run.tn, last.dn + run.dn)
    else:
        runs.append(run)


class _Utf16Positions:
    """Code-point index in a Python string -> UTF-16 document position (Qt's unit)."""

    def __init__(self, s: str, offset: int) -> None:
        self.offset = offset
        self._astral = [m.start() for m in _ASTRAL.finditer(s)] if not s.isascii() else []
        self.simple = not self._astral

    def position(self, index: int) -> int:
        return self.offset + index + bisect_left(self._astral, index)

    def has_astral(self, start: int, end: int) -> bool:
        return bisect_left(self._astral, start) < bisect_left(self._astral, end)

    def is_astral(self, index: int) -> bool:
        k = bisect_left(self._astral, index)
        return k < len(self._astral) and self._astral[k] == index
