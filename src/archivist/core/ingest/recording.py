"""A resource loader wrapper that remembers which address gave which image bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

Loader = Callable[[str], "tuple[bytes, str] | None"]
IMAGE_REF_PREFIX = "archivist-image:"


class RecordingLoader:
    """Wraps a loader; `origins` maps each address that loaded to the image ref it became."""

    def __init__(self, inner: Loader) -> None:
        self.inner = inner
        self.origins: dict[str, str] = {}

    def __call__(self, address: str) -> tuple[bytes, str] | None:
        got = self.inner(address)
        if got is not None:
            self.origins[address] = IMAGE_REF_PREFIX + hashlib.sha256(got[0]).hexdigest()
        return got
