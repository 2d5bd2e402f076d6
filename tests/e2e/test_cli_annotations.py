"""CLI contract for highlights, notes, re-cleaning and annotation interchange."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Cli


def _import(cli: Cli, sample_path: Path) -> int:
    return int(cli("import", str(sample_path), "--json").json_lines()[0]["id"])


def test_highlight_contract(cli: Cli, sample_path: Path) -> None:
    aid = _import(cli, sample_path)
    r = cli("highlight", str(aid), "--quote", "serious consequences", "--color", "pink",
            "--note", "Putin's warning", "--json")
    assert r.code == 0, r.stderr
    [h] = r.json_lines()
    assert set(h) == {"id", "article_id", "quote", "start", "end", "color", "note"}
    text = cli("show", str(aid), "--format", "text").stdout.rstrip("\n")
    assert text[h["start"]:h["end"]] == "serious consequences" == h["quote"]
    assert (h["color"], h["note"], h["article_id"]) == ("pink", "Putin's warning", aid)

    second = cli("highlight", str(aid), "--quote", "Ukraine", "--occurrence", "3", "--json").json_lines()[0]
    nth = -1
    for _ in range(3):
        nth = text.index("Ukraine", nth + 1)
    assert second["start"] == nth

    listed = cli("highlights", str(aid), "--json").json_lines()
    assert [x["id"] for x in listed] == sorted([h["id"], second["id"]], key=lambda i: {h["id"]: h["start"], second["id"]: second["start"]}[i])

    assert cli("unhighlight", str(h["id"])).code == 0
    assert [x["id"] for x in cli("highlights", str(aid), "--json").json_lines()] == [second["id"]]


def test_missing_quote_is_a_clear_error(cli: Cli, sample_path: Path) -> None:
    aid = _import(cli, sample_path)
    r = cli("highlight", str(aid), "--quote", "a sentence that is not there")
    assert r.code == 1
    assert "not in article" in r.stderr and "Traceback" not in r.stderr
    assert cli("highlight", str(aid), "--quote", "NATO", "--occurrence", "0").code == 2
    assert cli("highlight", str(aid), "--quote", "NATO", "--color", "tartan").code == 2


def test_note_and_reclean_report(cli: Cli, sample_path: Path) -> None:
    aid = _import(cli, sample_path)
    assert cli("note", str(aid), "Follow up on the July summit").code == 0
    cli("highlight", str(aid), "--quote", "Jens Stoltenberg")
    r = cli("reclean", str(aid), "--json")
    assert r.code == 0, r.stderr
    [rep] = r.json_lines()
    assert rep["id"] == aid and rep["error"] is None
    assert (rep["stayed"], rep["moved"], rep["orphaned"]) == (1, 0, 0)
    assert cli("reclean", "--all", "--json").json_lines()[0]["stayed"] == 1
    assert cli("reclean").code == 2


def test_annotations_json_round_trip(cli: Cli, sample_path: Path, tmp_path: Path) -> None:
    aid = _import(cli, sample_path)
    made = [
        cli("highlight", str(aid), "--quote", "Western weapons", "--color", "blue", "--note", "key ask", "--json"),
        cli("highlight", str(aid), "--quote", "neutralize", "--color", "purple", "--json"),
    ]
    made_json = [m.json_lines()[0] for m in made]
    out = tmp_path / "notes.jsonld"
    assert cli("export", str(aid), "--format", "annotations-json", "--out", str(out)).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    anns = data["first"]["items"]
    kinds = {s["type"] for a in anns for s in a["target"]["selector"]}
    assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
    assert {a["target"]["styleClass"] for a in anns} == {"blue", "purple"}
    assert [a.get("body", {}).get("value") for a in anns] == ["key ask", None]

    for m in made_json:
        cli("unhighlight", str(m["id"]))
    assert cli("highlights", str(aid), "--json").json_lines() == []
    r = cli("import-annotations", str(out), "--json")
    assert r.code == 0, r.stderr
    assert r.json_lines()[0]["added"] == 2
    back = cli("highlights", str(aid), "--json").json_lines()
    assert [(b["quote"], b["start"], b["end"], b["color"], b["note"]) for b in back] == [
        (m["quote"], m["start"], m["end"], m["color"], m["note"]) for m in made_json
    ]
    again = cli("import-annotations", str(out), "--json").json_lines()[0]
    assert (again["added"], again["already_present"]) == (0, 2)
