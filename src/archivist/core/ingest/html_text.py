"""Plain text of an HTML fragment in the library's canonical form: paragraphs split by "\\n\\n".

Used for Markdown (rendered, then sanitised) and by the web-page extractor, so both produce the
same shape of text: one paragraph per block element (p, h1-h6, li, blockquote's paragraphs,
div...), whitespace collapsed inside paragraphs the way a browser collapses it, <br> kept as a
line break, <pre> kept verbatim, and a table as one paragraph of tab-separated rows. Only ASCII
whitespace collapses, as in HTML itself: a no-break space is deliberate and stays.

The walk is iterative, so the deep nesting of real web pages cannot hit Python's recursion limit.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import CData, NavigableString, PreformattedString, Tag

from archivist.core.ingest.cruft import is_blank_line

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p section summary ul".split()
)
SKIP_TAGS = frozenset(
    "script style template noscript head title svg math canvas iframe object embed audio video "
    "select option datalist map".split()
)
_ASCII_WS = re.compile(r"[ \t\n\r\f]+")


def html_to_text(html: str) -> str:
    """Paragraphs of `html`, joined by one blank line."""
    if not html.strip():
        return ""
    soup = BeautifulSoup(html, "lxml")
    return "\n\n".join(_paragraphs(soup))


class _Collector:
    """Accumulates inline text and turns it into paragraphs at block boundaries."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self._buf: list[str] = []

    def text(self, s: str) -> None:
        # Source newlines are plain whitespace in HTML; only <br> makes a line break.
        self._buf.append(_ASCII_WS.sub(" ", s))

    def line_break(self) -> None:
        self._buf.append("\n")

    def verbatim(self, s: str) -> None:
        self.flush()
        if not is_blank_line(s):
            self.paragraphs.append(s)

    def flush(self) -> None:
        if not self._buf:
            return
        raw = "".join(self._buf)
        self._buf.clear()
        lines: list[str] = []
        for line in raw.split("\n"):
            line = _ASCII_WS.sub(" ", line).strip(" ")  # runs across adjacent text nodes
            if line and not is_blank_line(line):
                lines.append(line)
            elif lines:  # an empty line (<br><br>) ends the paragraph, as browsers show it
                self.paragraphs.append("\n".join(lines))
                lines = []
        if lines:
            self.paragraphs.append("\n".join(lines))


def _paragraphs(root: Tag) -> list[str]:
    out = _Collector()
    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            out.flush()  # leaving a block element
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString) or isinstance(node, CData):
                out.text(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = (node.name or "").lower()
        if name in SKIP_TAGS:
            continue
        if name == "br":
            out.line_break()
        elif name == "pre":
            out.verbatim(node.get_text().strip("\n").rstrip())
        elif name == "table":
            out.flush()
            _table(node, out)
        else:
            if name in BLOCK_TAGS or node is root:
                out.flush()
                stack.append((node, False))
            stack.extend((child, True) for child in reversed(node.contents))
    out.flush()
    return out.paragraphs


def _table(table: Tag, out: _Collector) -> None:
    """A table as one paragraph: rows on their own lines, cells separated by tabs."""
    caption = table.find("caption")
    if isinstance(caption, Tag) and caption.find_parent("table") is table:
        out.paragraphs.extend(_paragraphs(caption))
    rows: list[str] = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue  # a nested table's row: its text appears inside the enclosing cell
        cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
        texts = [" ".join(" ".join(_paragraphs(c)).split("\n")) for c in cells]
        if any(texts):
            rows.append("\t".join(texts))
    if rows:
        out.paragraphs.append("\n".join(rows))


__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "html_to_text"]
