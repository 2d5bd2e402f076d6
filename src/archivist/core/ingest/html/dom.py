"""Parsing and the small tree helpers every step of the extractor shares.

The tree is lxml's own (libxml2's HTML parser), not a BeautifulSoup tree over lxml: parsing a
page with lxml directly is about twenty times faster than building BeautifulSoup's Python tree
from the same parser, and that parse alone would otherwise cost more than a whole peer
extractor's run. lxml keeps text in `.text`/`.tail` rather than in text nodes, so the helpers
here (replace, unwrap, child-node iteration) take care never to lose a tail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement as HtmlElement  # re-exported for the sibling modules

from archivist.errors import ImportFailed

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Characters XML cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF):
# lxml refuses them, and browsers render nothing for them anyway.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MULTI_SPACE = re.compile(r"\s{2,}")
_DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.I)
_VISIBILITY_HIDDEN = re.compile(r"(?:^|;)\s*visibility\s*:\s*hidden\b", re.I)

# Tags whose content is phrasing (inline) content; a/del/ins count when all their children do.
PHRASING_TAGS = frozenset(
    "abbr audio b bdo br button cite code data datalist dfn em embed i img input kbd label "
    "mark math meter noscript object output progress q ruby samp script select small span "
    "strong sub sup textarea time var wbr".split()
)
# Block tags whose presence makes a <div> a container rather than a paragraph in disguise.
DIV_TO_P_TAGS = ("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul")


def parse_html(text: str) -> HtmlElement:
    """Parse a whole page; raises ImportFailed when there is nothing to parse."""
    text = _CONTROL_CHARS.sub("", _XML_DECLARATION.sub("", text, count=1))
    text = _GIANT_TAG.sub(_tame_giant_tag, text)
    if not text.strip():
        raise ImportFailed("The web page is empty.")
    # One parser per call: lxml parsers are not safe to share between threads.
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True,
        default_doctype=False,
    )
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailed("The web page could not be parsed as HTML.", detail=str(exc)) from exc
    _close_void_elements(root)
    return root


# libxml2 checks each attribute against the ones before it (quadratic): one tag with 100,000
# attributes takes half a minute. No real tag is 64 KB long; such a tag keeps its name only.
_GIANT_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]{0,30})\b[^<>]{65536,}>")


def _tame_giant_tag(match: re.Match[str]) -> str:
    return f"<{match.group(1)}>"


# Void elements that libxml2's HTML parser (2.14) wrongly treats as containers: everything
# after an <embed> or <wbr> would become its child and vanish with it.
_MISPARSED_VOIDS = ("embed", "source", "track", "wbr", "keygen")


def _close_void_elements(root: HtmlElement) -> None:
    """Move whatever the parser nested inside a void element back out, after it."""
    for el in reversed(list(root.iter(*_MISPARSED_VOIDS))):
        if not el.text and not len(el):
            continue
        parent = el.getparent()
        if parent is None:
            continue
        children = list(el)
        tail = el.tail or ""
        el.tail, el.text = el.text, None
        index = parent.index(el)
        for offset, child in enumerate(children, start=1):
            parent.insert(index + offset, child)  # moves the child with its own tail
        last = children[-1] if children else el
        last.tail = (last.tail or "") + tail or None


def inner_text(el: HtmlElement, normalise: bool = True) -> str:
    """Text of an element and its descendants, trimmed, runs of whitespace collapsed."""
    text = el.text_content().strip()
    return _MULTI_SPACE.sub(" ", text) if normalise else text


def text_length(el: HtmlElement) -> int:
    """len(inner_text(el)), computed without building the normalised string by regex."""
    return len(" ".join(el.text_content().split()))


def link_lengths(root: HtmlElement) -> dict[HtmlElement, float]:
    """For every element under `root`, the (weighted) length of link text inside it.

    One pass over the links instead of one per element, for scoring many nested candidates.
    """
    totals: dict[HtmlElement, float] = {}
    for a in root.iter("a"):
        href = a.get("href")
        weight = 0.3 if href and len(href) > 1 and href.startswith("#") else 1.0
        length = text_length(a) * weight
        if not length:
            continue
        node: HtmlElement | None = a
        while node is not None:
            totals[node] = totals.get(node, 0.0) + length
            node = node.getparent()
    return totals


def match_string(el: HtmlElement) -> str:
    """The "class id" string the class/id patterns are matched against."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


_INLINE_WIDGET_TAGS = frozenset(("span", "a", "button", "i", "em", "strong", "b"))


def inside_prose(el: HtmlElement, text: str | None = None) -> bool:
    """True for an inline element that is part of running text: a link styled
    class="share-link icon-external" inside a sentence is a word of that sentence, not a
    widget, whatever its class says."""
    if el.tag not in _INLINE_WIDGET_TAGS:
        return False
    if text is None:
        text = inner_text(el)
    if not text:
        return False
    parent = el.getparent()
    return parent is not None and len(inner_text(parent)) > len(text) + 20


def is_probably_visible(el: HtmlElement) -> bool:
    """False for nodes hidden with inline CSS, `hidden` or aria-hidden (a reader never sees
    them); wikimedia's math fallback images are aria-hidden but are the only rendering."""
    style = el.get("style")
    if style and (_DISPLAY_NONE.search(style) or _VISIBILITY_HIDDEN.search(style)):
        return False
    if el.get("hidden") is not None:
        return False
    if el.get("aria-hidden") == "true" and "fallback-image" not in (el.get("class") or ""):
        return False
    return True


