"""CLI commands for highlights, notes and re-cleaning."""

from __future__ import annotations

import argparse
from pathlib import Path

from archivist.cli.output import emit_json
from archivist.cli.parsing import AddFn, positive_int
from archivist.core.colors import DEFAULT_COLOR, HIGHLIGHT_COLORS
from archivist.core.library import Library
from archivist.core.types import HighlightInfo
from archivist.errors import UsageError


def highlight_json(h: HighlightInfo) -> dict[str, object]:
    return {"id": h.id, "article_id": h.article_id, "quote": h.exact, "start": h.start, "end": h.end,
            "color": h.color, "note": h.note}


def _print_highlight(h: HighlightInfo, as_json: bool) -> None:
    if as_json:
        emit_json({**highlight_json(h), "status": h.status})
        return
    flag = "  (orphaned)" if h.status == "orphaned" else ""
    print(f"{h.id:>6}  [{h.color}] {h.start}-{h.end}{flag}  “{h.exact}”")
    if h.note:
        print(f"        note: {h.note}")


def cmd_highlight(lib: Library, args: argparse.Namespace) -> int:
    h = lib.highlight_quote(args.id, args.quote, occurrence=args.occurrence, color=args.color, note=args.note)
    if args.json:
        emit_json(highlight_json(h))
    else:
        _print_highlight(h, False)
    return 0


def cmd_highlights(lib: Library, args: argparse.Namespace) -> int:
    for h in lib.highlights(args.id):
        _print_highlight(h, args.json)
    return 0


def cmd_unhighlight(lib: Library, args: argparse.Namespace) -> int:
    h = lib.delete_highlight(args.hid)
    print(f"Removed highlight {h.id} (“{h.exact[:60]}”)")
    return 0


def cmd_note(lib: Library, args: argparse.Namespace) -> int:
    n = lib.add_note(args.id, args.text)
    if args.json:
        emit_json({"id": n.id, "article_id": n.article_id, "body": n.body})
    else:
        print(f"Note {n.id} added to article {n.article_id}")
    return 0


def cmd_reclean(lib: Library, args: argparse.Namespace) -> int:
    if args.all == bool(args.ids):
        raise UsageError("Name article ids or --all (not both)")
    ids = lib.all_article_ids() if args.all else args.ids
    failed = False
    for aid in ids:
        r = lib.reclean(aid)
        failed = failed or r.error is not None
        if args.json:
            emit_json({"id": r.article_id, "title": r.title, "changed": r.changed, "stayed": r.stayed,
                       "moved": r.moved, "orphaned": r.orphaned, "error": r.error})
        elif r.error:
            print(f"{r.article_id:>6}  failed: {r.error}")
        else:
            state = "changed" if r.changed else "unchanged"
            print(f"{r.article_id:>6}  {state}; highlights: {r.stayed} stayed, {r.moved} moved, "
                  f"{r.orphaned} orphaned  {r.title}")
    return 1 if failed else 0


def cmd_import_annotations(lib: Library, args: argparse.Namespace) -> int:
    try:
        raw = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Cannot read {args.file}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{args.file} is not UTF-8 JSON") from exc
    r = lib.import_annotations(raw)
    if args.json:
        emit_json({"added": r.added, "already_present": r.already_present, "orphaned": r.orphaned,
                   "unmatched": r.unmatched})
    else:
        print(f"{r.added} added, {r.already_present} already present, {r.orphaned} orphaned, "
              f"{r.unmatched} for articles not in this library")
    return 0


def register(add: AddFn) -> None:
    sp = add("highlight", cmd_highlight, "highlight a quote in an article")
    sp.add_argument("id", type=int)
    sp.add_argument("--quote", required=True)
    sp.add_argument("--occurrence", type=positive_int, default=1)
    sp.add_argument("--color", default=DEFAULT_COLOR, choices=list(HIGHLIGHT_COLORS))
    sp.add_argument("--note")
    sp.add_argument("--json", action="store_true")

    sp = add("highlights", cmd_highlights, "list an article's highlights in document order")
    sp.add_argument("id", type=int)
    sp.add_argument("--json", action="store_true")

    sp = add("unhighlight", cmd_unhighlight, "delete a highlight")
    sp.add_argument("hid", type=int)

    sp = add("note", cmd_note, "add a note to an article")
    sp.add_argument("id", type=int)
    sp.add_argument("text")
    sp.add_argument("--json", action="store_true")

    sp = add("reclean", cmd_reclean, "clean articles again from their stored originals, keeping highlights")
    sp.add_argument("ids", nargs="*", type=int, metavar="ID")
    sp.add_argument("--all", action="store_true")
    sp.add_argument("--json", action="store_true")

    sp = add("import-annotations", cmd_import_annotations, "read W3C annotation JSON back onto articles")
    sp.add_argument("file")
    sp.add_argument("--json", action="store_true")
