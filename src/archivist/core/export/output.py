"""Writing export files safely: check the target first, build beside it, move into place.

Every export format goes through here, so a failed or cancelled export never leaves a
half-written file (or a stray temporary one) and never clobbers an existing file early.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from archivist.errors import ArchivistError, UsageError


def check_target(out: Path) -> None:
    """Refuse, with a plain message, a target that cannot be written."""
    parent = out.parent if str(out.parent) else Path(".")
    if out.name in ("", ".", ".."):
        raise UsageError(f"Not a file name to write: {str(out)!r}")
    if not parent.exists():
        raise UsageError(f"The folder {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise UsageError(f"{str(parent)!r} is not a folder")
    if out.is_dir():
        raise UsageError(f"{str(out)!r} is a folder; choose a file name")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ArchivistError(f"Cannot write to the folder {str(parent)!r}: permission denied")


def reserve_temp(out: Path) -> Path:
    """A new hidden file beside `out` (created with the user's umask, unlike mkstemp's 0600)."""
    for _ in range(20):
        tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
        try:
            with open(tmp, "xb"):
                return tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise ArchivistError(f"Cannot write to the folder {str(out.parent)!r}: {exc.strerror or exc}") from exc
    raise ArchivistError(f"Cannot create a temporary file in {str(out.parent)!r}")


def write_text_atomic(out_path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `out_path` through a temporary file in the same folder."""
    out = Path(out_path).expanduser()
    check_target(out)
    tmp = reserve_temp(out)
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ArchivistError(f"Could not write {out.name}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
