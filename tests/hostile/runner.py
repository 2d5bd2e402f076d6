"""Imports one source in a separate process, so a hang can be stopped and a crash is seen.

The parent forks children from a forkserver preloaded with the importer, so each case starts
in milliseconds from a clean single-threaded process. A case that overruns its time is killed;
one that dies (a segfault in a C parser, the OOM killer) is reported with its signal.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

PRELOAD = ["archivist.core.library", "archivist.core.ingest.html", "archivist.core.ingest.markdown",
           "archivist.core.ingest.text", "alembic.command", "charset_normalizer"]


@dataclass(frozen=True)
class Outcome:
    status: str  # imported | duplicate | failed | timeout | crashed
    error: str | None
    article_id: int | None
    seconds: float


def _child(conn: Connection, library: str, source: str) -> None:
    from archivist.core.library import Library

    with Library(Path(library)) as lib:
        t0 = time.perf_counter()
        [r] = lib.import_paths([source])
        seconds = time.perf_counter() - t0
    # Sent once the library is closed, so the parent reads a library nobody is writing.
    conn.send({"status": r.status, "error": r.error, "id": r.id, "seconds": seconds})
    conn.close()


class Runner:
    def __init__(self) -> None:
        self.ctx: Any = multiprocessing.get_context("forkserver")
        self.ctx.set_forkserver_preload(PRELOAD)

    def run(self, library: Path, source: Path, limit: float) -> Outcome:
        parent, child = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_child, args=(child, str(library), str(source)), daemon=True)
        t0 = time.perf_counter()
        proc.start()
        child.close()
        try:
            if parent.poll(limit):
                try:
                    got = parent.recv()
                except EOFError:
                    got = None
                if got is not None:
                    proc.join(30)
                    return Outcome(got["status"], got["error"], got["id"], got["seconds"])
            elapsed = time.perf_counter() - t0
            proc.join(0.5)
            if proc.exitcode is not None:
                return Outcome("crashed", f"the import process died (exit code {proc.exitcode})", None, elapsed)
            proc.kill()
            proc.join(10)
            return Outcome("timeout", f"still running after {limit:.0f} s", None, elapsed)
        finally:
            parent.close()
