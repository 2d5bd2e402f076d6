"""Archivist: a desktop article archiver and annotator."""

__version__ = "0.1.0"
APP_NAME = "Archivist"
