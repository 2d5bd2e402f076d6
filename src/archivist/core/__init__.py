"""Archivist's core: ingest, anchoring, storage, export. Never imports Qt, the GUI or the CLI."""
