"""A stored highlight prepared for matching: what its edges and surroundings looked like.

Why a class: one selector is compared against many candidate places, so everything derived from
it (folded context, edit-distance patterns, edge rules) is computed once here, and the scoring
rules that decide between candidates live next to the data they read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from archivist.core.anchoring.distance import Pattern
from archivist.core.anchoring.model import Selector
from archivist.core.anchoring.normalize import fold, normalize_quote

SHORT_QUOTE = 8  # below this many (normalised) characters a quote re-anchors only verbatim
TRUSTED_ALONE = 32  # from this length a verbatim copy found nowhere else needs no context
MIN_CONTEXT = 0.5  # context similarity of unrelated prose stays below 0.41 in 99 % of cases
MIN_WORD_AGREEMENT = 0.6  # share of words a fuzzy match must keep (quotes of 3+ words)
SAME_PLACE_BONUS = 0.05  # being where it was is evidence too (about 3 characters of context)
PROXIMITY_WEIGHT = 0.01  # nearness only breaks ties between near-equal contexts

_WORD = re.compile(r"\w+")


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(frozen=True)
class EdgeRule:
    """What the original highlight looked like at one edge, so a new match can be held to it.

    `at_boundary`: the highlight began (ended) at a word boundary, not inside a word.
    `word_edge`: the highlight's first (last) character is a word character.
    """

    at_boundary: bool
    word_edge: bool

    @staticmethod
    def of(outside: str, inside: str) -> EdgeRule:
        """Rule from the character just outside the span and the one just inside it.

        With no character outside (the text's edge, or a selector stored without context)
        the edge counts as a word boundary.
        """
        inner = bool(inside) and is_word_char(inside)
        at_boundary = not outside or not inner or not is_word_char(outside)
        return EdgeRule(at_boundary=at_boundary, word_edge=inner)

    def allows(self, outside: str, inside: str) -> bool:
        """Whether a candidate with these outside/inside characters keeps the same kind of edge.

        A highlight that cut through a word imposes nothing. One that covered whole words needs
        a whole-word edge: a word character inside and none outside (or the text's end); one
        that began or ended on punctuation or space needs a non-word character there too.
        """
        if not self.at_boundary:
            return True
        inner = bool(inside) and is_word_char(inside)
        if self.word_edge:
            return inner and not (outside and is_word_char(outside))
        return not inner


ANY_EDGE = EdgeRule(at_boundary=False, word_edge=False)


class Query:
    """One selector prepared for matching: its fields, edge rules and lazily built patterns."""

    def __init__(self, selector: Selector) -> None:
        quote = selector.quote
        self.exact = quote.exact
        self.prefix = quote.prefix
        self.suffix = quote.suffix
        self.start = selector.position.start
        self.end = selector.position.end
        self.folded_exact = fold(quote.exact)
        self.folded_prefix = fold(quote.prefix)
        self.folded_suffix = fold(quote.suffix)
        self.normalized = normalize_quote(self.exact)
        self.short = len(self.normalized) < SHORT_QUOTE
        self.trusted_alone = len(self.normalized) >= TRUSTED_ALONE
        self.left = EdgeRule.of(self.prefix[-1:], self.exact[:1])
        self.right = EdgeRule.of(self.suffix[:1], self.exact[-1:])
        self._prefix_pattern: Pattern | None = None
        self._suffix_pattern: Pattern | None = None

    def context_score(self, text: str, start: int, end: int) -> float:
        """Length-weighted similarity of the stored prefix/suffix to those around [start, end).

        Compared with typography folded (NBSP as space, curly quotes straight), since a
        re-cleaned text often differs from the old one only in such details. 1.0 means the
        surroundings are unchanged (up to typography).
        """
        lp, ls = len(self.prefix), len(self.suffix)
        if lp + ls == 0:
            return 1.0
        before, after = self.side_scores(text, start, end)
        return (lp * before + ls * after) / (lp + ls)

    def side_scores(self, text: str, start: int, end: int) -> tuple[float, float]:
        """Similarity of the stored prefix and of the stored suffix to the text around a span
        (0.0 for a side stored empty: no evidence either way)."""
        lp, ls = len(self.prefix), len(self.suffix)
        before = after = 0.0
        if lp:
            window = fold(text[max(0, start - lp) : start])
            if window == self.folded_prefix:
                before = 1.0
            else:
                if self._prefix_pattern is None:
                    self._prefix_pattern = Pattern(self.folded_prefix)
                before = 1.0 - self._prefix_pattern.distance(window) / max(lp, len(window))
        if ls:
            window = fold(text[end : end + ls])
            if window == self.folded_suffix:
                after = 1.0
            else:
                if self._suffix_pattern is None:
                    self._suffix_pattern = Pattern(self.folded_suffix)
                after = 1.0 - self._suffix_pattern.distance(window) / max(ls, len(window))
        return before, after

    def score(self, start: int, context: float, hint: int, text_len: int) -> float:
        """Context agreement first; being at the old offset or near the expected one after."""
        proximity = 1.0 - min(1.0, abs(start - hint) / max(1, text_len))
        same_place = SAME_PLACE_BONUS if start == self.start else 0.0
        return context + same_place + PROXIMITY_WEIGHT * proximity

    def edges_ok(self, text: str, start: int, end: int) -> bool:
        before = text[start - 1] if start > 0 else ""
        return self.left.allows(before, text[start : start + 1]) and self.right.allows(
            text[end : end + 1], text[end - 1 : end]
        )

    def probes(self) -> list[tuple[int, str]]:
        """(offset of the quote, folded quote with some context): for C-speed searches of
        well-placed copies, with less and less context."""
        found: list[tuple[int, str]] = []
        for before, after in ((16, 16), (8, 8), (16, 0), (0, 16), (4, 4), (2, 2), (1, 1)):
            head = self.folded_prefix[max(0, len(self.folded_prefix) - before) :]
            probe = (len(head), head + self.folded_exact + self.folded_suffix[:after])
            if probe not in found:
                found.append(probe)
        return found

    def words_agree(self, match: str) -> bool:
        """Whether a fuzzy match keeps most of the quote's words (checked for 3+ word quotes).

        Edit distance alone would accept "rose 12% in 2019" for "fell 12% in 2019"; counting
        whole words shared catches changes that are small in characters but large in meaning.
        """
        quote_words = Counter(_WORD.findall(self.exact))
        if sum(quote_words.values()) < 3:
            return True
        match_words = Counter(_WORD.findall(match))
        shared = sum((quote_words & match_words).values())
        return shared >= MIN_WORD_AGREEMENT * max(sum(quote_words.values()), sum(match_words.values()))
