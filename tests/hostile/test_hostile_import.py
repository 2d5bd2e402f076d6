"""Every hostile source imports cleanly or is refused with a clear message, in bounded time, in a
process that survives, without a network request; and what is stored is inert when displayed.

Each case runs the real importer (`Library.import_paths`, as the CLI and GUI do) in its own
process, so a hang is cut off at the case's time limit and a crash shows as a crash rather than
taking pytest down. The stored article is then read straight from the library file.
"""

from __future__ import annotations

import hashlib
import socket
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.hostile.cases import CASES, Case, write_case
from tests.hostile.runner import Outcome, Runner
from tests.hostile.safety import TITLE_FORBIDDEN, unsafe_parts, unsafe_svg

#: Cases known to fail, marked until fixed. strict=True, so a fix makes the test pass loudly
#: and the mark must be removed. Empty: every case passes.
KNOWN_EXTRACTOR_FAILURES: dict[str, str] = {}


@dataclass
class Beacon:
    """A local TCP server that records every connection made to it."""

    url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def beacon() -> Iterator[Beacon]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    b = Beacon(f"http://127.0.0.1:{server.getsockname()[1]}")
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _addr = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    b.hits.append(conn.recv(200).decode("latin-1").split("\r\n")[0])
                except OSError:
                    b.hits.append("(connection)")

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield b
    stop.set()
    t.join(2)
    server.close()


@pytest.fixture(scope="module")
def runner() -> Runner:
    return Runner()


def _params() -> list[object]:
    out: list[object] = []
    for c in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_EXTRACTOR_FAILURES[c.name])] \
            if c.name in KNOWN_EXTRACTOR_FAILURES else []
        if c.seconds > 60:
            marks.append(pytest.mark.slow)
        out.append(pytest.param(c, id=c.name, marks=marks))
    return out


def stored(library: Path, article_id: int) -> tuple[str, str, str, list[tuple[str, bytes]]]:
    con = sqlite3.connect(f"file:{library / 'library.sqlite'}?mode=ro", uri=True)
    try:
        title, text, html = con.execute("SELECT title, text, html FROM articles WHERE id = ?",
                                        (article_id,)).fetchone()
        images = con.execute("SELECT media_type, data FROM images").fetchall()
        return title, text, html, images
    finally:
        con.close()


@pytest.mark.parametrize("case", _params())
def test_hostile_source(case: Case, runner: Runner, beacon: Beacon, tmp_path: Path) -> None:
    # Each case gets its own path on the beacon, so a request names the case that made it.
    source = write_case(case, tmp_path / "page", f"{beacon.url}/{case.name}")
    out: Outcome = runner.run(tmp_path / "lib", source, case.seconds)
    print(f"{case.name}: {out.status} in {out.seconds:.2f} s {out.error or ''}")

    assert out.status in {"imported", "failed"}, f"{case.name}: {out.status}: {out.error}"
    if case.expect != "either":
        assert out.status == {"import": "imported", "refuse": "failed"}[case.expect], out
    assert beacon.hits == [], "an import made network requests"
    if out.status == "failed":
        msg = out.error or ""
        assert msg.strip() and "\n" not in msg and len(msg) < 300, msg
        assert not msg.startswith("Internal error"), msg
        return

    assert out.article_id is not None
    title, text, html, images = stored(tmp_path / "lib", out.article_id)
    assert unsafe_parts(html) == [], html[:3000]
    for leak in case.leaks:
        assert leak not in title and leak not in text and leak not in html, leak
    if case.max_text is not None:
        assert len(text) <= case.max_text and len(html) <= 4 * case.max_text + 100_000
    assert TITLE_FORBIDDEN.search(title) is None, repr(title)
    for media_type, data in images:
        if media_type == "image/svg+xml" or data.lstrip()[:5].lower() in (b"<svg ", b"<?xml"):
            assert unsafe_svg(data) == [], data[:500]
    outside = [p for p in tmp_path.glob("*-outside.png")]
    secrets = {hashlib.sha256(p.read_bytes()).digest() for p in outside}
    assert not secrets & {hashlib.sha256(d).digest() for _m, d in images}, "read an image outside the page's folder"
