"""Property tests for highlight anchoring: random word texts, random highlights, random edits.

The texts come from a small vocabulary so that words and whole phrases repeat, which is what
makes anchoring hard. Edits are generated in the old text's coordinates, so the test knows
exactly where every untouched highlight must end up and can hold `reanchor_all` to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.core.anchors import (
    Anchoring,
    Selector,
    find_quote,
    make_selector,
    reanchor,
    reanchor_all,
)

VOCAB = [
    "a", "an", "the", "of", "is", "cat", "dog", "sat", "house", "river",
    "apple", "banana", "extraordinary", "committee", "decided",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", " ", ", ", ". ", "\n\n"]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIGHT = settings(SETTINGS, max_examples=100)  # simpler properties: fewer examples suffice


@dataclass(frozen=True)
class Edit:
    """Replace text[pos:pos + delete] of the old text by `insert`."""

    pos: int
    delete: int
    insert: str


@dataclass(frozen=True)
class Case:
    text: str
    spans: tuple[tuple[int, int], ...]  # highlights, aligned to words
    edits: tuple[Edit, ...]  # sorted, non-overlapping, in old-text coordinates


def apply_edits(text: str, edits: tuple[Edit, ...]) -> str:
    out, pos = [], 0
    for edit in edits:
        out += [text[pos : edit.pos], edit.insert]
        pos = edit.pos + edit.delete
    return "".join(out) + text[pos:]


def shifted(edits: tuple[Edit, ...], offset: int) -> int:
    """New offset of an old offset that no deletion covers (insertions at it push it on)."""
    return offset + sum(len(e.insert) - e.delete for e in edits if e.pos <= offset)


def touches(edits: tuple[Edit, ...], start: int, end: int) -> bool:
    """Whether any edit changes text[start:end] or inserts within or at the edges of it."""
    return any((e.pos < end and e.pos + e.delete > start) or start <= e.pos <= end for e in edits)


def levenshtein(a: str, b: str) -> int:
    """Plain dynamic programming, independent of the bit-parallel code under test."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


def occurs_once(text: str, needle: str) -> bool:
    first = text.find(needle)
    return first != -1 and text.find(needle, first + 1) == -1


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(min_value=3, max_value=60))
    words = draw(st.lists(st.sampled_from(VOCAB), min_size=n, max_size=n))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=n - 1, max_size=n - 1))
    parts: list[str] = []
    word_spans: list[tuple[int, int]] = []
    pos = 0
    for i, word in enumerate(words):
        word_spans.append((pos, pos + len(word)))
        parts.append(word)
        pos += len(word)
        if i < n - 1:
            parts.append(seps[i])
            pos += len(seps[i])
    text = "".join(parts)

    spans = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        first = draw(st.integers(min_value=0, max_value=n - 1))
        last = draw(st.integers(min_value=first, max_value=min(n - 1, first + 7)))
        spans.append((word_spans[first][0], word_spans[last][1]))

    edits: list[Edit] = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        kind = draw(st.sampled_from(["insert-word", "delete-word", "insert-char", "delete-char"]))
        if kind == "insert-word":
            at = word_spans[draw(st.integers(min_value=0, max_value=n - 1))][0]
            edits.append(Edit(at, 0, draw(st.sampled_from(VOCAB)) + " "))
        elif kind == "delete-word":
            i = draw(st.integers(min_value=0, max_value=n - 1))
            start, end = word_spans[i]
            end = word_spans[i + 1][0] if i + 1 < n else end  # with the separator after it
            edits.append(Edit(start, end - start, ""))
        elif kind == "insert-char":
            at = draw(st.integers(min_value=0, max_value=len(text)))
            edits.append(Edit(at, 0, draw(st.sampled_from(list("xyz ,")))))
        else:
            at = draw(st.integers(min_value=0, max_value=len(text) - 1))
            edits.append(Edit(at, 1, ""))
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.pos, e.delete)):
        if not kept or edit.pos >= kept[-1].pos + max(kept[-1].delete, 1):
            kept.append(edit)
    return Case(text, tuple(spans), tuple(kept))


def check(case: Case, selectors: list[Selector], results: list[Anchoring], new_text: str) -> None:
    assert len(results) == len(selectors)  # (a) nothing dropped
    for selector, result in zip(selectors, results, strict=True):
        exact, old = selector.quote.exact, selector.position
        assert result.status in ("exact", "moved", "orphaned")
        if result.status == "orphaned":
            assert result.start is None and result.end is None
        else:
            assert result.start is not None and result.end is not None
            assert 0 <= result.start < result.end <= len(new_text)
            got = new_text[result.start : result.end]
            # (b) equal, equal but for whitespace, or at least 80 % similar
            assert same_words(got, exact) or levenshtein(got, exact) <= 0.2 * max(len(got), len(exact)), (got, exact)
            if result.status == "exact":
                assert (result.start, result.end) == (old.start, old.end) and got == exact

        # The span's words are intact when neither it nor its bordering characters were edited.
        if touches(case.edits, old.start - 1, old.end + 1):
            continue
        expected = shifted(case.edits, old.start)
        if result.start is not None:
            # (b) an intact span is only ever found as the same words
            assert same_words(new_text[result.start : result.end], exact), (result, exact)
        context_start = old.start - len(selector.quote.prefix)
        context_end = old.end + len(selector.quote.suffix)
        window = selector.quote.prefix + exact + selector.quote.suffix
        if not touches(case.edits, context_start, context_end) and occurs_once(new_text, window):
            # (c) intact and unambiguous with its context: found, at exactly the right place
            assert (result.start, result.end) == (expected, expected + len(exact)), (result, expected)


@SETTINGS
@given(cases())
def test_reanchoring_after_random_edits(case: Case) -> None:
    new_text = apply_edits(case.text, case.edits)
    selectors = [make_selector(case.text, start, end) for start, end in case.spans]
    check(case, selectors, reanchor_all(selectors, new_text), new_text)
    check(case, selectors, [reanchor(selector, new_text) for selector in selectors], new_text)


@LIGHT
@given(cases())
def test_unchanged_text_anchors_every_highlight_exactly(case: Case) -> None:
    selectors = [make_selector(case.text, start, end) for start, end in case.spans]
    for selector, result in zip(selectors, reanchor_all(selectors, case.text), strict=True):
        assert result == Anchoring("exact", selector.position.start, selector.position.end)


@LIGHT
@given(cases(), st.integers(min_value=1, max_value=4), st.data())
def test_find_quote_finds_the_nth_copy_despite_typography(case: Case, occurrence: int, data: st.DataObject) -> None:
    start, end = case.spans[0]
    quote = case.text[start:end]
    copies = []
    pos = case.text.find(quote)
    while pos != -1:
        copies.append(pos)
        pos = case.text.find(quote, pos + len(quote))
    found = find_quote(case.text, quote, occurrence)
    if occurrence <= len(copies):
        assert found == (copies[occurrence - 1], copies[occurrence - 1] + len(quote))
    else:
        assert found is None

    # Retype the text's spaces as NBSP, double spaces or line breaks: the quote as the user
    # sees it is still there, and is found as the same words.
    pieces = case.text.split(" ")
    spacing = st.sampled_from([" ", "\u00a0", "  ", "\n"])
    gaps = data.draw(st.lists(spacing, min_size=len(pieces) - 1, max_size=len(pieces) - 1))
    retyped = pieces[0] + "".join(gap + piece for gap, piece in zip(gaps, pieces[1:], strict=True))
    found = find_quote(retyped, quote)
    assert found is not None  # the retyped original span itself is always there
    assert same_words(retyped[found[0] : found[1]], quote)
