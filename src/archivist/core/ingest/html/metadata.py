"""Article metadata from a page's head: title, byline, date, site, language, URLs, lead image.

Sources are tried from the most deliberate to the most incidental: schema.org JSON-LD
(written for search engines, so usually exact), then Dublin Core / Open Graph / Twitter /
Parse.ly <meta> tags, then the document itself (<title>, <h1>, <time>, <html lang>). The title
rules follow Mozilla Readability's, because its choices (which tag wins, how a " | Site" suffix
is cut) match what readers expect and what the reference corpus records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from archivist.core.ingest.dates import parse_date as shared_parse_date
from archivist.core.ingest.html.dom import HtmlElement
from archivist.core.ingest.html.jsonld import JsonLd, read_jsonld

_PROPERTY = re.compile(
    r"\s*(article|dc|dcterm|og|twitter)\s*:\s*"
    r"(author|creator|description|published_time|title|site_name)\s*",
    re.I,
)
_NAME = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-.:]\s*)?"
    r"(author|creator|pub-date|description|title|site_name)\s*$",
    re.I,
)
_SEPARATOR = re.compile(r" [|\-–—\\/>»] ")
_HIERARCHICAL = re.compile(r" [\\/>»] ")
_ASCII_WS = re.compile(r"[\t\n\f\r ]+")
_ENTITY = re.compile(r"&(quot|amp|apos|lt|gt);")
_NUMERIC_ENTITY = re.compile(r"&#(?:x([0-9a-f]+)|([0-9]+));", re.I)
_BY_PREFIX = re.compile(r"^(by|par|von|por|di)\s*[:\s]\s*", re.I)
_ENTITIES = {"quot": '"', "amp": "&", "apos": "'", "lt": "<", "gt": ">"}


@dataclass
class PageMetadata:
    """What the page says about itself; every field may be missing."""

    title: str = ""
    byline: str | None = None
    published: date | None = None
    site: str | None = None
    language: str | None = None
    url: str | None = None
    base_url: str | None = None
    lead_image: str | None = None
    excerpt: str | None = None


def unescape_entities(value: str | None) -> str | None:
    """Undo a second round of HTML escaping, which many sites apply to <meta> content."""
    if not value:
        return value

    def numeric(match: re.Match[str]) -> str:
        num = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if num == 0 or num > 0x10FFFF or 0xD800 <= num <= 0xDFFF:
            num = 0xFFFD
        return chr(num)

    value = _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], value)
    return _NUMERIC_ENTITY.sub(numeric, value)


def document_title(root: HtmlElement) -> str:
    """The page's <title>, as `document.title` gives it (ASCII whitespace collapsed)."""
    title_el = root.find("head/title")
    if title_el is None:
        for candidate in root.iter("title"):
            if not any(a.tag == "svg" for a in candidate.iterancestors()):
                title_el = candidate
                break
    if title_el is None:
        return ""
    return _ASCII_WS.sub(" ", title_el.text_content()).strip(" \t\n\f\r")


def _word_count(text: str) -> int:
    return len(re.split(r"\s+", text))


def heading_title(root: HtmlElement) -> str:
    """The title from <title>, with a site name cut off when it is clearly separated.

    "Article | Site" and "Site - Section - Article" lose the site part; "Site: Article"
    keeps only the article part unless a heading repeats the whole string; a title too short
    or too long to be real is replaced by the page's only <h1>.
    """
    cur = orig = document_title(root)
    hierarchical = False
    if _SEPARATOR.search(cur):
        hierarchical = bool(_HIERARCHICAL.search(cur))
        cur = re.sub(r"(.*)[|\-–—\\/>»] .*", r"\1", orig, flags=re.S)
        if _word_count(cur) < 3:
            cur = re.sub(r"[^|\-–—\\/>»]*[|\-–—\\/>»](.*)", r"\1", orig, flags=re.S)
    elif ": " in cur:
        trimmed = cur.strip()
        headings = list(root.iter("h1", "h2"))
        if not any(h.text_content().strip() == trimmed for h in headings):
            cur = orig[orig.rfind(":") + 1:]
            if _word_count(cur) < 3:
                cur = orig[orig.find(":") + 1:]
            elif _word_count(orig[: orig.find(":")]) > 5:
                cur = orig
    elif len(cur) > 150 or len(cur) < 15:
        h1s = list(root.iter("h1"))
        if len(h1s) == 1:
            cur = re.sub(r"\s{2,}", " ", h1s[0].text_content().strip())
    cur = re.sub(r"\s{2,}", " ", cur.strip())
    count = _word_count(cur)
    if count <= 4 and (
        not hierarchical or count != _word_count(re.sub(r"[|\-–—\\/>»]+", "", orig)) - 1
    ):
        cur = orig
    return cur


