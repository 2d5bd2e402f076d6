"""The plain-text cleaner: metadata out, cruft out, every article sentence in, verbatim."""

from __future__ import annotations

import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from archivist.core.ingest import parse_document
from archivist.core.ingest.cruft import compile_rules, is_blank_line, load_rules
from archivist.core.ingest.text import parse_plain_text
from archivist.core.types import SourceDocument
from archivist.errors import ImportFailed

P1 = "Officials said on Thursday that the talks had been “constructive” — a word they rarely use."
P2 = "The share price fell sharply after the advertisement aired, analysts at the bank wrote."
P3 = "Readers who want to read more about the decision can find the full ruling online."


def _paras(text: str) -> list[str]:
    return text.split("\n\n")


# --- the real sample -----------------------------------------------------------------------


def test_real_sample(sample_path: Path) -> None:
    raw = sample_path.read_text(encoding="utf-8")
    article = parse_document(SourceDocument(data=sample_path.read_bytes(), name=sample_path.name))
    assert article.title == "NATO Members Discuss Allowing Ukraine Use Western Arms Inside Russia"
    assert article.published == date(2024, 5, 30)
    assert article.source_format == "text"
    assert article.text.startswith("BRUSSELS: NATO chief Jens Stoltenberg")
    assert article.text.endswith("political shifts in Washington.")
    body = [line.strip() for line in raw.splitlines()[1:] if len(line.strip()) > 60]
    assert len(body) == 9
    assert _paras(article.text) == body  # every paragraph, verbatim, in order, nothing else
    assert "icon-" not in article.text and "icon-" not in article.html
    assert article.title not in article.text and "Thu May 30 2024" not in article.text
    assert not any(is_blank_line(line) and line for line in article.text.split("\n"))
    assert "\u00a0" not in article.text
    assert article.html.count("<p>") == 9


# --- metadata ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe | Reuters", "Jane Doe and John Roe | Reuters"),
        ("BY JANE DOE", "JANE DOE"),
        ("Written by Ursula von der Leyen", "Ursula von der Leyen"),
        ("By J. R. Smith, The Associated Press", "J. R. Smith, The Associated Press"),
    ],
)
def test_byline_is_moved_out_of_the_text(line: str, byline: str) -> None:
    article = parse_plain_text(f"Headline\n\n{line}\n\n{P1}\n\n{P2}", "a.txt")
    assert article.byline == byline
    assert _paras(article.text) == [P1, P2]


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    first = "By then, the troops had already left the city and the talks had stalled."
    article = parse_plain_text(f"Headline\n\n{first}\n\n{P1}", "a.txt")
    assert article.byline is None
    assert _paras(article.text) == [first, P1]


def test_byline_and_date_on_one_line() -> None:
    article = parse_plain_text(f"Headline\nBy Jane Doe | May 30, 2024 | 5 min read\n\n{P1}", "a.txt")
    assert (article.byline, article.published) == ("Jane Doe", date(2024, 5, 30))
    assert article.text == P1


def test_date_before_the_title_and_cruft_above_everything() -> None:
    text = f"Home > World > Europe\nUpdated 10:42 AM ET, Thu May 30, 2024\nThe Headline\n{P1}\n{P2}"
    article = parse_plain_text(text, "a.txt")
    assert (article.title, article.published) == ("The Headline", date(2024, 5, 30))
    assert _paras(article.text) == [P1, P2]


def test_title_falls_back_to_the_file_name_when_the_text_starts_with_prose() -> None:
    article = parse_plain_text(f"{P1}\n\n{P2}", "/home/u/My notes.txt")
    assert article.title == "My notes"
    assert _paras(article.text) == [P1, P2]


def test_stamped_datelines_go_anywhere_but_bare_dates_in_the_body_stay() -> None:
    text = f"Headline\n\n{P1}\n\nMay 29, 2024\n\n{P2}\n\nLast updated: May 31, 2024"
    article = parse_plain_text(text, "a.txt")
    assert _paras(article.text) == [P1, "May 29, 2024", P2]


# --- cruft ---------------------------------------------------------------------------------

