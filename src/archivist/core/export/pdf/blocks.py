"""The article's plain text cut into blocks, with kinds and images taken from its HTML.

`ArticleDetail.text` is canonical (highlight offsets index it), so blocks are its paragraphs
(separated by blank lines) with their offsets. The sanitised HTML only lends structure: a
paragraph whose text equals an HTML heading, list item, quotation or preformatted block gets that
kind, and images are placed between the paragraphs where the HTML has them. Paragraphs the HTML
does not explain stay plain paragraphs, so a mismatch never loses text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARA_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WS = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "li", "dt", "dd", "pre", "figcaption", "caption", "td", "th", "blockquote",
               "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "ul", "ol", "dl",
               "figure", "table", "thead", "tbody", "tfoot", "tr", "header", "footer", "aside", "main"}
_LEAF_KIND = {"p": "p", "dt": "p", "dd": "p", "figcaption": "caption", "caption": "caption",
              "td": "p", "th": "p", "pre": "pre", "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4",
              "h5": "h4", "h6": "h4"}
LOOKAHEAD = 12


@dataclass(frozen=True)
class TextBlock:
    start: int
    end: int
    kind: str = "p"        # p | h2 | h3 | h4 | li | quote | pre | caption
    bullet: str | None = None


@dataclass(frozen=True)
class ImageBlock:
    ref: str
    alt: str = ""


Block = TextBlock | ImageBlock


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text`, surrounding whitespace excluded."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*_PARA_SPLIT.finditer(text), None]:
        end = m.start() if m else len(text)
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        if m:
            pos = m.end()
    return out


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _html_items(html: str) -> list[tuple[str, str, str | None]]:
    """(kind, normalised text or image ref, bullet/alt) for the HTML's leaf blocks in order."""
    if not html or not html.strip():
        return []
    try:
        from lxml import html as lh

        root = lh.fragment_fromstring(html, create_parent="div")
    except Exception:  # unparsable HTML: the text alone still renders
        return []
    items: list[tuple[str, str, str | None]] = []

    def images(el: object) -> None:
        for img in el.iter("img"):  # type: ignore[attr-defined]
            src = img.get("src") or ""
            if src:
                items.append(("img", src, img.get("alt") or ""))

    def walk(el: object, list_kind: str | None, counter: list[int]) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]
        if tag == "img":
            images(el)
            return
        has_block = any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el)  # type: ignore[attr-defined]
        if tag in ("ul", "ol"):
            n = [int(el.get("start") or 1) if tag == "ol" and (el.get("start") or "").isdigit() else 1]  # type: ignore[attr-defined]
            for c in el:  # type: ignore[attr-defined]
                if isinstance(c.tag, str):
                    walk(c, tag, n)
            return
        if tag == "li":
            bullet = f"{counter[0]}." if list_kind == "ol" else "\u2022"
            counter[0] += 1
            if has_block:
                first = True
                for c in el:  # type: ignore[attr-defined]
                    if isinstance(c.tag, str):
                        walk(c, None, [1])
                        if first and items and items[-1][0] == "p":
                            items[-1] = ("li", items[-1][1], bullet)
                        first = False
            else:
                items.append(("li", _norm(el.text_content()), bullet))  # type: ignore[attr-defined]
                images(el)
            return
        if tag == "blockquote" and not has_block:
            items.append(("quote", _norm(el.text_content()), None))  # type: ignore[attr-defined]
            images(el)
            return
        if tag == "blockquote":
            start = len(items)
            for c in el:  # type: ignore[attr-defined]
                if isinstance(c.tag, str):
                    walk(c, None, [1])
            items[start:] = [("quote", t, b) if k == "p" else (k, t, b) for k, t, b in items[start:]]
            return
        if tag in _LEAF_KIND and not has_block:
            items.append((_LEAF_KIND[tag], _norm(el.text_content()), None))  # type: ignore[attr-defined]
            images(el)
            return
        if not has_block and tag not in ("", "div") and tag not in _BLOCK_TAGS:
            images(el)
            return
        if not has_block and tag == "div" and el is not root and _norm(el.text_content()):  # type: ignore[attr-defined]
            items.append(("p", _norm(el.text_content()), None))  # type: ignore[attr-defined]
            images(el)
            return
        for c in el:  # type: ignore[attr-defined]
            if isinstance(c.tag, str):
                walk(c, None, [1])

    walk(root, None, [1])
    return items


def blocks(text: str, html: str, lead_image: str | None = None) -> list[Block]:
    """The article as blocks: text paragraphs (with kinds) and images, in reading order."""
    paras = paragraphs(text)
    items = _html_items(html)
    out: list[Block] = []
    if lead_image and lead_image.startswith("archivist-image:") and not any(
        k == "img" and v == lead_image for k, v, _ in items
    ):
        out.append(ImageBlock(lead_image))
    j = 0
    for a, b in paras:
        norm = _norm(text[a:b])
        found = -1
        for k in range(j, min(len(items), j + LOOKAHEAD)):
            if items[k][0] != "img" and items[k][1] == norm:
                found = k
                break
        if found < 0:
            out.append(TextBlock(a, b))
            continue
        for kind, value, extra in items[j:found]:
            if kind == "img":
                out.append(ImageBlock(value, extra or ""))
        kind, _, extra = items[found]
        out.append(TextBlock(a, b, kind, extra if kind == "li" else None))
        j = found + 1
        while j < len(items) and items[j][0] == "img":
            out.append(ImageBlock(items[j][1], items[j][2] or ""))
            j += 1
    for kind, value, extra in items[j:]:
        if kind == "img":
            out.append(ImageBlock(value, extra or ""))
    return out
