"""Argument parsing and dispatch. Exit codes: 0 all well, 1 an input failed, 2 usage error."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from archivist import __version__
from archivist.cli import articles
from archivist.cli.output import error
from archivist.core.library import Library
from archivist.errors import ArchivistError, UsageError
from archivist.paths import resolve_library_dir

Handler = Callable[[Library, argparse.Namespace], int]


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help="library folder (default: $ARCHIVIST_LIBRARY, else your data folder)")

    p = argparse.ArgumentParser(prog="archivist", parents=[common],
                                description="Archive, clean, search and annotate articles.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, parents=[common], help=help_, description=help_)
        sp.set_defaults(handler=handler)
        return sp

    sp = add("import", articles.cmd_import, "import files, folders (recursively) or - for stdin")
    sp.add_argument("sources", nargs="+", metavar="SOURCE")
    sp.add_argument("--tag", action="append", metavar="TAG")
    sp.add_argument("--json", action="store_true")

    sp = add("list", articles.cmd_list, "list the articles in the library")
    sp.add_argument("--tag", metavar="TAG")
    sp.add_argument("--json", action="store_true")

    sp = add("show", articles.cmd_show, "print one article")
    sp.add_argument("id", type=int)
    sp.add_argument("--format", choices=("text", "html", "json"), default="text")

    sp = add("search", articles.cmd_search, "full-text search, best matches first")
    sp.add_argument("query")
    sp.add_argument("--limit", type=_positive_int, default=20)
    sp.add_argument("--json", action="store_true")

    sp = add("tag", articles.cmd_tag, "add tags to an article")
    sp.add_argument("id", type=int)
    sp.add_argument("tags", nargs="+", metavar="TAG")

    sp = add("untag", articles.cmd_untag, "remove tags from an article")
    sp.add_argument("id", type=int)
    sp.add_argument("tags", nargs="+", metavar="TAG")
    return p


def run(args: argparse.Namespace) -> int:
    """Run a parsed CLI command; the caller has already ruled out 'no command' (the GUI)."""
    directory = resolve_library_dir(getattr(args, "library", None))
    try:
        with Library(Path(directory)) as lib:
            code: int = args.handler(lib, args)
            return code
    except UsageError as exc:
        error(exc.message)
        return 2
    except ArchivistError as exc:
        error(exc.message)
        return 1
