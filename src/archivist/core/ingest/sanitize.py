"""Makes stored HTML safe to display: an allow-list sanitiser (nh3, i.e. Rust's ammonia).

An allow-list, not a block-list: anything not named here (script, style, iframe, object, form,
event handlers, javascript:/data: links, tracking attributes) is dropped. Images may only point
at `archivist-image:` references, which the library resolves from its own store, so displaying
an article never touches the network.
"""

from __future__ import annotations

import html as html_lib

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "archivist-image"}


IMAGE_REF_PREFIX = "archivist-image:"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Drop any <img src> that is not a library reference, so display never hits the network."""
    if tag == "img" and attribute == "src" and not value.startswith(IMAGE_REF_PREFIX):
        return None
    return value


def sanitize_html(fragment: str) -> str:
    """Return `fragment` with everything outside the allow-list removed."""
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_attribute_filter,
    )
    return cleaned


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """HTML for plain-text paragraphs: escaped, one <p> each, line breaks inside kept."""
    return "\n".join(
        "<p>" + html_lib.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs
    )
