"""The [html] table of resources/cruft.toml, compiled once into regular expressions.

Site knowledge (which class names mean "sidebar", which tags are never prose) lives in that
data file so it can be tuned without touching code; this module only turns it into fast,
ready-to-use patterns and gives each pattern a name the extractor can rely on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from archivist.core.ingest.cruft import load_rules

_NEVER = re.compile(r"(?!x)x")  # matches nothing: a missing list must not match everything


class ClassMatcher:
    """A class/id pattern with a memo: pages repeat the same class strings hundreds of times,
    and long alternations cost tens of microseconds per search."""

    __slots__ = ("pattern", "_memo")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._memo: dict[str, bool] = {}

    def search(self, text: str) -> bool:
        hit = self._memo.get(text)
        if hit is None:
            if len(self._memo) > 50_000:
                self._memo.clear()
            hit = self._memo[text] = self.pattern.search(text) is not None
        return hit


@dataclass(frozen=True)
class HtmlRules:
    """Compiled [html] rules; every pattern is case-insensitive."""

    negative: ClassMatcher
    positive: ClassMatcher
    unlikely: ClassMatcher
    maybe_candidate: ClassMatcher
    unlikely_roles: frozenset[str]
    byline: ClassMatcher
    share: ClassMatcher
    drop_tags: tuple[str, ...]
    strip_tags: tuple[str, ...]
    video_hosts: re.Pattern[str]
    ad_words: re.Pattern[str]
    loading_words: re.Pattern[str]
    boilerplate: ClassMatcher
    boilerplate_max_chars: int
    boilerplate_text: tuple[re.Pattern[str], ...]


def _alternation(value: Any) -> re.Pattern[str]:
    if isinstance(value, str) and value:
        return re.compile(value, re.IGNORECASE)
    if isinstance(value, list) and value:
        return re.compile("|".join(f"(?:{v})" for v in value), re.IGNORECASE)
    return _NEVER


@lru_cache(maxsize=1)
def html_rules() -> HtmlRules:
    """Compile the [html] rules (cached: cruft.toml is read once per process)."""
    raw: dict[str, Any] = load_rules().raw.get("html", {})
    return HtmlRules(
        negative=ClassMatcher(_alternation(raw.get("negative_class_id"))),
        positive=ClassMatcher(_alternation(raw.get("positive_class_id"))),
        unlikely=ClassMatcher(_alternation(raw.get("unlikely_class_id"))),
        maybe_candidate=ClassMatcher(_alternation(raw.get("maybe_candidate_class_id"))),
        unlikely_roles=frozenset(raw.get("unlikely_roles", [])),
        byline=ClassMatcher(_alternation(raw.get("byline_class_id"))),
        share=ClassMatcher(_alternation(raw.get("share_class_id"))),
        drop_tags=tuple(raw.get("drop_tags", ["script", "style"])),
        strip_tags=tuple(raw.get("strip_tags", [])),
        video_hosts=_alternation(raw.get("video_hosts")),
        ad_words=_alternation(raw.get("ad_words")),
        loading_words=_alternation(raw.get("loading_words")),
        boilerplate=ClassMatcher(_alternation(raw.get("boilerplate_class_id"))),
        boilerplate_max_chars=int(raw.get("boilerplate_max_chars", 300)),
        boilerplate_text=tuple(
            re.compile(p, re.IGNORECASE) for p in raw.get("boilerplate_text", [])
        ),
    )
