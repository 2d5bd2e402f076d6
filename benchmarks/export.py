#!/usr/bin/env python3
"""PDF dossier export benchmark: Archivist's annotated export against plain ReportLab, in one run.

Builds a synthetic dossier (default: 100 articles of about 900 words of varied prose and 1,000
annotations in all: 700 highlights, some overlapping, 250 of them with a note, and 50 free
article notes; `--highlights 1000 --noted 500 --article-notes 100` is a heavier variant), exports
it with `write_pdf` (cover, contents, two layout passes, painted highlights, footnotes, real PDF
annotations, summary), then renders the same articles' text as plain ReportLab paragraphs (same
fonts, same page size, no highlights, no contents, one pass). Prints both times, pages, pages per
second and the ratio. The target is under 2 s for the export and at most 4x the plain render.

Usage: python benchmarks/export.py [--articles N] [--words N] [--highlights N] [--repeat N]
                                   [--keep DIR] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from archivist.core.export.dossier import DossierDoc, ExportArticle  # noqa: E402
from archivist.core.types import (  # noqa: E402
    ArticleDetail,
    ArticleId,
    HighlightId,
    HighlightInfo,
    NoteInfo,
)

WORDS = """
the of and to in a is that for it as was with be by on not he this are or his from at which but have
an they you were her she there been one all we their has would when if so no will more can who its
said about up out into than them only other new some could time these two may first then do any
like my now over such our man me even most made after also did many before must through back years
where much your way well down should because each just those people how too little state good very
make world still own see men work long get here between both life being under never day same another
know while last might us great old year off come since against go came right used take three
government council minister report policy budget election parliament court judge police city region
country economy market price inflation energy climate water coast river forest village school
hospital doctor patient research scientist study data evidence result analysis survey expert
official spokesperson agency committee commission union company director investor worker farmer
teacher student family child community resident neighbour visitor tourist museum history archive
letter document record interview statement announcement proposal decision plan strategy project
programme funding investment tax reform law rule regulation standard safety security health
education transport railway airport harbour bridge road traffic vehicle battery electricity grid
solar wind turbine emission carbon drought flood storm temperature season harvest crop supply
demand shortage growth decline increase decrease rise fall risk crisis response recovery support
pressure debate criticism concern warning signal pattern trend change impact effect cause reason
question answer problem solution challenge opportunity priority goal target level rate share
percent million billion number figure chart table source account version detail summary outline
quietly sharply steadily rapidly slowly carefully openly largely partly mostly nearly roughly
recent current former future local national regional international public private social economic
political environmental financial legal medical technical cultural historical scientific digital
significant major minor central northern southern eastern western coastal rural urban remote
independent official annual monthly weekly daily early late strong weak high low large small
important difficult possible likely unlikely clear uncertain broad narrow complex simple direct
argued explained noted warned suggested reported confirmed denied claimed added insisted admitted
estimated calculated measured recorded published released announced approved rejected delayed
expanded reduced improved damaged repaired protected threatened affected replaced introduced
""".split()
NAMES = ["Marta Kowalski", "Daniel Okafor", "Ines Duarte", "Hiroshi Tanaka", "Leila Haddad",
         "Tomas Lindqvist", "Aisha Bello", "Pieter de Vries", "Sofia Marin", "Rahul Mehta"]
PLACES = ["Lisbon", "Gdansk", "Nairobi", "Osaka", "Rotterdam", "Valparaiso", "Tromso", "Cork",
          "Tbilisi", "Hobart", "Marseille", "Quebec"]
COLORS = ["yellow", "green", "blue", "pink", "purple", "orange"]
NOW = datetime(2025, 3, 4, 9, 30, tzinfo=timezone.utc)


def _sentence(rng: random.Random) -> str:
    n = rng.randint(9, 26)
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.35:
        words.insert(rng.randrange(n), rng.choice(PLACES))
    if rng.random() < 0.2:
        words.insert(rng.randrange(n), rng.choice(NAMES))
    if rng.random() < 0.15:
        words.insert(rng.randrange(n), f"{rng.randint(2, 980)}")
    if n > 14 and rng.random() < 0.5:
        words[rng.randrange(4, n - 4)] += ","
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice(".........?;")[0].replace(";", ".")


def _article(i: int, words: int, rng: random.Random) -> tuple[str, str]:
    paras: list[str] = []
    html: list[str] = []
    count = 0
    while count < words:
        if paras and rng.random() < 0.08:
            h = _sentence(rng).rstrip(".?")[:60]
            paras.append(h)
            html.append(f"<h2>{h}</h2>")
            continue
        p = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))
        paras.append(p)
        html.append(f"<p>{p}</p>")
        count += len(p.split())
    return "\n\n".join(paras), "\n".join(html)


def build_doc(n_articles: int = 100, words: int = 900, n_highlights: int = 700, n_noted: int = 250,
              n_article_notes: int = 50, seed: int = 7) -> DossierDoc:
    rng = random.Random(seed)
    per = max(1, n_highlights // max(1, n_articles))
    note_every = n_highlights / max(1, n_noted) if n_noted else 0
    arts: list[ExportArticle] = []
    hid = 0
    for i in range(n_articles):
        text, html = _article(i, words, rng)
        detail = ArticleDetail(
            id=ArticleId(i + 1), title=_sentence(rng).rstrip(".?")[:80], byline=rng.choice(NAMES),
            published=date(2024, 1 + i % 12, 1 + i % 28), site=f"{rng.choice(PLACES).lower()}-herald.example",
            url=f"https://news.example.org/{2024}/{i:04d}/story", language="en", text=text, html=html,
            tags=("dossier", rng.choice(["climate", "economy", "politics"])), word_count=len(text.split()),
            imported_at=NOW,
        )
        hls: list[HighlightInfo] = []
        spots = sorted(rng.sample(range(0, max(1, len(text) - 400)), per))
        for k, start in enumerate(spots):
            start = text.rfind(" ", 0, start) + 1
            end = min(len(text), start + rng.randint(25, 260))
            if k % 7 == 3 and hls:  # an overlapping highlight inside the previous one
                prev = hls[-1]
                start = min(prev.start + 5, prev.end - 1)
                end = min(prev.end + 20, len(text))
            hid += 1
            note = None
            if note_every and (hid - 1) % note_every < 1:
                note = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 40))).capitalize() + "."
            hls.append(HighlightInfo(
                id=HighlightId(hid), article_id=detail.id, start=start, end=end, exact=text[start:end],
                prefix="", suffix="", color=COLORS[hid % len(COLORS)], note=note, status="anchored",
                created_at=NOW,
            ))
        notes: tuple[NoteInfo, ...] = ()
        if i * n_article_notes // n_articles != (i + 1) * n_article_notes // n_articles:
            notes = (NoteInfo(id=i + 1, article_id=detail.id, body=_sentence(rng) + " " + _sentence(rng),
                              created_at=NOW, updated_at=NOW),)
        arts.append(ExportArticle(detail, tuple(hls), notes))
    return DossierDoc(title="Benchmark dossier: coastal policy 2024", introduction=_sentence(rng) * 2,
                      articles=tuple(arts), created=NOW)


def plain_render(doc: DossierDoc, out: Path) -> int:
    """The same text as plain Paragraphs in the same fonts: one pass, no extras."""
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from archivist.core.export.pdf import fonts as F
    from archivist.core.export.pdf import styles as S

    st = S.styles()
    story: list[object] = []
    for ea in doc.articles:
        story.append(Paragraph(F.escape(ea.article.title), st.article_title))
        for p in ea.article.text.split("\n\n"):
            story.append(Paragraph(F.escape(p), st.body))
        story.append(PageBreak())
    tpl = SimpleDocTemplate(str(out), pagesize=(S.PAGE_W, S.PAGE_H), leftMargin=S.MARGIN_L,
                            rightMargin=S.MARGIN_R, topMargin=S.MARGIN_T, bottomMargin=S.MARGIN_B)
    tpl.build(story)
    return tpl.page


def _pages(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") or data.count(b"/Type /Page")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--words", type=int, default=900)
    ap.add_argument("--highlights", type=int, default=700)
    ap.add_argument("--noted", type=int, default=250, help="highlights that carry a note")
    ap.add_argument("--article-notes", type=int, default=50, help="free notes on articles")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the median is reported")
    ap.add_argument("--keep", type=Path, help="write the PDFs into this folder")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile of one export")
    args = ap.parse_args()

    from archivist.core.export.pdf import fonts as F
    from archivist.core.export.pdf import write_pdf

    doc = build_doc(args.articles, args.words, args.highlights, args.noted, args.article_notes)
    n_words = sum(len(a.article.text.split()) for a in doc.articles)
    print(f"dossier: {len(doc.articles)} articles, {n_words:,} words, {doc.highlight_count} highlights, "
          f"{doc.note_count} notes ({doc.highlight_count + doc.note_count:,} annotations)")
    F.ensure_base()  # font registration is once per process: not part of either timing

    with tempfile.TemporaryDirectory() as tmpdir:
        folder = args.keep or Path(tmpdir)
        folder.mkdir(parents=True, exist_ok=True)
        ours, plain = folder / "dossier.pdf", folder / "plain.pdf"
        plain_render(doc, plain)  # warm-up: imports, font caches
        t_ours: list[tuple[float, float]] = []
        t_plain: list[tuple[float, float]] = []
        pages_plain = 0
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            w0, c0 = time.perf_counter(), time.process_time()
            write_pdf(doc, ours)
            t_ours.append((time.perf_counter() - w0, time.process_time() - c0))
            w0, c0 = time.perf_counter(), time.process_time()
            pages_plain = plain_render(doc, plain)
            t_plain.append((time.perf_counter() - w0, time.process_time() - c0))
        from pypdf import PdfReader  # dev dependency, only for counting pages

        pages_ours = len(PdfReader(str(ours)).pages)
        aw, ac = (statistics.median(t[i] for t in t_ours) for i in (0, 1))
        bw, bc = (statistics.median(t[i] for t in t_plain) for i in (0, 1))
        print(f"{'':28}{'wall (s)':>10}{'cpu (s)':>10}{'pages':>8}{'pages/s':>10}")
        print(f"{'archivist write_pdf':28}{aw:>10.3f}{ac:>10.3f}{pages_ours:>8}{pages_ours / aw:>10.1f}")
        print(f"{'plain ReportLab, one pass':28}{bw:>10.3f}{bc:>10.3f}{pages_plain:>8}{pages_plain / bw:>10.1f}")
        print(f"ratio archivist / plain: {aw / bw:.2f}x wall, {ac / bc:.2f}x cpu   (targets: < 2 s, <= 4x)")
        print(f"file sizes: archivist {ours.stat().st_size / 1e6:.2f} MB, plain {plain.stat().st_size / 1e6:.2f} MB")
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            write_pdf(doc, ours)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
    return 0


if __name__ == "__main__":
    sys.exit(main())
