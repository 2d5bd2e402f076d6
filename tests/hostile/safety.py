"""What stored article HTML must never contain: anything that runs, or that loads something.

Parsed with the standard library's HTMLParser (a second, independent parser: checking the
sanitiser's output with the sanitiser's own parser would prove little). Links (`<a href>`)
to http(s) are allowed: following one takes a click. Everything that loads by itself is not.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = frozenset(
    "script style iframe frame frameset object embed applet svg math link meta base form input button "
    "textarea select option template noscript video audio source track picture portal param isindex "
    "marquee xml import".split()
)
#: Attributes that load or run something by themselves (style: CSS url() and expression()).
LOADING_ATTRIBUTES = frozenset(
    "style srcset background ping poster formaction action xlink:href dynsrc lowsrc longdesc data "
    "codebase manifest icon srcdoc archive classid profile usemap".split()
)
#: Attributes whose value is a URL something may follow; a scheme in any other (a title, an alt)
#: is only text.
URL_ATTRIBUTES = frozenset(
    "href src srcset action formaction xlink:href data poster background cite longdesc usemap ping "
    "manifest codebase dynsrc lowsrc icon profile archive classid".split()
)
_BAD_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:", "file:", "about:", "blob:", "filesystem:")
_STRIP = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
IMAGE_REF = "archivist-image:"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            squashed = _STRIP.sub("", value).lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name in LOADING_ATTRIBUTES:
                self.problems.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and squashed.startswith(_BAD_SCHEMES):
                self.problems.append(f"{name}={value[:40]!r} on <{tag}>")
            if name == "src" and not value.startswith(IMAGE_REF):
                self.problems.append(f"src={value[:40]!r} on <{tag}> (not a stored image)")

    handle_startendtag = handle_starttag


def unsafe_parts(html: str) -> list[str]:
    """Everything in `html` that could run or reach the network when shown; [] when safe."""
    c = _Collector()
    c.feed(html)
    c.close()
    lowered = html.lower()
    if "<script" in lowered:
        c.problems.append("'<script' in the markup")
    return c.problems


def unsafe_svg(data: bytes) -> list[str]:
    """Active content inside a stored SVG image (it would run if the file were opened directly)."""
    text = data.decode("utf-8", "replace").lower()
    found = []
    if "<script" in text:
        found.append("<script> in a stored SVG image")
    if re.search(r"\son[a-z]+\s*=", text):
        found.append("event handler in a stored SVG image")
    if "javascript:" in _STRIP.sub("", text):
        found.append("javascript: in a stored SVG image")
    if re.search(r"(href|src)\s*=\s*[\"']?\s*(https?:|//)", text):
        found.append("network reference in a stored SVG image")
    return found


#: Characters a title must not carry: C0/C1 controls (terminal escapes when a title is printed)
#: and bidirectional overrides/isolates (they make "exe.txt" read as "txt.exe").
TITLE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
