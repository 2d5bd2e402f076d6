#!/usr/bin/env python3
"""Start-up time: process start to a usable main window on a 10,000-article library.

Builds the library once through the real import path (Library.import_document on small
generated text articles, so the schema comes from the migrations and every row, index and
full-text entry is what a user's would be), then starts the app several times with
ARCHIVIST_STARTUP_PROBE=1: the app prints a marker once the window is shown and the first rows
of the list are painted (gui/probes.py), and quits. The time is measured from just before the
process is spawned to the moment the marker line arrives.

Peers measured in the same run, for scale: a bare `python -c pass`, and a minimal PySide6
window shown and painted the same way. Prints each run, then the medians. Goal: < 1.5 s.

Usage: python benchmarks/startup.py [--articles 10000] [--runs 7] [--keep DIR] [--bundle PATH]
  --bundle PATH   also time a PyInstaller build (e.g. dist/archivist/archivist)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from archivist.gui.probes import PROBE_ENV, PROBE_MARKER  # noqa: E402  (no Qt import at module level)

GOAL_S = 1.5
WORDS = ("harbour tide ship night lantern keeper storm wreck light channel pilot dock crane rope "
         "cargo ledger customs quay buoy current ferry gull mist anchor beacon").split()

MINIMAL_WINDOW = f"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget
app = QApplication(sys.argv[:1])
w = QMainWindow(); t = QTableWidget(20, 4); w.setCentralWidget(t); w.resize(1200, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            o.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("{PROBE_MARKER}", flush=True), app.quit()))
        return False
f = F(); t.viewport().installEventFilter(f)
w.show(); app.exec()
"""


def build_library(directory: Path, count: int) -> None:
    """`count` small text articles imported one by one, as `archivist import` would."""
    from archivist.core.library import Library
    from archivist.core.types import SourceDocument

    rng = random.Random(20240530)
    started = time.perf_counter()
    with Library(directory) as lib:
        have = lib.count()
        for i in range(have, count):
            title = f"Dispatch {i}: " + " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
            paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
                          for _ in range(rng.randint(3, 8))]
            text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
            lib.import_document(SourceDocument(data=text.encode("utf-8"), name=f"dispatch-{i}.txt"))
            if (i + 1) % 1000 == 0:
                print(f"  {i + 1} articles ({time.perf_counter() - started:.0f} s)", flush=True)
        total = lib.count()
    if total < count:
        raise SystemExit(f"library has {total} articles, expected {count}")


class Run(NamedTuple):
    wall: float  # spawn to marker line
    cpu: float  # the process's user + system time, to its exit: steadier on a busy machine


def time_to_marker(cmd: list[str], env: dict[str, str]) -> Run:
    """Spawn `cmd`, time it to its marker line, then let it exit and read its CPU time."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(PROBE_MARKER):
            elapsed = time.perf_counter() - started
            break
    else:
        proc.wait()
        raise SystemExit(f"no start-up marker from {cmd} (exit {proc.returncode})")
    proc.stdout.read()
    return Run(elapsed, _reap(proc))


def time_process(cmd: list[str], env: dict[str, str]) -> Run:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu = _reap(proc)
    return Run(time.perf_counter() - started, cpu)


def _reap(proc: subprocess.Popen[str] | subprocess.Popen[bytes]) -> float:
    """Wait for the child and return its user + system CPU seconds."""
    if not hasattr(os, "wait4"):  # Windows: no per-child CPU time here
        proc.wait(timeout=60)
        return float("nan")
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def report(name: str, runs: list[Run]) -> float:
    """One line per measured thing; returns the median wall-clock time."""
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    each = " ".join(f"{r.wall:.2f}" for r in runs)
    print(f"{name:<34} median {wall:.3f} s wall, {cpu:.3f} s CPU  (min {min(r.wall for r in runs):.3f}; "
          f"runs: {each})")
    return wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="build the library in DIR and keep it for next time")
    ap.add_argument("--bundle", type=Path, default=None, help="also time this PyInstaller executable")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="archivist-startup-") as tmp:
        library = args.keep if args.keep is not None else Path(tmp) / "library"
        print(f"library: {library} ({args.articles} articles)")
        started = time.perf_counter()
        build_library(library, args.articles)
        print(f"library ready in {time.perf_counter() - started:.1f} s")

        env = dict(os.environ)
        if not env.get("DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env[PROBE_ENV] = "1"
        env["XDG_STATE_HOME"] = str(Path(tmp) / "state")  # the app's log files go here, not to yours
        app_cmd = [sys.executable, "-m", "archivist", "--library", str(library), "--no-crash-dialog"]

        commands: dict[str, tuple[list[str], bool]] = {  # name: (command, prints the marker)
            "python -c pass": ([sys.executable, "-c", "pass"], False),
            "minimal PySide6 window": ([sys.executable, "-c", MINIMAL_WINDOW], True),
            f"Archivist, {args.articles} articles": (app_cmd, True),
        }
        if args.bundle is not None:
            commands["Archivist bundle (PyInstaller)"] = (
                [str(args.bundle), "--library", str(library), "--no-crash-dialog"], True)
        results: dict[str, list[Run]] = {name: [] for name in commands}
        for round_ in range(args.runs + 1):  # round 0 warms file caches and writes .pyc files
            for name, (cmd, marker) in commands.items():  # interleaved: each sees the same load
                run = time_to_marker(cmd, env) if marker else time_process(cmd, env)
                if round_:
                    results[name].append(run)

        print()
        medians = {name: report(name, runs) for name, runs in results.items()}
        median = max(m for name, m in medians.items() if name.startswith("Archivist"))
        verdict = "meets" if median < GOAL_S else "MISSES"
        print(f"\nstart to usable window: {median:.3f} s, {verdict} the {GOAL_S} s goal")
        if hasattr(os, "getloadavg"):
            print(f"(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
                  "wall times stretch with load, CPU times much less)")
        return 0 if median < GOAL_S else 1


if __name__ == "__main__":
    sys.exit(main())
