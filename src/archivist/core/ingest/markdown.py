"""Markdown articles: front matter to metadata, the rest rendered, sanitised and cleaned.

Cleaning works on markdown-it's token stream rather than on the source lines, so that a line
reading "Subscribe" inside a fenced code block is left alone while the same line as a paragraph
goes. The plain text is derived from the final sanitised HTML (html_to_text), so that text and
HTML always show the same paragraphs, which highlight anchoring relies on.
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import date
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from archivist.core.ingest.cruft import CruftRules, load_rules
from archivist.core.ingest.dates import parse_date
from archivist.core.ingest.html_text import html_to_text
from archivist.core.ingest.sanitize import sanitize_html
from archivist.core.ingest.text import (
    header_meta, is_headline_like, is_title_like, title_from_name,
)
from archivist.core.types import ParsedArticle
from archivist.errors import ImportFailed

_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)|\+\+\+[ \t]*\n(?P<toml>.*?)\n\+\+\+)"
    r"[ \t]*(?:\n|\Z)",
    re.S,
)
_FRONT_MATTER_MAX = 64 * 1024
_KEY_VALUE = {
    "yaml": re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?\Z"),
    "toml": re.compile(r"([A-Za-z_][\w-]*)[ \t]*=[ \t]*(.*)\Z"),
}
_KEYS = {
    "title": "title", "date": "date", "published": "date", "pubdate": "date",
    "published_at": "date", "publishdate": "date", "author": "author", "authors": "author",
    "byline": "author", "url": "url", "link": "url", "canonical_url": "url", "source": "url",
    "source_url": "url",
}
_PRUNABLE = frozenset(
    "paragraph heading list_item bullet_list ordered_list blockquote".split()
)
_TAIL_LOOKBACK = 30  # top-level blocks examined for a trailing "Related" section


def parse_markdown(text: str, name: str) -> ParsedArticle:
    """Clean a decoded Markdown file into an article; raises ImportFailed if nothing is left."""
    rules = load_rules()
    front, body = split_front_matter(text)
    md = _markdown()
    tokens = md.parse(body)
    title = front.get("title") or _take_title(tokens)
    if front.get("title"):
        _drop_repeated_title(tokens, front["title"])
    _cut_related_tail(tokens, rules)
    _drop_cruft_lines(tokens, rules)
    byline, published = _take_leading_meta(tokens, rules)
    tokens = _prune(tokens)
    if title is None:
        title = _take_title_line(tokens)
        tokens = _prune(tokens)
    html = sanitize_html(md.renderer.render(tokens, md.options, {}))
    plain = html_to_text(html)
    if not plain:
        if title is None:
            raise ImportFailed("No article text found: the file holds only page clutter")
        plain, html = title, "<p>" + html_lib.escape(title) + "</p>"
    fm_date = parse_date(front["date"]) if front.get("date") else None
    return ParsedArticle(
        title=title or title_from_name(name),
        text=plain,
        html=html,
        byline=front.get("author") or byline,
        published=fm_date or published,
        url=front.get("url"),
        source_format="markdown",
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The recognised front-matter fields (title, date, author, url) and the Markdown after it.

    A small reader for the flat "key: value" YAML (or "key = value" TOML) that static-site
    tools write, not a YAML parser: nested values and lists other than authors are ignored.
    A leading "---" block that is not key/value lines is a thematic break, so it is left alone.
    """
    m = _FRONT_MATTER.match(text[:_FRONT_MATTER_MAX])
    if m is None:
        return {}, text
    kind = "yaml" if m.group("yaml") is not None else "toml"
    fields = _read_fields(m.group(kind), kind)
    if fields is None:
        return {}, text
    return fields, text[m.end():]


