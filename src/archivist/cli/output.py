"""Printing results: one JSON object per line with --json, readable text otherwise."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any, TextIO


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def emit_json(obj: dict[str, Any], out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False, default=_default) + "\n")
    stream.flush()


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def error(message: str) -> None:
    sys.stderr.write(f"archivist: error: {message}\n")
