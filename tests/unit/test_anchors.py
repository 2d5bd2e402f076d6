"""Unit tests for highlight anchoring: selectors, quote search and re-anchoring after edits."""

from __future__ import annotations

import random
import time

import pytest

from archivist.core.anchors import (
    Anchoring,
    Selector,
    TextPosition,
    TextQuote,
    find_quote,
    make_selector,
    reanchor,
    reanchor_all,
)

ARTICLE = (
    "The committee met on Tuesday to discuss the budget. "
    "After a long debate, the members agreed that the new library would open in spring. "
    "Critics said the plan was rushed, but the mayor defended it firmly.\n\n"
    "In other business, the committee approved a grant for the harbour museum. "
    "The museum will use the money to restore its collection of old maps."
)


def select(text: str, phrase: str, occurrence: int = 1) -> Selector:
    """A selector for the `occurrence`-th verbatim copy of `phrase` in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(phrase, start + 1)
    return make_selector(text, start, start + len(phrase))


def landed(text: str, result: Anchoring) -> str:
    assert result.start is not None and result.end is not None, result
    return text[result.start : result.end]


# --- make_selector ---------------------------------------------------------------------------


def test_make_selector_stores_quote_context_and_position() -> None:
    text = "alpha beta gamma delta"
    sel = make_selector(text, 6, 10, context=4)
    assert sel == Selector(TextQuote(exact="beta", prefix="pha ", suffix=" gam"), TextPosition(6, 10))


def test_make_selector_context_is_cut_at_the_text_edges() -> None:
    text = "alpha beta"
    sel = make_selector(text, 0, 5)
    assert sel.quote.prefix == ""
    assert sel.quote.suffix == " beta"
    assert make_selector(text, 6, 10).quote.suffix == ""


@pytest.mark.parametrize(
    ("start", "end"),
    [(3, 3), (5, 2), (-1, 4), (0, 12), (11, 12)],
    ids=["empty", "reversed", "negative", "past-end", "outside"],
)
def test_make_selector_rejects_invalid_spans(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        make_selector("alpha  beta", start, end)


def test_whitespace_only_highlight_is_accepted_but_orphans_once_the_text_changes() -> None:
    sel = make_selector("alpha  beta", 5, 7)
    assert reanchor(sel, "alpha  beta").status == "exact"
    assert reanchor(sel, "alpha  beta gamma").status == "exact"  # its surroundings are intact
    assert reanchor(sel, "Alpha:  beta,  gamma").status == "orphaned"


def test_make_selector_rejects_negative_context() -> None:
    with pytest.raises(ValueError):
        make_selector("alpha beta", 0, 5, context=-1)


# --- reanchor: the basic cases ---------------------------------------------------------------


def test_unchanged_text_anchors_exactly() -> None:
    sel = select(ARTICLE, "the new library would open in spring")
    assert reanchor(sel, ARTICLE) == Anchoring("exact", sel.position.start, sel.position.end)


def test_every_selector_round_trips_exactly_on_its_own_text() -> None:
    for start, end in [(0, 3), (4, 13), (100, 160), (len(ARTICLE) - 5, len(ARTICLE))]:
        assert reanchor(make_selector(ARTICLE, start, end), ARTICLE).status == "exact"


def test_text_inserted_before_shifts_the_highlight() -> None:
    sel = select(ARTICLE, "the new library would open in spring")
    intro = "Editor's note: this report was updated.\n\n"
    result = reanchor(sel, intro + ARTICLE)
    assert result == Anchoring("moved", sel.position.start + len(intro), sel.position.end + len(intro))


def test_text_changed_after_keeps_the_highlight_exact() -> None:
    sel = select(ARTICLE, "the committee approved a grant")
    new = ARTICLE.replace("collection of old maps", "archive of charts and globes")
    assert reanchor(sel, new) == Anchoring("exact", sel.position.start, sel.position.end)


def test_slightly_edited_quote_is_found_by_fuzzy_matching() -> None:
    sel = select(ARTICLE, "the members agreed that the new library would open in spring")
    new = "Update. " + ARTICLE.replace("would open in spring", "will open in spring")
    result = reanchor(sel, new)
    assert result.status == "moved"
    assert landed(new, result) == "the members agreed that the new library will open in spring"


def test_fuzzy_match_keeps_whole_word_edges() -> None:
    sel = select(ARTICLE, "the mayor defended it")
    new = ARTICLE.replace("the mayor defended it firmly", "the mayor defendeds it firmly")
    assert landed(new, reanchor(sel, new)) == "the mayor defendeds it"
    new = ARTICLE.replace("defended it firmly", "defended itself firmly")
    result = reanchor(sel, new)  # "the mayor defended it" survives, but only inside "itself"
    assert result.status == "moved"
    assert landed(new, result) in ("the mayor defended", "the mayor defended itself")


def test_deleted_quote_is_orphaned() -> None:
    sel = select(ARTICLE, "Critics said the plan was rushed")
    new = ARTICLE.replace("Critics said the plan was rushed, but the mayor defended it firmly.", "")
    assert reanchor(sel, new) == Anchoring("orphaned", None, None)


def test_quote_rewritten_beyond_recognition_is_orphaned() -> None:
    sel = select(ARTICLE, "Critics said the plan was rushed")
    new = ARTICLE.replace("Critics said the plan was rushed", "Opponents called the scheme hasty")
    assert reanchor(sel, new).status == "orphaned"


def test_never_lands_on_a_similar_sentence_elsewhere() -> None:
    """The quote is gone; a sentence differing in one word survives in other surroundings."""
    old = "Opening remarks were brief. The unemployment rate rose by 12% in 2019. Then lunch."
    new = (
        "Opening remarks were brief. Then lunch.\n\nMuch later, in a different section about "
        "another country entirely: The unemployment rate fell by 12% in 2019. The end."
    )
    sel = select(old, "The unemployment rate rose by 12% in 2019.")
    assert reanchor(sel, new).status == "orphaned"


def test_typography_changes_still_anchor() -> None:
    old = 'He said "we will rebuild the harbour" and left the room quickly.'
    new = "He said \u201cwe will\u00a0rebuild the\nharbour\u201d and left the room quickly."
    sel = select(old, '"we will rebuild the harbour"')
    result = reanchor(sel, new)
    assert result.status == "moved"
    assert landed(new, result) == "\u201cwe will\u00a0rebuild the\nharbour\u201d"


# --- duplicates and short quotes -------------------------------------------------------------


def test_duplicate_quote_is_disambiguated_by_context() -> None:
    text = "First, the red house stood by the river. Later, the red house burned in the fire."
    sel = select(text, "the red house", occurrence=2)
    new = "A preface of some length. " + text
    result = reanchor(sel, new)
    assert result.status == "moved"
    assert result.start == new.index("the red house burned")


def test_duplicate_is_disambiguated_even_when_the_other_copy_sits_at_the_old_offset() -> None:
    text = "xx the red house stood here. yy the red house burned down."
    sel = select(text, "the red house", occurrence=2)
    shift = sel.position.start - text.index("the red house")
    new = "z" * shift + text  # the first copy now sits exactly where the second one was
    assert new[sel.position.start : sel.position.end] == "the red house"
    result = reanchor(sel, new)
    assert result.start == new.index("the red house burned")


def test_short_quote_moves_only_when_unique_or_clearly_placed() -> None:
    text = "A cat sat. A dog ran. The cat slept."
    first_cat = select(text, "cat")
    new = "Intro. " + text
    assert landed(new, reanchor(first_cat, new)) == "cat"
    assert reanchor(first_cat, new).start == first_cat.position.start + len("Intro. ")


def test_short_quote_never_lands_inside_another_word() -> None:
    text = "The art of war is old."
    sel = select(text, "art")
    new = "The start of war is old."  # "art" survives only inside "start"
    assert reanchor(sel, new).status == "orphaned"


def test_short_quote_without_telling_context_is_orphaned() -> None:
    text = "one fish two fish red fish blue fish"
    sel = select(text, "fish", occurrence=3)
    new = "fish fish fish fish"  # every copy is there, none in recognisable surroundings
    assert reanchor(sel, new).status == "orphaned"


def test_short_quote_with_one_whole_word_copy_left_moves_there() -> None:
    sel = select("I like the fox.", "fox")
    new = "Foxes and the foxglove. I like the fox a lot."
    assert landed(new, reanchor(sel, new)) == "fox"
    assert reanchor(sel, new).start == new.rindex("fox")


def test_lone_copy_of_a_phrase_in_unrelated_surroundings_is_not_trusted() -> None:
    sel = select(ARTICLE, "approved a grant")  # unique, but short enough to recur by chance
    new = "A completely different story, in which the board approved a grant for roads."
    assert reanchor(sel, new).status == "orphaned"
    long_sel = select(ARTICLE, "approved a grant for the harbour museum")  # telling on its own
    new = "A different story. In 2020 the board approved a grant for the harbour museum too."
    assert landed(new, reanchor(long_sel, new)) == "approved a grant for the harbour museum"


def test_phrase_at_the_edge_of_a_moved_paragraph_still_anchors() -> None:
    first, second = ARTICLE.split("\n\n")
    sel = select(ARTICLE, "In other business")  # its prefix lies in the other paragraph
    new = second + "\n\n" + first
    assert landed(new, reanchor(sel, new)) == "In other business"


def test_long_quote_edited_in_the_middle_is_found() -> None:
    body = " ".join(f"sentence number {i} talks about topic {i * 7 % 13}." for i in range(60))
    text = "Heading.\n\n" + body + "\n\nFooter."
    start = text.index("sentence number 5 ")
    end = text.index("sentence number 30 ")
    sel = make_selector(text, start, end)
    assert len(sel.quote.exact) > 600
    new = "New intro.\n\n" + text.replace("number 17 talks", "number seventeen talks")
    result = reanchor(sel, new)
    assert result.status == "moved"
    assert landed(new, result) == new[new.index("sentence number 5 ") : new.index("sentence number 30 ")]


def test_common_word_with_many_copies_is_placed_by_context() -> None:
    text = " ".join(f"the item {i} of the list" for i in range(200))  # 400 copies of "the"
    start = text.index("the list", text.index("item 123 "))
    sel = make_selector(text, start, start + 3)
    new = "Preface: " + text
    assert reanchor(sel, new) == Anchoring("moved", start + 9, start + 12)
    assert reanchor_all([sel], new) == [Anchoring("moved", start + 9, start + 12)]


# --- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sel",
    [
        Selector(TextQuote("", "", ""), TextPosition(0, 0)),
        Selector(TextQuote("   ", "", ""), TextPosition(0, 3)),
        Selector(TextQuote("library", "the new ", " would"), TextPosition(-40, 9999)),
        Selector(TextQuote("library", "", ""), TextPosition(5, 2)),
        Selector(TextQuote("x" * 5000, "", ""), TextPosition(0, 5000)),
    ],
    ids=["empty", "blank", "out-of-range", "reversed", "longer-than-text"],
)
def test_corrupt_selectors_never_raise(sel: Selector) -> None:
    result = reanchor(sel, ARTICLE)
    assert result.status in ("exact", "moved", "orphaned")
    if result.status != "orphaned":
        assert landed(ARTICLE, result) == sel.quote.exact


def test_reanchor_on_empty_text_orphans() -> None:
    sel = select(ARTICLE, "the budget")
    assert reanchor(sel, "").status == "orphaned"
    assert reanchor_all([sel, sel], "") == [Anchoring("orphaned", None, None)] * 2


# --- find_quote ------------------------------------------------------------------------------


def test_find_quote_counts_occurrences() -> None:
    text = "the cat and the hat and the bat"
    assert find_quote(text, "the") == (0, 3)
    assert find_quote(text, "the", occurrence=2) == (12, 15)
    assert find_quote(text, "the", occurrence=3) == (24, 27)
    assert find_quote(text, "the", occurrence=4) is None
    assert find_quote(text, "dog") is None


def test_find_quote_counts_non_overlapping_occurrences() -> None:
    assert find_quote("aaaa", "aa", occurrence=2) == (2, 4)
    assert find_quote("aaaa", "aa", occurrence=3) is None


def test_find_quote_ignores_whitespace_differences() -> None:
    text = "The new\nlibrary  would\u00a0open in spring."
    start, end = find_quote(text, "new library would open") or (0, 0)
    assert text[start:end] == "new\nlibrary  would\u00a0open"
    assert find_quote(text, "  library would  ") == (8, 22)


def test_find_quote_treats_curly_and_straight_quotes_alike() -> None:
    curly = "She said \u201chello\u201d and it\u2019s fine."
    assert find_quote(curly, '"hello"') == (9, 16)
    assert find_quote(curly, "it's fine") == (21, 30)
    straight = "She said \"hello\" and it's fine."
    assert find_quote(straight, "\u201chello\u201d") == (9, 16)


def test_find_quote_counts_verbatim_copies_when_there_are_any() -> None:
    text = "red\nfox red fox red fox"
    assert find_quote(text, "red fox") == (8, 15)
    assert find_quote(text, "red fox", occurrence=2) == (16, 23)
    assert find_quote(text, "red fox", occurrence=3) is None  # not the line-broken copy
    assert find_quote(text, "red  fox", occurrence=3) == (16, 23)  # no verbatim copy: all count


@pytest.mark.parametrize(("quote", "occurrence"), [("", 1), ("  \n", 1), ("fox", 0), ("fox", -2)])
def test_find_quote_rejects_bad_arguments(quote: str, occurrence: int) -> None:
    with pytest.raises(ValueError):
        find_quote("the fox", quote, occurrence)


# --- reanchor_all ----------------------------------------------------------------------------


def test_reanchor_all_matches_reanchor_in_simple_cases() -> None:
    phrases = ["The committee met", "the budget", "the harbour museum", "Critics said the plan"]
    sels = [select(ARTICLE, p) for p in phrases]
    new = "Intro.\n\n" + ARTICLE.replace("the harbour museum", "the old harbour museum")
    assert reanchor_all(sels, new) == [reanchor(s, new) for s in sels]
    assert reanchor_all([], new) == []


def test_reanchor_all_uses_neighbours_shift_for_repeated_passages() -> None:
    """Identical passages: only the shift measured at other highlights tells them apart."""
    passage = "Breaking news from the wire service follows below for all readers. " * 3
    text = "Unique opening line here. " + passage + "||" + passage + "Unique closing line here."
    second = text.index("||") + 2
    repeated = make_selector(text, second + 70, second + 120)
    anchors = [select(text, "Unique opening line"), select(text, "Unique closing line")]
    inserted = "x" * (second - text.index(passage))  # the first copy moves onto the old offset
    new = inserted + text
    results = reanchor_all([*anchors, repeated], new)
    shift = len(inserted)
    assert results[2] == Anchoring("moved", repeated.position.start + shift, repeated.position.end + shift)


def _words_text(rng: random.Random, n_chars: int) -> str:
    vocab = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 10))) for _ in range(3000)
    ]
    words: list[str] = []
    size = 0
    while size < n_chars:
        word = rng.choice(vocab)
        words.append(word)
        size += len(word) + 1
        if rng.random() < 0.05:
            words.append("\n\n")
    return " ".join(words)


def test_reanchor_all_is_fast_for_a_thousand_highlights() -> None:
    rng = random.Random(1234)
    text = _words_text(rng, 50_000)
    sels = []
    for _ in range(1000):
        start = rng.randrange(0, len(text) - 200)
        while not text[start].isalpha():
            start += 1
        end = start + rng.randint(3, 120)
        sels.append(make_selector(text, start, end))
    new = "Preface.\n\n" + text[:20_000] + text[20_300:]
    new = new[:35_000] + " inserted words " + new[35_000:]
    began = time.perf_counter()
    results = reanchor_all(sels, new)
    elapsed = time.perf_counter() - began
    assert len(results) == 1000
    assert sum(r.status != "orphaned" for r in results) >= 980
    assert elapsed < 2.0, f"reanchor_all took {elapsed:.2f} s"  # about 0.1 s on a laptop
