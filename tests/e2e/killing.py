"""Killing an import at random moments and checking what it left: shared by the crash-safety test
and `benchmarks/kill_import.py` (which runs more rounds and prints the figures).

The importer is the real command (`python -m archivist --library DIR import FOLDER --json`) in
its own process, killed with SIGKILL: no Python cleanup, no `finally`, no atexit, exactly what
a power cut or the OOM killer does. What must hold afterwards: the library opens, SQLite finds
the file intact, `check` finds nothing wrong, every article is whole (text, the exact source
bytes, a search-index entry), and running the same import again finishes the job with every
earlier article reported as a duplicate and none stored twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from archivist.core.library import Library

WORDS = ("harbour tide keeper lantern storm wreck gull anchor reef beacon ferry pier cargo "
         "mast hull sail current shoal compass chart fog bell").split()


def make_corpus(folder: Path, n: int = 500, seed: int = 7) -> dict[str, bytes]:
    """`n` small, distinct text articles; returns file name -> bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i in range(n):
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        data = f"Report {i:04d} from the coast\n\nEntry {i:04d}: {words}.\n\nSigned, keeper number {i}.\n".encode()
        name = f"note-{i:04d}.txt"
        (folder / name).write_bytes(data)
        out[name] = data
    return out


def start_import(library: Path, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "archivist", "--library", str(library), "import", str(folder), "--json"]
    err = log.open("ab")
    try:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    finally:
        err.close()


@dataclass
class Kill:
    """One killed run: when it was killed and what the library held afterwards."""

    mode: str
    lines_before_kill: int
    exit_code: int | None
    articles_after: int
    problems: list[str] = field(default_factory=list)


def kill_run(library: Path, folder: Path, log: Path, rng: random.Random, startup: bool = False,
             already: int = 0, span: int = 120) -> Kill:
    """Run the import and SIGKILL it: during start-up (`startup`), else after a random number of
    new results (past the `already` imported ones, which come back as duplicates) plus a few
    milliseconds of jitter, so the kill lands in cleaning, inside a write transaction, or in a
    commit."""
    proc = start_import(library, folder, log)
    assert proc.stdout is not None
    seen = 0
    if startup:
        time.sleep(rng.uniform(0.05, 1.0))  # the interpreter, imports, creating the schema
        mode = "start-up"
    else:
        target = already + rng.randint(1, max(1, span))
        while seen < target:
            if not proc.stdout.readline():
                break
            seen += 1
        time.sleep(rng.uniform(0, 0.01))
        mode = f"after {seen} results"
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    code = proc.wait(timeout=60)
    proc.stdout.close()
    count, problems = verify(library, folder)
    return Kill(mode, seen, code, count, problems)


def digests(folder: Path) -> set[str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def verify(library: Path, folder: Path) -> tuple[int, list[str]]:
    """(articles stored, problems found); an empty problem list means the library is sound.

    Every stored source must be byte for byte one of the files in `folder`."""
    problems: list[str] = []
    originals = digests(folder)
    db = library / "library.sqlite"
    if not db.exists():
        return 0, problems  # killed before the library file was even created: nothing to lose
    with Library(library) as lib:
        report = lib.check()
        problems += [f"check: {f.check}: {f.problem}" for f in report.problems]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        rows = con.execute(
            "SELECT a.id, a.text, s.data, s.sha256, (SELECT count(*) FROM articles_fts_docsize d "
            "WHERE d.id = a.id) FROM articles a LEFT JOIN sources s ON s.article_id = a.id").fetchall()
        for aid, text, data, sha, indexed in rows:
            if not text or not text.strip():
                problems.append(f"article {aid} has no text")
            if data is None or hashlib.sha256(data).hexdigest() != sha or sha not in originals:
                problems.append(f"article {aid} has no complete source")
            if indexed != 1:
                problems.append(f"article {aid} is not in the search index")
        dupes = con.execute("SELECT count(*) - count(DISTINCT sha256) FROM sources").fetchone()[0]
        if dupes:
            problems.append(f"{dupes} sources stored twice")
        return len(rows), problems
    finally:
        con.close()


@dataclass
class Finish:
    statuses: dict[str, int]
    articles: int
    exit_code: int


def finish(library: Path, folder: Path, log: Path) -> Finish:
    """Run the import to the end; every result is tallied by status."""
    proc = start_import(library, folder, log)
    out, _ = proc.communicate(timeout=600)
    statuses: dict[str, int] = {}
    for line in out.decode().splitlines():
        status = json.loads(line)["status"]
        statuses[status] = statuses.get(status, 0) + 1
    count, problems = verify(library, folder)
    assert not problems, problems
    return Finish(statuses, count, proc.returncode)
