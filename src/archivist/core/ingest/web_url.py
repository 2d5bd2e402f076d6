"""What counts as a web address to fetch. Apart from `fetch` so that telling a URL from a path
never pays for importing the HTTP client."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)