CRUFT = [
    "icon-facebook icon-twitter icon-whatsapp", "icon-linkedin", "fa-twitter", "5 min read",
    "12 Comments", "Home > World > Europe", "Home / News", "Follow us on X/Twitter/Facebook/…",
    "Sign up for our newsletter", "Subscribe", "Share this article", "Advertisement",
    "Read more", "Related:", "Click here to subscribe", "Share on Facebook", "\u00a0",
    "\u200b\u00a0 \u200b", "Story continues below advertisement", "ADVERTISEMENT",
    "Click to share on WhatsApp (Opens in new window)", "5 min read | 12 Comments",
    "Related: Why NATO is split over Western arms", "Facebook Twitter Email",
    "Get the best stories delivered straight to your inbox", "© 2024 Reuters. All rights reserved.",
]


@pytest.mark.parametrize("cruft", CRUFT)
def test_cruft_line_is_removed_at_top_middle_and_end(cruft: str) -> None:
    text = f"Headline\n{cruft}\n\n{P1}\n\n{cruft}\n\n{P2}\n{cruft}\n\n{P3}\n\n{cruft}\n"
    article = parse_plain_text(text, "a.txt")
    assert article.title == "Headline"
    assert _paras(article.text) == [P1, P2, P3]


@pytest.mark.parametrize(
    "sentence",
    [
        P2, P3,
        "Share this article with anyone who still believes the ceasefire will hold, she said.",
        "Advertisement revenue fell by 12% in May, the company reported on Thursday.",
        "Follow the money, the investigators were told, and the story writes itself.",
        "Subscribe to the idea that markets self-correct and you will be disappointed.",
        "Read more: that was the advice the minister gave to every new member of staff.",
        "Home is where the heart is, or so the old saying in Brussels goes.",
        "Sign up for our newsletter, the banner said, but nobody in the office ever did.",
    ],
)
def test_prose_mentioning_cruft_words_is_kept(sentence: str) -> None:
    assert not load_rules().is_cruft_line(sentence)
    article = parse_plain_text(f"Headline\n\n{P1}\n\n{sentence}\n\n{P1}", "a.txt")
    assert _paras(article.text) == [P1, sentence, P1]


def test_long_lines_are_never_cruft_whatever_they_match() -> None:
    rules = load_rules()
    line = "Home > " + " > ".join(["Section"] * 40)
    assert len(line) > rules.max_line_chars
    assert not rules.is_cruft_line(line)
    assert rules.is_cruft_line("Home > Section > Section")


def test_adding_a_network_is_one_line_of_toml() -> None:
    rules = load_rules()
    lines = ["Share on Newnet", "Follow us on Newnet", "fa-newnet", "Newnet Facebook"]
    assert not any(rules.is_cruft_line(line) for line in lines)
    raw = dict(rules.raw)
    raw["shared"] = dict(raw["shared"], social_networks=[*rules.networks, "newnet"])
    extended = compile_rules(raw)
    assert all(extended.is_cruft_line(line) for line in lines)


def test_icon_font_prefixes_only_count_before_known_names() -> None:
    rules = load_rules()
    assert rules.is_cruft_line("fab fa-facebook fa-x-twitter bi-whatsapp")
    assert not rules.is_cruft_line("fa-la-la")


def test_trailing_related_section_is_cut() -> None:
    tail = "Related articles\n\nNATO chief warns Moscow\nIs Europe ready for a long war?\n3 min read\n"
    article = parse_plain_text(f"Headline\n\n{P1}\n\n{P2}\n\n{tail}", "a.txt")
    assert _paras(article.text) == [P1, P2]


def test_related_heading_followed_by_prose_cuts_nothing() -> None:
    article = parse_plain_text(f"Headline\n\n{P1}\n\nMore from Brussels\n\n{P2}", "a.txt")
    assert _paras(article.text) == [P1, P2]  # the heading line itself is still cruft


# --- paragraphs ----------------------------------------------------------------------------


def test_one_paragraph_per_line() -> None:
    article = parse_plain_text(f"Headline\n{P1}\n{P2}\n{P3}\n", "a.txt")
    assert _paras(article.text) == [P1, P2, P3]


