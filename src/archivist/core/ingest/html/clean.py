"""Cleaning the chosen article block: drop what sits inside it but is not the article.

Two kinds of rules. Unconditional ones remove tags that are never prose (forms, embeds that
are not videos, asides). Conditional ones ("looks fishy") weigh each table, list and div by
its link density, paragraph/image/input counts and class names, because the same tag holds
prose on one page and a link farm on the next. Data tables are recognised first and never
cleaned, so that a table of figures survives next to the prose that discusses it.
"""

from __future__ import annotations

from archivist.core.ingest.html.dom import (
    DIV_TO_P_TAGS,
    HtmlElement,
    has_ancestor_tag,
    has_single_tag_inside,
    inner_text,
    inside_prose,
    is_phrasing,
    link_density,
    match_string,
    next_node,
    remove,
    remove_and_get_next,
    replace,
)
from archivist.core.ingest.html.images import fix_lazy_images
from archivist.core.ingest.html.rules import HtmlRules

WEIGHT_CLASSES = 0x2
CLEAN_CONDITIONALLY = 0x4
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TEXTISH = ("span", "li", "td", *DIV_TO_P_TAGS)
_EMBEDS = ("object", "embed", "iframe")


def class_weight(el: HtmlElement, flags: int, rules: HtmlRules) -> int:
    """+25 / -25 for each of class and id that looks like content / like boilerplate."""
    if not flags & WEIGHT_CLASSES:
        return 0
    weight = 0
    for value in (el.get("class"), el.get("id")):
        if value:
            if rules.negative.search(value):
                weight -= 25
            if rules.positive.search(value):
                weight += 25
    return weight


def _row_and_column_count(table: HtmlElement) -> tuple[int, int]:
    rows = columns = 0
    for tr in table.iter("tr"):
        try:
            rowspan = int(tr.get("rowspan") or 0)
        except ValueError:
            rowspan = 0
        rows += rowspan or 1
        in_row = 0
        for cell in tr.iter("td"):
            try:
                colspan = int(cell.get("colspan") or 0)
            except ValueError:
                colspan = 0
            in_row += colspan or 1
        columns = max(columns, in_row)
    return rows, columns


def find_data_tables(root: HtmlElement) -> set[HtmlElement]:
    """Tables holding data (as opposed to page layout), by the cues screen readers use."""
    data: set[HtmlElement] = set()
    for table in root.iter("table"):
        if table.get("role") == "presentation" or table.get("datatable") == "0":
            continue
        if table.get("summary"):
            data.add(table)
            continue
        caption = table.find(".//caption")
        if caption is not None and (caption.text or len(caption)):
            data.add(table)
            continue
        if any(True for _ in table.iterdescendants("col", "colgroup", "tfoot", "thead", "th")):
            data.add(table)
            continue
        if any(True for _ in table.iterdescendants("table")):
            continue
        rows, columns = _row_and_column_count(table)
        if columns == 1 or rows == 1:
            continue
        if rows >= 10 or columns > 4 or rows * columns > 10:
            data.add(table)
    return data


def _keeps_video(el: HtmlElement, rules: HtmlRules) -> bool:
    if any(rules.video_hosts.search(v) for v in el.attrib.values()):
        return True
    if el.tag == "object":
        from lxml import etree

        return bool(rules.video_hosts.search(etree.tostring(el, encoding="unicode")))
    return False


def _clean(root: HtmlElement, tag: str, rules: HtmlRules) -> None:
    """Remove every `tag` inside `root` (embeds of known video hosts excepted)."""
    embed = tag in _EMBEDS
    for el in reversed(list(root.iterdescendants(tag))):
        if embed and _keeps_video(el, rules):
            continue
        remove(el)


def _text_density(el: HtmlElement, tags: tuple[str, ...], length: int) -> float:
    if not length:
        return 0.0
    return sum(len(inner_text(c)) for c in el.iterdescendants(*tags)) / length


