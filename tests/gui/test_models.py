"""ArticleTableModel: Qt's model contract (qtmodeltester), lazy loading, sorting, filtering."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from archivist.core.library import Library
from archivist.core.types import ArticleId, ArticleSummary
from archivist.gui.models import IMPORTED, PUBLISHED, SITE, TITLE, ArticleIdRole, ArticleTableModel
from tests.gui.helpers import write_article


class FakeLibrary:
    """Enough of the facade to count how many summaries the model asks for."""

    def __init__(self, n: int) -> None:
        self.items = {
            i: ArticleSummary(
                id=ArticleId(i), title=f"Article {i:05}", site=f"site{i % 7}.example",
                published=date(2020, 1, 1 + i % 28), imported_at=datetime(2024, 1, 1, tzinfo=timezone.utc),
            )
            for i in range(1, n + 1)
        }
        self.summary_calls: list[int] = []
        self.id_calls: list[dict[str, object]] = []

    def article_ids(self, sort: str = "imported_at", descending: bool = True, query: str = "",
                    tag: str | None = None) -> list[ArticleId]:
        self.id_calls.append({"sort": sort, "descending": descending, "query": query})
        ids = [i for i in self.items if query.lower() in self.items[i].title.lower()]
        key = {"title": lambda i: self.items[i].title, "site": lambda i: self.items[i].site or ""}.get(
            sort, lambda i: i)
        return [ArticleId(i) for i in sorted(ids, key=key, reverse=descending)]

    def summaries(self, ids: list[int]) -> dict[int, ArticleSummary]:
        self.summary_calls.append(len(ids))
        return {i: self.items[i] for i in ids if i in self.items}


@pytest.fixture
def populated(library: Library, tmp_path: Path) -> Library:
    folder = tmp_path / "in"
    write_article(folder, "a.txt", "Kestrels hovering", "Kestrels hover over verges hunting voles.")
    write_article(folder, "b.txt", "Avocets return", "Avocets nest on the lagoon islands in spring.")
    write_article(folder, "c.txt", "Starling murmurations", "Starlings gather at dusk above the reeds.")
    results = library.import_paths([str(folder)])
    assert [r.status for r in results] == ["imported"] * 3
    return library


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "py-tester"])
def test_model_passes_qt_model_tester(qtmodeltester: ModelTester, populated: Library, force_py: bool) -> None:
    model = ArticleTableModel(populated)
    qtmodeltester.check(model, force_py=force_py)
    # The tester stays connected: sorting, filtering and refreshing must keep the contract too.
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    model.set_query("avocets")
    model.set_query("")
    model.refresh()
    model.sort(SITE, Qt.SortOrder.DescendingOrder)


def test_empty_model_passes_qt_model_tester(qtmodeltester: ModelTester, library: Library) -> None:
    model = ArticleTableModel(library)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0


def test_columns_show_title_site_and_dates(populated: Library) -> None:
    model = ArticleTableModel(populated)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Title", "Site", "Published", "Imported"]
    row = 0
    assert model.index(row, TITLE).data() in {"Kestrels hovering", "Avocets return", "Starling murmurations"}
    assert model.index(row, IMPORTED).data()[:2] == "20"  # a local date and time
    assert model.index(row, PUBLISHED).data() == ""  # plain text with no date
    assert model.index(row, TITLE).data(ArticleIdRole) == model.article_id(row)


def test_rows_are_fetched_lazily_in_chunks() -> None:
    lib = FakeLibrary(5000)
    model = ArticleTableModel(lib)
    assert model.rowCount() == 5000
    assert lib.summary_calls == []  # no row read until one is displayed
    model.index(0, TITLE).data()
    for row in range(1, 50):
        model.index(row, SITE).data()
    assert lib.summary_calls == [ArticleTableModel.CHUNK]
    model.index(4000, TITLE).data()
    assert len(lib.summary_calls) == 2
    assert sum(lib.summary_calls) < 500


def test_sort_requeries_the_library_and_keeps_persistent_indexes() -> None:
    lib = FakeLibrary(30)
    model = ArticleTableModel(lib)
    first_id = model.article_id(0)
    held = QPersistentModelIndex(model.index(0, TITLE))
    model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert lib.id_calls[-1] == {"sort": "title", "descending": False, "query": ""}
    assert [model.index(r, TITLE).data() for r in range(3)] == ["Article 00001", "Article 00002", "Article 00003"]
    assert held.isValid() and model.article_id(held.row()) == first_id
    model.sort(TITLE, Qt.SortOrder.DescendingOrder)
    assert model.index(0, TITLE).data() == "Article 00030"


def test_set_query_filters_through_the_library(populated: Library) -> None:
    model = ArticleTableModel(populated)
    model.set_query("starlings")
    assert model.rowCount() == 1
    assert model.index(0, TITLE).data() == "Starling murmurations"
    assert model.row_of(model.article_id(0) or 0) == 0
    model.set_query("nothing-like-this")
    assert model.rowCount() == 0
    model.set_query("   ")
    assert model.rowCount() == 3


def test_article_id_out_of_range_is_none(populated: Library) -> None:
    model = ArticleTableModel(populated)
    assert model.article_id(-1) is None
    assert model.article_id(3) is None
    assert model.row_of(999_999) is None
