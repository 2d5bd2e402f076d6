"""Bit-parallel edit distance (Myers 1999, Hyyrö's formulation) over Python integers.

Why not difflib or a plain dynamic-programming table: re-anchoring compares the same quote or
context against many windows of text, and a pure-Python O(m*n) table is far too slow for a
1,000-highlight article. Myers' algorithm keeps one column of the table in two bit vectors, so
each text character costs a dozen integer operations whatever the pattern length (Python ints
are arbitrary-precision, so long quotes need no blocking). The per-pattern "peq" table is built
once and reused for every window, which is why this is a class rather than a function.
"""

from __future__ import annotations


class Pattern:
    """A string prepared for repeated edit-distance queries against other strings.

    `distance(s)` is the Levenshtein distance between the pattern and `s`.
    `end_scores(s)` is the semi-global variant: for every end position j in `s`, the smallest
    distance between the pattern and any substring of `s` ending at j. That finds where an
    approximate copy of the pattern ends; running `start_scores` from that end finds where it
    starts.
    """

    __slots__ = ("_last", "_len", "_mask", "_peq", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._len = len(text)
        self._mask = (1 << self._len) - 1
        self._last = 1 << (self._len - 1) if self._len else 0
        peq: dict[str, int] = {}
        for i, ch in enumerate(text):
            peq[ch] = peq.get(ch, 0) | (1 << i)
        self._peq = peq

    def __len__(self) -> int:
        return self._len

    def distance(self, other: str) -> int:
        """Levenshtein distance between the pattern and `other`."""
        if not self._len:
            return len(other)
        return self._run(other, carry=1)[-1] if other else self._len

    def end_scores(self, other: str) -> list[int]:
        """For each index j of `other`: min distance of the pattern to a substring ending at j+1."""
        if not self._len:
            return [0] * len(other)
        return self._run(other, carry=0)

    def prefix_distances(self, other: str) -> list[int]:
        """For each index j of `other`: the distance between the pattern and `other[:j+1]`.

        Run with a reversed pattern over a reversed window, this gives the exact distance for
        every possible start of a match whose end is fixed, in one linear pass.
        """
        if not self._len:
            return list(range(1, len(other) + 1))
        return self._run(other, carry=1)

    def _run(self, other: str, carry: int) -> list[int]:
        # carry=1: the top row of the table counts up (global alignment from other[0]);
        # carry=0: the top row stays zero (the pattern may start anywhere in `other`).
        peq = self._peq
        mask = self._mask
        last = self._last
        pv = mask
        mv = 0
        score = self._len
        out: list[int] = []
        append = out.append
        for ch in other:
            eq = peq.get(ch, 0)
            xv = eq | mv
            xh = (((eq & pv) + pv) ^ pv) | eq
            ph = mv | (~(xh | pv) & mask)
            mh = pv & xh
            if ph & last:
                score += 1
            elif mh & last:
                score -= 1
            ph = ((ph << 1) | carry) & mask
            mh = (mh << 1) & mask
            pv = mh | (~(xv | ph) & mask)
            mv = ph & xv
            append(score)
        return out


def similarity(a: str, b: str) -> float:
    """1 - Levenshtein(a, b) / longer length: 1.0 for equal strings, 0.0 for nothing shared."""
    if a == b:
        return 1.0
    longest = max(len(a), len(b))
    return 1.0 - Pattern(a).distance(b) / longest
