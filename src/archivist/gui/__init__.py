"""The desktop GUI (PySide6): the main window, the list model, the reader, background operations.

Talks to the library only through `archivist.core.library.Library`, like the CLI does.
"""
