"""Bytes to text for web pages: BOM, HTTP charset, <meta> charset, detection."""

from __future__ import annotations

from archivist.core.ingest.html import extract_html
from archivist.core.ingest.html.decode import decode_html

from .pages import PROSE

SENTENCE = "Le café où Zoë a déjeuné était déjà fermé à l'heure où nous sommes arrivés là-bas."


def _page(meta: str, text: str = SENTENCE) -> str:
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    return f"<html><head>{meta}<title>Café</title></head><body><article><p>{text}</p>{body}</article></body></html>"


def test_meta_charset_is_honoured() -> None:
    data = _page('<meta charset="windows-1252">').encode("cp1252")
    assert SENTENCE in extract_html(data).text


def test_http_equiv_content_type_is_honoured() -> None:
    data = _page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">').encode("iso-8859-15")
    assert SENTENCE in decode_html(data)


def test_latin1_label_means_windows_1252() -> None:
    data = _page('<meta charset="ISO-8859-1">', "It costs 5 \u20ac \u2013 “cheap”.").encode("cp1252")
    assert "It costs 5 \u20ac \u2013 “cheap”." in decode_html(data)


def test_http_charset_wins_over_meta() -> None:
    data = _page('<meta charset="utf-8">').encode("cp1252")
    assert SENTENCE in decode_html(data, media_type="text/html; charset=windows-1252")


def test_byte_order_mark_wins() -> None:
    data = b"\xef\xbb\xbf" + _page('<meta charset="windows-1252">').encode("utf-8")
    assert SENTENCE in decode_html(data)


def test_valid_utf8_beats_a_stale_legacy_declaration() -> None:
    chinese = "这是一个用于测试的中文句子，内容足够长。"
    data = _page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', chinese).encode("utf-8")
    assert chinese in decode_html(data)


def test_undeclared_legacy_bytes_are_detected() -> None:
    data = _page("", SENTENCE * 3).encode("cp1252")
    assert "déjeuné" in decode_html(data)
