"""CLI commands that keep the user's work safe: check, backup, restore, export/import-library."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from archivist.cli.output import emit_json
from archivist.cli.parsing import AddFn
from archivist.core.library import Library
from archivist.core.library.maintenance import Finding
from archivist.paths import resolve_library_dir


def cmd_check(lib: Library, args: argparse.Namespace) -> int:
    report = lib.check(repair=args.repair)
    for f in report.findings:
        _print_finding(f, args.json)
    if not args.json:
        problems = report.problems
        if not problems:
            print("The library is healthy.")
        elif report.healthy:
            print(f"{len(problems)} problem(s) found, all repaired.")
        else:
            left = sum(1 for p in problems if not p.repaired)
            hint = "" if args.repair else " Run `archivist check --repair` to fix what can be fixed."
            print(f"{len(problems)} problem(s) found, {left} not repaired.{hint}")
    return 0 if report.healthy else 1


def _print_finding(f: Finding, as_json: bool) -> None:
    if as_json:
        emit_json({"check": f.check, "ok": f.ok, "problem": f.problem, "repaired": f.repaired})
    elif f.ok:
        print(f"ok        {f.check}")
    else:
        print(f"{'repaired' if f.repaired else 'PROBLEM':<9} {f.check}: {f.problem}")


def cmd_backup(lib: Library, args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    if args.file.endswith(("/", os.sep)):  # "backups/" names a folder, even one not made yet
        target.mkdir(parents=True, exist_ok=True)
    dest = lib.backup(target, overwrite=args.force)
    if args.json:
        emit_json({"backup": str(dest), "bytes": dest.stat().st_size})
    else:
        print(f"Backed up the library to {dest}")
    return 0


def cmd_restore(_lib: None, args: argparse.Namespace) -> int:
    directory = resolve_library_dir(getattr(args, "library", None))
    report = Library.restore(Path(directory), Path(args.file))
    if args.json:
        emit_json({"restored_from": str(report.restored_from), "schema": report.revision,
                   "replaced": str(report.replaced) if report.replaced else None, "migrated": report.migrated})
    else:
        print(f"Restored the library from {report.restored_from}")
        if report.replaced:
            print(f"The library it replaced is kept at {report.replaced}")
        if report.migrated:
            print(f"The backup (schema {report.revision}) was upgraded to this version of Archivist")
    return 0


def cmd_export_library(lib: Library, args: argparse.Namespace) -> int:
    report = lib.export_library(Path(args.file))
    _print_archive("Exported", report.path, report.counts, args.json)
    return 0


def cmd_import_library(lib: Library, args: argparse.Namespace) -> int:
    report = lib.import_library(Path(args.file))
    _print_archive("Imported", report.path, report.counts, args.json)
    return 0


def _print_archive(verb: str, path: Path, counts: dict[str, int], as_json: bool) -> None:
    if as_json:
        emit_json({"archive": str(path), **counts})
    else:
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        print(f"{verb} {path}: {summary}")


def register(add: AddFn) -> None:
    sp = add("check", cmd_check, "verify the library (file, links, search index, articles, images, "
                                 "highlights); exit 1 if a problem remains")
    sp.add_argument("--repair", action="store_true", help="fix what can be fixed without losing anything")
    sp.add_argument("--json", action="store_true")

    sp = add("backup", cmd_backup, "write a consistent copy of the library to FILE (or into a folder)")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--force", action="store_true", help="replace FILE if it exists")
    sp.add_argument("--json", action="store_true")

    sp = add("restore", cmd_restore, "replace the library by a backup (the current one is kept aside)")
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(needs_library=False)

    sp = add("export-library", cmd_export_library,
             "write the whole library (articles, sources, images, annotations, dossiers) to a zip")
    sp.add_argument("file", metavar="FILE.zip")
    sp.add_argument("--json", action="store_true")

    sp = add("import-library", cmd_import_library, "fill an empty library from an export-library zip")
    sp.add_argument("file", metavar="FILE.zip")
    sp.add_argument("--json", action="store_true")
