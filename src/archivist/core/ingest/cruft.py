"""Loads resources/cruft.toml: the shared knowledge of what is not article text.

The knowledge (phrases, patterns, the list of social networks, related-section headings, byline
words) lives in the TOML so it can be tuned without touching code; this module only compiles it.
Patterns are written as whole-line matches and all of them are OR-ed into one regular expression,
so testing a line costs one regex call however many rules there are, and lines longer than
`max_line_chars` are never tested at all: both keep the cleaners linear in the input size.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from archivist.paths import resources_dir

# Characters that make a line look blank although str.strip() keeps them (it already removes
# NBSP and the other Unicode spaces, but not zero-width characters or a stray BOM).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_WS = (
    " \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000" + INVISIBLE
)
# Decoration trimmed before matching. Phrases also lose . ! ? ("Advertisement."); patterns keep
# them, so that a pattern can insist on "no full stop" to tell a label from a sentence.
_DECORATION = ":;…|›»→·•*#/-–—"
_PHRASE_EDGE = _WS + _DECORATION + ".!"
_PATTERN_EDGE = _WS + _DECORATION
# Separators of widget strips such as "5 min read | 12 Comments" or "Share · Tweet".
_PART_SEP = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+")
_NEVER = re.compile(r"(?!x)x")
_NETWORK_SEP = r"\s*(?:,|/|\||&|·|•|\band\b|\bor\b)?\s*"


def trim_line(line: str) -> str:
    """Strip whitespace and invisible characters from both ends, keeping everything inside."""
    return line.strip(_WS)


def is_blank_line(line: str) -> bool:
    """True for lines of only spaces, NBSPs or zero-width characters: separators, not text."""
    return not line.strip(_WS)


@dataclass(frozen=True)
class CruftRules:
    """Compiled cruft knowledge. `raw` is the parsed TOML, for the [html] table's own loader."""

    raw: dict[str, Any]
    phrases: frozenset[str]
    line_patterns: tuple[re.Pattern[str], ...]
    named_patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    networks: tuple[str, ...] = ()
    max_line_chars: int = 200
    combined: re.Pattern[str] = _NEVER  # patterns without capitals, matched on lower-cased text
    combined_ci: re.Pattern[str] = _NEVER  # the rest, IGNORECASE
    related: re.Pattern[str] = _NEVER
    dateline_prefix: re.Pattern[str] = _NEVER
    dateline_words: frozenset[str] = frozenset()
    byline_prefix: re.Pattern[str] = _NEVER
    byline_particles: frozenset[str] = frozenset()
    byline_joiners: frozenset[str] = frozenset()
    byline_max_words: int = 14
    never_in_prose: frozenset[str] = frozenset()

    def cruft_kind(self, line: str) -> str | None:
        """Which rule makes `line` cruft ("phrase", a pattern group, "parts"), or None."""
        stripped = trim_line(line)
        if not stripped or len(stripped) > self.max_line_chars:
            return None
        kind = self._single_kind(stripped)
        if kind is not None:
            return kind
        if _PART_SEP.search(stripped) is None:
            return None
        parts = _PART_SEP.split(stripped)
        if len(parts) > 1 and all(self._single_kind(p) is not None for p in parts):
            return "parts"
        return None

    def is_cruft_line(self, line: str) -> bool:
        """True when `line`, standing alone, is page furniture rather than article text.

        Blank-looking lines are not cruft (they separate paragraphs; see `is_blank_line`), and
        long lines never are: a sentence that merely mentions "share" or "read more" is prose.
        """
        return self.cruft_kind(line) is not None

    def is_related_heading(self, line: str) -> bool:
        """True for the heading of a "Related articles" / "More from ..." section."""
        stripped = trim_line(line)
        if not stripped or len(stripped) > self.max_line_chars:
            return False
        return self.related.fullmatch(stripped.strip(_PATTERN_EDGE)) is not None

    def _single_kind(self, stripped: str) -> str | None:
        key = stripped.casefold().strip(_PHRASE_EDGE)
        if not key:
            return "decoration"  # "* * *", "|", "—": no words, so nothing to keep
        if key in self.phrases:
            return "phrase"
        core = stripped.strip(_PATTERN_EDGE)
        # Lower-casing once and matching case-sensitively is about twice as fast as IGNORECASE
        # over dozens of alternatives; the few patterns with capitals keep IGNORECASE.
        match = self.combined.fullmatch(core.lower())
        if match is None and self.combined_ci is not _NEVER:
            match = self.combined_ci.fullmatch(core)
        if match is None or match.lastgroup is None:
            return None
        return match.lastgroup.rsplit("__", 1)[0]


