"""The named highlight colours, shared by the reader, the CLI and every export format.

Names are what we store (so a palette change never rewrites the library); the hex values are
chosen to stay readable under black text on screen and in print.
"""

from __future__ import annotations

from archivist.errors import UsageError

HIGHLIGHT_COLORS: dict[str, str] = {
    "yellow": "#fff176",
    "green": "#a5d6a7",
    "blue": "#90caf9",
    "pink": "#f8bbd0",
    "purple": "#d1c4e9",
    "orange": "#ffcc80",
}
DEFAULT_COLOR = "yellow"


def check_color(name: str) -> str:
    key = name.strip().lower()
    if key not in HIGHLIGHT_COLORS:
        raise UsageError(f"Unknown colour {name!r}; choose one of: {', '.join(HIGHLIGHT_COLORS)}")
    return key


def color_hex(name: str) -> str:
    return HIGHLIGHT_COLORS.get(name, HIGHLIGHT_COLORS[DEFAULT_COLOR])
