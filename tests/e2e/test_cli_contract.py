"""The CLI contract other tools rely on: JSON lines, fields, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.e2e.conftest import Cli

SAMPLE_TITLE = "NATO Members Discuss Allowing Ukraine Use Western Arms Inside Russia"


def test_import_sample_then_list_show_search(cli: Cli, sample_path: Path) -> None:
    r = cli("import", str(sample_path), "--tag", "nato", "--tag", "Ukraine", "--json")
    assert r.code == 0, r.stderr
    [line] = r.json_lines()
    assert set(line) == {"source", "status", "id", "title", "error"}
    assert line["status"] == "imported" and line["title"] == SAMPLE_TITLE and line["error"] is None
    aid = line["id"]

    [row] = cli("list", "--json").json_lines()
    assert set(row) == {"id", "title", "site", "published", "imported_at", "tags"}
    assert row["id"] == aid and row["published"] == "2024-05-30"
    assert row["tags"] == ["nato", "Ukraine"]

    shown = cli("show", str(aid), "--format", "json")
    assert shown.code == 0
    [art] = shown.json_lines()
    assert set(art) == {"id", "title", "byline", "published", "site", "url", "language", "text",
                        "html", "tags", "word_count", "imported_at"}
    assert art["text"].startswith("BRUSSELS: NATO chief Jens Stoltenberg")
    assert art["text"].endswith("political shifts in Washington.")
    assert "icon-" not in art["text"] and "icon-" not in art["html"]
    assert art["word_count"] > 300

    text = cli("show", str(aid)).stdout
    assert text.rstrip("\n") == art["text"]

    hits = cli("search", "Stoltenberg weapons", "--json").json_lines()
    assert [h["id"] for h in hits] == [aid]
    assert set(hits[0]) == {"id", "title", "snippet", "rank"}
    assert "Stoltenberg" in hits[0]["snippet"]


def test_same_content_twice_is_a_duplicate(cli: Cli, sample_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy-with-other-name.txt"
    shutil.copy(sample_path, copy)
    first = cli("import", str(sample_path), "--json").json_lines()[0]
    again = cli("import", str(sample_path), str(copy), "--json").json_lines()
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert {r["id"] for r in again} == {first["id"]}
    assert len(cli("list", "--json").json_lines()) == 1


def test_folder_recursive_and_stdin(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "a.txt").write_text("Alpha headline\n\nAlpha body about the river delta.", encoding="utf-8")
    (folder / "sub" / "b.md").write_text("# Beta headline\n\nBeta body about *mountain* passes.", encoding="utf-8")
    (folder / "sub" / "deeper" / "c.txt").write_text("Gamma headline\n\nGamma body about deserts.", encoding="utf-8")
    (folder / "sub" / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    r = cli("import", str(folder), "--json")
    assert r.code == 0, r.stdout + r.stderr
    assert sorted(x["title"] for x in r.json_lines()) == ["Alpha headline", "Beta headline", "Gamma headline"]

    s = cli("import", "-", "--json", stdin="Piped headline\n\nPiped body text from standard input.".encode())
    assert s.code == 0
    assert s.json_lines()[0]["status"] == "imported"
    assert s.json_lines()[0]["source"] == "-"


def test_one_bad_file_fails_alone_and_exit_code_is_1(cli: Cli, tmp_path: Path, sample_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fake = tmp_path / "image.txt"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 20)
    missing = tmp_path / "vanished.txt"
    r = cli("import", str(empty), str(fake), str(missing), str(sample_path), "--json")
    assert r.code == 1
    lines = r.json_lines()
    assert [x["status"] for x in lines] == ["failed", "failed", "failed", "imported"]
    for x in lines[:3]:
        assert x["error"] and "\n" not in x["error"] and "Traceback" not in x["error"]
    assert "binary" in lines[1]["error"].lower()
    assert "Traceback" not in r.stderr


def test_search_accepts_anything_a_person_types(cli: Cli, sample_path: Path) -> None:
    cli("import", str(sample_path))
    for q in ['"', 'AND(', '-', '*', 'NATO AND(', '"unbalanced', 'NEAR(', 'title:', '^', "o'brien", '--', ')(']:
        r = cli("search", q, "--json")
        assert r.code == 0, (q, r.stderr)
    assert cli("search", "nato*", "--json").json_lines()


def test_tag_untag_and_list_by_tag(cli: Cli, sample_path: Path) -> None:
    aid = cli("import", str(sample_path), "--json").json_lines()[0]["id"]
    assert cli("tag", str(aid), "defence", "europe").code == 0
    assert [x["id"] for x in cli("list", "--tag", "defence", "--json").json_lines()] == [aid]
    assert cli("untag", str(aid), "defence").code == 0
    assert cli("list", "--tag", "defence", "--json").json_lines() == []
    assert cli("list", "--tag", "europe", "--json").json_lines()[0]["tags"] == ["europe"]


def test_usage_errors_exit_2_and_missing_ids_exit_1(cli: Cli) -> None:
    assert cli("show").code == 2
    assert cli("frobnicate").code == 2
    assert cli("search", "x", "--limit", "lots").code == 2
    r = cli("show", "999")
    assert r.code == 1 and "No article with id 999" in r.stderr


def test_library_from_environment_variable(cli: Cli, tmp_path: Path, sample_path: Path) -> None:
    env_lib = tmp_path / "from-env"
    r = cli("import", str(sample_path), "--json", library=False, env={"ARCHIVIST_LIBRARY": str(env_lib)})
    assert r.code == 0
    assert (env_lib / "library.sqlite").is_file()


def test_default_library_lives_in_the_user_data_folder(cli: Cli, tmp_path: Path, sample_path: Path) -> None:
    data_home = tmp_path / "xdg-data"
    r = cli("import", str(sample_path), library=False, env={"XDG_DATA_HOME": str(data_home)})
    assert r.code == 0, r.stderr
    assert (data_home / "Archivist" / "Library" / "library.sqlite").is_file()
