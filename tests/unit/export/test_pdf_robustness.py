"""Atomic writes, cancellation, progress, odd inputs and every script."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from archivist.core.export.pdf import ExportCancelled, write_pdf
from archivist.core.export.pdf import fonts as F
from archivist.core.export.pdf import writer as W
from archivist.errors import ArchivistError, UsageError
from tests.unit.export import docs


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# -- atomic write -------------------------------------------------------------------------------

def test_failure_leaves_no_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: object, flowable: object) -> None:
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(W.DossierTemplate, "afterFlowable", boom)
    out = tmp_path / "x.pdf"
    with pytest.raises(ArchivistError) as err:
        write_pdf(docs.dossier(docs.sample_article()), out)
    assert "layout exploded" in (err.value.detail or "")
    assert not out.exists() and _leftovers(tmp_path) == []


def test_failure_keeps_the_previous_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "x.pdf"
    out.write_bytes(b"previous export")
    monkeypatch.setattr(W.DossierTemplate, "afterFlowable", lambda self, f: 1 / 0)
    with pytest.raises(ArchivistError):
        write_pdf(docs.dossier(docs.sample_article()), out)
    assert out.read_bytes() == b"previous export" and _leftovers(tmp_path) == []


@pytest.mark.parametrize("after", [0, 1, 3, 6])
def test_cancel_at_any_point_writes_nothing(tmp_path: Path, after: int) -> None:
    calls = [0]

    def cancel() -> bool:
        calls[0] += 1
        return calls[0] > after

    out = tmp_path / "x.pdf"
    arts = [docs.sample_article(i) for i in range(1, 4)]
    with pytest.raises(ExportCancelled):
        write_pdf(docs.dossier(*arts), out, cancel=cancel)
    assert isinstance(ExportCancelled("x"), ArchivistError)
    assert not out.exists() and _leftovers(tmp_path) == []


def test_success_replaces_an_existing_file_with_normal_permissions(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    write_pdf(docs.dossier(docs.sample_article()), out)
    assert out.read_bytes().startswith(b"%PDF") and _leftovers(tmp_path) == []
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_progress_is_monotonic_and_finishes(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_pdf(docs.dossier(*[docs.sample_article(i) for i in range(1, 4)]), tmp_path / "x.pdf",
              progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and len(set(t for _, t in seen)) == 1


# -- where to write -------------------------------------------------------------------------------

def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        write_pdf(docs.dossier(), tmp_path / "nope" / "x.pdf")


def test_folder_as_target_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="folder"):
        write_pdf(docs.dossier(), tmp_path)


def test_read_only_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(W.os, "access", lambda path, mode: False)
    with pytest.raises(ArchivistError, match="permission denied"):
        write_pdf(docs.dossier(), tmp_path / "x.pdf")


# -- odd inputs -----------------------------------------------------------------------------------

def test_empty_dossier_is_a_one_page_pdf_saying_so(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    write_pdf(docs.dossier(title="Nothing yet", intro=""), out)
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    assert "empty" in (reader.pages[0].extract_text() or "")


def test_article_without_text(tmp_path: Path) -> None:
    ea = docs.ExportArticle(docs.detail(1, "", ""), (), ())
    out = tmp_path / "x.pdf"
    write_pdf(docs.dossier(ea), out)
    assert "This article has no text." in "".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)


def test_ten_thousand_character_notes_flow_across_pages(tmp_path: Path) -> None:
    long = " ".join(f"w{i:04d}" for i in range(1700))
    assert len(long) >= 10_000
    text = "\n\n".join(docs.PARAS)
    hls = (docs.hl(1, text, "sharp rise", "yellow", long), docs.hl(1, text, "flooded cellars", "green", long))
    ea = docs.ExportArticle(docs.detail(1, text), hls, (docs.note(1, long),))
    out = tmp_path / "x.pdf"
    write_pdf(docs.dossier(ea), out)
    reader = PdfReader(str(out))
    text_all = " ".join(p.extract_text() or "" for p in reader.pages)
    assert text_all.count("w1699") >= 3  # the full note: after the article and twice in the summary
    assert "continued in the annotations summary" in " ".join(text_all.split())
    notes = [str(a["/Contents"]) for _, a in docs.annotations(out) if a["/Subtype"] == "/Text"]
    assert notes.count(long) == 3


def test_many_notes_on_one_short_paragraph_never_overflow(tmp_path: Path) -> None:
    text = "Short paragraph with many marks in it."
    hls = tuple(docs.hl(1, text, w, "blue", " ".join(["note"] * 120)) for w in text.rstrip(".").split())
    out = tmp_path / "x.pdf"
    write_pdf(docs.dossier(docs.ExportArticle(docs.detail(1, text), hls, ())), out)
    assert len([a for _, a in docs.annotations(out) if a["/Subtype"] == "/Text"]) == len(hls)


def test_titles_with_slashes_and_dots_are_only_text(tmp_path: Path) -> None:
    ea = docs.sample_article()
    ea = docs.ExportArticle(docs.detail(1, ea.article.text, title="../../etc/passwd / a..b"), ea.highlights, ())
    out = tmp_path / "x.pdf"
    write_pdf(docs.dossier(ea, title="Reports / 2024 .. ../draft"), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]
    reader = PdfReader(str(out))
    assert reader.metadata.title == "Reports / 2024 .. ../draft"
    assert "../../etc/passwd / a..b" in (reader.pages[2].extract_text() or "")


def test_invalid_highlight_offsets_are_listed_not_placed(tmp_path: Path) -> None:
    text = "A short text."
    bad = docs.hl(1, text, "short")
    bad = type(bad)(**{**bad.__dict__, "start": 5, "end": 999})
    out = tmp_path / "x.pdf"
    write_pdf(docs.dossier(docs.ExportArticle(docs.detail(1, text), (bad,), ())), out)
    assert not [a for _, a in docs.annotations(out) if a["/Subtype"] == "/Highlight"]
    assert "could not be placed" in "".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)


def test_markup_characters_and_control_characters_in_text(tmp_path: Path) -> None:
    text = "Tags like <b>bold</b> & entities &amp; stay text.\x07 A tab\there, <onDraw name=x/> too."
    hls = (docs.hl(1, text, "<b>bold</b> & entities", "yellow", "a <note> & more"),)
    out = tmp_path / "x.pdf"
    write_pdf(docs.dossier(docs.ExportArticle(docs.detail(1, text, title="<title> & co"), hls, ())), out)
    body = docs.body_text(out)
    assert docs.squash("<b>bold</b>&entities&amp;staytext.") in body
    assert docs.squash("<onDrawname=x/>too.") in body


# -- every script ---------------------------------------------------------------------------------

SCRIPTS = {
    "latin": "The committee published its findings on Tuesday.",
    "cyrillic": "Комиссия опубликовала свои выводы во вторник.",
    "greek": "Η επιτροπή δημοσίευσε τα πορίσματά της την Τρίτη.",
    "arabic": "نشرت اللجنة نتائجها يوم الثلاثاء",
    "hebrew": "הוועדה פרסמה את ממצאיה ביום שלישי",
    "chinese": "委员会周二公布了调查结果，指出海岸侵蚀急剧增加。",
    "japanese": "委員会は火曜日に調査結果を発表し、カタカナとひらがなも含む。",
    "emoji": "Readers reacted with 👍 and 🌊 and 😀.",
}


@pytest.fixture(scope="module")
def multilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = "\n\n".join(SCRIPTS.values())
    hls = (docs.hl(1, text, "выводы во вторник", "green", "Заметка"),
           docs.hl(1, text, "نتائجها", "pink", "ملاحظة"),
           docs.hl(1, text, "ממצאיה", "orange", "הערה"),
           docs.hl(1, text, "海岸侵蚀", "yellow", "笔记"),
           docs.hl(1, text, "👍", "blue", "emoji 🎉"))
    ea = docs.ExportArticle(docs.detail(1, text, title="Erosion — Эрозия — 海岸 — تآكل 🌊"), hls, ())
    out = tmp_path_factory.mktemp("ml") / "ml.pdf"
    write_pdf(docs.dossier(ea, title="Multilingual 多语言 🌍"), out)
    return out


def test_multilingual_text_extracts_without_missing_glyphs(multilingual: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(multilingual)) as pdf:
        page = pdf.pages[2]
        text = page.extract_text() or ""
        emoji_free = [c["text"] for c in page.chars if c["fontname"].split("+")[-1] != "ArcEmoji"]
    assert "\x00" not in "".join(emoji_free)
    for key in ("latin", "cyrillic", "greek", "chinese", "japanese"):
        assert SCRIPTS[key].split()[0].rstrip("：:，") in text.replace("\n", "") or SCRIPTS[key][:6] in text
    flat = text.replace("\n", " ")
    assert "اللجنة" in docs.visual_to_logical(flat) or "اللجنة" in flat
    assert "ממצאיה" in docs.visual_to_logical(flat) or "ממצאיה" in flat


def test_multilingual_annotations_all_present(multilingual: Path) -> None:
    got = docs.annotations(multilingual)
    assert len([a for _, a in got if a["/Subtype"] == "/Highlight"]) == 5
    assert {str(a["/Contents"]) for _, a in got if a["/Subtype"] == "/Text"} == {
        "Заметка", "ملاحظة", "הערה", "笔记", "emoji 🎉"}


def test_every_character_is_drawn_by_a_font_that_has_it() -> None:
    F.ensure_base()
    for text in SCRIPTS.values():
        for font, run in F.runs(text, F.SERIF):
            for ch in run:
                assert F.covers(font, ch), (font, ch, hex(ord(ch)))


def test_characters_no_font_has_become_a_visible_replacement() -> None:
    runs = F.runs("Devanagari \u0915\u093e and a tag \U000e0001 here", F.SERIF)
    drawn = "".join(t for _, t in runs)
    assert "\U000e0001" not in drawn and "\ufffd" in drawn and "\u0915" not in drawn
