"""The core must stay free of Qt, the GUI and the CLI: checked mechanically, not by convention."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import archivist.core

CORE = Path(archivist.core.__file__).resolve().parent
FORBIDDEN = ("PySide6", "shiboken6", "archivist.gui", "archivist.cli")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module", "__import__"
        ):
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.append(arg.value)
    return names


def test_core_modules_never_import_qt_gui_or_cli() -> None:
    offenders = []
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 10, "the core package looks empty; the check would be vacuous"
    for path in files:
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                offenders.append(f"{path.relative_to(CORE.parent)} imports {name}")
    assert offenders == []


def test_importing_all_of_core_loads_no_qt() -> None:
    code = (
        "import pkgutil, importlib, sys, archivist.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'archivist.core.'):\n"
        "    if '.migrations' in m.name: continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'archivist.gui', 'archivist.cli'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
