"""CLI contract for dossiers."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import Cli


def test_dossier_lifecycle(cli: Cli, tmp_path: Path) -> None:
    ids = []
    for i, topic in enumerate(["rivers", "mountains", "deserts"]):
        f = tmp_path / f"{topic}.txt"
        f.write_text(f"On {topic}\n\nA long essay about {topic} and the people who live by them {i}.", encoding="utf-8")
        ids.append(cli("import", str(f), "--json").json_lines()[0]["id"])

    assert cli("dossier", "create", "Landscapes", "--intro", "Three essays.").code == 0
    assert cli("dossier", "create", "Landscapes").code == 2  # already exists
    r = cli("dossier", "add", "Landscapes", str(ids[2]), str(ids[0]), str(ids[1]), "--json")
    assert r.code == 0, r.stderr
    shown = cli("dossier", "show", "Landscapes", "--json").json_lines()[0]
    assert [a["id"] for a in shown["articles"]] == [ids[2], ids[0], ids[1]]
    assert shown["introduction"] == "Three essays."

    assert cli("dossier", "remove", "Landscapes", str(ids[0])).code == 0
    shown = cli("dossier", "show", "landscapes", "--json").json_lines()[0]  # names are case-insensitive
    assert [a["id"] for a in shown["articles"]] == [ids[2], ids[1]]

    [listed] = cli("dossier", "list", "--json").json_lines()
    assert (listed["name"], listed["articles"]) == ("Landscapes", 2)
    assert cli("dossier", "show", "Nope").code == 1
    assert cli("dossier", "add", "Landscapes", "999").code == 1
