#!/usr/bin/env python3
"""Annotation benchmark: opening an article with 1,000 highlights, and adding one more.

Builds a library with a long article (about 12,000 words of varied prose in paragraphs and
headings, with bold words and links) carrying 1,000 highlights (one in seven overlapping the one
before, a third with notes) and a small second article. In the real main window (offscreen unless
QT_QPA_PLATFORM says otherwise) it measures, over several runs, median and worst:

  open     from selecting the article in the list to the reader and the panel painted
           (get_article, setHtml, the text map, 1,000 highlights painted, panel rows laid out);
           peer in the same run: opening the same article with no highlights.
  add      from the colour key press on a selection to the highlight stored and painted
           (undo command, library write, repaint of that span, panel row inserted).
  write    the library call alone (add_highlight on the GUI thread), to justify direct writes.

Goals: open < 300 ms, add < 50 ms.

Usage: python benchmarks/annotations.py [--highlights N] [--words N] [--repeat N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from archivist.core.library import Library  # noqa: E402
from archivist.core.types import SourceDocument  # noqa: E402

WORDS = """the of and to in a is that for it as was with be by on not this are or from at which but
have an they were her there been one all we their has would when if so no will more can who its said
about up out into than them only other new some could time these two may first then do any like now
over such our even most made after also did many before must through back years where much way well
down should because each just those people how little state good very make world still own see work
long here between both life being under never day same another know while last might great old year
council minister report policy budget election court police city region country economy market price
energy climate water coast river forest village school hospital research data evidence survey expert
agency committee company director worker farmer teacher student family community museum history
archive letter record interview statement decision plan project funding tax reform law rule safety
health transport railway harbour bridge traffic battery grid solar wind emission carbon drought flood
storm harvest supply demand growth decline risk crisis response recovery pressure debate concern
warning signal pattern trend change impact quietly sharply steadily rapidly slowly carefully openly""".split()
COLORS = ["yellow", "green", "blue", "pink", "purple", "orange"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 24))]
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"<b>{rng.choice(WORDS)}</b>"
    if rng.random() < 0.1:
        w = rng.choice(WORDS)
        words[rng.randrange(len(words))] = f'<a href="https://example.org/{w}">{w}</a>'
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def article_html(words: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    parts = ["<html><head><title>A long report on rivers and coasts</title></head><body><article>",
             "<h1>A long report on rivers and coasts</h1>"]
    count = 0
    while count < words:
        if rng.random() < 0.07:
            parts.append(f"<h2>{_sentence(rng).rstrip('.')[:50]}</h2>")
            continue
        p = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))
        parts.append(f"<p>{p}</p>")
        count += len(p.split())
    parts.append("</article></body></html>")
    return "\n".join(parts)


def build_library(directory: Path, n_highlights: int, words: int) -> tuple[Library, int, int]:
    lib = Library(directory)
    big = lib.import_document(SourceDocument(data=article_html(words).encode(), name="report.html"))
    small = lib.import_document(SourceDocument(
        data=b"<html><head><title>A short note</title></head><body><p>Nothing to see here.</p></body></html>",
        name="note.html"))
    assert big.id is not None and small.id is not None
    text = lib.get_article(big.id).text
    rng = random.Random(11)
    starts = sorted(rng.sample(range(0, len(text) - 300), n_highlights))
    prev: tuple[int, int] | None = None
    for k, start in enumerate(starts):
        start = text.rfind(" ", 0, start) + 1
        end = min(len(text), start + rng.randint(12, 160))
        if k % 7 == 3 and prev is not None:  # overlapping the previous highlight
            start, end = prev[0] + 3, prev[1] + 25
        while text[start].isspace():
            start += 1
        note = "A note on this passage, to check later." if k % 3 == 0 else None
        lib.add_highlight(big.id, start, end, COLORS[k % len(COLORS)], note)
        prev = (start, end)
    return lib, int(big.id), int(small.id)


def _settle(app: QApplication, window: object) -> None:
    """Run pending work (delayed layouts) and paint the reader and the panel now."""
    app.processEvents()
    window.reader.viewport().repaint()  # type: ignore[attr-defined]
    window.annotations.panel.highlight_view.viewport().repaint()  # type: ignore[attr-defined]


def _select(app: QApplication, window: object, article_id: int) -> None:
    row = window.model.row_of(article_id)  # type: ignore[attr-defined]
    window.table.select_row(row)  # type: ignore[attr-defined]
    _settle(app, window)


def measure_open(app: QApplication, window: object, big: int, small: int, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        _select(app, window, small)
        t0 = time.perf_counter()
        _select(app, window, big)
        times.append(time.perf_counter() - t0)
    return times


def measure_add(app: QApplication, window: object, lib: Library, big: int,
                repeat: int) -> tuple[list[float], list[float]]:
    reader = window.reader  # type: ignore[attr-defined]
    stack = window.annotations.undo_stack  # type: ignore[attr-defined]
    text_map = reader.text_map
    text = lib.get_article(big).text
    rng = random.Random(5)
    times, writes = [], []
    reader.setFocus()
    for _ in range(repeat):
        start = text.rfind(" ", 0, rng.randrange(100, len(text) - 200)) + 1
        end = text.find(" ", start + 20)
        span = text_map.doc_span(start, end)
        cursor = QTextCursor(reader.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        reader.setTextCursor(cursor)
        reader.ensureCursorVisible()
        _settle(app, window)
        before = len(lib.highlights(big))
        t0 = time.perf_counter()
        QTest.keyClick(reader, Qt.Key.Key_4)
        _settle(app, window)
        times.append(time.perf_counter() - t0)
        assert len(lib.highlights(big)) == before + 1, "the key press did not store a highlight"
        stack.undo()
        _settle(app, window)
        t0 = time.perf_counter()
        info = lib.add_highlight(big, start, end, "blue")
        writes.append(time.perf_counter() - t0)
        lib.delete_highlight(info.id)
    return times, writes


def _fmt(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:7.1f} ms   worst {max(times) * 1000:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--highlights", type=int, default=1000)
    parser.add_argument("--words", type=int, default=12000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--profile", action="store_true", help="profile one open and one add")
    args = parser.parse_args()

    from archivist.gui.application import make_application
    from archivist.gui.mainwindow import MainWindow

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        lib, big, small = build_library(Path(tmp) / "library", args.highlights, args.words)
        article = lib.get_article(big)
        print(f"library: article of {article.word_count:,} words, {len(article.text):,} characters, "
              f"{len(lib.highlights(big)):,} highlights (built in {time.perf_counter() - t0:.1f} s)")
        window = MainWindow(lib)
        window.resize(1400, 900)
        window.show()
        window.activateWindow()
        _settle(app, window)

        if args.profile:
            _select(app, window, small)
            prof = cProfile.Profile()
            prof.enable()
            _select(app, window, big)
            measure_add(app, window, lib, big, 1)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(30)

        opened = measure_open(app, window, big, small, args.repeat)
        added, writes = measure_add(app, window, lib, big, args.repeat)
        # Peer: the same article with its highlights gone (same window, same path).
        _select(app, window, small)
        for h in lib.highlights(big):
            lib.delete_highlight(h.id)
        bare = measure_open(app, window, big, small, args.repeat)
        window.close()
        lib.close()

    print(f"open with {args.highlights:,} highlights   {_fmt(opened)}   (goal < 300 ms)")
    print(f"open with no highlights      {_fmt(bare)}   (peer)")
    print(f"add one highlight (key→paint) {_fmt(added)}   (goal < 50 ms)")
    print(f"library add_highlight alone   {_fmt(writes)}")
    ok = statistics.median(opened) < 0.3 and statistics.median(added) < 0.05
    print("goals met" if ok else "GOALS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
