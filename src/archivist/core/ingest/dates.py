"""Publication dates as news sites print them, with python-dateutil doing the calendar work.

dateutil's parser is generous: in fuzzy mode it finds a "date" in almost any sentence holding a
number, and it silently fills missing fields from today. So we only hand it a string after our
own tokeniser has checked that every word is date vocabulary (month and weekday names, times,
time zones, "Updated"/"Published" prefixes), and we accept its answer only when the day, the
month and the year were all actually written. A sentence is therefore never a date.

Ambiguous numeric dates are read day-first ("05/06/2024" is 5 June): most of the world writes
them that way, and US sites nearly always spell the month out. A first number above 12 is a day
anyway; a second number above 12 can only be a day, so "05/30/2024" is read month-first.
ISO datetimes keep the calendar date as written, in the writer's time zone, not converted to UTC.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as du_parser

from archivist.core.ingest.cruft import load_rules

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
_ZONES = frozenset(
    "utc gmt z et est edt ct cst cdt mt mst mdt pt pst pdt akst akdt hst bst ist cet cest eet "
    "eest wet west msk jst kst hkt sgt aest aedt acst awst nzst nzdt sast wat eat pkt ict wib".split()
)
_FILLERS = frozenset("at on of the am pm a.m p.m noon midnight h hrs uhr local time".split())
_AMPM = frozenset("am pm a.m p.m a.m. p.m.".split())

_TOKEN = re.compile(
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?)(?![\d-])"
    # "1.2.10" is a version number, not 1 Feb 2010: dotted two-digit years need two-digit parts.
    r"|(?P<numeric>\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.\d{4}|\d{2}\.\d{2}\.\d{2}"
    r"|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?![\d./-])"
    r"|(?P<time>\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?)"
    r"|(?<![\w-])(?P<offset>[+-]\d{2}:?\d{2})"
    r"|(?P<ordinal>\d{1,2}(?:st|nd|rd|th))\b"
    r"|(?P<number>\d+)"
    r"|(?P<word>[^\W\d_]+(?:\.(?:[^\W\d_]\.)*)?)"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
_SEGMENT_SEP = re.compile(r"\s[|·•]\s|;")
_MAX_DATELINE_CHARS = 100
_MAX_DATELINE_WORDS = 14
# Two different defaults: a field dateutil filled in itself differs between the two parses.
_DEFAULT_A = datetime(1904, 1, 1)
_DEFAULT_B = datetime(1908, 2, 2)


def parse_date(s: str) -> date | None:
    """The calendar date a short date string names, or None if it is not (only) a date.

    "Thu May 30 2024", "Published: 30 May 2024", "30/05/2024", "2024-05-30T10:00Z" and
    "Updated 10:42 AM ET, Thu May 30, 2024" all give 2024-05-30; "May 2024", "May 30" and
    "The 3 ministers met on May 30, 2024" give None. When several dates are listed
    ("Published 30 May 2024 | Updated 31 May 2024"), the first wins; every listed part must be
    a date.
    """
    first: date | None = None
    for segment in _SEGMENT_SEP.split(s):
        if not segment.strip():
            continue
        found = _parse_segment(segment)
        if found is None:
            return None  # "By Jane Doe | May 30, 2024" is not a date, it holds one
        first = first or found
    return first


def looks_like_dateline(line: str) -> date | None:
    """The date of a standalone dateline; None for anything else, in particular prose."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_DATELINE_CHARS:
        return None
    if len(stripped.split()) > _MAX_DATELINE_WORDS:
        return None
    return parse_date(stripped)


def _parse_segment(segment: str) -> date | None:
    core = _date_core(segment)
    if core is None:
        return None
    kind, text = core
    if kind == "iso":
        try:
            parsed: datetime = du_parser.isoparse(text)
        except (ValueError, OverflowError):
            return None
        return parsed.date()
    return _dateutil_strict(text)


def _date_core(segment: str) -> tuple[str, str] | None:
    """The date-bearing tokens of `segment`, or None if any word in it is not date vocabulary."""
    prefix_words = load_rules().dateline_words
    tokens = [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(segment)]
    whole: tuple[str, str] | None = None  # an ISO or numeric date written as one token
    kept: list[str] = []
    have_month = have_day = have_year = False
    for i, (kind, tok) in enumerate(tokens):
        low = tok.casefold().rstrip(".")
        if kind in ("iso", "numeric"):
            if whole is None and not kept:
                whole = (kind, tok)
        elif kind in ("time", "offset", "other"):
            pass
        elif kind == "word":
            if low in _MONTHS:
                if not have_month:
                    kept.append(tok.rstrip("."))
                    have_month = True
            elif not (low in _WEEKDAYS or low in _ZONES or low in _FILLERS or low in prefix_words):
                return None  # a word that is not date vocabulary: this is prose
        else:
            value = int(tok[:-2] if kind == "ordinal" else tok)
            nxt = tokens[i + 1][1].casefold().rstrip(".") if i + 1 < len(tokens) else ""
            if kind == "number" and nxt in _AMPM:
                continue  # "10 AM": an hour
            if kind == "number" and len(tok) == 4 and 1000 <= value <= 2999:
                if not have_year:
                    kept.append(tok)
                    have_year = True
            elif 1 <= value <= 31 and len(tok) <= 4:
                if not have_day:
                    kept.append(tok)
                    have_day = True
            else:
                return None  # "12345", "0": numbers a date would not contain
    if whole is not None:
        return whole
    if have_month and have_day and have_year:
        return "words", " ".join(kept)
    return None


def _dateutil_strict(text: str) -> date | None:
    """dateutil's reading of `text`, but only if it did not invent the day, month or year."""
    try:
        a: datetime = du_parser.parse(text, default=_DEFAULT_A, dayfirst=True)
        b: datetime = du_parser.parse(text, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    return a.date()


__all__ = ["looks_like_dateline", "parse_date"]
