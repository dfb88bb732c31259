"""Qt models over the engine's plain data: search hits and reports.

They stay thin: rows are the frozen values the engine returns, and each model is
filled in one method. They are tested without widgets (``qtmodeltester``).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from index.errors import ConfigError
from index.model import Hit, ReportRecord, SearchResult
from index.years import parse_year

from .plain import plain_tooltip

HitRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2


class RowsModel(QAbstractTableModel):
    """A table of plain rows with a fixed list of column headers."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def _row(self, index):
        """The row behind a valid index, or None."""
        if index.isValid() and 0 <= index.row() < len(self._rows):
            return self._rows[index.row()]
        return None

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None


class ResultsModel(RowsModel):
    """Search hits, loaded a page at a time: the view asks for more as it scrolls."""

    more_wanted = Signal(int)  # offset of the next page

    PARAGRAPH, INSTITUTION, YEAR, REPORT, SECTION = range(5)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.total = 0
        self._waiting = False

    def headers(self) -> list[str]:
        return [self.tr("Paragraph"), self.tr("Institution"), self.tr("Year"),
                self.tr("Report"), self.tr("Section")]

    def set_result(self, result: SearchResult | None) -> None:
        self.beginResetModel()
        self._rows = list(result.hits) if result else []
        self.total = result.total if result else 0
        self._waiting = False
        self.endResetModel()

    def append(self, result: SearchResult) -> None:
        """Add a further page (ignored unless it continues where the rows end)."""
        self._waiting = False
        if result.offset != len(self._rows) or not result.hits:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(result.hits) - 1)
        self._rows.extend(result.hits)
        self.endInsertRows()

    def hit(self, row: int) -> Hit:
        return self._rows[row]

    def hits(self) -> list[Hit]:
        return list(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        hit = self._row(index)
        if hit is None:
            return None
        column = index.column()
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            return (hit.text, hit.institution, str(hit.year or ""), hit.title,
                    hit.section)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.REPORT, self.SECTION):
            where = self.tr("paragraph %1").replace("%1", str(hit.paragraph))
            return plain_tooltip(f"{hit.title}\n{hit.report} · {where}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.YEAR:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def canFetchMore(self, parent=QModelIndex()):  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total and not self._waiting

    def fetchMore(self, parent=QModelIndex()):  # noqa: B008
        if self.canFetchMore(parent):
            self._waiting = True
            self.more_wanted.emit(len(self._rows))


class ReportsModel(RowsModel):
    """The reports of the library, filtered and sorted here in Python over plain rows
    (no per-cell calls through a proxy: 100,000 reports filter as you type).

    Institution, year and title can be edited: an edit is handed on as a correction
    request, and the row updates when it is stored. A value that cannot be a year
    is refused with a message (``invalid_value``) instead of an exception."""

    correction_wanted = Signal(str, str, object)  # report path, field, new value
    invalid_value = Signal(str)  # why an edit was refused, for the user

    TITLE, INSTITUTION, YEAR, PARAGRAPHS, PATH = range(5)
    _FIELDS: ClassVar[dict[int, str]] = {TITLE: "title", INSTITUTION: "institution", YEAR: "year"}

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._all: list[ReportRecord] = []
        self._haystacks: list[str] = []  # per record: what the filter looks in, case-folded
        self._filter = ""
        self._sort = (self.YEAR, Qt.SortOrder.DescendingOrder)
        self.editable = True  # False when the library may only be read (a reporter's)

    def headers(self) -> list[str]:
        return [self.tr("Title"), self.tr("Institution"), self.tr("Year"),
                self.tr("Paragraphs"), self.tr("Source file")]

    def set_records(self, records: list[ReportRecord],
                    haystacks: list[str] | None = None) -> None:
        """Show ``records``; ``haystacks`` (``haystack(r)`` of each, made off the GUI
        thread for a big library) are computed here when not given."""
        self.beginResetModel()
        self._all = list(records)
        self._haystacks = haystacks if haystacks is not None else [haystack(r) for r in records]
        self._rows = self._visible()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only the reports whose title, institution, year or file contain ``text``."""
        wanted = text.strip().casefold()
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._rows = self._visible()
        self.endResetModel()

    def filter_text(self) -> str:
        return self._filter

    def _visible(self) -> list[ReportRecord]:
        wanted = self._filter
        rows = (self._all if not wanted else
                [r for r, h in zip(self._all, self._haystacks, strict=True) if wanted in h])
        column, order = self._sort
        return sorted(rows, key=_SORT_KEYS[column],
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [(self._rows[i.row()].path, i.column()) for i in old]
        self._sort = (column, order)
        self._rows = self._visible()
        where = {r.path: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(where[path], c) if path in where else QModelIndex()
                  for path, c in kept])
        self.layoutChanged.emit()

    def record(self, row: int) -> ReportRecord:
        return self._rows[row]

    def records(self) -> list[ReportRecord]:
        """Every report of the library (filtered out or not)."""
        return list(self._all)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        record = self._row(index)
        if record is None:
            return None
        column = index.column()
        if role == RecordRole:
            return record
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            path = record.path
            if record.copies and role == Qt.ItemDataRole.DisplayRole:
                path = self.tr("%1 (copies: %2)").replace("%1", path).replace(
                    "%2", str(len(record.copies)))
            values = (record.title, record.institution, record.year or "",
                      record.paragraphs, path)
            value = values[column]
            return value if role == Qt.ItemDataRole.EditRole else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self._FIELDS.get(column)
            if name:
                source = record.sources.get(name, "")
                return plain_tooltip(self.tr("Source of this value: %1").replace("%1", source))
            if column == self.PATH:
                if record.copies:
                    return plain_tooltip(self.tr("The same content is in:") + "\n"
                                         + "\n".join(record.paths))
                return plain_tooltip(record.path)
        return None

    def flags(self, index):
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() in self._FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or index.column() not in self._FIELDS:
            return False
        record = self._row(index)
        if record is None:
            return False
        name = self._FIELDS[index.column()]
        if name == "year":
            try:
                value = parse_year(value)
            except ConfigError as exc:
                self.invalid_value.emit(str(exc))
                return False
            if value is None:
                return False
        else:
            value = str(value).strip()
            if not value:
                return False
        self.correction_wanted.emit(record.path, name, value)
        return True

    def update_record(self, record: ReportRecord) -> None:
        for n, old in enumerate(self._all):
            if old.path == record.path:
                self._all[n] = record
                self._haystacks[n] = haystack(record)
                break
        for row, old in enumerate(self._rows):
            if old.path == record.path:
                self._rows[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return


def haystack(record: ReportRecord) -> str:
    """What the library filter looks in: title, institution, year and path, case-folded.
    Plain Python, so the reader thread can make them for 100,000 reports."""
    return "\t".join((record.title, record.institution, str(record.year or ""),
                      *record.paths)).casefold()


_SORT_KEYS = {
    ReportsModel.TITLE: lambda r: r.title.casefold(),
    ReportsModel.INSTITUTION: lambda r: r.institution.casefold(),
    # By year only: the sort is stable, so within a year the engine's order (institution,
    # name) stays, and the list as it comes from the engine is sorted in one pass.
    ReportsModel.YEAR: lambda r: r.year or 0,
    ReportsModel.PARAGRAPHS: lambda r: r.paragraphs,
    ReportsModel.PATH: lambda r: r.path,
}


class ReportChoices(QAbstractListModel):
    """The library as a list to pick a report from (the compare page's two pickers):
    one line per report, made when shown, so 100,000 reports cost nothing to set."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._records: list[ReportRecord] = []
        self._rows: dict[str, int] = {}

    def set_records(self, records: list[ReportRecord]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._rows = {r.path: n for n, r in enumerate(self._records)}
        self.endResetModel()

    def row_of(self, path: str) -> int:
        return self._rows.get(path, -1)

    def path(self, row: int) -> str | None:
        return self._records[row].path if 0 <= row < len(self._records) else None

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        r = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{r.year or '----'} · {r.institution} · {r.title}"
        if role == Qt.ItemDataRole.UserRole:
            return r.path
        return None
