"""schema.org JSON-LD: the metadata pages publish for search engines, usually exact.

Only Article-like types are read (NewsArticle, BlogPosting, ...): a page also describes its
videos, breadcrumbs and organisation in JSON-LD, and their names are not the article's title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from archivist.core.ingest.html.dom import HtmlElement

_CDATA = re.compile(r"^\s*<!\[CDATA\[|\]\]>\s*$")
_SCHEMA_ORG = re.compile(r"^https?://schema\.org/?$")
# Mirrors Readability's pattern, including its quirk: "Article" only anchors at the start.
_ARTICLE_TYPES = re.compile(
    r"^Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|"
    r"BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|"
    r"SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|"
    r"LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference$"
)
_TOKEN_SPLIT = re.compile(r"\W+", re.ASCII)


@dataclass
class JsonLd:
    title: str | None = None
    byline: str | None = None
    excerpt: str | None = None
    site_name: str | None = None
    date_published: str | None = None


def text_similarity(text_a: str, text_b: str) -> float:
    """1.0 when every word of `text_b` occurs in `text_a`, falling towards 0 as `text_b` adds
    words of its own (weighted by their length)."""
    tokens_a = [t for t in _TOKEN_SPLIT.split(text_a.lower()) if t]
    tokens_b = [t for t in _TOKEN_SPLIT.split(text_b.lower()) if t]
    if not tokens_a or not tokens_b:
        return 0.0
    set_a = set(tokens_a)
    unique_b = [t for t in tokens_b if t not in set_a]
    return 1 - len(" ".join(unique_b)) / len(" ".join(tokens_b))


def _is_article(obj: Any) -> bool:
    kind = obj.get("@type") if isinstance(obj, dict) else None
    if isinstance(kind, list):
        return any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kind)
    return isinstance(kind, str) and bool(_ARTICLE_TYPES.search(kind))


def _has_schema_context(obj: dict[str, Any]) -> bool:
    context = obj.get("@context")
    if isinstance(context, str):
        return bool(_SCHEMA_ORG.match(context))
    if isinstance(context, dict):
        vocab = context.get("@vocab")
        return isinstance(vocab, str) and bool(_SCHEMA_ORG.match(vocab))
    return False


def _find_article(parsed: Any) -> dict[str, Any] | None:
    candidates = parsed if isinstance(parsed, list) else [parsed]
    for obj in candidates:
        if not isinstance(obj, dict) or not _has_schema_context(obj):
            continue
        if "@type" not in obj and isinstance(obj.get("@graph"), list):
            for item in obj["@graph"]:
                if _is_article(item):
                    return item  # type: ignore[no-any-return]
            continue
        if _is_article(obj):
            return obj
    return None


def _names(value: Any) -> str | None:
    """"A, B" from an author object or a list of them."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip() or None
    if isinstance(value, list) and value and isinstance(value[0], dict):
        names = [a["name"].strip() for a in value if isinstance(a, dict) and isinstance(a.get("name"), str)]
        return ", ".join(n for n in names if n) or None
    return None


def read_jsonld(root: HtmlElement, heading_title: Callable[[], str]) -> JsonLd:
    """Metadata of the first Article-like JSON-LD object on the page (empty when none).

    `heading_title` is called only when the object's name and headline disagree: whichever
    resembles the page's <title> wins (some sites put their own name in "name").
    """
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            parsed = json.loads(_CDATA.sub("", script.text or ""))
        except ValueError:
            continue
        article = _find_article(parsed)
        if article is None:
            continue
        result = JsonLd()
        name, headline = article.get("name"), article.get("headline")
        if isinstance(name, str) and isinstance(headline, str) and name != headline:
            title = heading_title()
            name_matches = text_similarity(name, title) > 0.75
            headline_matches = text_similarity(headline, title) > 0.75
            result.title = headline if headline_matches and not name_matches else name
        elif isinstance(name, str):
            result.title = name.strip()
        elif isinstance(headline, str):
            result.title = headline.strip()
        result.byline = _names(article.get("author"))
        if isinstance(article.get("description"), str):
            result.excerpt = article["description"].strip()
        publisher = article.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            result.site_name = publisher["name"].strip()
        if isinstance(article.get("datePublished"), str):
            result.date_published = article["datePublished"].strip()
        return result
    return JsonLd()
