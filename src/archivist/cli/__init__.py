"""The command-line face of Archivist: argparse in, JSON lines or text out.

A thin layer over `archivist.core.library`; every command maps to library calls.
"""

from archivist.cli.main import build_parser, run

__all__ = ["build_parser", "run"]
