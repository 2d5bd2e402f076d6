"""Plain-text articles (saved or pasted from news sites) to clean paragraphs and metadata.

The text is what the user reads, highlights and searches, so the cleaner only ever removes
whole lines and never edits inside one: every sentence it keeps is verbatim (only the
whitespace around a line is trimmed, and hard-wrapped lines are re-joined with one space).
A line is removed when it is page furniture (see cruft.toml), or when it is the title, the
dateline or the byline at the top (those become metadata), or when it belongs to a trailing
"Related articles" list. Each step looks at a line a bounded number of times, so the cost is
linear in the size of the file (a 20 MB file must not hang the import).

Where the two goals collide, keeping text wins: in hard-wrapped text a line that merely looks
like cruft ("share." ending a wrapped sentence) is kept when it wraps on from or into prose.
Paragraphs are blank-line separated blocks; without blank lines each line is a paragraph,
unless the lines are visibly hard-wrapped (see wrap_width), when they are joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from archivist.core.ingest.cruft import CruftRules, load_rules, trim_line
from archivist.core.ingest.dates import looks_like_dateline
from archivist.core.ingest.sanitize import paragraphs_to_html
from archivist.core.types import ParsedArticle
from archivist.errors import ImportFailed

_MAX_TITLE_CHARS = 150
_MAX_TITLE_WORDS = 25
_MAX_HEADLINE_CHARS = 150
_MAX_HEADLINE_WORDS = 16
_MAX_WRAP_WIDTH = 100  # longer lines were not wrapped by a program
_MIN_WRAP_WIDTH = 30
_HEADER_LOOKAHEAD = 12  # non-blank lines at the top checked for bylines and datelines
_TAIL_LOOKBACK = 60  # non-blank lines examined for a trailing "Related" section
_CLOSERS = "\"'”’»)]"
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]*[A-ZÀ-ÖØ-ÞА-ЯЁ]")
# A line ending in one of these has not ended its sentence: the wrapper broke after it.
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:(?:[A-Za-z]\.){2,}|e\.g\.|i\.e\.|etc\.|vs\.|cf\.|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|No\.)$"
)
_LIST_ITEM = re.compile(r"(?:[-*•–]|\d{1,3}[.)])\s")
_STRONG_SEP = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+")
_BYLINE_TOKEN = re.compile(r"[,;|/·•&]|[-–—](?=\s|$)|[^\s,;|/·•&]+")


@dataclass(frozen=True)
class Meta:
    """What a header line says about the article: a byline, a date, or both."""

    byline: str | None = None
    published: date | None = None


def parse_plain_text(text: str, name: str) -> ParsedArticle:
    """Clean a decoded plain-text file into an article; raises ImportFailed if nothing is left."""
    rules = load_rules()
    lines = [trim_line(line) for line in text.split("\n")]
    if not any(lines):
        raise ImportFailed("The file is empty (it holds only blank lines)")
    kinds = [rules.cruft_kind(line) if line else None for line in lines]
    cruft = [kind is not None for kind in kinds]
    width = wrap_width(lines, cruft, _top_meta(lines, cruft, rules))
    if width is not None:
        _keep_wrapped_continuations(lines, cruft, width, [k in rules.never_in_prose for k in kinds])
    end = related_tail_start(lines, cruft, rules, width)
    title, meta, start = _scan_header(lines, cruft, end, width, rules)
    paragraphs = _body(lines, cruft, start, end, width, rules)
    if not paragraphs:
        if title is None:
            raise ImportFailed("No article text found: the file holds only page clutter")
        paragraphs = [title]  # a one-line note: keep its only line as the text too
    return ParsedArticle(
        title=title or title_from_name(name),
        text="\n\n".join(paragraphs),
        html=paragraphs_to_html(paragraphs),
        byline=meta.byline,
        published=meta.published,
        source_format="text",
    )


def title_from_name(name: str) -> str:
    """The file name without folders, query or extension: the title of last resort."""
    base = re.split(r"[/\\]", name.split("?", 1)[0].split("#", 1)[0].rstrip("/\\"))[-1]
    stem, dot, ext = base.rpartition(".")
    if dot and stem and 0 < len(ext) <= 8 and " " not in ext:
        base = stem
    return base.strip() or "Untitled"


def is_title_like(line: str) -> bool:
    """Short, starts like a headline, and does not end like a sentence (titles have no period)."""
    if len(line) > _MAX_TITLE_CHARS or len(line.split()) > _MAX_TITLE_WORDS:
        return False
    first = line.lstrip("\"'“‘«([")[:1]
    if first.islower():
        return False  # a continuation, not the start of a headline
    return line.rstrip(_CLOSERS)[-1:] not in (".", ",", ";", ":")


def is_headline_like(line: str) -> bool:
    """A short single-sentence line without a full stop: an entry of a list of links."""
    if len(line) > _MAX_HEADLINE_CHARS or len(line.split()) > _MAX_HEADLINE_WORDS:
        return False
    if line.rstrip(_CLOSERS)[-1:] in (".", ",", ";", ":"):
        return False
    return _SENTENCE_INSIDE.search(line) is None


def parse_byline(line: str, rules: CruftRules) -> str | None:
    """The names of a "By Jane Doe and John Roe | Reuters" line, or None if it is not one.

    Every word after "By" must be capitalised (or a particle such as "von", or a joiner such
    as "and" or "|"), which is what tells "By Jane Doe" from "By then, it was over."
    """
    m = rules.byline_prefix.match(line)
    if m is None:
        return None
    rest = line[m.end():].strip()
    tokens = _BYLINE_TOKEN.findall(rest)
    if not tokens or len(tokens) > rules.byline_max_words * 2:
        return None
    names = 0
    for tok in tokens:
        low = tok.casefold()
        if low in rules.byline_joiners or low in rules.byline_particles:
            continue
        if not tok[0].isupper() or any(ch.isdigit() for ch in tok):
            return None
        names += 1
    if names == 0 or names > rules.byline_max_words:
        return None
    return rest.strip(" |,;/·•-–—")


def header_meta(line: str, rules: CruftRules) -> Meta | None:
    """Byline and/or date of a header line ("By Jane Doe | Thu May 30 2024"), else None."""
    published = looks_like_dateline(line)
    if published is not None:
        return Meta(published=published)
    byline = parse_byline(line, rules)
    if byline is not None:
        return Meta(byline=byline)
    parts = [p for p in _STRONG_SEP.split(line) if p]
    if len(parts) < 2:
        return None
    # Dates and widgets may lead or trail a byline; what is left must be the byline itself.
    found: date | None = None
    while parts and (looks_like_dateline(parts[0]) or rules.is_cruft_line(parts[0])):
        found = found or looks_like_dateline(parts[0])
        parts.pop(0)
    while parts and (looks_like_dateline(parts[-1]) or rules.is_cruft_line(parts[-1])):
        found = looks_like_dateline(parts[-1]) or found
        parts.pop()
    if not parts:
        return Meta(published=found) if found else None
    start, end = line.find(parts[0]), line.rfind(parts[-1]) + len(parts[-1])
    byline = parse_byline(line[start:end], rules)
    if byline is None:
        return None
    return Meta(byline=byline, published=found)


def related_tail_start(
    lines: list[str], cruft: list[bool], rules: CruftRules, width: int | None = None
) -> int:
    """Index where a trailing "Related"/"More from" section begins (len(lines) if none).

    The section is a related heading followed, up to the end, only by headline-like lines and
    cruft. Prose after the heading means it was not such a section, and nothing is cut; in
    hard-wrapped text (`width`), a line that wraps on into the next one is prose too.
    """
    cut, seen = len(lines), 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line:
            continue
        seen += 1
        if seen > _TAIL_LOOKBACK:
            break
        wraps_on = width is not None and i + 1 < len(lines) and bool(lines[i + 1]) \
            and _joins(line, lines[i + 1], width)
        if rules.is_related_heading(line) and not wraps_on:
            cut = i
        elif wraps_on or not (cruft[i] or is_headline_like(line)):
            break
    return cut


def wrap_width(lines: list[str], cruft: list[bool], meta: set[int] | None = None) -> int | None:
    """The width the text was hard-wrapped at, or None if each line is a paragraph.

    Hard-wrapped text shows lines that are "full": the next line's first word would not have
    fitted. One-paragraph-per-line text has long lines, or lines ending with a full stop.
    A line before a cruft-looking line still counts: that line may be a wrapped sentence's
    tail that merely looks like cruft ("Related: and then..."). Lines in `meta` (the title,
    byline and dateline stacked at the top) never count.
    """
    meta = meta or set()
    cands = [i for i in range(len(lines) - 1)
             if lines[i] and lines[i + 1] and not cruft[i] and i not in meta and i + 1 not in meta]
    if len(cands) < 2:
        return None
    lengths = sorted(len(lines[i]) for i in cands)
    # The 90th percentile ignores a stray over-long line; with few lines, only the longest
    # is safe (a short title line must not pass for the wrap width).
    width = lengths[(len(lengths) - 1) * 9 // 10] if len(lengths) >= 10 else lengths[-1]
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return None
    full = sum(1 for i in cands if _is_full(lines[i], lines[i + 1], width)) / len(cands)
    ends = sum(1 for i in cands if _ends_sentence(lines[i])) / len(cands)
    return width if full >= 0.75 and ends < 0.5 else None


def _keep_wrapped_continuations(
    lines: list[str], cruft: list[bool], width: int, certain: list[bool]
) -> None:
    """Un-flag "cruft" that is really part of a wrapped sentence: a line cannot stand alone
    when the full line before it stops mid-sentence ("...we will\nshare."), nor when it is
    itself full, stops mid-sentence and the next line carries on ("Home > away > ...").
    Lines that are `certain` (icon labels) stay cruft. One forward pass, so chains of
    cruft-looking fragments inside one paragraph are all kept."""
    end = len(lines)
    for i in range(end):
        if not cruft[i] or certain[i]:
            continue
        prev = lines[i - 1] if i else ""
        if prev and not cruft[i - 1] and not _ends_sentence(prev) and _joins(prev, lines[i], width):
            cruft[i] = False
        elif i + 1 < end and lines[i + 1] and not certain[i + 1] and not _ends_sentence(lines[i]) \
                and _joins(lines[i], lines[i + 1], width):
            cruft[i] = False


def _top_meta(lines: list[str], cruft: list[bool], rules: CruftRules) -> set[int]:
    """Bylines and datelines among the first lines: a title, byline and dateline stacked on
    consecutive lines must not look like a paragraph hard-wrapped at a narrow width."""
    found: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        if seen >= _HEADER_LOOKAHEAD:
            break
        if line and not cruft[i]:
            seen += 1
            if header_meta(line, rules) is not None:
                found.add(i)
    return found


def _scan_header(
    lines: list[str], cruft: list[bool], end: int, width: int | None, rules: CruftRules
) -> tuple[str | None, Meta, int]:
    """Title, byline and date from the lines before the first body line; and where it starts."""
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    i = 0
    while i < end:
        line = lines[i]
        if not line or cruft[i]:
            i += 1
            continue
        meta = header_meta(line, rules)
        if meta is not None:
            byline = byline or meta.byline
            published = published or meta.published
            i += 1
            continue
        if title is None and is_title_like(line) and not _continues(lines, cruft, i, end, width):
            title = line
            i += 1
            continue
        break
    return title, Meta(byline=byline, published=published), i


def _body(
    lines: list[str], cruft: list[bool], start: int, end: int, width: int | None,
    rules: CruftRules,
) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(_join(current))
            current.clear()

    for i in range(start, end):
        line = lines[i]
        if not line or cruft[i] or _is_stamped_dateline(line, rules):
            flush()
            continue
        if current and (width is None or not _joins(current[-1], line, width, current[0])):
            flush()
        current.append(line)
    flush()
    return paragraphs


def _is_stamped_dateline(line: str, rules: CruftRules) -> bool:
    """"Updated 10:42 AM ET, Thu May 30, 2024" anywhere is metadata; a bare date in the body
    might be content (a timeline entry), so only prefixed ones go."""
    return rules.dateline_prefix.match(line) is not None and looks_like_dateline(line) is not None


def _continues(lines: list[str], cruft: list[bool], i: int, end: int, width: int | None) -> bool:
    """True if line i is the first line of a hard-wrapped paragraph rather than a title."""
    if width is None or i + 1 >= end or not lines[i + 1] or cruft[i + 1]:
        return False
    return _joins(lines[i], lines[i + 1], width)


def _joins(prev: str, line: str, width: int, first: str = "") -> bool:
    """Does `line` continue the wrapped paragraph whose last line is `prev` (first line `first`)?

    A bullet starts a new paragraph only inside a list: prose wrapped just before a dash
    ("he said\n– and left") starts its next line with one too."""
    if _LIST_ITEM.match(line) and _LIST_ITEM.match(first):
        return False
    return _is_full(prev, line, width)


def _is_full(line: str, nxt: str, width: int) -> bool:
    """Would a greedy wrapper have had to break before the next line's first word?"""
    # Wrappers break at ASCII spaces only: "10\u00a0€" is one word to them.
    return len(line) + 1 + len(nxt.split(" ", 1)[0].split("\t", 1)[0]) >= width


def _ends_sentence(line: str) -> bool:
    """Ends with sentence punctuation, and not with an abbreviation ("e.g.", "Mr.", "etc.")."""
    end = line.rstrip(_CLOSERS)
    if end[-1:] not in (".", "!", "?", "…"):
        return False
    return not (end.endswith(".") and _ABBREVIATION.search(end))


def _join(parts: list[str]) -> str:
    """Re-join hard-wrapped lines; a word broken at its hyphen ("well-" / "known") stays whole."""
    out = parts[0]
    for part in parts[1:]:
        if out.endswith("-") and out[-2:-1].isalpha() and part[:1].islower():
            out += part
        else:
            out += " " + part
    return out


__all__ = [
    "Meta", "header_meta", "is_headline_like", "is_title_like", "parse_byline",
    "parse_plain_text", "related_tail_start", "title_from_name", "wrap_width",
]
