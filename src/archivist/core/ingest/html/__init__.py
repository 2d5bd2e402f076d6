"""Web page to article: decode, parse, read metadata, find and clean the article, sanitise.

Pipeline: `decode` (bytes to text, the browser's way) -> `dom.parse_html` (lxml) ->
`metadata.read_metadata` (needs the scripts, for JSON-LD) -> `prep.prepare_document` ->
`score.grab_article` (pick the article block, clean it) -> `boilerplate.remove_boilerplate`
(share bars, newsletters, related lists...) -> `images.rewrite_images` -> sanitise -> text
(the library's shared `html_text.html_to_text`, so stored HTML and text always agree).
Everything is in memory and offline unless the caller passes a `resource_loader`, which is
then the only way images (remote or next to a saved file) are read.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import html as lxml_html

from archivist.core.ingest.html.boilerplate import finish_article
from archivist.core.ingest.html.decode import decode_html
from archivist.core.ingest.html.dom import HtmlElement, parse_html
from archivist.core.ingest.html.images import (
    IMAGE_REF_SCHEME,
    ImageResolver,
    ResourceLoader,
    resolve_images,
    rewrite_images,
)
from archivist.core.ingest.html.metadata import PageMetadata, clean_byline, read_metadata
from archivist.core.ingest.html.prep import prepare_document
from archivist.core.ingest.html.score import grab_article
from archivist.core.ingest.html_text import html_to_text
from archivist.core.ingest.sanitize import sanitize_html
from archivist.core.types import ImageAsset, ParsedArticle
from archivist.errors import ImportFailed


def extract_html(
    data: bytes,
    url: str | None = None,
    media_type: str | None = None,
    resource_loader: Callable[[str], tuple[bytes, str] | None] | None = None,
) -> ParsedArticle:
    """Turn a web page's bytes into an article; raises ImportFailed when it holds none.

    `url` is where the page came from (resolves relative links and images, and is the
    fallback canonical URL). `resource_loader(url)` returns (bytes, media type) or None; with
    it images are stored with the article, without it they are replaced by their alt text.
    """
    root = parse_html(decode_html(data, media_type))
    meta = read_metadata(root, url)
    prepare_document(root)
    article, dom_byline = grab_article(root, meta.title, has_meta_byline=bool(meta.byline))
    if article is None:
        raise ImportFailed("No article text was found in the web page.")
    finish_article(article, meta.base_url)
    resolver = ImageResolver(meta.base_url, resource_loader)
    rewrite_images(article, resolver, meta.title)
    html = sanitize_html(_serialise(article))
    text = html_to_text(html)
    if not text.strip():
        raise ImportFailed("No article text was found in the web page.")
    lead_image = _lead_image(meta, resolver)
    used = [a for ref, a in resolver.assets.items() if ref in html or ref == lead_image]

    return ParsedArticle(
        title=meta.title.strip() or _fallback_title(text),
        text=text,
        html=html,
        byline=meta.byline or clean_byline(dom_byline),
        published=meta.published,
        site=meta.site,
        url=meta.url,
        language=meta.language,
        lead_image=lead_image,
        images=tuple(used),
        source_format="html",
    )


def _fallback_title(text: str, limit: int = 80) -> str:
    """For pages that name themselves nowhere: the start of the first paragraph."""
    first = text.split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def _lead_image(meta: PageMetadata, resolver: ImageResolver) -> str | None:
    """The lead image as a stored ref when it can be loaded, else its absolute URL."""
    if not meta.lead_image:
        return None
    if resolver.loader is not None:
        ref = resolver.resolve(meta.lead_image)
        if ref:
            return ref
    return meta.lead_image


def _serialise(article: HtmlElement) -> str:
    return str(lxml_html.tostring(article, encoding="unicode", method="html"))


__all__ = [
    "IMAGE_REF_SCHEME",
    "ImageAsset",
    "ResourceLoader",
    "extract_html",
    "resolve_images",
]