def _is_fishy(node: HtmlElement, tag: str, flags: int, rules: HtmlRules,
              data_tables: set[HtmlElement]) -> bool:
    text = inner_text(node)
    length = len(text)
    is_list = tag in ("ul", "ol")
    if not is_list:
        list_length = sum(len(inner_text(lst)) for lst in node.iterdescendants("ul", "ol"))
        is_list = list_length > 0.9 * length if length else list_length > 0
    if tag == "table" and node in data_tables:
        return False
    if any(a in data_tables for a in node.iterancestors("table")):
        return False
    if has_ancestor_tag(node, "code"):
        return False
    if any(t in data_tables for t in node.iterdescendants("table")):
        return False
    weight = class_weight(node, flags, rules)
    if weight < 0:
        return True
    if text.count(",") >= 10:
        return False
    p = sum(1 for _ in node.iterdescendants("p"))
    img = sum(1 for _ in node.iterdescendants("img"))
    li = sum(1 for _ in node.iterdescendants("li")) - 100
    inputs = sum(1 for _ in node.iterdescendants("input"))
    embed_count = 0
    for embed in node.iterdescendants(*_EMBEDS):
        if _keeps_video(embed, rules):
            return False
        embed_count += 1
    if rules.ad_words.search(text) or rules.loading_words.search(text):
        return True
    density = link_density(node, length)
    heading_density = _text_density(node, _HEADINGS, length)
    figure_child = has_ancestor_tag(node, "figure")
    remove_it = (
        (not figure_child and img > 1 and p / img < 0.5)
        or (not is_list and li > p)
        or (inputs > p // 3)
        or (
            not is_list and not figure_child and heading_density < 0.9 and length < 25
            and (img == 0 or img > 2) and density > 0
        )
        or (not is_list and weight < 25 and density > 0.2)
        or (weight >= 25 and density > 0.5)
        or (embed_count == 1 and length < 75)
        or embed_count > 1
        or (img == 0 and _text_density(node, _TEXTISH, length) == 0)
    )
    if is_list and remove_it:
        # a plain list of images (one per item) is a gallery worth keeping
        for child in node:
            if isinstance(child.tag, str) and sum(1 for c in child if isinstance(c.tag, str)) > 1:
                return True
        if img == sum(1 for _ in node.iterdescendants("li")):
            return False
    return remove_it


def clean_conditionally(root: HtmlElement, tag: str, flags: int, rules: HtmlRules,
                        data_tables: set[HtmlElement]) -> None:
    """Remove each `tag` inside `root` that looks like boilerplate (innermost first)."""
    if not flags & CLEAN_CONDITIONALLY:
        return
    for node in reversed(list(root.iterdescendants(tag))):
        if node.getparent() is not None and _is_fishy(node, tag, flags, rules, data_tables):
            remove(node)


def _clean_share_widgets(article: HtmlElement, rules: HtmlRules) -> None:
    """Small share-button blocks inside each top-level block (never the block itself)."""
    for top in [c for c in article if isinstance(c.tag, str)]:
        end = next_node(top, skip_children=True)
        node = next_node(top)
        while node is not None and node is not end:
            if (
                rules.share.search(match_string(node))
                and len(node.text_content()) < 500
                and not inside_prose(node)
            ):
                node = remove_and_get_next(node)
            else:
                node = next_node(node)


def _next_significant_is_p(el: HtmlElement) -> bool:
    if el.tail and el.tail.strip():
        return False
    nxt = el.getnext()
    return nxt is not None and nxt.tag == "p"


def prep_article(article: HtmlElement, flags: int, rules: HtmlRules) -> None:
    """Clean the gathered article block in place (see the module docstring)."""
    data_tables = find_data_tables(article)
    fix_lazy_images(article)
    clean_conditionally(article, "form", flags, rules, data_tables)
    clean_conditionally(article, "fieldset", flags, rules, data_tables)
    for tag in ("object", "embed", "footer", "link", "aside"):
        if tag in rules.strip_tags:
            _clean(article, tag, rules)
    _clean_share_widgets(article, rules)
    for tag in rules.strip_tags:
        if tag not in ("object", "embed", "footer", "link", "aside"):
            _clean(article, tag, rules)
    for heading in reversed(list(article.iterdescendants("h1", "h2"))):
        if class_weight(heading, flags, rules) < 0:
            remove(heading)
    for tag in ("table", "ul", "div"):
        clean_conditionally(article, tag, flags, rules, data_tables)
    for h1 in article.iterdescendants("h1"):
        h1.tag = "h2"
    for p in reversed(list(article.iterdescendants("p"))):
        if not any(True for _ in p.iterdescendants("img", "embed", "object", "iframe")):
            if not p.text_content().strip():
                remove(p)
    for br in list(article.iterdescendants("br")):
        if _next_significant_is_p(br):
            remove(br)
    for table in list(article.iterdescendants("table")):
        _unwrap_single_cell_table(table)


def _unwrap_single_cell_table(table: HtmlElement) -> None:
    """A one-cell table is layout: replace it with its cell as a <p> or <div>."""
    body = table[0] if has_single_tag_inside(table, "tbody") else table
    if not has_single_tag_inside(body, "tr"):
        return
    row = next(c for c in body if isinstance(c.tag, str))
    if not has_single_tag_inside(row, "td"):
        return
    cell = next(c for c in row if isinstance(c.tag, str))
    cell.tag = "p" if all(is_phrasing(c) for c in cell) else "div"
    replace(table, cell)
