"""Composition root: parse the command line, then start the CLI or the GUI.

The GUI is imported only when needed, so the CLI never pays for (or depends on) Qt.

`archivist FILE...` (how a file manager or a .desktop entry's `Exec=archivist %F` starts the app)
opens the GUI and imports the files: when the first word that is not an option names an existing
file or folder, or is a URL, and is not a command, every such word is something to open.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from archivist.cli import build_parser, run

_WEB_SCHEMES = ("http", "https")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    argv, targets = split_open_targets(parser, argv)
    args = parser.parse_args(argv)
    if getattr(args, "command", None) is None:
        args.files = targets
        return _start_gui(args)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _start_gui(args: argparse.Namespace) -> int:
    """The GUI's process-wide set-up (log files first, so everything after is recorded)."""
    from archivist.logs import enable_faulthandler, setup_logging

    setup_logging()
    enable_faulthandler()
    try:
        from archivist.gui.application import run_gui
    except Exception:  # a broken installation: no dialog can be shown yet, so record it at least
        logging.getLogger(__name__).exception("cannot load the GUI")
        raise
    return run_gui(args)


def split_open_targets(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[list[str], list[str]]:
    """(the arguments left for argparse, the files/folders/URLs to open in the GUI).

    Nothing is taken out unless the first positional word is openable and not a command, so
    `archivist list` and `archivist import x.html` behave exactly as before.
    """
    valued, commands = _parser_shape(parser)
    positionals: list[tuple[int, str]] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            positionals += [(j, w) for j, w in enumerate(argv[i + 1:], start=i + 1)]
            break
        if word.startswith("-") and word != "-":
            takes_value = "=" not in word and any(
                opt == word or (word.startswith("--") and len(word) > 2 and opt.startswith(word))
                for opt in valued)
            i += 2 if takes_value else 1
            continue
        positionals.append((i, word))
        i += 1
    if not positionals:
        return argv, []
    first = positionals[0][1]
    if first in commands or not _openable(first):
        return argv, []
    taken = {j for j, _ in positionals}
    kept = [w for j, w in enumerate(argv) if j not in taken and w != "--"]
    return kept, [_absolute(w) for _, w in positionals]


def _parser_shape(parser: argparse.ArgumentParser) -> tuple[set[str], set[str]]:
    """The top-level options that take a value, and the command names."""
    valued: set[str] = set()
    commands: set[str] = set()
    for action in parser._actions:  # argparse has no public way to list its actions
        if isinstance(action, argparse._SubParsersAction):
            commands.update(action.choices)
        elif action.option_strings and action.nargs != 0:
            valued.update(action.option_strings)
    return valued, commands


def _openable(word: str) -> bool:
    parts = urlsplit(word)
    if parts.scheme in _WEB_SCHEMES and parts.netloc:
        return True
    if parts.scheme == "file":
        return Path(unquote(parts.path)).exists()
    return Path(word).expanduser().exists()


def _absolute(word: str) -> str:
    """A path made absolute (a running instance has another working folder); URLs as given."""
    parts = urlsplit(word)
    if parts.scheme in _WEB_SCHEMES and parts.netloc:
        return word
    if parts.scheme == "file":
        word = unquote(parts.path)
    return str(Path(word).expanduser().absolute())
