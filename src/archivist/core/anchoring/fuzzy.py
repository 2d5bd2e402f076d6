"""Approximate search for a quote that no longer occurs verbatim, with bounded work.

Why two stages: running even a bit-parallel matcher over a whole 50 KB article for every lost
highlight would cost tens of milliseconds each. Instead a q-gram index of the new text (built
once per text, and only when some quote needs it) votes for the few regions where a copy with at
most k edits could be (the q-gram lemma: k edits destroy at most q*k of the quote's q-grams),
and only those short windows are verified with Myers' algorithm. Votes from very frequent grams
are skipped and long quotes are sampled, so the work per quote has a fixed ceiling whatever the
text; if that makes a real match invisible, the highlight orphans, which is the safe failure.

Long quotes (a paragraph or more) are not searched whole: matching cost grows with the square
of their length. Their first and last HEAD characters are located instead, and only spans
between a plausible head and tail are measured against the whole quote, once each.

Matches must also respect word boundaries wherever the original highlight did, so a quote that
covered whole words never lands on part of a word ("fox" inside "foxes").
"""

from __future__ import annotations

from dataclasses import dataclass

from archivist.core.anchoring.distance import Pattern
from archivist.core.anchoring.query import ANY_EDGE, EdgeRule

Q = 4  # gram length: long enough to be selective in prose, short enough to survive typos
FREQ_CAP = 200  # grams occurring more often than this ("the ", " of ") carry no location
MAX_GRAMS = 256  # quote grams consulted at most (evenly sampled from long quotes)
MAX_REGIONS = 4  # candidate windows verified per quote
PAD = 8
LONG_QUOTE = 512  # longer quotes are located by their head and tail, then verified once
HEAD = 64
FUZZY_MIN_SIMILARITY = 0.8  # 1 - edit distance / length of the longer of quote and match


@dataclass(frozen=True)
class FuzzyMatch:
    start: int
    end: int
    distance: int


class GramIndex:
    """Positions of every Q-gram of a text; built once per text and shared by all quotes."""

    def __init__(self, text: str) -> None:
        index: dict[str, list[int]] = {}
        for i in range(len(text) - Q + 1):
            gram = text[i : i + Q]
            found = index.get(gram)
            if found is None:
                index[gram] = [i]
            else:
                found.append(i)
        self._index = index
        self._len = len(text)

    def regions(self, quote: str, max_errors: int) -> list[tuple[int, int]]:
        """Up to MAX_REGIONS windows [lo, hi) that could hold `quote` with <= max_errors edits."""
        m = len(quote)
        n_grams = m - Q + 1
        if n_grams < 1:
            return []
        band = max(16, max_errors + 1)  # diagonal bucket: a match's grams drift at most k
        stride = max(1, -(-n_grams // MAX_GRAMS))
        per_error = -(-Q // stride)  # sampled grams one edit can destroy
        sampled = range(0, n_grams, stride)
        looked_up = [(i, self._index.get(quote[i : i + Q], [])) for i in sampled]
        usable = [(i, found) for i, found in looked_up if 0 < len(found) <= FREQ_CAP]
        skipped = sum(1 for _, found in looked_up if len(found) > FREQ_CAP)
        needed = max(1, len(sampled) - skipped - per_error * max_errors)
        if len(usable) < needed:
            return []  # too few of the quote's grams exist anywhere for a close copy to exist
        votes: dict[int, int] = {}
        for i, positions in usable:
            for p in positions:
                bucket = (p - i) // band
                votes[bucket] = votes.get(bucket, 0) + 1
        paired = [(count + votes.get(b + 1, 0), b) for b, count in votes.items()]
        chosen: list[int] = []
        for _, bucket in sorted((pair for pair in paired if pair[0] >= needed), reverse=True):
            if len(chosen) == MAX_REGIONS:
                break
            if all(abs(bucket - other) > 1 for other in chosen):
                chosen.append(bucket)
        return [
            (max(0, b * band - max_errors - PAD), min(self._len, (b + 2) * band + m + 2 * max_errors + PAD))
            for b in chosen
        ]


def best_match(
    text: str,
    lo: int,
    hi: int,
    quote: Pattern,
    reversed_quote: Pattern,
    max_errors: int,
    left: EdgeRule,
    right: EdgeRule,
) -> FuzzyMatch | None:
    """The closest copy of `quote` within text[lo:hi] whose edges obey the rules, if <= max_errors.

    A forward semi-global pass scores every possible end; for the best few admissible ends a
    backward pass (reversed quote over the reversed text before that end) gives the exact
    distance for every start, so the chosen span's distance is exact, not an estimate.
    """
    m = len(quote)
    scores = quote.end_scores(text[lo:hi])
    ends = [
        (score, lo + j + 1)
        for j, score in enumerate(scores)
        if score <= max_errors and right.allows(text[lo + j + 1 : lo + j + 2], text[lo + j])
    ]
    if not ends:
        return None
    ends.sort()
    best: FuzzyMatch | None = None
    for _, end in ends[:3]:
        seg_lo = max(lo, end - m - max_errors)
        dists = reversed_quote.prefix_distances(text[seg_lo:end][::-1])
        for i, dist in enumerate(dists):
            start = end - 1 - i
            if dist > max_errors or not left.allows(text[start - 1 : start] if start else "", text[start]):
                continue
            candidate = FuzzyMatch(start, end, dist)
            if best is None or (dist, abs(end - start - m)) < (best.distance, abs(best.end - best.start - m)):
                best = candidate
    return best


def approximate(text: str, grams: GramIndex, quote: str, left: EdgeRule, right: EdgeRule) -> list[FuzzyMatch]:
    """Copies of `quote` in `text` within 20 % edits (see FUZZY_MIN_SIMILARITY), edges obeyed.

    At most one per candidate region, so a handful at most; the caller judges them.
    """
    max_errors = int(len(quote) * (1.0 - FUZZY_MIN_SIMILARITY) + 1e-9)
    if max_errors < 1:
        return []
    if len(quote) > LONG_QUOTE:
        return _approximate_long(text, grams, quote, left, right, max_errors)
    pattern, reversed_pattern = Pattern(quote), Pattern(quote[::-1])
    found = []
    for lo, hi in grams.regions(quote, max_errors):
        match = best_match(text, lo, hi, pattern, reversed_pattern, max_errors, left, right)
        if match is not None:
            found.append(match)
    return found


def _approximate_long(
    text: str, grams: GramIndex, quote: str, left: EdgeRule, right: EdgeRule, max_errors: int
) -> list[FuzzyMatch]:
    m = len(quote)
    heads = approximate(text, grams, quote[:HEAD], left, ANY_EDGE)
    tails = approximate(text, grams, quote[-HEAD:], ANY_EDGE, right)
    spans = sorted(
        {(h.start, t.end) for h in heads for t in tails if m - max_errors <= t.end - h.start <= m + max_errors},
        key=lambda span: abs(span[1] - span[0] - m),
    )
    pattern = Pattern(quote)
    found = []
    for start, end in spans[:MAX_REGIONS]:
        distance = pattern.distance(text[start:end])
        if distance <= max_errors:
            found.append(FuzzyMatch(start, end, distance))
    return found
