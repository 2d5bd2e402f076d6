"""Final pass over the chosen article: boilerplate the scorer let through, links, tag names.

The scorer judges whole blocks; small widgets living inside a good block (a share bar under
the headline, "Sign up for our newsletter", a "Related stories" list, an author bio box) need
rules of their own. They come from cruft.toml: class/id names and whole-block texts; a block is
only removed when it is short or mostly links, so an article whose wrapper happens to be called
"post-share-content" keeps its text.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from archivist.core.ingest.cruft import load_rules
from archivist.core.ingest.html.dom import (
    HtmlElement,
    inner_text,
    inside_prose,
    link_density,
    match_string,
    remove,
    unwrap,
)
from archivist.core.ingest.html.mathml import flatten_mathml
from archivist.core.ingest.html.rules import HtmlRules, html_rules
from archivist.core.ingest.html_text import BLOCK_TAGS
from archivist.core.ingest.sanitize import ALLOWED_TAGS

# Elements whose class/id may name them a widget; inline formatting is never judged.
_JUDGED = frozenset(
    "div section aside header footer nav ul ol li p span a form figure details table dl "
    "h2 h3 h4 h5 h6 button".split()
)
# Blocks whose whole text may be judged a widget label ("Share", "Sign up", "Related").
# Headings and inline elements are not: "See also" heads a real section, and "Facebook"
# inside a sentence is a word.
_TEXT_JUDGED = frozenset("div section aside header footer nav ul ol li p form dl".split())
_HAS_WORD = re.compile(r"\w")
_MEDIA = ("img", "picture", "video", "audio", "iframe", "embed", "object", "svg", "math")
_DROP_OUTRIGHT = ("svg", "canvas", "map", "area", "video", "audio", "iframe", "embed", "object")
_CONTAINERS = frozenset("div section ul ol li p span figure dl table tr tbody".split())


def finish_article(article: HtmlElement, base_url: str | None) -> None:
    """Clean the extracted article in place: boilerplate, links, tag names the sanitiser drops."""
    rules = html_rules()
    _fix_links(article, base_url)
    remove_boilerplate(article, rules)
    flatten_mathml(article)
    for el in list(article.iterdescendants(*_DROP_OUTRIGHT)):
        if el.getparent() is not None:
            remove(el)
    for el in article.iter():
        tag = el.tag
        if isinstance(tag, str) and tag not in ALLOWED_TAGS and tag in BLOCK_TAGS:
            el.tag = "div"  # the sanitiser unwraps unknown tags; keep the block boundary


def _fix_links(article: HtmlElement, base_url: str | None) -> None:
    """javascript: links become their text; relative links become absolute."""
    for a in list(article.iter("a")):
        href = (a.get("href") or "").strip()
        if not href:
            continue
        if href.lower().startswith("javascript:"):
            unwrap(a)
        elif base_url and not href.startswith("#"):
            try:
                a.set("href", urljoin(base_url, href))
            except ValueError:
                del a.attrib["href"]


def _is_boilerplate_text(text: str, rules: HtmlRules) -> bool:
    if not text or len(text) > rules.boilerplate_max_chars:
        return False
    cruft = load_rules()
    return cruft.is_cruft_line(text) or any(p.search(text) for p in rules.boilerplate_text)


def remove_boilerplate(article: HtmlElement, rules: HtmlRules) -> None:
    """Remove widgets inside the article (innermost first, so containers see the result).

    Code is never touched: in highlighted source a <span class="comment"> is a comment.
    """
    code: set[HtmlElement] = set()
    for block in article.iter("pre", "code"):
        code.add(block)
        code.update(block.iterdescendants())
    for el in reversed(list(article.iterdescendants())):
        tag = el.tag
        if not isinstance(tag, str) or tag not in _JUDGED or el in code:
            continue
        if el.getparent() is None:
            continue
        text = inner_text(el)
        if (
            tag in _TEXT_JUDGED
            and _HAS_WORD.search(text)
            and _is_boilerplate_text(text, rules)
            and not _has_media(el)
        ):
            remove(el)
            continue
        matched = match_string(el) if el.attrib else ""
        if matched.strip() and rules.boilerplate.search(matched):
            short = len(text) <= rules.boilerplate_max_chars
            if (short or link_density(el, len(text)) > 0.5) and not inside_prose(el, text):
                remove(el)
                continue
        if tag in _CONTAINERS and not text and not _has_media(el):
            remove(el)


def _has_media(el: HtmlElement) -> bool:
    return el.tag in _MEDIA or any(True for _ in el.iterdescendants(*_MEDIA))

