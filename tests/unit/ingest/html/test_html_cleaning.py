"""Boilerplate inside the article goes; every kind of article content stays.

Each boilerplate sample sits inside the <article>, between real paragraphs, because that is
where the scorer cannot help: it has to be recognised by class/id names or by its wording.
"""

from __future__ import annotations

import pytest

from archivist.core.ingest.html import extract_html

from .pages import PROSE, article_page

BOILERPLATE = {
    "share widget": (
        '<div class="share-tools"><a href="https://www.facebook.com/sharer">Share on Facebook</a>'
        ' <a href="https://twitter.com/intent">Tweet</a> <a href="mailto:?x">Email</a></div>',
        ["Share on Facebook", "Tweet"],
    ),
    "unlabelled share links": (
        '<ul><li><a href="https://fb.example/s">Share on Facebook</a></li>'
        '<li><a href="https://x.example/s">Share on X</a></li><li><a href="#">Pinterest</a></li></ul>',
        ["Share on Facebook", "Share on X", "Pinterest"],
    ),
    "icon labels": (
        '<div><span class="icon-facebook">icon-facebook</span> <span class="icon-twitter">icon-twitter</span></div>',
        ["icon-facebook", "icon-twitter"],
    ),
    "advertisement": (
        '<div class="ad-slot"><p>Advertisement</p></div><p>Advertisement</p>',
        ["Advertisement"],
    ),
    "sponsored": (
        '<div class="sponsored-content"><p>Partner offer: save on premium garden hoses this week</p></div>',
        ["garden hoses"],
    ),
    "newsletter": (
        '<div class="newsletter-signup"><h3>Get the morning briefing</h3>'
        '<p>Sign up for our newsletter and get the day’s news in your inbox.</p>'
        '<form><input type="email"><button>Sign up</button></form></div>',
        ["morning briefing", "Sign up for our newsletter"],
    ),
    "subscribe prompt": (
        '<p>Subscribe to our newsletter for weekly updates</p>',
        ["Subscribe to our newsletter"],
    ),
    "paywall": (
        '<div class="paywall-prompt"><p>You have read 3 of 5 free articles this month.</p>'
        '<a href="/subscribe">Subscribe now</a></div>',
        ["free articles this month"],
    ),
    "cookie notice": (
        '<div id="cookie-consent"><p>We use cookies to give you the best experience.</p>'
        '<button>Accept all</button></div>',
        ["We use cookies"],
    ),
    "nav": (
        '<nav><a href="/">Home</a> › <a href="/weather">Weather</a> › <a href="/weather/floods">Floods</a></nav>',
        ["Weather"],
    ),
    "breadcrumbs": (
        '<ol class="breadcrumb"><li><a href="/">Start</a></li><li><a href="/region">Region news</a></li></ol>',
        ["Region news"],
    ),
    "related list": (
        '<div class="related-articles"><h3>Related</h3><ul>'
        '<li><a href="/a">Storm warnings issued for the coast tonight</a></li>'
        '<li><a href="/b">How insurers price flood risk</a></li></ul></div>',
        ["Storm warnings issued", "How insurers price"],
    ),
    "recommended list": (
        '<section class="recommended-stories"><h2>Recommended for you</h2><ul>'
        '<li><a href="/c">Ten gardens to visit this spring</a></li></ul></section>',
        ["Recommended for you", "Ten gardens"],
    ),
    "most read": (
        '<div class="most-read"><h3>Most read</h3><ol><li><a href="/d">Mayor resigns</a></li>'
        '<li><a href="/e">Bridge reopens after repairs</a></li></ol></div>',
        ["Most read", "Bridge reopens"],
    ),
    "comments": (
        '<section id="comments"><h3>2 comments</h3><div class="comment"><p>Great reporting, thank you'
        ' for covering our town so thoroughly.</p></div></section>',
        ["Great reporting"],
    ),
    "author bio": (
        '<div class="author-bio"><p>Jane Doe covers climate and the environment for the Gazette. '
        'She lives by the river.</p></div>',
        ["Jane Doe covers climate"],
    ),
    "read more link": (
        '<p><a href="/more">Read more</a></p>',
        ["Read more"],
    ),
}


