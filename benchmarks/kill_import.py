#!/usr/bin/env python3
"""Crash-safety figures: SIGKILL `archivist import` at random moments, many times over.

Each round starts the real import of a folder of small text files as a subprocess and kills it
(the first round during start-up, the others after a random number of new results plus a few
milliseconds of jitter). After every kill it checks that the library opens, passes
`PRAGMA integrity_check` and `archivist check`, and that every article is whole (text, the
exact source bytes, a search-index entry) and stored once. At the end the import is run to
completion: every file must then be in the library exactly once, the earlier ones reported
as duplicates.

Prints one line per kill and a summary: kills survived, articles after each kill, timings.
The same harness runs three rounds in tests/e2e/test_crash_safety.py.

Usage: python benchmarks/kill_import.py [--kills 12] [--files 500] [--seed N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.killing import finish, kill_run, make_corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=12)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it (default: a temp dir)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="kill-import-"))
    work.mkdir(parents=True, exist_ok=True)
    library, folder, log = work / "lib", work / "corpus", work / "stderr.log"
    make_corpus(folder, args.files)
    print(f"seed {seed}; {args.files} files; {args.kills} kills; work dir {work}")

    survived = killed = 0
    failed = False
    after: list[int] = []
    t0 = time.perf_counter()
    for i in range(args.kills):
        k = kill_run(library, folder, log, rng, startup=(i == 0), already=after[-1] if after else 0,
                     span=max(2, 2 * args.files // (args.kills + 1)))
        ok = not k.problems and (not after or k.articles_after >= after[-1])
        killed += k.exit_code == -9
        survived += ok and k.exit_code == -9
        failed = failed or not ok
        after.append(k.articles_after)
        print(f"kill {i + 1:>2}: {k.mode:<22} exit {k.exit_code!s:>4}  articles {k.articles_after:>4}  "
              f"{'ok' if ok else 'FAILED: ' + '; '.join(k.problems[:3])}")
        if after[-1] >= args.files:
            print("(the import finished before the kill: the remaining kills are skipped)")
            break
    kill_time = time.perf_counter() - t0
    t1 = time.perf_counter()
    done = finish(library, folder, log)
    finish_time = time.perf_counter() - t1
    expected = {"imported": args.files - after[-1], "duplicate": after[-1]}
    expected = {k: v for k, v in expected.items() if v}
    complete = done.articles == args.files and done.statuses == expected and done.exit_code == 0
    locked = "locked" in log.read_text(errors="replace")

    print()
    print(f"kills survived:        {survived}/{killed}"
          + (f" ({len(after) - killed} run(s) finished before the kill)" if len(after) > killed else ""))
    print(f"articles after kills:  {', '.join(map(str, after))}")
    print(f"final run:             {done.statuses} -> {done.articles} articles "
          f"({'complete, no duplicates' if complete else 'INCOMPLETE'})")
    print(f"'database is locked':  {'SEEN' if locked else 'never'}")
    print(f"time: kill rounds {kill_time:.1f} s, final run {finish_time:.1f} s")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if not failed and survived == killed and complete and not locked else 1


if __name__ == "__main__":
    sys.exit(main())
