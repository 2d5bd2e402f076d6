"""CLI `extract`: clean sources and print the result without touching any library."""

from __future__ import annotations

import argparse
import sys

from archivist.cli.output import emit_json, iso
from archivist.cli.parsing import AddFn
from archivist.core.ingest import parse_document
from archivist.core.ingest import sources
from archivist.errors import ArchivistError


def cmd_extract(_lib: None, args: argparse.Namespace) -> int:
    failed = False
    for ref in sources.expand(args.sources):
        try:
            doc = sources.read(ref, stdin=sys.stdin.buffer)
            a = parse_document(doc)
        except ArchivistError as exc:
            failed = True
            if args.json:
                emit_json({"source": ref.label, "error": exc.message})
            else:
                print(f"failed  {ref.label}: {exc.message}", file=sys.stderr)
            continue
        if args.json:
            emit_json({"source": ref.label, "title": a.title, "byline": a.byline,
                       "published": iso(a.published), "site": a.site, "language": a.language,
                       "url": a.url, "text": a.text, "html": a.html})
        else:
            print(f"# {a.title}\n")
            meta = " · ".join(x for x in (a.byline, iso(a.published), a.site, a.url) if x)
            if meta:
                print(meta + "\n")
            print(a.text + "\n")
    return 1 if failed else 0


def register(add: AddFn) -> None:
    sp = add("extract", cmd_extract, "clean sources and print them, without any library")
    sp.add_argument("sources", nargs="+", metavar="SOURCE")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(needs_library=False)
