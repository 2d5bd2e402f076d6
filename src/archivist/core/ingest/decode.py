"""Bytes of a text or Markdown file to a clean Python string, or a one-line reason why not.

Order matters: byte-order marks are certain, so they win; then binary formats are refused
before anything tries to read them as text (a PNG renamed .txt would otherwise "decode" as
Windows-1252 garbage); then a declared charset, then strict UTF-8 (almost every modern file),
and only then statistical detection, which is a guess and is needed for legacy encodings such as
Windows-1251 that nobody labelled.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from archivist.errors import ImportFailed

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Signatures of files people rename or drop by mistake, named in the error message.
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive or Office document"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"\x7fELF", "program"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"OggS", "Ogg audio or video"),
    (0, b"ID3", "MP3 audio"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (4, b"ftyp", "MP4/MOV video or HEIC image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"\x00\x00\x01\x00", "icon image"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"wOFF", "web font"),
    (0, b"wOF2", "web font"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
# C0 controls that never occur in text (tab, newline, carriage return, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SAMPLE = 64 * 1024
_MAX_CONTROL_RATIO = 0.05
_MAX_NUL_RATIO = 0.01
# Newline forms and the control characters to drop, as one translate() table (linear, fast).
_STRIP = {c: None for c in range(32) if c not in (9, 10)} | {0x7F: None, 0xFEFF: None}
_NEWLINES = re.compile(r"\r\n?|[\v\f\x85\u2028]")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a text file; newlines become \\n and control characters other than \\n, \\t go.

    Raises ImportFailed for an empty file, a binary file (naming its type when known) and bytes
    that no encoding explains.
    """
    if not data:
        raise ImportFailed("The file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(_decode_or_fail(data[len(bom):], encoding))
    utf16 = check_not_binary(data)
    if utf16 is not None:
        return _normalise(utf16)
    return _normalise(_decode_unmarked(data, declared))


def check_not_binary(data: bytes) -> str | None:
    """Raise ImportFailed if `data` is a binary file; shared by the text and HTML paths.

    Returns the decoded text when the NUL bytes turned out to be UTF-16 without a mark.
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    kind = _binary_kind(data)
    if kind is not None:
        raise ImportFailed(f"This looks like a binary file ({kind}), not text")
    sample = data[:_SAMPLE]
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        # A few stray NULs in otherwise good text are dropped later; many mean binary data.
        if sample.count(b"\x00") > _MAX_NUL_RATIO * len(sample):
            raise ImportFailed("This looks like a binary file, not text")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_RATIO * len(sample):
        raise ImportFailed("This looks like a binary file, not text")
    return None


def _decode_unmarked(data: bytes, declared: str | None) -> str:
    utf8 = _try(data, "utf-8")
    if declared:
        name = _codec_name(declared)
        # A page labelled Latin-1/Windows-1252 whose bytes are valid UTF-8 is mislabelled far
        # more often than it is Latin-1 text that happens to form valid UTF-8 sequences.
        if name in ("latin-1", "iso8859-1", "cp1252", "ascii") and utf8 is not None:
            return utf8
        if name is not None:
            text = _try(data, name)
            if text is not None:
                return text
    if utf8 is not None:
        return utf8
    text = _try(data, _guess_encoding(data))
    if text is None:
        raise ImportFailed("The file's text encoding could not be recognised")
    return text


def _guess_encoding(data: bytes) -> str:
    """charset-normalizer's guess, breaking its ties in favour of Windows-1252.

    Short Western texts often fit several code pages equally well (cp1250, cp1252 and cp1257
    agree on ä, ö, ü); the most common legacy encoding is then the safest reading.
    """
    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding is None:
        raise ImportFailed("The file's text encoding could not be recognised")
    for match in results:
        if (match.encoding == "cp1252" and match.chaos <= best.chaos + 0.01
                and match.coherence >= best.coherence - 0.01):
            return "cp1252"
    return str(best.encoding)


def _binary_kind(data: bytes) -> str | None:
    for offset, magic, kind in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            if magic == b"BZh" and data[4:10] != b"1AY&SY":
                continue  # "BZh" alone is too short a signature to refuse a text file on
            return kind
    if data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        return "Windows program"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16/32 text whose writer left out the BOM, recognised by where its zero bytes fall.

    In these encodings zero bytes sit in fixed positions (the high bytes of every ASCII space,
    digit and newline; in UTF-32 the top byte of every character); in binary data they fall
    anywhere. The decoded result must also be printable, which random bytes are not.
    """
    sample = data[: _SAMPLE - _SAMPLE % 4]
    by4 = [0, 0, 0, 0]
    for i, b in enumerate(sample):
        if b == 0:
            by4[i % 4] += 1
    zeros, quarter = sum(by4), len(sample) // 4
    candidates: list[str] = []
    if len(data) % 4 == 0 and quarter:
        if by4[3] == quarter and by4[0] < quarter:
            candidates.append("utf-32-le")
        elif by4[0] == quarter and by4[3] < quarter:
            candidates.append("utf-32-be")
    if len(data) % 2 == 0:
        if by4[1] + by4[3] >= 0.95 * zeros:
            candidates.append("utf-16-le")
        elif by4[0] + by4[2] >= 0.95 * zeros:
            candidates.append("utf-16-be")
    for encoding in candidates:
        text = _try(data, encoding)
        if text is not None and _looks_like_text(text[:20000]):
            return text
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    good = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r")
    return good >= 0.97 * len(text)


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_or_fail(data: bytes, encoding: str) -> str:
    text = _try(data, encoding)
    if text is None:
        name = encoding.upper()
        raise ImportFailed(f"The file claims to be {name} but is not valid {name}")
    return text


def _normalise(text: str) -> str:
    return _NEWLINES.sub("\n", text).translate(_STRIP)


__all__ = ["decode_text"]
