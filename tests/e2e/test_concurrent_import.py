"""Two `archivist import` processes on one library at the same time.

First on a library that does not exist yet (they race to create the schema) over the same files
in the same order; then over overlapping sets that meet in the middle. Every file must land
exactly once (the duplicate check runs inside the write transaction, which takes the write lock
up front), each contended file is imported by one process and reported as a duplicate by the
other, and neither process ever sees "database is locked".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archivist.core.library import Library
from tests.e2e.conftest import Cli
from tests.e2e.killing import make_corpus, verify

N_FILES = 300
OVERLAP = range(100, 200)


def run_together(library: Path, folders: list[Path]) -> list[list[dict[str, object]]]:
    """Start one importer per folder at the same moment; their JSON results once all are done."""
    procs = [
        subprocess.Popen([sys.executable, "-m", "archivist", "--library", str(library), "import",
                          str(folder), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in folders
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        text = out.decode() + err.decode()
        assert "locked" not in text and "busy" not in text, text[-2000:]
        assert p.returncode == 0, err.decode()[-2000:]
        results.append([json.loads(line) for line in out.decode().splitlines()])
    return results


@pytest.mark.slow
def test_two_importers_creating_a_library_at_once(cli: Cli, tmp_path: Path) -> None:
    """Same files, same order, a library that does not exist yet: the schema is created once and
    every file is imported by exactly one of the two."""
    corpus = tmp_path / "few"
    make_corpus(corpus, 20)
    a, b = run_together(cli.library, [corpus, corpus])
    for ra, rb in zip(a, b, strict=True):
        assert ra["source"] == rb["source"] and ra["id"] == rb["id"]
        assert sorted([ra["status"], rb["status"]]) == ["duplicate", "imported"]
    count, problems = verify(cli.library, corpus)
    assert problems == [] and count == 20


@pytest.mark.slow
def test_two_importers_at_once_store_each_article_exactly_once(cli: Cli, tmp_path: Path) -> None:
    corpus = tmp_path / "all"
    files = make_corpus(corpus, N_FILES)
    names = sorted(files)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    alias = {}
    for name in names[:200]:
        os.link(corpus / name, first / name)
        alias[name] = name
    # The second importer does its own files first, then walks the overlap backwards (its files
    # sort that way): both reach the overlap together from opposite ends and meet in the middle,
    # contending for the same files at the same moment.
    for rank, name in enumerate(names[200:] + list(reversed(names[100:200]))):
        link = f"r{rank:04d}-{name}"
        os.link(corpus / name, second / link)
        alias[link] = name
    Library(cli.library).close()  # both start equal (the creation race is the test above)

    status: dict[str, list[str]] = {}
    ids: dict[str, set[int]] = {}
    for results in run_together(cli.library, [first, second]):
        for r in results:
            name = alias[Path(str(r["source"])).name]
            status.setdefault(name, []).append(str(r["status"]))
            ids.setdefault(name, set()).add(int(r["id"]))  # type: ignore[call-overload]
    assert set(status) == set(names)
    for i, name in enumerate(names):
        expected = ["duplicate", "imported"] if i in OVERLAP else ["imported"]
        assert sorted(status[name]) == expected, (name, status[name])
        assert len(ids[name]) == 1  # the duplicate names the article the other process stored

    count, problems = verify(cli.library, corpus)
    assert problems == [] and count == N_FILES
    assert cli("check").code == 0
