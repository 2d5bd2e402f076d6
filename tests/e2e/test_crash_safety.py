"""SIGKILL an import at random moments: the library survives every kill whole, and re-running the
import completes it without storing anything twice. (More rounds: benchmarks/kill_import.py.)"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.e2e.conftest import Cli
from tests.e2e.killing import finish, kill_run, make_corpus

N_FILES = 500


@pytest.mark.slow
def test_import_survives_sigkill_and_resumes_without_duplicates(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    make_corpus(folder, N_FILES)
    log = tmp_path / "stderr.log"
    rng = random.Random()  # a different set of moments every run; the seed is in the failure message
    seed = rng.randrange(1 << 30)
    rng.seed(seed)

    kills = [kill_run(cli.library, folder, log, rng, startup=True)]
    assert kills[0].problems == [], (seed, kills[0])
    for _ in range(3):
        kills.append(kill_run(cli.library, folder, log, rng, already=kills[-1].articles_after))
        assert kills[-1].problems == [], (seed, kills[-1])
        check = cli("check", "--json")  # the command a user would run after a crash
        assert check.code == 0 and all(x["ok"] for x in check.json_lines()), (seed, check.stdout)
    counts = [k.articles_after for k in kills]
    assert counts == sorted(counts), (seed, kills)  # nothing committed is ever lost
    assert any(k.exit_code == -9 and 0 < k.articles_after < N_FILES for k in kills), (seed, kills)

    before = kills[-1].articles_after
    done = finish(cli.library, folder, log)
    assert done.exit_code == 0
    assert done.articles == N_FILES
    assert done.statuses == {"imported": N_FILES - before, "duplicate": before}, (seed, done)
    assert "locked" not in log.read_text(errors="replace")
