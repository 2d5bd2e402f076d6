"""Choosing and running an export writer; every writer's output lands atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from archivist.core.export.dossier import DossierDoc
from archivist.core.export.output import check_target, write_text_atomic
from archivist.errors import UsageError

FORMATS = ("pdf", "html", "markdown", "annotations-json")
_BY_SUFFIX = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown",
              ".markdown": "markdown", ".json": "annotations-json", ".jsonld": "annotations-json"}

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def format_for(path: Path) -> str:
    fmt = _BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"Cannot tell the format from {path.name!r}; add --format ({', '.join(FORMATS)})")
    return fmt


def write_export(doc: DossierDoc, out: Path, fmt: str, text_hashes: dict[int, str] | None = None,
                 progress: Progress | None = None, cancel: Cancel | None = None) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"Unknown export format {fmt!r}")
    check_target(out)
    if fmt == "annotations-json":
        from archivist.core.export.annotations_json import to_jsonld

        write_text_atomic(out, json.dumps(to_jsonld(doc, text_hashes or {}), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        from archivist.core.export.markdown_export import write_markdown

        write_markdown(doc, out)
    elif fmt == "html":
        from archivist.core.export.html_export import write_html

        write_html(doc, out)
    else:
        from archivist.core.export.pdf import write_pdf

        write_pdf(doc, out, progress=progress, cancel=cancel)
