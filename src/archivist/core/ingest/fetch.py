"""Fetching web pages and their images over HTTP, with the limits a desktop app needs.

httpx rather than urllib: it gives per-phase timeouts, redirect limits and streaming with a size
cap in a few lines, and is actively maintained. Only http(s) URLs are fetched; a page may
never make us read a local file or another scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from archivist import __version__
from archivist.core.ingest.image_types import sniff_image_type
from archivist.core.ingest.web_url import is_web_url
from archivist.core.types import SourceDocument
from archivist.errors import ImportFailed

USER_AGENT = f"Mozilla/5.0 (compatible; Archivist/{__version__}; +article archiver)"
PAGE_LIMIT = 16 * 1024 * 1024
IMAGE_LIMIT = 8 * 1024 * 1024
MAX_IMAGES = 60
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 8
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    media_type: str


def _client() -> httpx.Client:
    return httpx.Client(
        follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=TIMEOUT,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"},
        trust_env=False,
    )


def _get(client: httpx.Client, url: str, limit: int) -> Fetched:
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                reason = resp.reason_phrase or "error"
                raise ImportFailed(f"The server answered {resp.status_code} {reason} for {url}")
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise ImportFailed(f"{url} is too large ({int(declared) // 1048576} MB)")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise ImportFailed(f"{url} is too large (over {limit // 1048576} MB)")
                chunks.append(chunk)
            return Fetched(str(resp.url), b"".join(chunks), resp.headers.get("content-type", ""))
    except httpx.TimeoutException as exc:
        raise ImportFailed(f"Timed out fetching {url}") from exc
    except httpx.TooManyRedirects as exc:
        raise ImportFailed(f"Too many redirects fetching {url}") from exc
    except httpx.InvalidURL as exc:
        raise ImportFailed(f"Not a valid web address: {url}") from exc
    except httpx.HTTPError as exc:
        raise ImportFailed(f"Cannot fetch {url}: {type(exc).__name__.replace('Error', ' error').strip()}") from exc


def fetch_page(url: str) -> SourceDocument:
    """Fetch a web page (or a plain-text / Markdown file) to import."""
    if not is_web_url(url):
        raise ImportFailed(f"Only http and https addresses can be imported: {url}")
    with _client() as client:
        got = _get(client, url, PAGE_LIMIT)
    mt = got.media_type.split(";", 1)[0].strip().lower()
    if mt and mt not in _HTML_TYPES and mt not in _TEXT_TYPES:
        raise ImportFailed(f"{url} is not a web page (it is {mt})")
    if not got.data.strip():
        raise ImportFailed(f"{url} returned an empty page")
    name = urlsplit(got.url).path.rsplit("/", 1)[-1] or "index.html"
    return SourceDocument(data=got.data, name=name, media_type=got.media_type or "text/html", url=got.url)


class ImageFetcher:
    """A resource loader for a page fetched from the web: fetches its images, within limits."""

    def __init__(self) -> None:
        self._client: httpx.Client | None = None
        self._count = 0

    def __call__(self, url: str) -> tuple[bytes, str] | None:
        if not is_web_url(url) or self._count >= MAX_IMAGES:
            return None
        self._count += 1
        if self._client is None:
            self._client = _client()
        try:
            got = _get(self._client, url, IMAGE_LIMIT)
        except ImportFailed:
            return None  # a missing image never fails the article
        # Trust the bytes, not the header: only raster images we can show safely are kept.
        mt = sniff_image_type(got.data)
        if mt is None or mt == "image/svg+xml":
            return None
        return got.data, mt

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
