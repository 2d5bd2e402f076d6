"""Real PDF annotations: one /Highlight per placed highlight over its words, one /Text per note."""

from __future__ import annotations

from pathlib import Path

import pytest

from archivist.core.export.pdf import styles as S
from archivist.core.export.pdf import write_pdf
from tests.unit.export import docs


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    doc = docs.dossier(docs.sample_article(1), docs.sample_article(2, title="Second article"))
    out = tmp_path_factory.mktemp("pdf") / "dossier.pdf"
    write_pdf(doc, out)
    return out, doc


def test_highlight_annotations_match_the_placed_highlights(sample: tuple[Path, object]) -> None:
    path, doc = sample
    placed = [h for ea in doc.articles for h in ea.anchored]  # type: ignore[attr-defined]
    got = [a for _, a in docs.annotations(path) if a["/Subtype"] == "/Highlight"]
    assert len(got) == len(placed)
    assert sorted(str(a["/Contents"]) for a in got) == sorted(h.exact for h in placed)
    for a in got:
        assert a["/T"] == "Archivist"
        assert len(a["/QuadPoints"]) % 8 == 0 and len(a["/QuadPoints"]) >= 8


def test_text_annotations_carry_every_note(sample: tuple[Path, object]) -> None:
    path, doc = sample
    notes = [h.note for ea in doc.articles for h in ea.highlights if h.note]  # type: ignore[attr-defined]
    notes += [n.body for ea in doc.articles for n in ea.notes]  # type: ignore[attr-defined]
    got = [str(a["/Contents"]) for _, a in docs.annotations(path) if a["/Subtype"] == "/Text"]
    assert len(got) == doc.note_count == len(notes)  # type: ignore[attr-defined]
    assert sorted(got) == sorted(notes)


def test_note_icons_sit_in_the_margin_never_over_text(sample: tuple[Path, object]) -> None:
    path, _ = sample
    for _, a in docs.annotations(path):
        if a["/Subtype"] == "/Text":
            assert float(a["/Rect"][0]) >= S.PAGE_W - S.MARGIN_R


def test_quadpoints_lie_on_the_page_over_the_highlighted_words(sample: tuple[Path, object]) -> None:
    path, _ = sample
    checked = 0
    for page, a in docs.annotations(path):
        if a["/Subtype"] != "/Highlight":
            continue
        quads = [float(v) for v in a["/QuadPoints"]]
        assert all(0 <= x <= S.PAGE_W for x in quads[0::2])
        assert all(0 <= y <= S.PAGE_H for y in quads[1::2])
        quote = str(a["/Contents"])
        if quote == "higher sea walls, managed retreat from the most exposed streets":
            continue  # the inner highlight's number sits inside this one: checked below
        assert docs.text_in_quads(path, page, quads) == docs.squash(quote)
        checked += 1
    assert checked >= 8


def test_multi_line_highlight_has_one_quad_per_line(sample: tuple[Path, object]) -> None:
    path, _ = sample
    long = [a for _, a in docs.annotations(path)
            if a["/Subtype"] == "/Highlight" and str(a["/Contents"]).startswith("flooded cellars")]
    assert long
    for a in long:
        quads = [float(v) for v in a["/QuadPoints"]]
        tops = {round(quads[i + 1], 1) for i in range(0, len(quads), 8)}
        assert len(tops) == len(quads) // 8 >= 2  # distinct lines


def test_overlapping_highlight_quads_cover_the_outer_passage(sample: tuple[Path, object]) -> None:
    path, _ = sample
    outer = [(p, a) for p, a in docs.annotations(path)
             if a["/Subtype"] == "/Highlight" and str(a["/Contents"]).startswith("higher sea walls")]
    for page, a in outer:
        got = docs.text_in_quads(path, page, [float(v) for v in a["/QuadPoints"]])
        assert got == docs.squash(str(a["/Contents"]))


def test_highlight_annotations_do_not_paint_twice(sample: tuple[Path, object]) -> None:
    """The colour is printed in the page; the annotation is listed but transparent."""
    path, _ = sample
    for _, a in docs.annotations(path):
        if a["/Subtype"] == "/Highlight":
            assert float(a["/CA"]) == 0
            assert "/AP" in a


def test_highlight_across_a_page_break_keeps_its_quads_on_each_page(tmp_path: Path) -> None:
    text = "\n\n".join(docs.PARAS * 12)
    phrase = docs.PARAS[1] + "\n\n" + docs.PARAS[2]
    hls = tuple(docs.hl(1, text, phrase, "green", f"n{i}", nth=i) for i in range(12))
    ea = docs.ExportArticle(docs.detail(1, text), hls, ())
    out = tmp_path / "long.pdf"
    write_pdf(docs.dossier(ea), out)
    got = [(p, a) for p, a in docs.annotations(out) if a["/Subtype"] == "/Highlight"]
    names = {str(a["/NM"]) for _, a in got}
    assert len(names) == len(hls)  # one logical annotation per highlight (same /NM on each page)
    for page, a in got:
        text_here = docs.text_in_quads(out, page, [float(v) for v in a["/QuadPoints"]])
        assert text_here and text_here in docs.squash(phrase)
