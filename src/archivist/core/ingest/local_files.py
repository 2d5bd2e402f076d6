"""A resource loader for a saved web page: its images from the folder it was saved in.

Only files inside the page's own folder (and its sub-folders, such as `page_files/`) are read, so
a hostile page cannot make the import read arbitrary files; remote images of a saved page are not
fetched, because importing a file is an offline operation.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from archivist.core.ingest.image_types import sniff_image_type

IMAGE_LIMIT = 8 * 1024 * 1024


class FolderImageLoader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def __call__(self, ref: str) -> tuple[bytes, str] | None:
        parts = urlsplit(ref)
        if parts.scheme not in ("", "file") or (parts.scheme == "" and parts.netloc):
            return None
        if parts.scheme == "file":
            return None  # absolute file: URLs point outside the saved page; never follow them
        candidate = (self.folder / unquote(parts.path)).resolve()
        if not candidate.is_relative_to(self.folder) or not candidate.is_file():
            return None
        try:
            if candidate.stat().st_size > IMAGE_LIMIT:
                return None
            data = candidate.read_bytes()
        except OSError:
            return None
        media_type = sniff_image_type(data)
        if media_type is None or media_type == "image/svg+xml":
            return None
        return data, media_type
