"""Bytes to text for web pages, following the order browsers use to pick an encoding.

Order: byte-order mark, then the HTTP Content-Type charset, then a `<meta charset>` or
`<meta http-equiv="Content-Type">` in the first bytes, then detection (charset-normalizer),
then windows-1252. One deliberate deviation: a page whose bytes are valid UTF-8 (and not plain
ASCII) is read as UTF-8 even when it declares a legacy charset, because saved and re-served
pages are very often transcoded to UTF-8 while keeping their old declaration, and valid
multi-byte UTF-8 almost never happens by accident in a legacy encoding.
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PRESCAN_BYTES = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
# WHATWG encoding labels whose Python codec is a narrower relative (browsers decode these
# labels with the superset, so do we).
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "ks_c_5601-1987": "euc-kr",
    "shift-jis": "shift_jis",
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
}
# A <meta> cannot truthfully declare UTF-16 (it was readable as ASCII), so browsers use UTF-8.
_META_UTF16 = {"unicode", "utf-16", "utf-16le", "utf-16be", "utf-16-le", "utf-16-be"}


def charset_from_media_type(media_type: str | None) -> str | None:
    """The `charset` parameter of a Content-Type value, if any."""
    if not media_type:
        return None
    for part in media_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip("\"' "):
            return value.strip("\"' ")
    return None


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for an encoding label, or None when Python does not know it."""
    if not label:
        return None
    name = label.strip().lower()
    name = _WHATWG_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (`<meta charset>` or http-equiv)."""
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if not match:
        return None
    return match.group(1).decode("ascii", "replace")


def decode_html(data: bytes, media_type: str | None = None) -> str:
    """Decode a web page's bytes to text; never raises (undecodable bytes become U+FFFD)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = normalise_charset(charset_from_media_type(media_type))
    if declared is None:
        meta = sniff_meta_charset(data)
        declared = "utf-8" if meta and meta.lower() in _META_UTF16 else normalise_charset(meta)
    if declared != "utf-8" and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared:
        return data.decode(declared, errors="replace")
    if data.isascii():
        return data.decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> str:
    """Guess the encoding of undeclared, non-UTF-8 bytes; windows-1252 as the last resort."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = normalise_charset(best.encoding) if best is not None else None
    return data.decode(encoding or "cp1252", errors="replace")
