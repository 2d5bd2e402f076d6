"""Page preparation before scoring: undo markup habits that would mislead the scorer.

Scripts and styles go (after metadata has read the JSON-LD in them); images that a page only
shows through <noscript> are brought back; runs of <br><br> that stand in for paragraphs become
real <p> elements, so text laid out with line breaks scores like text laid out with paragraphs.
"""

from __future__ import annotations

import re

from lxml import etree

from archivist.core.ingest.html.dom import (
    HtmlElement,
    append_nodes,
    child_nodes,
    is_phrasing,
    is_whitespace,
    remove,
    replace,
    set_children,
)
from archivist.core.ingest.html.rules import html_rules

_IMAGE_EXT = re.compile(r"\.(jpg|jpeg|png|webp)", re.I)
_IMAGE_ATTRS = ("src", "srcset", "data-src", "data-srcset")


def prepare_document(root: HtmlElement) -> None:
    """Prepare a freshly parsed page in place (see the module docstring)."""
    unwrap_noscript_images(root)
    etree.strip_elements(root, *html_rules().drop_tags, with_tail=False)
    body = root.find("body")
    if body is not None:
        replace_brs(body)
    for font in root.iter("font"):
        font.tag = "span"


def _is_single_image(el: HtmlElement) -> bool:
    """True when `el` is an <img>, or wraps exactly one (through single children, no text)."""
    node: HtmlElement | None = el
    while node is not None:
        if node.tag == "img":
            return True
        children = [c for c in node if isinstance(c.tag, str)]
        if len(children) != 1 or node.text_content().strip():
            return False
        node = children[0]
    return False


def unwrap_noscript_images(root: HtmlElement) -> None:
    """Replace lazy-loading placeholders with the real image a <noscript> next to them holds.

    Placeholder <img>s with no source at all are dropped first, so that they are not mistaken
    for the image a noscript replaces.
    """
    for img in list(root.iter("img")):
        if any(img.get(a) is not None for a in _IMAGE_ATTRS):
            continue
        if any(_IMAGE_EXT.search(v) for v in img.attrib.values()):
            continue
        remove(img)
    for noscript in list(root.iter("noscript")):
        if not _is_single_image(noscript):
            continue
        prev = noscript.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        if prev is None or not _is_single_image(prev):
            continue
        prev_img = prev if prev.tag == "img" else next(prev.iter("img"))
        replacement = next(c for c in noscript if isinstance(c.tag, str))
        new_img = replacement if replacement.tag == "img" else next(replacement.iter("img"))
        for name, value in prev_img.attrib.items():
            if not value:
                continue
            if name in ("src", "srcset") or _IMAGE_EXT.search(value):
                if new_img.get(name) == value:
                    continue
                new_img.set(f"data-old-{name}" if name in new_img.attrib else name, value)
        replace(prev, replacement)


def _is_br(node: HtmlElement | str) -> bool:
    return not isinstance(node, str) and node.tag == "br"


def _next_significant(nodes: list[HtmlElement | str], start: int) -> int:
    """Index of the first node at or after `start` that is not whitespace-only text."""
    while start < len(nodes) and isinstance(nodes[start], str) and not nodes[start].strip():
        start += 1
    return start


def replace_brs(body: HtmlElement) -> None:
    """Turn every run of two or more <br> into a paragraph break.

    `<div>foo<br>bar<br> <br><br>abc</div>` becomes `<div>foo<br>bar<p>abc</p></div>`: the
    phrasing content after the run moves into a new <p>, up to the next run or block.
    """
    parents: dict[HtmlElement, None] = {}
    for br in body.iter("br"):
        parent = br.getparent()
        if parent is not None:
            parents[parent] = None
    for parent in parents:
        if sum(1 for c in parent if c.tag == "br") >= 2:
            _replace_brs_in(parent)


def _replace_brs_in(parent: HtmlElement) -> None:
    nodes = list(child_nodes(parent))
    out: list[HtmlElement | str] = []
    made_paragraph = False
    i = 0
    while i < len(nodes):
        node = nodes[i]
        i += 1
        if not _is_br(node):
            out.append(node)
            continue
        # Drop the rest of a <br> chain (whitespace between the <br>s stays, as in the DOM).
        replaced = False
        j = i
        while True:
            k = _next_significant(nodes, j)
            if k < len(nodes) and _is_br(nodes[k]):
                replaced = True
                del nodes[k]
                j = k
            else:
                break
        if not replaced:
            out.append(node)
            continue
        p = parent.makeelement("p", {})
        content: list[HtmlElement | str] = []
        while i < len(nodes):
            nxt = nodes[i]
            if _is_br(nxt):
                k = _next_significant(nodes, i + 1)
                if k < len(nodes) and _is_br(nodes[k]):
                    break
            if not is_phrasing(nxt):
                break
            content.append(nxt)
            i += 1
        while content and is_whitespace(content[-1]):
            content.pop()
        append_nodes(p, content)
        out.append(p)
        made_paragraph = True
    if made_paragraph:
        set_children(parent, out)
        if parent.tag == "p":
            parent.tag = "div"
