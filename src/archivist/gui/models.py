"""The library list as a Qt model: ids in display order, rows fetched lazily in chunks.

Holding ids rather than objects (Anki's browser table) is what lets the list scale: 100,000
articles cost one list of ints, and only the rows the view actually paints are read from the
database, a chunk at a time. Sorting and filtering are the database's job (`article_ids` with a
sort key and an FTS query); there is no QSortFilterProxyModel copying every row into memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from archivist.core.library.queries import SortKey
from archivist.core.types import ArticleId, ArticleSummary
from archivist.gui.article_mime import ARTICLE_IDS_MIME, ids_to_mime

Index = QModelIndex | QPersistentModelIndex


class ArticleSource(Protocol):
    """The part of the Library facade the model needs (a Protocol so tests can count calls)."""

    def article_ids(self, sort: SortKey = ..., descending: bool = ..., query: str = ...,
                    tag: str | None = ...) -> list[ArticleId]: ...

    def summaries(self, ids: list[int]) -> dict[int, ArticleSummary]: ...


@dataclass(frozen=True)
class Column:
    header: str
    sort_key: SortKey


COLUMNS: tuple[Column, ...] = (
    Column("Title", "title"),
    Column("Site", "site"),
    Column("Published", "published"),
    Column("Imported", "imported_at"),
)
TITLE, SITE, PUBLISHED, IMPORTED = range(len(COLUMNS))

#: Role that returns the article id of a row, for views and tests that want ids, not text.
ArticleIdRole = Qt.ItemDataRole.UserRole + 1


class ArticleTableModel(QAbstractTableModel):
    """Articles in the order the library returns them, optionally filtered by a search query.

    `CHUNK` summaries are read at once around the first row a view asks for, so scrolling costs
    one query per screenful or so; the cache is dropped whenever the id list is re-queried, since
    titles and tags may have changed meanwhile.
    """

    CHUNK = 200
    MAX_CACHED = 20_000

    def __init__(self, library: ArticleSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._ids: list[ArticleId] = []
        self._rows: dict[ArticleId, int] | None = None
        self._cache: dict[int, ArticleSummary] = {}
        self._sort: SortKey = "imported_at"
        self._descending = True
        self._query = ""
        self._ids = self._fetch_ids()

    # -- public API ---------------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Show only articles matching `text` (full-text search; blank shows everything)."""
        text = text.strip()
        if text == self._query:
            return
        self._query = text
        self.refresh()

    def refresh(self) -> None:
        """Re-read the id list (after an import, a tag change...): a reset, as rows come and go."""
        self.beginResetModel()
        self._cache.clear()
        self._ids = self._fetch_ids()
        self._rows = None
        self.endResetModel()

    def article_id(self, row: int) -> ArticleId | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        """The row showing `article_id`, or None if it is filtered out or gone."""
        if self._rows is None:
            self._rows = {aid: row for row, aid in enumerate(self._ids)}
        return self._rows.get(ArticleId(article_id))

    def summary(self, row: int) -> ArticleSummary | None:
        aid = self.article_id(row)
        if aid is None:
            return None
        if aid not in self._cache:
            self._load_chunk(row)
        return self._cache.get(aid)

    # -- QAbstractItemModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's names and defaults)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == ArticleIdRole:
            return int(self._ids[index.row()])
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        s = self.summary(index.row())
        if s is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.title if col == TITLE else None
        if col == TITLE:
            return s.title
        if col == SITE:
            return s.site or ""
        if col == PUBLISHED:
            return _format_date(s.published)
        if col == IMPORTED:
            return _format_datetime(s.imported_at)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
                | Qt.ItemFlag.ItemIsDragEnabled)

    # -- dragging rows out (onto a dossier) ---------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt override)
        return [ARTICLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt override)
        """The dragged rows' article ids, top to bottom (a row selects one index per column)."""
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return ids_to_mime(aid for aid in (self.article_id(r) for r in rows) if aid is not None)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt override)
        return Qt.DropAction.CopyAction  # a drag never takes an article out of the library

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query the ids in the new order; a layout change, so selections follow their rows."""
        if not (0 <= column < len(COLUMNS)):
            return
        self._sort = COLUMNS[column].sort_key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self.article_id(i.row()) for i in old_persistent]
        new_ids = self._fetch_ids()
        rows = {aid: row for row, aid in enumerate(new_ids)}
        self._ids = new_ids
        self._rows = rows
        new_persistent = []
        for old, aid in zip(old_persistent, old_ids, strict=True):
            row = rows.get(aid) if aid is not None else None
            new_persistent.append(QModelIndex() if row is None else self.index(row, old.column()))
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()

    # -- internals ----------------------------------------------------------------------------
    def _fetch_ids(self) -> list[ArticleId]:
        return list(self._library.article_ids(sort=self._sort, descending=self._descending, query=self._query))

    def _load_chunk(self, row: int) -> None:
        if len(self._cache) > self.MAX_CACHED:
            self._cache.clear()
        start = max(0, row - self.CHUNK // 4)
        wanted: list[int] = [i for i in self._ids[start:start + self.CHUNK] if i not in self._cache]
        found = self._library.summaries(wanted)
        self._cache.update(found)


def _format_date(d: date | None) -> str:
    return d.isoformat() if d else ""


def _format_datetime(dt: datetime) -> str:
    """Imported times are stored in UTC; people read them in their own time zone."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")
