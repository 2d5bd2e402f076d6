"""Finding a stored highlight again in a text that may have changed since it was made.

The order of attempts, cheapest and most certain first:

1. Same offsets, same text, same context: "exact". A copy found nowhere else is accepted too
   (needing some context agreement unless the quote is long enough to be telling on its own).
2. The quote verbatim elsewhere: every occurrence is scored by how well the text around it
   agrees with the stored prefix/suffix, with nearness to the expected position as a tie-break.
3. The quote modulo typography (whitespace runs, NBSP, curly quotes): scored the same way.
4. An approximate copy (bounded Myers search, see fuzzy.py) at >= 80 % similarity, whose words
   mostly agree with the quote's and whose context agrees with the stored one.
5. Otherwise "orphaned".

The governing rule is that a highlight must never silently land on different words: a reader
trusts a highlight they see. So each doubtful case orphans instead of guessing: short quotes
(a word or two, which recur everywhere) re-anchor only verbatim, and only where the context
clearly places them; no match may cut into a word the original did not cut into; fuzzy
matches need context support, and are not even sought while the quote's words still exist.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from archivist.core.anchoring.fuzzy import FUZZY_MIN_SIMILARITY, GramIndex, approximate
from archivist.core.anchoring.model import ORPHANED, Anchoring, Selector
from archivist.core.anchoring.normalize import Normalized, fold, iter_find, normalize
from archivist.core.anchoring.query import MIN_CONTEXT, Query

SHORT_MARGIN = 0.05  # a short quote's best occurrence must beat the next one by this much
FUZZY_MARGIN = 0.02  # two fuzzy matches closer than this in score are too doubtful to pick
SHORTLIST = 32  # occurrences scored in full; more are first narrowed down at C speed
NEAREST = 8  # ... keeping those nearest the expected position

Span = tuple[int, int]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    context: float
    score: float


class _Target:
    """The new text, with indexes built on first need and shared by every selector."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._normalized: Normalized | None = None
        self._grams: GramIndex | None = None
        self._occurrences: dict[str, list[int]] = {}

    def occurrences(self, needle: str) -> list[int]:
        found = self._occurrences.get(needle)
        if found is None:
            found = self._occurrences[needle] = list(iter_find(self.text, needle))
        return found

    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)  # same length, so its offsets are the text's
        return self._folded

    def normalized(self) -> Normalized:
        if self._normalized is None:
            self._normalized = normalize(self.text)
        return self._normalized

    def grams(self) -> GramIndex:
        if self._grams is None:
            self._grams = GramIndex(self.text)
        return self._grams

    def status(self, query: Query, start: int, end: int) -> Anchoring:
        same = start == query.start and end == query.end and self.text[start:end] == query.exact
        return Anchoring("exact" if same else "moved", start, end)

    def perfect_at(self, query: Query, start: int) -> bool:
        """Whether quote, prefix and suffix all occur verbatim with the quote at `start`."""
        text = self.text
        return (
            start >= 0
            and text.startswith(query.exact, start)
            and text.endswith(query.prefix, 0, start)
            and text.startswith(query.suffix, start + len(query.exact))
        )

    def _unique_ok(self, query: Query, start: int, end: int) -> bool:
        """Whether the only copy of a quote may be taken: whole words kept, and either a quote
        long enough to be telling alone or surroundings that still agree on at least one side
        (a moved paragraph keeps only one side of a phrase at its edge)."""
        if not query.edges_ok(self.text, start, end):
            return False
        if query.trusted_alone or not (query.prefix or query.suffix):
            return True
        return max(query.side_scores(self.text, start, end)) >= MIN_CONTEXT

    def fast(self, query: Query) -> Anchoring | None:
        """Step 1, the confident cases that need no scoring; None means "look harder"."""
        exact = query.exact
        if not exact:
            return ORPHANED
        if self.perfect_at(query, query.start):
            return Anchoring("exact", query.start, query.start + len(exact))
        occurrences = self.occurrences(exact)
        if len(occurrences) == 1:
            only = occurrences[0]
            if self._unique_ok(query, only, only + len(exact)):
                return self.status(query, only, only + len(exact))
        return None

    def resolve(self, query: Query, hint: int) -> Anchoring:
        """Steps 2 to 5, for a selector the fast path could not settle.

        Only copies with the same kind of edges as the original count (a quote that covered
        whole words must not land on part of a word). Verbatim copies in the wrong surroundings
        must not hide the right place, where the quote may differ only in typography: so
        typography-equal copies are tried when no verbatim one is trusted. Fuzzy search runs
        only when the quote exists in neither form: while its words are still in the text, a
        merely similar passage is no answer.
        """
        exact, text = query.exact, self.text
        if not exact or not query.normalized:
            return ORPHANED
        if hint != query.start and self.perfect_at(query, hint):
            # Shifted with its surroundings, right where its neighbours' shift predicts. If
            # identical passages repeat, this nearest one is the best guess there is.
            return self.status(query, hint, hint + len(exact))
        if query.prefix or query.suffix:
            window = query.prefix + exact + query.suffix
            found_at = text.find(window)
            if found_at != -1 and text.find(window, found_at + 1) == -1:
                start = found_at + len(query.prefix)
                if query.edges_ok(text, start, start + len(exact)):
                    return self.status(query, start, start + len(exact))
        verbatim = [(s, s + len(exact)) for s in self.occurrences(exact)]
        spans = [(s, e) for s, e in verbatim if query.edges_ok(text, s, e)]
        if spans:
            result = self._choose(query, spans, hint)
            if result.anchored:
                return result
        norm = self.normalized()
        needle = query.normalized
        similar = [norm.span(p, p + len(needle)) for p in iter_find(norm.text, needle)]
        variants = [(s, e) for s, e in similar if query.edges_ok(text, s, e)]
        if variants and variants != spans:
            return self._choose(query, variants, hint)
        if spans or query.short:
            return ORPHANED
        # Copies left only inside longer words ("it" in "itself") mean the passage is still
        # there, edited at an edge: look for the edited form there and nowhere else.
        return self._fuzzy(query, hint, within=verbatim + similar)

    def _choose(self, query: Query, spans: list[Span], hint: int) -> Anchoring:
        """Pick among verbatim (or typography-equal) occurrences by context, then nearness."""
        text = self.text
        if len(spans) == 1:
            start, end = spans[0]
            return self.status(query, start, end) if self._unique_ok(query, start, end) else ORPHANED
        if len(spans) > SHORTLIST:
            spans = self._shortlist(query, spans, hint)
        scored = []
        for s, e in spans:
            context = query.context_score(text, s, e)
            scored.append(_Candidate(s, e, context, query.score(s, context, hint, len(text))))
        perfect = [c for c in scored if c.context == 1.0]
        if len(perfect) == 1:
            return self.status(query, perfect[0].start, perfect[0].end)
        scored.sort(key=lambda c: c.score, reverse=True)
        best = scored[0]
        if best.context < MIN_CONTEXT:
            return ORPHANED
        if query.short and len(scored) > 1 and best.score - scored[1].score < SHORT_MARGIN:
            return ORPHANED
        return self.status(query, best.start, best.end)

    def _shortlist(self, query: Query, spans: list[Span], hint: int) -> list[Span]:
        """At most SHORTLIST of many occurrences (sorted by start), found without a Python loop
        over all of them: those nearest the expected position, then those with the most of the
        stored context around them, searched as whole strings in the folded text."""
        starts = [s for s, _ in spans]
        i = bisect_left(starts, hint)
        picked = dict.fromkeys(spans[max(0, i - NEAREST // 2) : i + NEAREST // 2])
        folded = self.folded()
        for offset, probe in query.probes():
            for p in islice(iter_find(folded, probe), SHORTLIST):
                j = bisect_left(starts, p + offset)
                if j < len(starts) and starts[j] == p + offset:
                    picked[spans[j]] = None
            if len(picked) >= SHORTLIST:
                break
        return list(picked)[:SHORTLIST]

    def _fuzzy(self, query: Query, hint: int, within: list[Span]) -> Anchoring:
        """Step 4: an approximate copy with context support (overlapping `within`, if given)."""
        text, exact = self.text, query.exact
        found: list[_Candidate] = []
        for match in approximate(text, self.grams(), exact, query.left, query.right):
            s, e = match.start, match.end
            if within and not any(s < w_end and w_start < e for w_start, w_end in within):
                continue
            similarity = 1.0 - match.distance / max(len(exact), e - s)
            if similarity < FUZZY_MIN_SIMILARITY or not query.words_agree(text[s:e]):
                continue
            context = query.context_score(text, s, e)
            if context < MIN_CONTEXT:
                continue
            score = (similarity + query.score(s, context, hint, len(text))) / 2
            found.append(_Candidate(s, e, context, score))
        if not found:
            return ORPHANED
        found.sort(key=lambda c: c.score, reverse=True)
        best = found[0]
        for other in found[1:]:
            overlaps = other.start < best.end and best.start < other.end
            if not overlaps and best.score - other.score < FUZZY_MARGIN:
                return ORPHANED
        return self.status(query, best.start, best.end)


def reanchor(selector: Selector, new_text: str) -> Anchoring:
    """Where `selector` lands in `new_text`: exact, moved or orphaned (never raises)."""
    target = _Target(new_text)
    query = Query(selector)
    return target.fast(query) or target.resolve(query, query.start)


def reanchor_all(selectors: Sequence[Selector], new_text: str) -> list[Anchoring]:
    """Re-anchor many selectors against one text; results in the same order as `selectors`.

    Faster than calling `reanchor` in a loop: the new text's indexes are built once. And
    better: highlights settled by the fast path tell how far each part of the text shifted,
    so an ambiguous highlight's expected position is its old offset plus the shift measured at
    its nearest settled neighbours, not its stale old offset.
    """
    target = _Target(new_text)
    queries = [Query(selector) for selector in selectors]
    results = [target.fast(query) for query in queries]
    settled = sorted(
        (query.start, result.start - query.start, i)
        for i, (query, result) in enumerate(zip(queries, results, strict=True))
        if result is not None and result.start is not None
    )
    keys = [old for old, _, _ in settled]
    out: list[Anchoring] = []
    for i, (query, result) in enumerate(zip(queries, results, strict=True)):
        shifts = _neighbour_shifts(keys, settled, query.start, i)
        if result is None:
            nearest = min(shifts)[1] if shifts else 0
            result = target.resolve(query, query.start + nearest)
        elif result.status == "exact" and shifts:
            # Settled at its old offset, yet the text around it shifted: in a repeated passage
            # an identical copy can slide onto the old offset. When both neighbours agree on
            # the shift and the highlight is also intact there, follow them.
            moves = {shift for _, shift in shifts}
            shift = moves.pop()
            if not moves and shift and target.perfect_at(query, query.start + shift):
                result = target.status(query, query.start + shift, query.end + shift)
        out.append(result)
    return out


def _neighbour_shifts(
    keys: list[int], settled: list[tuple[int, int, int]], old: int, exclude: int
) -> list[tuple[int, int]]:
    """(distance, shift) of the nearest settled highlight before and after `old`, not itself."""
    found: list[tuple[int, int]] = []
    i = bisect_left(keys, old)
    j = i - 1
    while j >= 0 and settled[j][2] == exclude:
        j -= 1
    if j >= 0:
        found.append((old - settled[j][0], settled[j][1]))
    while i < len(settled) and settled[i][2] == exclude:
        i += 1
    if i < len(settled):
        found.append((settled[i][0] - old, settled[i][1]))
    return found
