"""Finding and reading what the user asked to import: files, folders, standard input.

Reading is separate from cleaning so that one unreadable file (vanished, unreadable, too big)
becomes one failed result while the rest of the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from archivist.core.ingest.web_url import is_web_url
from archivist.core.types import SourceDocument
from archivist.errors import ImportFailed

#: Extensions picked up when walking a folder (a file named explicitly is always tried).
IMPORTABLE_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".shtml"}
)
#: Larger sources are refused: no article is this big, and reading it would stall the app.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True)
class SourceRef:
    """Something to import, named as the user will see it in results."""

    label: str
    path: Path | None  # None for stdin and URLs
    url: str | None = None


def expand(args: list[str]) -> Iterator[SourceRef]:
    """Files as given, folders walked recursively (sorted, hidden entries skipped)."""
    for arg in args:
        if arg == STDIN:
            yield SourceRef(STDIN, None)
            continue
        if is_web_url(arg):
            yield SourceRef(arg.strip(), None, url=arg.strip())
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            yield from _walk(path)
        else:
            yield SourceRef(arg, path)


def _walk(folder: Path) -> Iterator[SourceRef]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = Path(root) / name
            if p.suffix.lower() in IMPORTABLE_SUFFIXES:
                yield SourceRef(str(p), p)


def read(ref: SourceRef, stdin: BinaryIO | None = None) -> SourceDocument:
    """The source's bytes; for a URL this fetches the page (the only network access of import)."""
    if ref.url is not None:
        from archivist.core.ingest.fetch import fetch_page  # the HTTP client only when needed

        return fetch_page(ref.url)
    if ref.path is None:
        if stdin is None:
            raise ImportFailed("No standard input to read from")
        data = stdin.read(MAX_SOURCE_BYTES + 1)
        _check_size(len(data), "standard input")
        return SourceDocument(data=data, name="stdin.txt")
    try:
        size = ref.path.stat().st_size
        _check_size(size, ref.path.name)
        with ref.path.open("rb") as fh:
            data = fh.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError as exc:
        raise ImportFailed(f"File not found: {ref.label}") from exc
    except IsADirectoryError as exc:
        raise ImportFailed(f"Is a folder, not a file: {ref.label}") from exc
    except PermissionError as exc:
        raise ImportFailed(f"Permission denied: {ref.label}") from exc
    except OSError as exc:
        raise ImportFailed(f"Cannot read {ref.label}: {exc.strerror or exc}") from exc
    _check_size(len(data), ref.path.name)
    return SourceDocument(data=data, name=ref.path.name, url=None, folder=str(ref.path.parent))


def _check_size(size: int, what: str) -> None:
    if size > MAX_SOURCE_BYTES:
        raise ImportFailed(
            f"{what} is too large to be an article ({size / 1048576:.0f} MB; "
            f"the limit is {MAX_SOURCE_BYTES // 1048576} MB)"
        )
