"""Decides whether a source is HTML, Markdown or plain text.

Extension and declared type first (they are what the user chose), content second: a `.txt` full
of `<p>` tags is still treated as text, because that is what the user saved.
"""

from __future__ import annotations

import re
from typing import Literal

from archivist.core.types import SourceDocument

Format = Literal["html", "markdown", "text"]

_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml")
_MD_EXT = (".md", ".markdown", ".mdown", ".mkd")
_TEXT_EXT = (".txt", ".text")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def sniff_format(doc: SourceDocument) -> Format:
    name = doc.name.lower().split("?", 1)[0]
    mt = (doc.media_type or "").split(";", 1)[0].strip().lower()
    if mt in ("text/html", "application/xhtml+xml"):
        return "html"
    if mt == "text/markdown":
        return "markdown"
    if name.endswith(_HTML_EXT):
        return "html"
    if name.endswith(_MD_EXT):
        return "markdown"
    if name.endswith(_TEXT_EXT) or mt == "text/plain":
        return "text"
    head = doc.data[:2048].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    return "text"
