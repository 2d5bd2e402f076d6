"""Extraction quality on the shared reference corpus, scored by the shared scorer.

The corpus pages (source.html, expected.html, expected-metadata.json) and the scorer live in
the shared folder next to the repository. Both are required: a missing corpus fails loudly
rather than skipping, because a quality gate that silently does not run is no gate.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from archivist.core.ingest.html import extract_html
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "readability-pages"
SCORER = SHARED / "bench" / "score_extraction.py"
MIN_F1 = 0.97
MIN_TITLE_ACCURACY = 0.90


def _scorer() -> ModuleType:
    assert SCORER.is_file(), f"shared scorer missing at {SCORER}"
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> tuple[dict[str, object], float]:
    assert CORPUS.is_dir(), (
        f"extraction corpus missing at {CORPUS}: the quality gate cannot run without it"
    )
    pages = sorted(p for p in CORPUS.iterdir() if (p / "expected.html").is_file())
    assert len(pages) >= 100, f"only {len(pages)} corpus pages found in {CORPUS}"
    scorer = _scorer()
    truth: dict[str, str] = {}
    predicted: dict[str, str] = {}
    titles_right: list[bool] = []
    for page in pages:
        truth[page.name] = scorer.html_text((page / "expected.html").read_text(encoding="utf-8"))
        article = extract_html((page / "source.html").read_bytes())
        predicted[page.name] = article.text
        meta = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        titles_right.append(scorer.norm_title(article.title) == scorer.norm_title(meta.get("title")))
    return scorer.score(truth, predicted), sum(titles_right) / len(titles_right)


@pytest.mark.slow
def test_mean_f1_meets_target(results: tuple[dict[str, object], float]) -> None:
    score, _ = results
    per_page = score["per_page"]
    assert isinstance(per_page, dict)
    worst = sorted(per_page.items(), key=lambda kv: kv[1]["f1"])[:5]
    assert score["f1"] >= MIN_F1, f"mean F1 {score['f1']} < {MIN_F1}; worst pages: {worst}"


@pytest.mark.slow
def test_title_accuracy_meets_target(results: tuple[dict[str, object], float]) -> None:
    _, accuracy = results
    assert accuracy >= MIN_TITLE_ACCURACY, f"title accuracy {accuracy:.3f} < {MIN_TITLE_ACCURACY}"

