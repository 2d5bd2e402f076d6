"""Loads resources/cruft.toml: the shared knowledge of what is not article text."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from archivist.paths import resources_dir


@dataclass(frozen=True)
class CruftRules:
    raw: dict[str, Any]
    phrases: frozenset[str]
    line_patterns: tuple[re.Pattern[str], ...]

    def is_cruft_line(self, line: str) -> bool:
        stripped = line.strip()
        if not stripped:
            return False
        if stripped.casefold().strip(" .:!…|›»") in self.phrases:
            return True
        return any(p.search(stripped) for p in self.line_patterns)


@lru_cache(maxsize=1)
def load_rules() -> CruftRules:
    with open(resources_dir() / "cruft.toml", "rb") as fh:
        raw = tomllib.load(fh)
    shared = raw.get("shared", {})
    text = raw.get("text", {})
    return CruftRules(
        raw=raw,
        phrases=frozenset(p.casefold() for p in shared.get("phrases", [])),
        line_patterns=tuple(re.compile(p, re.IGNORECASE) for p in text.get("line_patterns", [])),
    )
