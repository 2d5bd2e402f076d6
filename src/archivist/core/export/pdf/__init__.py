"""Annotated PDF dossiers (ReportLab): cover, contents, articles with painted highlights,
footnoted notes and real PDF annotations, and an annotations summary.

`write_pdf` is imported lazily: ReportLab costs about 0.1 s to import, and the reportlab-free
modules here (`blocks`) are shared with the HTML export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archivist.core.export.pdf.writer import ExportCancelled, write_pdf

__all__ = ["ExportCancelled", "write_pdf"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from archivist.core.export.pdf import writer

        return getattr(writer, name)
    raise AttributeError(name)
