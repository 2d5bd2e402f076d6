"""Finding the article: score every paragraph, let scores flow to the blocks that hold them,
pick the best block, then take in the siblings that belong with it.

The scoring follows Arc90/Mozilla Readability's heuristics (commas and length for each
paragraph, class/id hints and tag kinds for containers, link density as a penalty), which have
been tuned against many thousands of real pages. When a pass yields too little text, it is run
again with one safety net less (first keeping "unlikely" blocks, then ignoring class names,
then not cleaning conditionally) and the longest result wins.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from archivist.core.ingest.html.clean import CLEAN_CONDITIONALLY, WEIGHT_CLASSES, class_weight, prep_article
from archivist.core.ingest.html.dom import (
    HtmlElement,
    ancestors,
    append_nodes,
    child_nodes,
    has_ancestor_tag,
    has_child_block,
    has_single_tag_inside,
    inner_text,
    is_phrasing,
    is_probably_visible,
    is_whitespace,
    is_without_content,
    link_density,
    link_lengths,
    match_string,
    next_node,
    remove_and_get_next,
    replace,
    set_children,
    text_length,
)
from archivist.core.ingest.html.jsonld import text_similarity
from archivist.core.ingest.html.rules import HtmlRules, html_rules

STRIP_UNLIKELYS = 0x1
ALL_FLAGS = STRIP_UNLIKELYS | WEIGHT_CLASSES | CLEAN_CONDITIONALLY
CHAR_THRESHOLD = 500
TOP_CANDIDATES = 5
_TAGS_TO_SCORE = frozenset(("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"))
_EMPTY_REMOVABLE = frozenset(("div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6"))
_KEEP_AS_IS = frozenset(("div", "article", "section", "p", "ol", "ul"))
_COMMAS = re.compile("[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C]")
_SENTENCE_END = re.compile(r"\.( |$)")
_TAG_SCORES = {
    "div": 5, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}


@dataclass
class Grab:
    """State of one extraction that outlives a single scoring pass."""

    title: str
    has_meta_byline: bool
    rules: HtmlRules = field(default_factory=html_rules)
    byline: str | None = None


def _initial_score(el: HtmlElement, flags: int, rules: HtmlRules) -> float:
    return _TAG_SCORES.get(el.tag, 0) + class_weight(el, flags, rules)


def _check_byline(grab: Grab, el: HtmlElement, matched: str) -> bool:
    """Take the first byline-looking block as the author (only when metadata named none)."""
    if grab.byline or grab.has_meta_byline:
        return False
    rel, itemprop = el.get("rel"), el.get("itemprop")
    if rel == "author" or (itemprop and "author" in itemprop) or grab.rules.byline.search(matched):
        text = el.text_content().strip()
        if text and len(text) < 100:
            grab.byline = text
            return True
    return False


def _wrap_phrasing(div: HtmlElement) -> None:
    """Put each run of inline content directly inside a <div> into its own <p>."""
    if not (div.text and div.text.strip()) and not any(
        (c.tail and c.tail.strip()) or (is_phrasing(c) and c.tag != "br") for c in div
    ):
        return
    out: list[HtmlElement | str] = []
    paragraph: HtmlElement | None = None
    content: list[HtmlElement | str] = []
    for node in list(child_nodes(div)):
        if is_phrasing(node):
            if paragraph is not None:
                content.append(node)
            elif not is_whitespace(node):
                paragraph = div.makeelement("p", {})
                content = [node]
                out.append(paragraph)
            else:
                out.append(node)
        else:
            if paragraph is not None:
                while content and is_whitespace(content[-1]):
                    content.pop()
                append_nodes(paragraph, content)
                paragraph = None
            out.append(node)
    if paragraph is not None:
        append_nodes(paragraph, content)
    set_children(div, out)


def _collect(grab: Grab, root: HtmlElement, flags: int) -> list[HtmlElement]:
    """Walk the page once: drop hidden/unlikely blocks, fix div-paragraphs, list what to score."""
    rules = grab.rules
    strip_unlikely = bool(flags & STRIP_UNLIKELYS)
    to_score: list[HtmlElement] = []
    remove_title_header = True
    node: HtmlElement | None = root
    while node is not None:
        tag = node.tag
        if node.attrib:
            matched = match_string(node)
            if not is_probably_visible(node) or (
                node.get("aria-modal") == "true" and node.get("role") == "dialog"
            ):
                node = remove_and_get_next(node)
                continue
            if _check_byline(grab, node, matched):
                node = remove_and_get_next(node)
                continue
        else:
            matched = " "
        if remove_title_header and tag in ("h1", "h2") and grab.title:
            if text_similarity(grab.title, inner_text(node, False)) > 0.75:
                remove_title_header = False
                node = remove_and_get_next(node)
                continue
        if strip_unlikely and matched != " ":
            if (
                rules.unlikely.search(matched)
                and not rules.maybe_candidate.search(matched)
                and tag not in ("body", "a")
                and not has_ancestor_tag(node, "table")
                and not has_ancestor_tag(node, "code")
            ):
                node = remove_and_get_next(node)
                continue
        if strip_unlikely and node.get("role") in rules.unlikely_roles:
            node = remove_and_get_next(node)
            continue
        if tag in _EMPTY_REMOVABLE and is_without_content(node):
            node = remove_and_get_next(node)
            continue
        if tag in _TAGS_TO_SCORE:
            to_score.append(node)
        if tag == "div":
            _wrap_phrasing(node)
            if has_single_tag_inside(node, "p") and link_density(node) < 0.25:
                child = next(c for c in node if isinstance(c.tag, str))
                for attr in ("class", "id"):  # keep the wrapper's name for boilerplate rules
                    if node.get(attr) and not child.get(attr):
                        child.set(attr, node.get(attr))
                replace(node, child)
                node = child
                to_score.append(node)
            elif not has_child_block(node):
                node.tag = "p"
                to_score.append(node)
        node = next_node(node)
    return to_score


def _score(to_score: list[HtmlElement], scores: dict[HtmlElement, float], flags: int,
           rules: HtmlRules) -> list[HtmlElement]:
    """Give each paragraph's points to its ancestors (less the further up); return them."""
    candidates: list[HtmlElement] = []
    for el in to_score:
        if el.getparent() is None:
            continue
        text = inner_text(el)
        if len(text) < 25:
            continue
        ancs = ancestors(el, 5)
        points = 1 + len(_COMMAS.split(text)) + min(len(text) // 100, 3)
        for level, anc in enumerate(ancs):
            if anc.getparent() is None:
                continue
            if anc not in scores:
                scores[anc] = _initial_score(anc, flags, rules)
                candidates.append(anc)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[anc] += points / divider
    return candidates


def _pick_top(body: HtmlElement, candidates: list[HtmlElement], scores: dict[HtmlElement, float],
              flags: int, rules: HtmlRules) -> tuple[HtmlElement, bool]:
    """The best-scoring block, moved up the tree while its ancestors look at least as good."""
    top: list[HtmlElement] = []
    linked = link_lengths(body)
    for cand in candidates:
        if cand in linked:
            length = text_length(cand)
            scores[cand] *= 1 - (linked[cand] / length if length else 0.0)
        score = scores[cand]
        for i in range(TOP_CANDIDATES):
            if i >= len(top) or score > scores[top[i]]:
                top.insert(i, cand)
                del top[TOP_CANDIDATES:]
                break
    best = top[0] if top else None
    if best is None or best.tag == "body":
        wrapper = body.makeelement("div", {})
        append_nodes(wrapper, list(child_nodes(body)))
        body.text = None
        body.append(wrapper)
        scores[wrapper] = _initial_score(wrapper, flags, rules)
        return wrapper, True
    best_score = scores[best]
    alternatives = [
        set(ancestors(t)) for t in top[1:] if best_score > 0 and scores[t] / best_score >= 0.75
    ]
    if len(alternatives) >= 3:
        parent = best.getparent()
        while parent is not None and parent.tag != "body":
            if sum(1 for a in alternatives if parent in a) >= 3:
                best = parent
                break
            parent = parent.getparent()
    if best not in scores:
        scores[best] = _initial_score(best, flags, rules)
    parent = best.getparent()
    last = scores[best]
    threshold = last / 3
    while parent is not None and parent.tag != "body":
        if parent not in scores:
            parent = parent.getparent()
            continue
        if scores[parent] < threshold:
            break
        if scores[parent] > last:
            best = parent
            break
        last = scores[parent]
        parent = parent.getparent()
    parent = best.getparent()
    while (
        parent is not None
        and parent.tag != "body"
        and sum(1 for c in parent if isinstance(c.tag, str)) == 1
    ):
        best = parent
        parent = best.getparent()
    if best not in scores:
        scores[best] = _initial_score(best, flags, rules)
    return best, False


def _gather_siblings(best: HtmlElement, scores: dict[HtmlElement, float]) -> HtmlElement:
    """A new <div> holding the top block and the siblings that look like more of the article."""
    article = best.makeelement("div", {})
    parent = best.getparent()
    siblings = [best] if parent is None else [c for c in parent if isinstance(c.tag, str)]
    threshold = max(10.0, scores[best] * 0.2)
    best_class = best.get("class") or ""
    for sibling in siblings:
        append = sibling is best
        if not append:
            bonus = scores[best] * 0.2 if best_class and sibling.get("class") == best_class else 0
            if sibling in scores and scores[sibling] + bonus >= threshold:
                append = True
            elif sibling.tag == "p":
                text = inner_text(sibling)
                density = link_density(sibling, len(text))
                if len(text) > 80 and density < 0.25:
                    append = True
                elif 0 < len(text) < 80 and density == 0 and _SENTENCE_END.search(text):
                    append = True
        if append:
            if sibling.tag not in _KEEP_AS_IS:
                sibling.tag = "div"
            sibling.tail = None  # text between blocks is not part of either (as in the DOM)
            article.append(sibling)
    return article


def _grab_once(grab: Grab, root: HtmlElement, body: HtmlElement, flags: int) -> HtmlElement:
    scores: dict[HtmlElement, float] = {}
    to_score = _collect(grab, root, flags)
    candidates = _score(to_score, scores, flags, grab.rules)
    best, _created = _pick_top(body, candidates, scores, flags, grab.rules)
    article = _gather_siblings(best, scores)
    prep_article(article, flags, grab.rules)
    page = article.makeelement("div", {"id": "readability-page-1", "class": "page"})
    append_nodes(page, list(child_nodes(article)))
    article.text = None
    article.append(page)
    return article


def grab_article(root: HtmlElement, title: str, has_meta_byline: bool) -> tuple[HtmlElement | None, str | None]:
    """The article's content as a detached <div>, and a byline found in the page's text.

    Returns (None, byline) when the page has no text at all. `root` is consumed.
    """
    body = root.find("body")
    grab = Grab(title=title, has_meta_byline=has_meta_byline)
    if body is None:
        return None, None
    pristine = copy.deepcopy(body)
    flags = ALL_FLAGS
    attempts: list[tuple[HtmlElement, int]] = []
    while True:
        article = _grab_once(grab, root, body, flags)
        length = len(inner_text(article))
        if length >= CHAR_THRESHOLD:
            return article, grab.byline
        attempts.append((article, length))
        if flags & STRIP_UNLIKELYS:
            flags &= ~STRIP_UNLIKELYS
        elif flags & WEIGHT_CLASSES:
            flags &= ~WEIGHT_CLASSES
        elif flags & CLEAN_CONDITIONALLY:
            flags &= ~CLEAN_CONDITIONALLY
        else:
            best_article, best_length = max(attempts, key=lambda a: a[1])
            return (best_article if best_length else None), grab.byline
        fresh = copy.deepcopy(pristine)
        replace(body, fresh)
        body = fresh
