"""Titles and bylines that display as what they say.

Bidirectional overrides and isolates (U+202A-E, U+2066-9) can make a title read backwards
("exe.txt" shown as "txt.exe"); terminal escape sequences and other control characters can
garble a list or a terminal. Neither belongs in a one-line label, so both are removed here,
once, for every format.
"""

from __future__ import annotations

import re

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|\[[0-9;]{1,12}m")
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
_SPACES = re.compile(r"\s+")
MAX_TITLE_CHARS = 500


def clean_title(value: str | None) -> str:
    if not value:
        return ""
    text = _INVISIBLE.sub("", _ANSI.sub("", value))
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_TITLE_CHARS:
        text = text[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return text
