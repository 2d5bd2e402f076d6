"""W3C Web Annotation (JSON-LD) export and parsing, for interchange with other annotation tools.

Each highlight becomes an Annotation whose target carries a TextQuoteSelector and a
TextPositionSelector over the article's plain text; the note is a TextualBody; the colour is a
CSS class from the collection's stylesheet, as the Web Annotation model prescribes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from archivist.core.colors import HIGHLIGHT_COLORS
from archivist.core.export.dossier import DossierDoc
from archivist.errors import ArchivistError

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
HASH_KEY = "archivist:textHash"
TITLE_KEY = "archivist:title"


def to_jsonld(doc: DossierDoc, text_hashes: dict[int, str]) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for ea in doc.articles:
        a = ea.article
        source = a.url or f"urn:archivist:sha256:{text_hashes[a.id]}"
        for h in ea.highlights:
            ann: dict[str, Any] = {
                "id": f"urn:archivist:highlight:{h.id}",
                "type": "Annotation",
                "motivation": "commenting" if h.note else "highlighting",
                "created": h.created_at.isoformat(),
                "target": {
                    "source": source,
                    HASH_KEY: text_hashes[a.id],
                    TITLE_KEY: a.title,
                    "styleClass": h.color,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
                        {"type": "TextPositionSelector", "start": h.start, "end": h.end},
                    ],
                },
            }
            if h.note:
                ann["body"] = {"type": "TextualBody", "value": h.note, "format": "text/plain",
                               "purpose": "commenting"}
            items.append(ann)
    css = " ".join(f".{name} {{ background-color: {hex_} }}" for name, hex_ in HIGHLIGHT_COLORS.items())
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": doc.title,
        "total": len(items),
        "stylesheet": {"type": "CssStylesheet", "value": css},
        "first": {"type": "AnnotationPage", "items": items},
    }


@dataclass(frozen=True)
class ParsedAnnotation:
    source: str | None
    text_hash: str | None
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    color: str
    note: str | None


def parse_jsonld(raw: str) -> list[ParsedAnnotation]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ArchivistError(f"Not a JSON file: {exc.msg} at line {exc.lineno}") from exc
    return [_parse_one(a) for a in _items(data)]


def _items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for d in data:
            yield from _items(d)
    elif isinstance(data, dict):
        if data.get("type") == "Annotation":
            yield data
        elif data.get("type") in ("AnnotationCollection", "AnnotationPage"):
            page = data.get("first") if data.get("type") == "AnnotationCollection" else data
            if isinstance(page, dict):
                yield from _items(page.get("items", []))
        elif "items" in data:
            yield from _items(data["items"])


_CLASS = re.compile(r"[\w-]+")


def _parse_one(a: dict[str, Any]) -> ParsedAnnotation:
    target = a.get("target")
    if isinstance(target, list):
        target = target[0] if target else {}
    if not isinstance(target, dict):
        raise ArchivistError("An annotation has no target to place it on")
    selectors = target.get("selector", [])
    if isinstance(selectors, dict):
        selectors = [selectors]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    pos = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    if quote is None or not quote.get("exact"):
        raise ArchivistError("An annotation has no TextQuoteSelector: it cannot be placed")
    body = a.get("body")
    if isinstance(body, list):
        body = next((b for b in body if isinstance(b, dict) and b.get("type") == "TextualBody"), None)
    note = body.get("value") if isinstance(body, dict) else None
    style = str(target.get("styleClass") or "")
    color = next((c for c in _CLASS.findall(style) if c in HIGHLIGHT_COLORS), "yellow")
    return ParsedAnnotation(
        source=target.get("source"), text_hash=target.get(HASH_KEY),
        exact=str(quote["exact"]), prefix=str(quote.get("prefix", "")), suffix=str(quote.get("suffix", "")),
        start=int(pos["start"]) if pos and "start" in pos else None,
        end=int(pos["end"]) if pos and "end" in pos else None,
        color=color, note=str(note) if note else None,
    )