def _alternation(items: list[str]) -> str:
    """Regex alternation of literal names, longest first, spaces matching any whitespace."""
    escaped = sorted({re.escape(i.strip()).replace(r"\ ", r"\s+") for i in items if i.strip()},
                     key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")" if escaped else _NEVER.pattern


def _placeholders(shared: dict[str, Any]) -> dict[str, str]:
    network = _alternation(shared.get("social_networks", []))
    words = _alternation(shared.get("icon_words", []) + shared.get("social_networks", []))
    generic = _alternation(shared.get("icon_prefixes", []))
    font = _alternation(shared.get("icon_font_prefixes", []))
    suffix = _alternation(shared.get("icon_suffixes", []))
    token = (
        rf"(?:{generic}[-_][\w-]+"
        rf"|{font}[-_]{words}(?:[-_][\w-]*)?"
        rf"|{network}[-_]{suffix}(?:[-_][\w-]*)?)"
    )
    return {
        "{networks}": rf"{network}(?:{_NETWORK_SEP}{network})*",
        "{network}": network,
        "{icon_token}": token,
        "{icon_bare}": _alternation(shared.get("icon_bare_tokens", [])),
    }


def _expand(pattern: str, fills: dict[str, str]) -> str:
    for key, value in fills.items():  # "{networks}" is listed before "{network}" on purpose
        pattern = pattern.replace(key, value)
    return pattern


def compile_rules(raw: dict[str, Any]) -> CruftRules:
    """Compile parsed cruft.toml data: load_rules() does it for the real file, tests for copies."""
    shared: dict[str, Any] = raw.get("shared", {})
    text: dict[str, Any] = raw.get("text", {})
    fills = _placeholders(shared)
    named: list[tuple[str, re.Pattern[str]]] = []
    groups: list[tuple[str, list[str]]] = list(shared.get("patterns", {}).items())
    groups.append(("related_heading", list(shared.get("related_headings", []))))
    groups.append(("text", list(text.get("line_patterns", []))))
    lower: list[str] = []
    mixed: list[str] = []
    for group, patterns in groups:
        for i, pattern in enumerate(patterns):
            source = _expand(pattern, fills)
            named.append((group, re.compile(source, re.IGNORECASE)))
            has_capitals = any(c.isupper() for c in re.sub(r"\\.", "", source))
            (mixed if has_capitals else lower).append(f"(?P<{group}__{i}>{source})")
    related = [_expand(p, fills) for p in shared.get("related_headings", [])]
    prefixes = [str(p) for p in shared.get("dateline_prefixes", [])]
    byline_prefixes = [str(p) for p in text.get("byline_prefixes", [])]
    return CruftRules(
        raw=raw,
        phrases=frozenset(p.casefold().strip(_PHRASE_EDGE) for p in shared.get("phrases", [])),
        line_patterns=tuple(p for _, p in named),
        named_patterns=tuple(named),
        networks=tuple(shared.get("social_networks", [])),
        max_line_chars=int(shared.get("max_line_chars", 200)),
        combined=re.compile("|".join(lower)) if lower else _NEVER,
        combined_ci=re.compile("|".join(mixed), re.IGNORECASE) if mixed else _NEVER,
        related=re.compile("|".join(f"(?:{p})" for p in related), re.IGNORECASE)
        if related else _NEVER,
        dateline_prefix=re.compile(rf"{_alternation(prefixes)}\b\s*:?\s*", re.IGNORECASE)
        if prefixes else _NEVER,
        dateline_words=frozenset(w.casefold() for p in prefixes for w in p.split()),
        byline_prefix=re.compile(rf"(?:{_alternation(byline_prefixes)})\s*:?\s+", re.IGNORECASE)
        if byline_prefixes else _NEVER,
        byline_particles=frozenset(w.casefold() for w in text.get("byline_particles", [])),
        byline_joiners=frozenset(w.casefold() for w in text.get("byline_joiners", [])),
        byline_max_words=int(text.get("byline_max_words", 14)),
        never_in_prose=frozenset(shared.get("never_in_prose", [])),
    )


@lru_cache(maxsize=1)
def load_rules() -> CruftRules:
    """Read and compile resources/cruft.toml (once per process)."""
    with open(resources_dir() / "cruft.toml", "rb") as fh:
        raw = tomllib.load(fh)
    return compile_rules(raw)


__all__ = ["CruftRules", "INVISIBLE", "compile_rules", "is_blank_line", "load_rules", "trim_line"]
