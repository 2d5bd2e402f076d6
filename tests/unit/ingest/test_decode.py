"""decode_text: every encoding a user's old files come in, and clear refusals for non-text."""

from __future__ import annotations

import codecs

import pytest

from archivist.core.ingest.decode import decode_text
from archivist.errors import ImportFailed

RUSSIAN = (
    "Заголовок статьи о погоде\n\n"
    "В Москве сегодня ожидается снег и сильный ветер, сообщают синоптики.\n\n"
    "Температура опустится до минус десяти градусов к вечеру пятницы."
)
ENGLISH = "Plain headline\n\nA paragraph with digits 123 and “curly quotes” — dashes too."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64


def _failure(data: bytes) -> str:
    with pytest.raises(ImportFailed) as info:
        decode_text(data)
    message = str(info.value)
    assert "\n" not in message, "user-facing messages are one line"
    return message


def test_empty_file_is_refused_with_a_clear_message() -> None:
    assert _failure(b"") == "The file is empty"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "ZIP archive"),
        (b"GIF89a" + bytes(50), "GIF image"),
    ],
)
def test_known_binary_formats_are_named(data: bytes, kind: str) -> None:
    message = _failure(data)
    assert "binary" in message and kind in message


def test_png_renamed_txt_message_is_exactly_as_shown_to_users() -> None:
    assert _failure(PNG) == "This looks like a binary file (PNG image), not text"


def test_unknown_binary_data_is_refused() -> None:
    assert "binary" in _failure(bytes(range(256)) * 40)
    assert "binary" in _failure(b"abc\x01\x02\x03\x04\x05\x06\x07\x08" * 50)


def test_windows_1251_russian_decodes_right() -> None:
    assert decode_text(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_short_windows_1252_text_prefers_1252_over_lookalike_code_pages() -> None:
    text = "Café au lait — naïve résumé, “quoted”."
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [RUSSIAN, ENGLISH, "日本語のテキストです。\n東京は晴れ。"])
def test_utf16_and_utf32_with_and_without_bom(encoding: str, text: str) -> None:
    assert decode_text(text.encode(encoding)) == text


def test_utf8_bom_is_dropped() -> None:
    assert decode_text(codecs.BOM_UTF8 + "Grüße".encode()) == "Grüße"


def test_a_bom_that_lies_is_reported() -> None:
    assert "UTF-8" in _failure(codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe")


def test_declared_charset_is_used() -> None:
    assert decode_text(RUSSIAN.encode("koi8-r"), declared="koi8-r") == RUSSIAN


def test_utf8_labelled_latin1_is_read_as_utf8() -> None:
    assert decode_text("naïve café".encode(), declared="ISO-8859-1") == "naïve café"


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    assert decode_text("naïve café".encode(), declared="x-no-such-charset") == "naïve café"


def test_newlines_are_normalised() -> None:
    assert decode_text(b"one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"
    assert decode_text("a\u2028b".encode()) == "a\nb"


def test_control_characters_are_stripped_but_tabs_and_newlines_kept() -> None:
    # Form feed and vertical tab are page/line breaks, so they become newlines.
    prose = b"Ordinary words in an ordinary sentence, long enough to be text. "
    data = prose + b"a\x07b\tc\x0cd\x1be\x7f" + prose
    assert decode_text(data) == (prose + b"ab\tc\nde" + prose).decode()


def test_a_few_stray_nuls_in_text_are_dropped_not_fatal() -> None:
    body = b"A long enough paragraph of ordinary text. " * 100
    assert decode_text(body + b"\x00" + body) == (body + body).decode()


def test_utf16_detection_does_not_accept_arbitrary_binary() -> None:
    # Zero bytes at odd positions like UTF-16, but decoding to unprintable characters.
    data = bytes(b for i in range(2000) for b in (i % 32, 0))
    assert "binary" in _failure(data)
