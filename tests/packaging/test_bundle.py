"""Build the PyInstaller bundle from packaging/archivist.spec and run it.

The only test that proves the double-click app works: the spec must carry the resources and the
Alembic migrations, the hidden imports must cover what is loaded by name, and the Qt plugins
must be there to render offscreen. It builds into a temporary folder (about a minute on two
cores), then runs the bundled binary from elsewhere with a clean environment, so nothing can
come from the source tree or the virtual environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archivist import __version__

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "archivist.spec"
SAMPLE_TITLE = "NATO Members Discuss Allowing Ukraine Use Western Arms Inside Russia"
#: Measured at about 190 MB on Linux; a jump past this means something big got pulled in.
MAX_BUNDLE_MB = 260

pytestmark = pytest.mark.slow


def test_the_bundle_builds_and_works(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One test, so that pytest-xdist cannot give the build to both workers (it takes a minute)."""
    if sys.platform == "darwin":
        pytest.skip("the macOS build is an .app bundle; see packaging/README.md")
    work = tmp_path_factory.mktemp("pyinstaller")
    try:
        bundle = build(work)
        check_smoke_test(bundle, tmp_path_factory.mktemp("smoke"))
        check_command_line(bundle, tmp_path_factory.mktemp("cli"))
        check_contents(bundle)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # about 400 MB with PyInstaller's work folder


def build(work: Path) -> Path:
    """The built one-folder app (dist/archivist)."""
    env = dict(os.environ)
    env["PYINSTALLER_CONFIG_DIR"] = str(work / "config")  # its cache, out of the user's home
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build")],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, f"PyInstaller failed:\n{proc.stderr[-6000:]}"
    return work / "dist" / "archivist"


def clean_env(home: Path) -> dict[str, str]:
    """What a user's session has: no PYTHONPATH, no venv, no QT_QPA_PLATFORM, no display."""
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT", "TEMP", "TMP")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"))
    return env


def run(bundle: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    exe = bundle / ("archivist-cli.exe" if sys.platform == "win32" else "archivist")
    return subprocess.run([str(exe), *args], cwd=home, env=clean_env(home), capture_output=True,
                          text=True, timeout=180)


def check_smoke_test(bundle: Path, tmp_path: Path) -> None:
    proc = run(bundle, "--smoke-test", home=tmp_path)
    assert proc.returncode == 0, f"stdout: {proc.stdout}\nstderr: {proc.stderr}"
    assert proc.stdout.startswith("smoke test passed")
    assert SAMPLE_TITLE in proc.stdout
    log = tmp_path / "state" / "Archivist" / "log" / "archivist.log"
    assert "bundled" in log.read_text(encoding="utf-8")  # it knew it was frozen


def check_command_line(bundle: Path, tmp_path: Path) -> None:
    """The CLI in the bundle creates a library: the migrations were found and run."""
    assert run(bundle, "--version", home=tmp_path).stdout.strip() == f"archivist {__version__}"
    library = tmp_path / "lib"
    sample = bundle / "_internal" / "resources" / "samples" / "sample-article.txt"
    imported = run(bundle, "--library", str(library), "import", str(sample), "--json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert '"status": "imported"' in imported.stdout
    listed = run(bundle, "--library", str(library), "list", home=tmp_path)
    assert SAMPLE_TITLE in listed.stdout


def check_contents(bundle: Path) -> None:
    """The data files are there; development tools and the GTK theme plugin are not."""
    internal = bundle / "_internal"
    for relative in ("resources/cruft.toml", "resources/reader.css", "resources/fonts/DejaVuSerif.ttf",
                     "resources/icons/archivist-256.png", "resources/samples/sample-article.txt",
                     "archivist/core/store/migrations/env.py",
                     "archivist/core/store/migrations/versions/0001_initial_schema.py"):
        assert (internal / relative).is_file(), relative
    assert not list(internal.rglob("__pycache__"))
    for absent in ("pytest", "_pytest", "PyInstaller", "hypothesis", "tkinter"):
        assert not (internal / absent).exists(), absent
    assert not list(internal.rglob("*libqgtk3*"))  # would load the host's GTK against bundled GLib
    size_mb = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    assert size_mb < MAX_BUNDLE_MB, f"the bundle grew to {size_mb:.0f} MB"
