"""The bundled fonts, and text split into runs that each font can actually draw.

ReportLab has no font fallback: a character missing from the current font draws as a box and
extracts as '\\x00'. So every piece of text we hand to a Paragraph goes through `markup()`, which
escapes it and wraps the characters the style's main font lacks in `<font name=...>` runs taken
from a fallback chain (DejaVu for Latin/Greek/Cyrillic/Arabic/Hebrew, WenQuanYi Zen Hei for CJK,
Symbola for emoji). The common case (all characters in the main font) costs one C-level regex
search; the per-character path caches its decisions. Fonts register lazily, once per process.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from archivist.errors import ArchivistError
from archivist.paths import resources_dir

# Our registered names (prefixed so they never clash with anything else registered in-process).
SERIF, SERIF_B, SERIF_I, SERIF_BI = "ArcSerif", "ArcSerif-Bold", "ArcSerif-Italic", "ArcSerif-BoldItalic"
SANS, SANS_B = "ArcSans", "ArcSans-Bold"
CJK, EMOJI = "ArcCJK", "ArcEmoji"

_FILES = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_B: "DejaVuSerif-Bold.ttf",
    SERIF_I: "DejaVuSerif-Italic.ttf",
    SERIF_BI: "DejaVuSerif-BoldItalic.ttf",
    SANS: "DejaVuSans.ttf",
    SANS_B: "DejaVuSans-Bold.ttf",
    CJK: "WenQuanYiZenHei.ttf",
    EMOJI: "Symbola.ttf",
}

# Main font first, then the fallbacks tried in order for characters it lacks.
CHAINS: dict[str, tuple[str, ...]] = {
    SERIF: (SERIF, SANS, CJK, EMOJI),
    SERIF_B: (SERIF_B, SANS_B, CJK, EMOJI),
    SERIF_I: (SERIF_I, SANS, CJK, EMOJI),
    SERIF_BI: (SERIF_BI, SANS_B, CJK, EMOJI),
    SANS: (SANS, CJK, EMOJI),
    SANS_B: (SANS_B, CJK, EMOJI),
}

_lock = threading.Lock()
_cmaps: dict[str, dict[int, int]] = {}

# Characters that are never drawn: controls become spaces, invisible joiners/selectors vanish
# unless the run's font has them (see `_resolve`).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_INVISIBLE = frozenset(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E]
    + list(range(0xFE00, 0xFE10)) + list(range(0xE0100, 0xE01F0))
)
_REPLACEMENT = "\ufffd"


def font_dir() -> Path:
    return resources_dir() / "fonts"


def ensure(name: str) -> str:
    """Register one of our fonts with ReportLab (once) and return its name."""
    if name in _cmaps:
        return name
    with _lock:
        if name in _cmaps:
            return name
        path = font_dir() / _FILES[name]
        try:
            font = TTFont(name, str(path))
        except Exception as exc:  # missing or unreadable font file: a broken installation
            raise ArchivistError(
                "A font needed for PDF export is missing or damaged; reinstall Archivist",
                detail=f"{path}: {exc}",
            ) from exc
        pdfmetrics.registerFont(font)
        _cmaps[name] = {c: g for c, g in font.face.charToGlyph.items() if g}
        if name == SERIF_BI:
            _register_family()
    return name


def _register_family() -> None:
    # <b>/<i> inside markup map onto the serif faces.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(SERIF, bold, italic, (SERIF, SERIF_B, SERIF_I, SERIF_BI)[bold + 2 * italic])


def ensure_base() -> None:
    """Register the fonts every dossier uses (the CJK and emoji fonts load only when needed)."""
    for name in (SERIF, SERIF_B, SERIF_I, SANS, SANS_B, SERIF_BI):
        ensure(name)


def covers(name: str, ch: str) -> bool:
    return ord(ch) in _cmaps[ensure(name)]


@lru_cache(maxsize=None)
def uncovered_re(name: str) -> re.Pattern[str]:
    """A regex matching any character `name` cannot draw: one C-speed search for the fast path."""
    codes = sorted(_cmaps[ensure(name)])
    ranges: list[str] = []
    start = prev = codes[0]
    for c in codes[1:] + [-1]:
        if c == prev + 1:
            prev = c
            continue
        ranges.append(_rx(start) if start == prev else f"{_rx(start)}-{_rx(prev)}")
        start = prev = c
    return re.compile("[^" + "".join(ranges) + "]")


def _rx(code: int) -> str:
    return f"\\U{code:08x}"


_char_font: dict[tuple[str, str], str | None] = {}


def _resolve(chain: str, ch: str) -> str | None:
    """The first font in the chain that has `ch` (None: drop it / replace it)."""
    key = (chain, ch)
    try:
        return _char_font[key]
    except KeyError:
        pass
    code = ord(ch)
    found: str | None = None
    for name in CHAINS[chain]:
        if code in _cmaps[ensure(name)]:
            found = name
            break
    _char_font[key] = found
    return found


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: str) -> str:
    """Control characters (except newlines) become spaces; lone surrogates go."""
    return _CONTROL.sub(lambda m: "" if "\ud800" <= m.group() <= "\udfff" else " ", text)


def runs(text: str, chain: str) -> list[tuple[str, str]]:
    """Split `text` into (font name, text) runs, each drawable by its font.

    Spaces, punctuation and combining marks stay in the current run when its font has them, so
    that an Arabic or Chinese phrase is one run (joining and spacing work per run). Characters no
    bundled font has are shown as U+FFFD, never as an empty box; invisible joiners are dropped.
    """
    main = CHAINS[chain][0]
    if not uncovered_re(main).search(text):
        return [(main, text)] if text else []
    out: list[tuple[str, str]] = []
    cur_font = main
    buf: list[str] = []
    cur_map = _cmaps[main]
    for ch in text:
        code = ord(ch)
        if code in cur_map and (cur_font == main or not _is_letter(ch)):
            buf.append(ch)
            continue
        font = _resolve(chain, ch)
        if font is None:
            if code in _INVISIBLE or unicodedata.category(ch) in ("Mn", "Cf"):
                continue
            font, ch = _resolve(chain, _REPLACEMENT) or main, _REPLACEMENT
        if font != cur_font:
            if buf:
                out.append((cur_font, "".join(buf)))
                buf = []
            cur_font = font
            cur_map = _cmaps[font]
        buf.append(ch)
    if buf:
        out.append((cur_font, "".join(buf)))
    return out


@lru_cache(maxsize=65536)
def _is_letter(ch: str) -> bool:
    # Letters and digits pick their font; everything else may ride along with the current run.
    return unicodedata.category(ch)[0] in "LN"


def markup(text: str, chain: str) -> str:
    """Escaped Paragraph markup for plain `text`, with fallback fonts where needed."""
    text = clean(text)
    main = CHAINS[chain][0]
    parts = runs(text, chain)
    if len(parts) == 1 and parts[0][0] == main:
        return escape(text)
    return "".join(
        escape(t) if f == main else f'<font name="{f}">{escape(t)}</font>' for f, t in parts
    )


def string_width(text: str, chain: str, size: float) -> float:
    """Width of `text` drawn with the chain's fonts (unshaped; good enough for line breaking)."""
    return sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs(clean(text), chain))


def plain_for_pdf_string(text: str) -> str:
    """Text for PDF metadata, outlines and annotation contents: controls removed."""
    return clean(text).replace("\n", " ").strip()