def _read_fields(block: str, kind: str) -> dict[str, str] | None:
    pattern = _KEY_VALUE[kind]
    fields: dict[str, str] = {}
    lines = block.split("\n")
    keys = 0
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t", "-", "["):
            continue
        m = pattern.match(line.rstrip())
        if m is None:
            return None  # not front matter after all
        keys += 1
        key = _KEYS.get(m.group(1).casefold())
        value = (m.group(2) or "").strip()
        if key is None or key in fields:
            continue
        if kind == "yaml" and value in ("", ">", "|", ">-", "|-", ">+", "|+"):
            value = _yaml_continuation(lines[i + 1:], joiner=", " if not value else " ")
        value = _unquote(value)
        if key == "url" and not value.startswith(("http://", "https://")):
            continue  # "source: Reuters" names an outlet, not an address
        if value:
            fields[key] = value
    return fields if keys else None


def _yaml_continuation(rest: list[str], joiner: str) -> str:
    """Indented lines after "key:" (a block list of authors, or a folded title)."""
    items: list[str] = []
    for line in rest:
        if line[:1] not in (" ", "\t"):
            break
        item = line.strip()
        item = item[1:].strip() if item.startswith("- ") or item == "-" else item
        if item:
            items.append(_unquote(item))
    return joiner.join(items)


def _unquote(value: str) -> str:
    if value.startswith("[") and value.endswith("]"):
        return ", ".join(_unquote(v.strip()) for v in value[1:-1].split(",") if v.strip())
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace('\\"', '"') if value[0] == '"' else inner.replace("''", "'")
    return value.split(" #", 1)[0].strip()


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _inline_lines(inline: Token) -> list[tuple[str, list[Token]]]:
    """An inline token's children split at line breaks: (plain text, children) per line."""
    lines: list[tuple[str, list[Token]]] = [("", [])]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append(("", [child]))
            continue
        text, kids = lines[-1]
        if child.type in ("text", "code_inline"):
            text += child.content
        lines[-1] = (text, kids + [child])
    return [(t.strip(), k) for t, k in lines]


def _plain(inline: Token) -> str:
    return " ".join(t for t, _ in _inline_lines(inline) if t)


def _blocks(tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) token ranges of the top-level blocks that are still present."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.nesting == 1:
            depth, j = 0, i
            while j < len(tokens):
                depth += tokens[j].nesting
                j += 1
                if depth == 0:
                    break
            spans.append((i, j))
            i = j
        else:
            spans.append((i, i + 1))
            i += 1
    return spans


def _block_lines(tokens: list[Token], start: int, end: int) -> list[str]:
    inlines = (tok for tok in tokens[start:end] if tok.type == "inline")
    return [text for tok in inlines for text, _ in _inline_lines(tok) if text]


def _remove(tokens: list[Token], start: int, end: int) -> None:
    """Mark tokens removed (type "removed" renders nothing); _prune drops them later."""
    for tok in tokens[start:end]:
        tok.type, tok.nesting, tok.children, tok.hidden = "removed", 0, None, True


def _take_title(tokens: list[Token]) -> str | None:
    """The first level-1 heading's text (removed from the body), if there is one."""
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h1":
            title = _plain(tokens[i + 1])
            _remove(tokens, i, i + 3)
            return title or None
    return None


def _drop_repeated_title(tokens: list[Token], title: str) -> None:
    spans = _blocks(tokens)
    if spans and tokens[spans[0][0]].type == "heading_open":
        if _plain(tokens[spans[0][0] + 1]).casefold() == title.casefold():
            _remove(tokens, *spans[0])


def _take_title_line(tokens: list[Token]) -> str | None:
    """Without front matter or h1: a leading heading, or a leading one-line headline paragraph."""
    spans = _blocks(tokens)
    if len(spans) < 2 or tokens[spans[0][0]].type not in ("heading_open", "paragraph_open"):
        return None
    lines = _block_lines(tokens, *spans[0])
    if len(lines) != 1:
        return None
    if tokens[spans[0][0]].type == "heading_open" or is_title_like(lines[0]):
        _remove(tokens, *spans[0])
        return lines[0]
    return None


def _cut_related_tail(tokens: list[Token], rules: CruftRules) -> None:
    """Remove a trailing "Related articles" heading and the list of links after it."""
    cut = None
    for n, (start, end) in enumerate(reversed(_blocks(tokens))):
        if n >= _TAIL_LOOKBACK:
            break
        if tokens[start].type == "removed":
            continue
        lines = _block_lines(tokens, start, end)
        if len(lines) == 1 and rules.is_related_heading(lines[0]):
            cut = start
        elif not lines or not all(rules.is_cruft_line(t) or is_headline_like(t) for t in lines):
            break
    if cut is not None:
        _remove(tokens, cut, len(tokens))


def _drop_cruft_lines(tokens: list[Token], rules: CruftRules) -> None:
    """Remove cruft lines inside paragraphs, headings and list items (not code or HTML)."""
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.children or i == 0:
            continue
        if tokens[i - 1].type not in ("paragraph_open", "heading_open"):
            continue  # table cells: removing one would break the table's shape
        kept: list[Token] = []
        for text, kids in _inline_lines(tok):
            balanced = sum(k.nesting for k in kids) == 0
            if text and balanced and rules.is_cruft_line(text):
                continue
            kept.extend(kids)
        while kept and kept[0].type in ("softbreak", "hardbreak"):
            kept.pop(0)
        tok.children = kept
        if not any(k.type not in ("softbreak", "hardbreak") for k in kept):
            _remove(tokens, i - 1, i + 2)  # the now empty paragraph or heading


def _take_leading_meta(tokens: list[Token], rules: CruftRules) -> tuple[str | None, date | None]:
    """Byline and date from the paragraphs before the first body paragraph (then removed)."""
    byline: str | None = None
    published: date | None = None
    for start, end in _blocks(tokens):
        if tokens[start].type == "removed":
            continue
        if tokens[start].type != "paragraph_open":
            break
        metas = [header_meta(t, rules) for t in _block_lines(tokens, start, end)]
        if not metas or any(m is None for m in metas):
            break
        for m in metas:
            if m is not None:
                byline = byline or m.byline
                published = published or m.published
        _remove(tokens, start, end)
    return byline, published


def _prune(tokens: list[Token]) -> list[Token]:
    """Drop removed tokens, then containers left empty (a list whose items were all cruft)."""
    out: list[Token] = []
    for tok in tokens:
        if tok.type == "removed":
            continue
        if tok.nesting == -1 and out and out[-1].nesting == 1:
            kind = tok.type[: -len("_close")]
            if kind in _PRUNABLE and out[-1].type == kind + "_open":
                out.pop()
                continue
        out.append(tok)
    return out


__all__ = ["parse_markdown", "split_front_matter"]
