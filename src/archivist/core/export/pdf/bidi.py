"""Right-to-left text for ReportLab, which draws everything left to right.

Enough bidi for articles: paragraph direction from the first strong character; words of the
other direction grouped into runs; a right-to-left word is drawn with its characters reversed
(by grapheme cluster, mirrored brackets) after Arabic letters have been given their joined
(initial/medial/final) presentation forms. Doing the Arabic joining ourselves, from Unicode's own
presentation-form decompositions, rather than with ReportLab's HarfBuzz shaping is deliberate:
ReportLab 5.1's shaping crashes on `<onDraw>` markers inside a word (IndexError in breakLines),
which we need for annotation positions, and shapes a word that switches fonts with its first font.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from archivist.core.export.pdf import fonts as F

RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
_MIRROR = dict(zip("()[]{}<>\u00ab\u00bb\u2039\u203a", ")(][}{><\u00bb\u00ab\u203a\u2039", strict=True))
_ALEFS = "\u0622\u0623\u0625\u0627"
_LAM = "\u0644"
_JOIN_CAUSING = "\u0640\u200d"


def has_rtl(text: str) -> bool:
    return not text.isascii() and RTL_CHARS.search(text) is not None


def direction(text: str) -> str:
    """'rtl' when the first strong character is Hebrew/Arabic, else 'ltr'."""
    if not has_rtl(text):
        return "ltr"
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return "ltr"


def token_dir(tok: str) -> str:
    """'r', 'l' or 'n' (neutral) for one word."""
    saw_l = False
    for ch in tok:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return "r"
        if bidi in ("L", "EN", "AN"):
            saw_l = True
    return "l" if saw_l else "n"


_TOKEN = re.compile(r"\S+|[^\S\n]+")
_PUNCT_BIDI = frozenset(("CS", "ON", "ET", "ES", "S", "B"))


def _neutral(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in _PUNCT_BIDI


def tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, dir) for the words and spaces of one line; punctuation at a word's edges is a
    token of its own (neutral), so that it takes the direction of its surroundings."""
    out: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text):
        a, b = m.start(), m.end()
        if text[a].isspace():
            out.append((offset + a, offset + b, " "))
            continue
        i, j = a, b
        while i < j and _neutral(text[i]):
            i += 1
        while j > i and _neutral(text[j - 1]):
            j -= 1
        if i > a:
            out.append((offset + a, offset + i, "n"))
        if j > i:
            out.append((offset + i, offset + j, token_dir(text[i:j])))
        if b > j:
            out.append((offset + j, offset + b, "n"))
    return out


def visual_order(toks: list[tuple[int, int, str]], base_rtl: bool) -> list[tuple[int, int, str, bool]]:
    """Tokens in drawing order, each with whether it is drawn right to left.

    Runs against the base direction (their words with the spaces and neutrals between them) are
    reversed; a right-to-left line is reversed as a whole first.
    """
    seq = toks[::-1] if base_rtl else list(toks)
    other = "l" if base_rtl else "r"
    out: list[tuple[int, int, str, bool]] = []
    i = 0
    while i < len(seq):
        if seq[i][2] != other:
            out.append((*seq[i], base_rtl))
            i += 1
            continue
        j = last = i
        while j < len(seq) and seq[j][2] in (other, "n", " "):
            if seq[j][2] == other:
                last = j
            j += 1
        out.extend((*t, not base_rtl) for t in seq[i:last + 1][::-1])
        i = last + 1
    return out


# -- Arabic joining ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(letter -> {form: char}, alef -> {form: lam-alef ligature}) from Unicode decompositions,
    keeping only forms the Arabic font can draw."""
    letters: dict[str, dict[str, str]] = {}
    ligatures: dict[str, dict[str, str]] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]:
        ch = chr(code)
        dec = unicodedata.decomposition(ch)
        if not dec.startswith("<") or not F.covers(F.SANS, ch):
            continue
        tag, *cps = dec.split()
        form = tag.strip("<>")
        if form not in ("isolated", "final", "initial", "medial"):
            continue
        base = "".join(chr(int(c, 16)) for c in cps)
        if len(base) == 1:
            letters.setdefault(base, {})[form] = ch
        elif len(base) == 2 and base[0] == _LAM and base[1] in _ALEFS:
            ligatures.setdefault(base[1], {})[form] = ch
    return letters, ligatures


def _jtype(ch: str) -> str:
    """Joining type: D (dual), R (right), C (causing), T (transparent), U (none)."""
    letters, _ = _forms()
    f = letters.get(ch)
    if f is not None:
        return "D" if ("medial" in f or "initial" in f) else "R"
    if ch in _JOIN_CAUSING:
        return "C"
    if unicodedata.category(ch) in ("Mn", "Me"):
        return "T"
    return "U"


def shape_chars(text: str) -> list[str]:
    """Per input character, what to draw (joined Arabic forms; '' for an alef merged into lam)."""
    out = list(text)
    if not any("\u0600" <= c <= "\u06ff" for c in text):
        return out
    letters, ligs = _forms()
    types = [_jtype(c) for c in text]
    n = len(text)

    def neighbour(i: int, step: int) -> int:
        j = i + step
        while 0 <= j < n and types[j] == "T":
            j += step
        return j if 0 <= j < n else -1

    skip: set[int] = set()
    for i, ch in enumerate(text):
        if i in skip or ch not in letters:
            continue
        p, q = neighbour(i, -1), neighbour(i, 1)
        joins_prev = types[i] in ("D", "R") and p >= 0 and types[p] in ("D", "C") and p not in skip
        if ch == _LAM and q >= 0 and text[q] in ligs:
            lig = ligs[text[q]]
            form = "final" if joins_prev and "final" in lig else "isolated"
            if form in lig:
                out[i], out[q] = lig[form], ""
                skip.add(q)
                types[q] = "R"  # the ligature does not join what follows
                continue
        joins_next = types[i] == "D" and q >= 0 and types[q] in ("D", "R", "C")
        form = ("medial" if joins_next else "final") if joins_prev else ("initial" if joins_next else "isolated")
        forms = letters[ch]
        out[i] = forms.get(form) or forms.get("isolated") or ch
    return out


def reverse_visual(text: str) -> str:
    """Characters of a right-to-left piece in drawing order: clusters reversed, brackets mirrored."""
    clusters: list[str] = []
    for ch in text:
        if clusters and (unicodedata.combining(ch) or unicodedata.category(ch) == "Mn"):
            clusters[-1] += ch
        else:
            clusters.append(_MIRROR.get(ch, ch))
    return "".join(clusters[::-1])