def test_hard_wrapped_text_is_rejoined() -> None:
    long = [" ".join([P1, P2, P3]), " ".join([P3, P1]), "A well-known ending, in the end. " * 3]
    wrapped = "\n\n".join(textwrap.fill(p.strip(), 64) for p in long)
    article = parse_plain_text(f"Headline\n\n{wrapped}\n", "a.txt")
    assert _paras(article.text) == [p.strip() for p in long]


def test_wrapped_sentence_ending_in_a_cruft_word_keeps_it() -> None:
    def para_for(width: int) -> str:  # pad until "share." alone fills the last line
        words = [P1, P2, P3, "In the end, the allies agreed", "share."]
        while not textwrap.fill(" ".join(words), width).endswith("\nshare."):
            words.insert(-1, "they would")
        return " ".join(words)

    width = 64
    para = para_for(width)
    doc = f"Headline\n\n{textwrap.fill(P3 + ' ' + P1, width)}\n\n{textwrap.fill(para, width)}\n"
    article = parse_plain_text(doc, "a.txt")
    assert _paras(article.text) == [P3 + " " + P1, para]


def test_wrapped_list_items_are_not_glued_together() -> None:
    intro = textwrap.fill(" ".join([P1, P2, P3]), 70)
    items = "- first point of the plan\n- second point of the plan"
    article = parse_plain_text(f"Headline\n\n{intro}\n{items}\n\n{intro}", "a.txt")
    joined = " ".join([P1, P2, P3])
    assert _paras(article.text) == [joined, "- first point of the plan", "- second point of the plan", joined]


def test_text_is_verbatim_apart_from_surrounding_whitespace() -> None:
    odd = "Ça coûte 10\u00a0€ — «\u00a0vraiment\u00a0» ‘yes’ “no”  two  spaces, emoji 🚀, 中文."
    article = parse_plain_text(f"Headline\n\n   {odd}\t\n\n{P1}", "a.txt")
    assert _paras(article.text) == [odd, P1]


def test_html_is_escaped_paragraphs() -> None:
    article = parse_plain_text("Headline\n\nA <b>bold</b> claim & more.", "a.txt")
    assert article.html == "<p>A &lt;b&gt;bold&lt;/b&gt; claim &amp; more.</p>"


def test_a_one_line_note_keeps_its_line() -> None:
    article = parse_plain_text("Buy milk\n", "todo.txt")
    assert (article.title, article.text) == ("Buy milk", "Buy milk")


def test_blank_and_cruft_only_files_fail_clearly() -> None:
    with pytest.raises(ImportFailed, match="empty"):
        parse_plain_text(" \n\u00a0\n\t\n", "a.txt")
    with pytest.raises(ImportFailed, match="page clutter"):
        parse_plain_text("Advertisement\nicon-facebook icon-twitter\n5 min read\n", "a.txt")


def test_twenty_megabytes_parse_in_linear_time() -> None:
    def build(size: int) -> bytes:
        chunk = textwrap.fill(" ".join([P1, P2, P3]), 72) + "\n\nAdvertisement\n\n" + P1 + "\n\n"
        return ("Big Report\n\n" + chunk * (size // len(chunk.encode()))).encode()

    def timed(data: bytes) -> float:
        start = time.process_time()  # CPU time: steadier than wall time on a busy machine
        article = parse_document(SourceDocument(data=data, name="big.txt"))
        elapsed = time.process_time() - start
        assert article.title == "Big Report" and "Advertisement" not in article.text
        return elapsed

    small = min(timed(build(2 * 1024 * 1024)) for _ in range(2))
    large = timed(build(20 * 1024 * 1024))
    print(f"\n2 MB: {small:.2f}s, 20 MB: {large:.2f}s of CPU")
    assert large < 60
    assert large < 25 * small  # linear is ~10x; quadratic would be ~100x


def test_a_wrapped_line_ending_in_an_abbreviation_still_wraps_on() -> None:
    """Found by the Hypothesis wrap property: "e.g." at a line end is not a sentence end."""
    import textwrap

    paras = ["The said share share and the talks went on and the talks went on and the talks went on.",
             "The said share share share share share share e.g. share and the talks went on and the talks went on."]
    src = "\n\n".join(textwrap.fill(p, 50, break_on_hyphens=False, break_long_words=False) for p in paras)
    assert parse_plain_text("Title line\n\n" + src, "x.txt").text.split("\n\n") == paras
