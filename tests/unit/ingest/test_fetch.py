"""Importing from URLs against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import httpx
import pytest

from archivist.core.ingest import fetch
from archivist.core.library import Library
from tests.web_server import Route, serve


def png(width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PARAS = "".join(
    f"<p>Paragraph {i} of the harbour report: the tide came in at {i} o'clock and the boats "
    f"returned with a fine catch of mackerel, herring and cod for the market stalls.</p>"
    for i in range(1, 9)
)


def article_page(extra: str = "", charset_meta: str = "") -> bytes:
    return (
        f"<!doctype html><html lang='en'><head>{charset_meta}<title>Harbour Report From The Coast | Coast News</title>"
        "<meta property='og:site_name' content='Coast News'>"
        "<meta property='article:published_time' content='2024-05-30T09:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Harbour Report From The Coast</h1><p class='byline'>By Ann Mariner</p>"
        "<figure><img src='/img/photo.png' alt='Boats in the harbour'><figcaption>Boats at dawn</figcaption></figure>"
        f"{PARAS}{extra}</article>"
        "<div class='share'>Share on Facebook Tweet</div></body></html>"
    ).encode("utf-8")


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib")
    yield library
    library.close()


def test_url_import_stores_article_images_and_original(lib: Library) -> None:
    routes = {
        "/news/harbour": Route(body=article_page(), headers={"Content-Type": "text/html; charset=utf-8"}),
        "/img/photo.png": Route(body=png(), headers={"Content-Type": "image/png"}),
        "/go": Route(302, headers={"Location": "/news/harbour"}),
    }
    with serve(routes) as srv:
        [r] = lib.import_paths([srv.url("/go")])
        assert r.status == "imported", r.error
        a = lib.get_article(r.id)  # type: ignore[arg-type]
        assert a.title == "Harbour Report From The Coast"
        assert a.url == srv.url("/news/harbour")  # after the redirect
        assert a.site == "Coast News" and str(a.published) == "2024-05-30"
        assert "Paragraph 8 of the harbour report" in a.text and "Share on Facebook" not in a.text
        assert "/img/photo.png" in srv.hits
        refs = [part.split('"')[0] for part in a.html.split('src="')[1:]]
        assert refs and all(ref.startswith("archivist-image:") for ref in refs)
        assert lib.image(refs[0]) == (png(), "image/png")
        assert lib.source(r.id).data == article_page()  # type: ignore[arg-type]


def test_http_errors_are_clear_one_line_messages(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", httpx.Timeout(0.5))
    monkeypatch.setattr(fetch, "PAGE_LIMIT", 4096)
    routes = {
        "/slow": Route(body=article_page(), headers={"Content-Type": "text/html"}, delay=2.0),
        "/image": Route(body=png(), headers={"Content-Type": "image/png"}),
        "/big": Route(body=b"<p>x</p>" * 2000, headers={"Content-Type": "text/html"}),
        "/loop": Route(302, headers={"Location": "/loop"}),
        "/empty": Route(body=b"", headers={"Content-Type": "text/html"}),
    }
    with serve(routes) as srv:
        results = lib.import_paths([srv.url(p) for p in ("/missing", "/slow", "/image", "/big", "/loop", "/empty")])
    errors = [r.error or "" for r in results]
    assert [r.status for r in results] == ["failed"] * 6
    assert "404" in errors[0]
    assert "Timed out" in errors[1]
    assert "not a web page" in errors[2] and "image/png" in errors[2]
    assert "too large" in errors[3]
    assert "redirects" in errors[4]
    assert "empty" in errors[5]
    assert all("\n" not in e for e in errors)


def test_unreachable_server_is_a_clear_error(lib: Library) -> None:
    with serve({}) as srv:
        dead = srv.url("/x")
    [r] = lib.import_paths([dead])
    assert r.status == "failed" and "Cannot fetch" in (r.error or "")


def test_charset_from_header_and_from_meta(lib: Library) -> None:
    cyr = "<p>" + "Сегодня в гавани было много рыбаков и лодок, и рынок был полон свежей рыбы. " * 3 + "</p>"
    page = article_page(extra=cyr * 4).decode("utf-8")
    routes = {
        "/header": Route(body=page.encode("cp1251", "replace"), headers={"Content-Type": "text/html; charset=windows-1251"}),
        "/meta": Route(body=article_page(extra=cyr * 4, charset_meta="<meta charset='windows-1251'>").decode("utf-8")
                       .replace("Harbour Report From The Coast</h1>", "Harbour Report From The Coast</h1><p>Другой текст про порт и корабли сегодня.</p>")
                       .encode("cp1251", "replace"), headers={"Content-Type": "text/html"}),
    }
    with serve(routes) as srv:
        results = lib.import_paths([srv.url("/header"), srv.url("/meta")])
    assert [r.status for r in results] == ["imported", "imported"], results
    for r in results:
        assert "Сегодня в гавани было много рыбаков" in lib.get_article(r.id).text  # type: ignore[arg-type]


def test_recleaning_a_web_article_is_offline_and_keeps_its_images(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    routes = {
        "/a": Route(body=article_page(), headers={"Content-Type": "text/html"}),
        "/img/photo.png": Route(body=png(), headers={"Content-Type": "image/png"}),
    }
    with serve(routes) as srv:
        [r] = lib.import_paths([srv.url("/a")])
    before = lib.get_article(r.id)  # type: ignore[arg-type]

    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("re-cleaning touched the network")

    monkeypatch.setattr(httpx.Client, "send", no_network)
    report = lib.reclean(r.id)  # type: ignore[arg-type]
    assert report.error is None
    after = lib.get_article(r.id)  # type: ignore[arg-type]
    assert after.html == before.html and "archivist-image:" in after.html


def test_saved_page_uses_images_from_its_own_folder_only(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "page_files").mkdir(parents=True)
    (folder / "page_files" / "photo.png").write_bytes(png(rgb=(10, 200, 10)))
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(rgb=(1, 2, 3)))
    page = article_page(extra="<p><img src='../secret.png' alt='sneaky'></p>").replace(b"/img/photo.png", b"page_files/photo.png")
    (folder / "page.html").write_bytes(page)
    [r] = lib.import_paths([str(folder / "page.html")])
    assert r.status == "imported", r.error
    html = lib.get_article(r.id).html  # type: ignore[arg-type]
    refs = [part.split('"')[0] for part in html.split('src="')[1:]]
    assert len(refs) == 1
    assert lib.image(refs[0]) == (png(rgb=(10, 200, 10)), "image/png")
