"""CLI commands over articles: import, list, show, search, tag, untag."""

from __future__ import annotations

import argparse
import sys

from archivist.cli.output import emit_json, iso
from archivist.cli.parsing import AddFn, non_negative_int
from archivist.core.library import Library
from archivist.core.types import ArticleDetail, ImportResult


def cmd_import(lib: Library, args: argparse.Namespace) -> int:
    failed = False

    def report(_done: int, _total: int, r: ImportResult) -> None:
        nonlocal failed
        failed = failed or r.status == "failed"
        if args.json:
            emit_json({"source": r.source, "status": r.status, "id": r.id, "title": r.title, "error": r.error})
        elif r.status == "failed":
            print(f"failed     {r.source}: {r.error}")
        else:
            print(f"{r.status:<10} {r.source} -> #{r.id} {r.title}")

    results = lib.import_paths(args.sources, tags=args.tag or [], stdin=sys.stdin.buffer, progress=report)
    if not results and not args.json:
        print("Nothing to import: no text, Markdown or HTML files found.")
    return 1 if failed else 0


def cmd_list(lib: Library, args: argparse.Namespace) -> int:
    for a in lib.list_articles(tag=args.tag):
        if args.json:
            emit_json({"id": a.id, "title": a.title, "site": a.site, "published": iso(a.published),
                       "imported_at": iso(a.imported_at), "tags": list(a.tags)})
        else:
            date = iso(a.published) or "          "
            tags = f"  [{', '.join(a.tags)}]" if a.tags else ""
            print(f"{a.id:>6}  {date}  {a.title}{tags}")
    return 0


def article_json(a: ArticleDetail) -> dict[str, object]:
    return {
        "id": a.id, "title": a.title, "byline": a.byline, "published": iso(a.published),
        "site": a.site, "url": a.url, "language": a.language, "text": a.text, "html": a.html,
        "tags": list(a.tags), "word_count": a.word_count, "imported_at": iso(a.imported_at),
    }


def cmd_show(lib: Library, args: argparse.Namespace) -> int:
    a = lib.get_article(args.id)
    if args.format == "json":
        emit_json(article_json(a))
    elif args.format == "html":
        sys.stdout.write(a.html + ("\n" if not a.html.endswith("\n") else ""))
    else:
        sys.stdout.write(a.text + "\n")
    return 0


def cmd_search(lib: Library, args: argparse.Namespace) -> int:
    for hit in lib.search(args.query, limit=args.limit):
        if args.json:
            emit_json({"id": hit.id, "title": hit.title, "snippet": hit.snippet, "rank": hit.rank})
        else:
            print(f"{hit.id:>6}  {hit.title}\n        {hit.snippet}")
    return 0


def cmd_tag(lib: Library, args: argparse.Namespace) -> int:
    tags = lib.tag(args.id, args.tags)
    print(", ".join(tags))
    return 0


def cmd_untag(lib: Library, args: argparse.Namespace) -> int:
    tags = lib.untag(args.id, args.tags)
    print(", ".join(tags))
    return 0


def register(add: AddFn) -> None:
    sp = add("import", cmd_import, "import files, folders (recursively) or - for stdin")
    sp.add_argument("sources", nargs="+", metavar="SOURCE")
    sp.add_argument("--tag", action="append", metavar="TAG")
    sp.add_argument("--json", action="store_true")

    sp = add("list", cmd_list, "list the articles in the library")
    sp.add_argument("--tag", metavar="TAG")
    sp.add_argument("--json", action="store_true")

    sp = add("show", cmd_show, "print one article")
    sp.add_argument("id", type=int)
    sp.add_argument("--format", choices=("text", "html", "json"), default="text")

    sp = add("search", cmd_search, "full-text search, best matches first")
    sp.add_argument("query")
    sp.add_argument("--limit", type=non_negative_int, default=20)
    sp.add_argument("--json", action="store_true")

    sp = add("tag", cmd_tag, "add tags to an article")
    sp.add_argument("id", type=int)
    sp.add_argument("tags", nargs="+", metavar="TAG")

    sp = add("untag", cmd_untag, "remove tags from an article")
    sp.add_argument("id", type=int)
    sp.add_argument("tags", nargs="+", metavar="TAG")
