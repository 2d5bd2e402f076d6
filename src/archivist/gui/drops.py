"""What a drop (or a paste) onto the window asks us to import.

Files and folders from a file manager arrive as local URLs; a link dragged from a browser as
`text/uri-list` (often with `text/html` beside it); a selection of page content as `text/html`
alone; an address typed elsewhere as plain text. Each becomes something `import_paths` takes:
a path, a web address, or (for an HTML fragment) a file written to a private temporary folder.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMimeData

from archivist.core.ingest.web_url import is_web_url

_HREF = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']([^"']+)["']""", re.I)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class DroppedSources:
    sources: list[str] = field(default_factory=list)
    html_fragment: str | None = None

    def __bool__(self) -> bool:
        return bool(self.sources) or self.html_fragment is not None


def sources_from_mime(mime: QMimeData | None) -> DroppedSources:
    found = DroppedSources()
    if mime is None:
        return found
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile():
                found.sources.append(url.toLocalFile())
            elif is_web_url(url.toString()):
                found.sources.append(url.toString())
        if found.sources:
            return found
    if mime.hasHtml():
        html = mime.html()
        links = _HREF.findall(html)
        visible = _TAGS.sub(" ", html).split()
        if len(links) == 1 and is_web_url(links[0]) and len(visible) < 40:
            found.sources.append(links[0])  # a dragged link, not a passage of a page
        elif visible:
            found.html_fragment = html
        return found
    if mime.hasText():
        lines = [line.strip() for line in mime.text().splitlines() if line.strip()]
        found.sources.extend(line for line in lines if is_web_url(line))
    return found


class FragmentFiles:
    """Dropped HTML fragments written to files so the importer can treat them like any page."""

    def __init__(self) -> None:
        self._dirs: list[Path] = []

    def write(self, html: str) -> str:
        folder = Path(tempfile.mkdtemp(prefix="archivist-drop-"))
        self._dirs.append(folder)
        path = folder / "Dropped page.html"
        path.write_text(html, encoding="utf-8")
        return str(path)

    def cleanup(self) -> None:
        """Forget the files once imported: the library keeps the original bytes itself."""
        for folder in self._dirs:
            shutil.rmtree(folder, ignore_errors=True)
        self._dirs.clear()
