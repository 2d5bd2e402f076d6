#!/usr/bin/env python3
"""Article extraction benchmark: Archivist's extractor against trafilatura, in one run.

For each extractor, over every page of the corpus (folders holding source.html, expected.html
and expected-metadata.json), prints mean F1 / precision / recall and title accuracy from the
shared scorer (imported from its file, so the numbers are the scorer's own), pages per second,
and peak memory, and writes the predictions as PRED json (`{page: {"title", "text"}}`) to
--out so the scorer's CLI can re-check them.

Each extractor runs in a fresh process, so imports, caches and peak RSS do not leak from one
into the other; both get the same one-page warm-up before timing. Peak memory is reported
twice: the process's peak RSS (includes lxml's C allocations, which tracemalloc cannot see)
and the largest Python-heap peak while extracting one page (tracemalloc, in a second,
untimed pass). trafilatura is a development-only dependency: when it is not installed its row
says so and the run continues.

Usage: python benchmarks/extraction.py [--corpus DIR] [--scorer FILE] [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "readability-pages"
DEFAULT_SCORER = SHARED / "bench" / "score_extraction.py"
EXTRACTORS = ("archivist", "trafilatura")

Extractor = Callable[[bytes], tuple[str, str]]


def load_scorer(path: Path) -> ModuleType:
    """The shared scorer, imported from its file (it is a script, not a package)."""
    if not path.is_file():
        raise SystemExit(f"scorer not found at {path} (pass --scorer)")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_dirs(corpus: Path) -> list[Path]:
    if not corpus.is_dir():
        raise SystemExit(f"corpus not found at {corpus} (pass --corpus)")
    return sorted(p for p in corpus.iterdir() if (p / "source.html").is_file())


def _archivist() -> Extractor:
    sys.path.insert(0, str(REPO / "src"))
    from archivist.core.ingest.html import extract_html

    def run(data: bytes) -> tuple[str, str]:
        article = extract_html(data)
        return article.title, article.text

    return run


def _trafilatura() -> Extractor:
    import trafilatura  # development-only dependency

    def run(data: bytes) -> tuple[str, str]:
        doc = trafilatura.bare_extraction(data, with_metadata=True)
        if doc is None:
            return "", ""
        get = doc.get if isinstance(doc, dict) else lambda key: getattr(doc, key, None)
        return get("title") or "", get("text") or ""

    return run


def _maxrss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(name: str, corpus: str, queue: Any) -> None:
    """Child process: time one extractor over the corpus, then measure its memory."""
    try:
        extract = {"archivist": _archivist, "trafilatura": _trafilatura}[name]()
    except ImportError as exc:
        queue.put({"name": name, "skipped": f"not installed ({exc.name})"})
        return
    pages = [(p.name, (p / "source.html").read_bytes()) for p in page_dirs(Path(corpus))]
    extract(pages[0][1])  # warm-up: lazy imports, compiled patterns
    preds: dict[str, dict[str, str]] = {}
    errors: dict[str, str] = {}
    started = time.perf_counter()
    for page, data in pages:
        try:
            title, text = extract(data)
        except Exception as exc:  # noqa: BLE001 - a failed page scores zero, the run goes on
            title, text = "", ""
            errors[page] = f"{type(exc).__name__}: {exc}"
        preds[page] = {"title": title, "text": text}
    elapsed = time.perf_counter() - started
    rss = _maxrss_mb()
    tracemalloc.start()
    heap_peak = 0
    for _, data in pages:
        tracemalloc.reset_peak()
        try:
            extract(data)
        except Exception:  # noqa: BLE001 - already reported by the timed pass
            pass
        heap_peak = max(heap_peak, tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()
    queue.put({
        "name": name, "preds": preds, "errors": errors, "seconds": elapsed,
        "pages": len(pages), "rss_mb": rss, "heap_peak_mb": heap_peak / (1024 * 1024),
    })


def run_isolated(name: str, corpus: Path) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=measure, args=(name, str(corpus), queue))
    proc.start()
    result: dict[str, Any] = queue.get()
    proc.join()
    return result


def evaluate(scorer: ModuleType, corpus: Path, preds: dict[str, dict[str, str]]) -> dict[str, float]:
    """Mean F1/precision/recall and title accuracy, with the shared scorer's own functions."""
    truth: dict[str, str] = {}
    titles: dict[str, str] = {}
    for page in page_dirs(corpus):
        truth[page.name] = scorer.html_text((page / "expected.html").read_text(encoding="utf-8"))
        meta = page / "expected-metadata.json"
        if meta.is_file():
            titles[page.name] = json.loads(meta.read_text(encoding="utf-8")).get("title") or ""
    result = scorer.score(truth, {k: v["text"] for k, v in preds.items()})
    title_accuracy = statistics.mean(
        scorer.norm_title(preds.get(k, {}).get("title")) == scorer.norm_title(t)
        for k, t in titles.items()
    ) if titles else float("nan")
    return {
        "f1": result["f1"], "precision": result["precision"], "recall": result["recall"],
        "exact": result["exact"], "title_accuracy": round(title_accuracy, 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "archivist-extraction")
    ap.add_argument("--only", choices=EXTRACTORS, action="append",
                    help="run just this extractor (repeatable)")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    page_dirs(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    header = f"{'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'exact':>6} {'titles':>6} " \
             f"{'pages/s':>8} {'RSS MB':>7} {'heap MB':>8} errors"
    print(f"corpus: {args.corpus}")
    print(header)
    for name in args.only or EXTRACTORS:
        result = run_isolated(name, args.corpus)
        if "skipped" in result:
            print(f"{name:<12} skipped: {result['skipped']}")
            continue
        pred_path = args.out / f"{name}.json"
        pred_path.write_text(json.dumps(result["preds"], ensure_ascii=False, indent=1), encoding="utf-8")
        m = evaluate(scorer, args.corpus, result["preds"])
        rate = result["pages"] / result["seconds"] if result["seconds"] else float("inf")
        rss = f"{result['rss_mb']:.0f}" if result["rss_mb"] is not None else "n/a"
        print(f"{name:<12} {m['f1']:>6.4f} {m['precision']:>6.4f} {m['recall']:>6.4f} "
              f"{m['exact']:>6.3f} {m['title_accuracy']:>6.3f} {rate:>8.1f} {rss:>7} "
              f"{result['heap_peak_mb']:>8.1f} {len(result['errors'])}")
        for page, error in sorted(result["errors"].items()):
            print(f"    {page}: {error}")
    print(f"predictions written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