@pytest.mark.parametrize("kind", sorted(BOILERPLATE))
def test_boilerplate_is_removed(kind: str) -> None:
    markup, phrases = BOILERPLATE[kind]
    art = extract_html(article_page(markup), url="https://gazette.example/floods")
    for phrase in phrases:
        assert phrase not in art.text, f"{kind}: {phrase!r} survived"
        assert phrase not in art.html, f"{kind}: {phrase!r} survived in html"
    for paragraph in PROSE:
        assert paragraph in art.text, f"{kind}: article text lost"


CONTENT = {
    "heading": ("<h2>What happens next</h2>", "<h2>What happens next</h2>", "What happens next"),
    "subheading": ("<h3>The cost of repairs</h3>", "<h3>The cost of repairs</h3>", "The cost of repairs"),
    "paragraph": ("<p>A short paragraph of its own.</p>", "<p>A short paragraph of its own.</p>",
                  "A short paragraph of its own."),
    "unordered list": (
        "<ul><li>Sandbags were handed out at the school.</li><li>Pumps came from the fire station."
        "</li><li>Boats were lent by the rowing club.</li></ul>",
        "<li>Pumps came from the fire station.</li>", "Pumps came from the fire station.",
    ),
    "ordered list": (
        "<ol><li>Move valuables upstairs.</li><li>Switch off the electricity.</li></ol>",
        "<li>Switch off the electricity.</li>", "Switch off the electricity.",
    ),
    "blockquote": (
        "<blockquote><p>We have never seen the water this high, not in sixty years.</p></blockquote>",
        "<blockquote>", "We have never seen the water this high",
    ),
    "table": (
        "<table><thead><tr><th>Town</th><th>Homes flooded</th></tr></thead><tbody>"
        "<tr><td>Lowmead</td><td>120</td></tr><tr><td>Ashford</td><td>45</td></tr></tbody></table>",
        "<td>Lowmead</td>", "Lowmead",
    ),
    "figure with caption": (
        '<figure><img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='
        'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" alt="x">'
        "<figcaption>The high street at dawn on Wednesday.</figcaption></figure>",
        "<figcaption>The high street at dawn on Wednesday.</figcaption>", "The high street at dawn",
    ),
    "code": (
        "<pre><code>water_level = read_gauge()\nif water_level &gt; 4.2:\n    sound_alarm()</code></pre>",
        "<pre><code>", "if water_level > 4.2:\n    sound_alarm()",
    ),
    "inline emphasis and links": (
        '<p>The <em>official</em> report is <strong>due</strong> in May, says '
        '<a href="https://council.example/report">the council</a>.</p>',
        '<a href="https://council.example/report"', "The official report is due in May",
    ),
}


@pytest.mark.parametrize("kind", sorted(CONTENT))
def test_content_is_kept(kind: str) -> None:
    markup, in_html, in_text = CONTENT[kind]
    art = extract_html(article_page(markup), url="https://gazette.example/floods")
    assert in_html in art.html, f"{kind} lost from html: {art.html[:2000]}"
    assert in_text in art.text, f"{kind} lost from text"


def test_inline_emphasis_survives() -> None:
    markup = CONTENT["inline emphasis and links"][0]
    html = extract_html(article_page(markup)).html
    assert "<em>official</em>" in html and "<strong>due</strong>" in html


def test_sentences_mentioning_cruft_words_are_prose() -> None:
    markup = ("<p>Neighbours said they would share what they had, and one man offered to "
              "subscribe the whole street to the emergency text alerts.</p>")
    art = extract_html(article_page(markup))
    assert "share what they had" in art.text


def test_inline_link_with_widget_like_class_stays_in_its_sentence() -> None:
    markup = ('<p>The council published <a class="icon-external share-link" href="https://council.example/r">'
              "the full flood report</a> on Monday, with maps of every street affected.</p>")
    art = extract_html(article_page(markup))
    assert "published the full flood report on Monday" in art.text
