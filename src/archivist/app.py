"""Composition root: parse the command line, then start the CLI or the GUI.

The GUI is imported only when needed, so the CLI never pays for (or depends on) Qt.
"""

from __future__ import annotations

import sys

from archivist.cli import build_parser, run


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "command", None) is None:
        from archivist.gui.application import run_gui

        return run_gui(args)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
