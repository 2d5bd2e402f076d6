"""CLI `export`: dossiers and articles to PDF, HTML, Markdown or W3C annotation JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from archivist.cli.parsing import AddFn
from archivist.core.export.writers import FORMATS, format_for, write_export
from archivist.core.library import Library
from archivist.errors import UsageError


def cmd_export(lib: Library, args: argparse.Namespace) -> int:
    if bool(args.dossier) == bool(args.ids):
        raise UsageError("Export either --dossier NAME or article ids, not both and not neither")
    out = Path(args.out).expanduser()
    fmt = args.format or format_for(out)
    doc = lib.export_data(article_ids=args.ids, dossier=args.dossier)
    hashes = lib.text_hashes([a.article.id for a in doc.articles]) if fmt == "annotations-json" else {}
    write_export(doc, out, fmt, text_hashes=hashes)
    if args.json:
        print(json.dumps({"out": str(out), "format": fmt, "articles": len(doc.articles),
                          "highlights": doc.highlight_count, "notes": doc.note_count}))
    else:
        n, h = len(doc.articles), doc.highlight_count
        print(f"Wrote {out} ({fmt}: {n} article{'s' if n != 1 else ''}, "
              f"{h} highlight{'s' if h != 1 else ''})")
    return 0


def register(add: AddFn) -> None:
    sp = add("export", cmd_export, "export articles or a dossier (pdf, html, markdown, annotations-json)")
    sp.add_argument("ids", nargs="*", type=int, metavar="ID")
    sp.add_argument("--dossier", metavar="NAME")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("--format", choices=FORMATS)
    sp.add_argument("--json", action="store_true")