def link_density(el: HtmlElement, length: int | None = None) -> float:
    """Share of an element's text that sits inside links (in-page #links weigh 0.3)."""
    if length is None:
        length = text_length(el)
    if not length:
        return 0.0
    linked = 0.0
    for a in el.iter("a"):
        href = a.get("href")
        weight = 0.3 if href and len(href) > 1 and href.startswith("#") else 1.0
        linked += text_length(a) * weight
    return linked / length


def next_node(el: HtmlElement, skip_children: bool = False) -> HtmlElement | None:
    """The next element in document order (depth first), optionally skipping `el`'s subtree."""
    if not skip_children:
        for child in el:
            if isinstance(child.tag, str):
                return child
    node: HtmlElement | None = el
    while node is not None:
        sibling = node.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None:
            return sibling
        node = node.getparent()
    return None


def remove(el: HtmlElement) -> None:
    """Remove an element and its subtree but keep the text that followed it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def remove_and_get_next(el: HtmlElement) -> HtmlElement | None:
    """Remove `el` and return the element a depth-first walk would visit next."""
    nxt = next_node(el, skip_children=True)
    remove(el)
    return nxt


def replace(old: HtmlElement, new: HtmlElement) -> None:
    """Put `new` where `old` is; `old`'s tail stays in place, `new` loses its own tail."""
    parent = old.getparent()
    if parent is None:
        return
    tail = old.tail
    new.tail = None
    parent.replace(old, new)
    new.tail = tail


def unwrap(el: HtmlElement) -> None:
    """Replace an element by its children (keeping all text)."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    prev = el.getprevious()
    lead = el.text or ""
    if lead:
        if prev is not None:
            prev.tail = (prev.tail or "") + lead
        else:
            parent.text = (parent.text or "") + lead
    children = list(el)
    tail = el.tail
    parent.remove(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    if tail:
        if children:
            last = children[-1]
            last.tail = (last.tail or "") + tail
        else:
            before = parent[index - 1] if index > 0 else None
            if before is not None:
                before.tail = (before.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def has_single_tag_inside(el: HtmlElement, tag: str) -> bool:
    """True when `el` holds exactly one child element, of tag `tag`, and no text of its own."""
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) != 1 or children[0].tag != tag:
        return False
    if el.text and el.text.strip():
        return False
    return not any(c.tail and c.tail.strip() for c in el)


def is_without_content(el: HtmlElement) -> bool:
    """An element with no text whose only children (if any) are <br>/<hr>."""
    if el.text_content().strip():
        return False
    children = sum(1 for c in el if isinstance(c.tag, str))
    if not children:
        return True
    return children == sum(1 for _ in el.iterdescendants("br", "hr"))


def has_child_block(el: HtmlElement) -> bool:
    """True when any descendant is a block that a paragraph could not contain."""
    for _ in el.iterdescendants(*DIV_TO_P_TAGS):
        return True
    return False


def is_phrasing(node: HtmlElement | str) -> bool:
    """Phrasing (inline) content: text, inline tags, and links whose contents are inline."""
    if isinstance(node, str):
        return True
    tag = node.tag
    if not isinstance(tag, str):
        return True
    if tag in PHRASING_TAGS:
        return True
    if tag in ("a", "del", "ins"):
        return all(is_phrasing(c) for c in node if isinstance(c.tag, str))
    return False


def is_whitespace(node: HtmlElement | str) -> bool:
    """Whitespace-only text, or a <br>."""
    if isinstance(node, str):
        return not node.strip()
    return bool(node.tag == "br")


def child_nodes(el: HtmlElement) -> Iterator[HtmlElement | str]:
    """An element's children as the DOM sees them: text runs and elements, in order."""
    if el.text:
        yield el.text
    for child in el:
        yield child
        if child.tail:
            yield child.tail


def set_children(el: HtmlElement, nodes: list[HtmlElement | str]) -> None:
    """Rebuild `el`'s content from DOM-style child nodes (text runs and detached elements)."""
    el.text = None
    for child in list(el):
        child.tail = None
        el.remove(child)
    append_nodes(el, nodes)


def append_nodes(el: HtmlElement, nodes: list[HtmlElement | str]) -> None:
    """Append text runs and elements to `el` as its last children."""
    last: HtmlElement | None = el[-1] if len(el) else None
    for node in nodes:
        if isinstance(node, str):
            if last is None:
                el.text = (el.text or "") + node
            else:
                last.tail = (last.tail or "") + node
        else:
            node.tail = None
            el.append(node)
            last = node


def ancestors(el: HtmlElement, max_depth: int = 0) -> list[HtmlElement]:
    """Parent, grandparent, ... (up to `max_depth` of them when it is non-zero)."""
    result: list[HtmlElement] = []
    node = el.getparent()
    while node is not None:
        result.append(node)
        if max_depth and len(result) == max_depth:
            break
        node = node.getparent()
    return result


def has_ancestor_tag(el: HtmlElement, tag: str, max_depth: int = 3) -> bool:
    """True when an ancestor within `max_depth` levels (any depth if negative) has `tag`."""
    depth = 0
    node = el.getparent()
    while node is not None:
        if 0 < max_depth < depth:
            return False
        if node.tag == tag:
            return True
        node = node.getparent()
        depth += 1
    return False
