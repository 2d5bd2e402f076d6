"""Argument parsing and dispatch. Exit codes: 0 all well, 1 an input failed, 2 usage error."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from archivist import __version__
from archivist.cli import annotating, articles, dossiers, exporting, extracting, maintenance
from archivist.cli.output import error
from archivist.cli.parsing import Handler
from archivist.core.library import Library
from archivist.errors import ArchivistError, UsageError
from archivist.paths import resolve_library_dir

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help="library folder (default: $ARCHIVIST_LIBRARY, else your data folder)")

    p = argparse.ArgumentParser(prog="archivist", parents=[common],
                                description="Archive, clean, search and annotate articles. "
                                            "Run without a command to open the app; "
                                            "`archivist FILE...` opens the app and imports them.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    app = p.add_argument_group("app options (without a command)")
    app.add_argument("--smoke-test", action="store_true",
                     help="open the window offscreen, import and show the bundled sample article "
                          "in a temporary library, exit 0 if all worked (checks an installation)")
    app.add_argument("--screenshot", metavar="FILE",
                     help="save a PNG of the main window on the library, then exit")
    app.add_argument("--no-crash-dialog", action="store_true",
                     help="report unexpected errors to the log and standard error only")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, parents=[common], help=help_, description=help_)
        sp.set_defaults(handler=handler)
        return sp

    articles.register(add)
    extracting.register(add)
    annotating.register(add)
    exporting.register(add)
    maintenance.register(add)
    dossiers.register(sub, common)
    return p


def run(args: argparse.Namespace) -> int:
    """Run a parsed CLI command; the caller has already ruled out 'no command' (the GUI)."""
    try:
        if not getattr(args, "needs_library", True):
            code: int = args.handler(None, args)
            return code
        directory = resolve_library_dir(getattr(args, "library", None))
        with Library(Path(directory)) as lib:
            code = args.handler(lib, args)
            return code
    except UsageError as exc:
        error(exc.message)
        return 2
    except ArchivistError as exc:
        error(exc.message)
        return 1
    except Exception as exc:  # a bug: say so plainly; ARCHIVIST_DEBUG=1 shows the traceback
        if os.environ.get("ARCHIVIST_DEBUG"):
            raise
        log.exception("internal error in %s", getattr(args, "command", "?"))
        error(f"internal error ({type(exc).__name__}: {exc}); set ARCHIVIST_DEBUG=1 for details")
        return 1
