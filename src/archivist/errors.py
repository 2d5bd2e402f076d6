"""Errors that cross layers as types.

Every failure the user can meet is an ArchivistError carrying a one-line message meant for a
person, plus optional technical detail for the log or a "Details" button. The CLI prints the
message and exits non-zero; the GUI shows it in a dialog. Lower-level exceptions (SQLAlchemy,
OSError, decoding) are wrapped at the library boundary, never swallowed.
"""

from __future__ import annotations


class ArchivistError(Exception):
    """Base of every error shown to a user."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class LibraryError(ArchivistError):
    """The library cannot be opened or written (permissions, corruption, locked)."""


class SchemaTooNewError(LibraryError):
    """The library was written by a newer Archivist; we refuse to touch it."""


class ImportFailed(ArchivistError):
    """One source could not be turned into an article (binary, empty, unreadable)."""


class NotFound(ArchivistError):
    """An article, highlight, tag or dossier id/name that does not exist."""


class UsageError(ArchivistError):
    """The caller asked for something malformed (bad arguments)."""


class ExportCancelled(ArchivistError):
    """The user cancelled an export; nothing was written."""
