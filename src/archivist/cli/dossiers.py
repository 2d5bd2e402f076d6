"""CLI commands for dossiers: create, add, remove, list, show."""

from __future__ import annotations

import argparse

from archivist.cli.output import emit_json, iso
from archivist.cli.parsing import Handler
from archivist.core.library import Library
from archivist.core.types import DossierInfo


def _dossier_json(d: DossierInfo) -> dict[str, object]:
    return {"id": d.id, "name": d.name, "introduction": d.introduction,
            "articles": [{"id": a.id, "title": a.title, "site": a.site, "published": iso(a.published)}
                         for a in d.articles]}


def _print(d: DossierInfo, as_json: bool) -> None:
    if as_json:
        emit_json(_dossier_json(d))
        return
    print(d.name)
    if d.introduction:
        print(f"  {d.introduction}")
    for n, a in enumerate(d.articles, 1):
        print(f"  {n:>3}. #{a.id} {a.title}")


def cmd_create(lib: Library, args: argparse.Namespace) -> int:
    _print(lib.create_dossier(args.name, args.intro or ""), args.json)
    return 0


def cmd_add(lib: Library, args: argparse.Namespace) -> int:
    _print(lib.add_to_dossier(args.name, args.ids), args.json)
    return 0


def cmd_remove(lib: Library, args: argparse.Namespace) -> int:
    _print(lib.remove_from_dossier(args.name, args.ids), args.json)
    return 0


def cmd_list(lib: Library, args: argparse.Namespace) -> int:
    for d in lib.dossiers():
        if args.json:
            emit_json({"id": d.id, "name": d.name, "articles": d.article_count,
                       "introduction": d.introduction, "updated_at": iso(d.updated_at)})
        else:
            print(f"{d.name}  ({d.article_count} articles)")
    return 0


def cmd_show(lib: Library, args: argparse.Namespace) -> int:
    _print(lib.dossier(args.name), args.json)
    return 0


def cmd_delete(lib: Library, args: argparse.Namespace) -> int:
    lib.delete_dossier(args.name)
    return 0


def cmd_rename(lib: Library, args: argparse.Namespace) -> int:
    _print(lib.rename_dossier(args.name, args.new_name), args.json)
    return 0


def register(parent: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    dp = parent.add_parser("dossier", parents=[common], help="manage dossiers (ordered collections)")
    sub = dp.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)

    def add(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, parents=[common], help=help_, description=help_)
        sp.set_defaults(handler=handler)
        sp.add_argument("--json", action="store_true")
        return sp

    sp = add("create", cmd_create, "create a dossier")
    sp.add_argument("name")
    sp.add_argument("--intro", help="introduction note")
    sp = add("add", cmd_add, "add articles at the end of a dossier")
    sp.add_argument("name")
    sp.add_argument("ids", nargs="+", type=int, metavar="ID")
    sp = add("remove", cmd_remove, "remove articles from a dossier")
    sp.add_argument("name")
    sp.add_argument("ids", nargs="+", type=int, metavar="ID")
    add("list", cmd_list, "list dossiers")
    sp = add("show", cmd_show, "show a dossier's articles in order")
    sp.add_argument("name")
    sp = add("delete", cmd_delete, "delete a dossier (its articles stay in the library)")
    sp.add_argument("name")
    sp = add("rename", cmd_rename, "rename a dossier")
    sp.add_argument("name")
    sp.add_argument("new_name")