def _meta_values(root: HtmlElement) -> dict[str, str]:
    """<meta> name/property values, keyed like "og:title" (lower case, no spaces)."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        prop = meta.get("property")
        match = _PROPERTY.search(prop) if prop else None
        if match:
            # a property may list several names ("dc:title og:title"): the first one names it
            values[re.sub(r"\s", "", match.group(0).lower())] = content.strip()
            continue
        name = meta.get("name")
        if name and _NAME.match(name):
            values[re.sub(r"\s", "", name.lower()).replace(".", ":")] = content.strip()
    return values


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            return value
    return None


def _meta(root: HtmlElement, *keys: str) -> str | None:
    """The first non-empty content of <meta name|property|itemprop> among `keys`."""
    wanted = {k.lower() for k in keys}
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key in wanted and key not in found:
                found[key] = content
    return _first(*(found.get(k.lower()) for k in keys))


def parse_date(value: str | None) -> date | None:
    """A calendar date from a metadata value (the library's shared, strict date rules)."""
    if not value:
        return None
    return shared_parse_date(value.strip())


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    try:
        resolved = urljoin(base, url) if base else url
    except ValueError:
        return None
    return resolved if urlsplit(resolved).scheme in ("http", "https", "file") else None


def _language(root: HtmlElement) -> str | None:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language" and meta.get("content"):
                lang = meta.get("content")
                break
    if not lang:
        lang = _meta(root, "language", "dc.language")
    if not lang:
        lang = _meta(root, "og:locale")
    if not lang:
        return None
    lang = lang.strip().split(",")[0].strip().replace("_", "-")
    return lang or None


def _site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def clean_byline(value: str | None) -> str | None:
    """A byline fit for display: whitespace collapsed, a leading "By" dropped."""
    if not value:
        return None
    text = " ".join(value.split())
    text = _BY_PREFIX.sub("", text).strip(" ,|·-")
    return text or None


def read_metadata(root: HtmlElement, url: str | None = None) -> PageMetadata:
    """Everything the page's head (and JSON-LD) says about the article.

    Must run before scripts are stripped: JSON-LD lives in <script> elements.
    """
    jsonld: JsonLd = read_jsonld(root, lambda: heading_title(root))
    values = _meta_values(root)
    title = _first(
        jsonld.title,
        values.get("dc:title"),
        values.get("dcterm:title"),
        values.get("og:title"),
        values.get("weibo:article:title"),
        values.get("weibo:webpage:title"),
        values.get("title"),
        values.get("twitter:title"),
        values.get("parsely-title"),
    )
    if not title:
        title = heading_title(root)
    byline = _first(
        jsonld.byline,
        values.get("dc:creator"),
        values.get("dcterm:creator"),
        values.get("author"),
        values.get("parsely-author"),
    )
    base = url
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        base = _absolute(base_el.get("href"), url) or base
    published = parse_date(
        _first(
            jsonld.date_published,
            values.get("article:published_time"),
            values.get("parsely-pub-date"),
            _meta(root, "datePublished", "date", "pubdate", "publishdate", "dc.date",
                  "dc.date.issued", "sailthru.date", "article.published"),
        )
    )
    if published is None:
        time_el = root.find(".//time[@datetime]")
        if time_el is not None:
            published = parse_date(time_el.get("datetime"))
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = _absolute(link.get("href"), base)
            break
    canonical = canonical or _absolute(_meta(root, "og:url"), base) or url
    site = _first(jsonld.site_name, values.get("og:site_name"), _meta(root, "application-name"))
    lead = _meta(root, "og:image", "og:image:url", "og:image:secure_url", "twitter:image",
                 "twitter:image:src")
    if not lead:
        for link in root.iter("link"):
            if (link.get("rel") or "").lower() == "image_src":
                lead = link.get("href")
                break
    return PageMetadata(
        title=unescape_entities(title) or "",
        byline=clean_byline(unescape_entities(byline)),
        published=published,
        site=unescape_entities(site) or _site_from_url(canonical),
        language=_language(root),
        url=canonical,
        base_url=base,
        lead_image=_absolute(lead, base),
        excerpt=unescape_entities(
            _first(jsonld.excerpt, values.get("dc:description"), values.get("og:description"),
                   values.get("description"), values.get("twitter:description"))
        ),
    )


__all__ = [
    "PageMetadata",
    "clean_byline",
    "document_title",
    "heading_title",
    "parse_date",
    "read_metadata",
    "unescape_entities",
]
