"""Running the real `archivist` command as a subprocess, as other tools will."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


class Cli:
    def __init__(self, library: Path) -> None:
        self.library = library

    def __call__(self, *args: str, stdin: bytes | None = None, library: bool = True,
                 env: dict[str, str] | None = None) -> CliResult:
        cmd = [sys.executable, "-m", "archivist"]
        if library:
            cmd += ["--library", str(self.library)]
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run(cmd + list(args), input=stdin, capture_output=True, timeout=120, env=full_env)
        return CliResult(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "lib")
