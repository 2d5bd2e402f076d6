"""The safety commands as a user (or a script) runs them: check, backup, restore, export/import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.e2e.conftest import Cli


def _seed(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Headline {i}\n\nThe keeper {i} logged storm number {i * 31}.\n")
    r = cli("import", str(folder), "--tag", "sea", "--json")
    assert r.code == 0, r.stderr
    assert cli("highlight", "1", "--quote", "logged storm", "--note", "mine").code == 0


def test_check_reports_repairs_and_exits_by_health(cli: Cli, tmp_path: Path) -> None:
    _seed(cli, tmp_path)
    r = cli("check", "--json")
    assert r.code == 0, r.stderr
    lines = r.json_lines()
    assert [x["check"] for x in lines] == ["integrity", "foreign-keys", "search-index", "articles", "images", "highlights"]
    assert all(x == {"check": x["check"], "ok": True, "problem": None, "repaired": False} for x in lines)

    con = sqlite3.connect(cli.library / "library.sqlite")
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    con.execute("UPDATE highlights SET start_offset = start_offset + 2, end_offset = end_offset + 2")
    con.commit()
    con.close()

    broken = cli("check")
    assert broken.code == 1
    assert "PROBLEM   search-index: 3 article(s) cannot be found by search" in broken.stdout
    assert "PROBLEM   highlights: highlight 1 on article 1 no longer sits on the words" in broken.stdout
    assert "archivist check --repair" in broken.stdout

    fixed = cli("check", "--repair", "--json")
    assert fixed.code == 0, fixed.stdout
    problems = [x for x in fixed.json_lines() if not x["ok"]]
    assert {x["check"] for x in problems} == {"search-index", "highlights"} and all(x["repaired"] for x in problems)
    assert cli("check").stdout.strip().endswith("The library is healthy.")
    assert '"id": 1' in cli("search", "storm", "--json").stdout


def test_backup_restore_round_trip(cli: Cli, tmp_path: Path) -> None:
    _seed(cli, tmp_path)
    backup = tmp_path / "b.sqlite"
    r = cli("backup", str(backup), "--json")
    assert r.code == 0 and r.json_lines()[0]["backup"] == str(backup)
    assert cli("backup", str(backup)).code == 2  # exists: refused, not overwritten
    assert cli("import", "-", stdin=b"Fourth\n\nA fourth article arrives after the backup.\n").code == 0
    assert len(cli("list", "--json").json_lines()) == 4

    restored = cli("restore", str(backup), "--json")
    assert restored.code == 0, restored.stderr
    info = restored.json_lines()[0]
    assert Path(info["replaced"]).name.startswith("library.sqlite.replaced-")
    assert len(cli("list", "--json").json_lines()) == 3

    not_a_library = tmp_path / "nope.sqlite"
    not_a_library.write_text("plain text")
    refused = cli("restore", str(not_a_library))
    assert refused.code == 1 and "not an Archivist library" in refused.stderr
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert len(cli("list", "--json").json_lines()) == 3


def test_export_import_library_into_an_empty_library_only(cli: Cli, tmp_path: Path) -> None:
    _seed(cli, tmp_path)
    archive = tmp_path / "lib.zip"
    r = cli("export-library", str(archive), "--json")
    assert r.code == 0 and r.json_lines()[0]["articles"] == 3

    refused = cli("import-library", str(archive))
    assert refused.code == 2 and "needs an empty library" in refused.stderr

    other = Cli(tmp_path / "other")
    done = other("import-library", str(archive), "--json")
    assert done.code == 0 and done.json_lines()[0] == {"archive": str(archive), "articles": 3, "tags": 1,
                                                       "images": 0, "highlights": 1, "notes": 1, "dossiers": 0}
    assert other("list", "--json").json_lines() == cli("list", "--json").json_lines()
    assert other("highlights", "1", "--json").stdout == cli("highlights", "1", "--json").stdout
