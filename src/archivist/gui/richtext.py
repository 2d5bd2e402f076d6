"""Adapting stored article HTML to the subset Qt's rich-text engine lays out well.

The stored HTML is already sanitised (core.ingest.sanitize): well-formed tags from an allow-list,
so a few tag renames are safe without a parser. Qt does not know HTML5's <figure> and
<figcaption>: it treats them as inline, which puts a caption on the same line as its image (and
gives that line the caption's line height, a large gap under every figure). Renaming them to the
block elements Qt does know keeps the stylesheet's `figcaption` look via a class.
"""

from __future__ import annotations

import re

_RENAMES = {
    "figure": ("div", "figure"),
    "figcaption": ("p", "figcaption"),
}
_TAG = re.compile(r"<(/?)(figure|figcaption)\b([^>]*)>", re.IGNORECASE)


def for_qt(fragment: str) -> str:
    """`fragment` with HTML5-only block elements turned into ones QTextDocument lays out."""

    def rename(match: re.Match[str]) -> str:
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        tag, cls = _RENAMES[name]
        if closing:
            return f"</{tag}>"
        return f'<{tag} class="{cls}"{rest}>'

    return _TAG.sub(rename, fragment)
