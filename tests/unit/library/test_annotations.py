"""Highlights and notes through the library facade, and re-cleaning that keeps them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from archivist.core.library import Library
from archivist.core.types import ParsedArticle
from archivist.errors import NotFound, UsageError

PARAS = [
    "The harbour master opened the gates at dawn, as he had for forty years.",
    "Fishing boats crowded the quay; gulls wheeled above the market stalls.",
    "By noon the tide had turned and the boats were gone to sea again.",
    "In the evening the lighthouse keeper lit the lamp and wrote in his log.",
]


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib")
    yield library
    library.close()


@pytest.fixture
def article_id(lib: Library, tmp_path: Path) -> int:
    f = tmp_path / "harbour.txt"
    f.write_text("Harbour Days\n\n" + "\n\n".join(PARAS), encoding="utf-8")
    [r] = lib.import_paths([str(f)])
    assert r.status == "imported" and r.id is not None
    return r.id


def test_highlight_by_quote_offsets_index_the_plain_text(lib: Library, article_id: int) -> None:
    h = lib.highlight_quote(article_id, "gulls wheeled above", color="green", note="nice image")
    text = lib.get_article(article_id).text
    assert text[h.start:h.end] == "gulls wheeled above"
    assert (h.color, h.note, h.status) == ("green", "nice image", "anchored")
    assert h.prefix and text[h.start - len(h.prefix):h.start] == h.prefix


def test_occurrence_and_missing_quote(lib: Library, article_id: int) -> None:
    first = lib.highlight_quote(article_id, "the boats", occurrence=1)
    text = lib.get_article(article_id).text
    assert text.find("the boats") == first.start
    with pytest.raises(NotFound, match="not in article"):
        lib.highlight_quote(article_id, "submarine")
    with pytest.raises(NotFound):
        lib.highlight_quote(article_id, "the boats", occurrence=5)
    with pytest.raises(UsageError):
        lib.highlight_quote(article_id, "gulls", color="tartan")


def test_highlights_come_in_document_order_with_notes(lib: Library, article_id: int) -> None:
    late = lib.highlight_quote(article_id, "lighthouse keeper")
    early = lib.highlight_quote(article_id, "harbour master")
    lib.update_highlight(late.id, color="blue", note="who was he?")
    hs = lib.highlights(article_id)
    assert [h.id for h in hs] == [early.id, late.id]
    assert (hs[1].color, hs[1].note) == ("blue", "who was he?")
    lib.update_highlight(late.id, clear_note=True)
    assert lib.highlights(article_id)[1].note is None


def test_delete_and_restore_for_undo(lib: Library, article_id: int) -> None:
    h = lib.highlight_quote(article_id, "forty years", note="long service")
    gone = lib.delete_highlight(h.id)
    assert lib.highlights(article_id) == []
    back = lib.restore_highlight(gone)
    [again] = lib.highlights(article_id)
    assert (again.start, again.end, again.exact, again.note) == (h.start, h.end, h.exact, "long service")
    assert back.id == again.id


def test_article_notes(lib: Library, article_id: int) -> None:
    n = lib.add_note(article_id, "Check the tide tables.")
    lib.update_note(n.id, "Check the tide tables for May.")
    assert [x.body for x in lib.article_notes(article_id)] == ["Check the tide tables for May."]
    lib.delete_note(n.id)
    assert lib.article_notes(article_id) == []
    with pytest.raises(UsageError):
        lib.add_note(article_id, "   ")


def test_reclean_keeps_highlights_outside_the_change_exactly(lib: Library, article_id: int) -> None:
    before = lib.get_article(article_id)
    h_first = lib.highlight_quote(article_id, "harbour master opened the gates")
    h_removed = lib.highlight_quote(article_id, "tide had turned", note="gone soon")
    h_last = lib.highlight_quote(article_id, "wrote in his log")
    # A "better cleaner" drops the third paragraph.
    new_text = "\n\n".join(p for p in PARAS if not p.startswith("By noon"))
    parsed = ParsedArticle(title=before.title, text=new_text, html="<p>x</p>")
    report = lib.replace_content(article_id, parsed)
    assert (report.stayed, report.moved, report.orphaned) == (1, 1, 1)
    after = {h.id: h for h in lib.highlights(article_id)}
    assert new_text[after[h_first.id].start:after[h_first.id].end] == "harbour master opened the gates"
    assert (after[h_first.id].start, after[h_first.id].end) == (h_first.start, h_first.end)
    assert new_text[after[h_last.id].start:after[h_last.id].end] == "wrote in his log"
    orphan = after[h_removed.id]
    assert orphan.status == "orphaned" and orphan.exact == "tide had turned" and orphan.note == "gone soon"
    assert lib.get_article(article_id).text == new_text


def test_reclean_from_stored_source_is_a_no_op_for_unchanged_cleaner(lib: Library, article_id: int) -> None:
    h = lib.highlight_quote(article_id, "gulls wheeled")
    report = lib.reclean(article_id)
    assert report.error is None and not report.changed
    assert (report.stayed, report.moved, report.orphaned) == (1, 0, 0)
    assert lib.highlights(article_id)[0].start == h.start


def test_reclean_with_a_changed_cleaner(lib: Library, article_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from archivist.core.library import reclean as reclean_mod

    h_keep = lib.highlight_quote(article_id, "lighthouse keeper lit the lamp")
    real = reclean_mod.parse_document

    def cleaner_that_drops_a_paragraph(doc, resource_loader=None):  # type: ignore[no-untyped-def]
        parsed = real(doc, resource_loader=resource_loader)
        text = parsed.text.replace(PARAS[1] + "\n\n", "")
        return dataclasses.replace(parsed, text=text)

    monkeypatch.setattr(reclean_mod, "parse_document", cleaner_that_drops_a_paragraph)
    report = lib.reclean(article_id)
    assert report.changed and report.moved == 1 and report.orphaned == 0
    [h] = lib.highlights(article_id)
    text = lib.get_article(article_id).text
    assert text[h.start:h.end] == "lighthouse keeper lit the lamp"
    assert h.start == h_keep.start - len(PARAS[1]) - 2


def test_restored_note_returns_to_its_place(lib: Library, article_id: int) -> None:
    first = lib.add_note(article_id, "First thought.")
    lib.add_note(article_id, "Second thought.")
    gone = lib.delete_note(first.id)
    assert [n.body for n in lib.article_notes(article_id)] == ["Second thought."]
    back = lib.restore_note(gone)
    assert [n.body for n in lib.article_notes(article_id)] == ["First thought.", "Second thought."]
    assert back.created_at == first.created_at
