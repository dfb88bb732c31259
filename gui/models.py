"""Qt models over the engine's plain data: search hits and reports.

They stay thin: rows are the frozen values the engine returns, and each model is
filled in one method. They are tested without widgets (``qtmodeltester``).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal

from index.search import Hit, SearchResult
from index.store import ReportRecord

HitRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2


class _RowsModel(QAbstractTableModel):
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


class ResultsModel(_RowsModel):
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
            return f"{hit.title}\n{hit.report} · {where}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.YEAR:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def canFetchMore(self, parent=QModelIndex()):  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total and not self._waiting

    def fetchMore(self, parent=QModelIndex()):  # noqa: B008
        if self.canFetchMore(parent):
            self._waiting = True
            self.more_wanted.emit(len(self._rows))


class ReportsModel(_RowsModel):
    """The reports of the library. Institution, year and title can be edited: an edit
    is handed on as a correction request, and the row updates when it is stored."""

    correction_wanted = Signal(str, str, object)  # report path, field, new value

    TITLE, INSTITUTION, YEAR, PARAGRAPHS, PATH = range(5)
    _FIELDS: ClassVar[dict[int, str]] = {TITLE: "title", INSTITUTION: "institution", YEAR: "year"}

    def headers(self) -> list[str]:
        return [self.tr("Title"), self.tr("Institution"), self.tr("Year"),
                self.tr("Paragraphs"), self.tr("Source file")]

    def set_records(self, records: list[ReportRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> ReportRecord:
        return self._rows[row]

    def records(self) -> list[ReportRecord]:
        return list(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        record = self._row(index)
        if record is None:
            return None
        column = index.column()
        if role == RecordRole:
            return record
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = (record.title, record.institution, record.year or "",
                      record.paragraphs, record.path)
            value = values[column]
            return value if role == Qt.ItemDataRole.EditRole else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self._FIELDS.get(column)
            if name:
                source = record.sources.get(name, "")
                return self.tr("Source of this value: %1").replace("%1", source)
            if column == self.PATH:
                return record.path
        return None

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() in self._FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or index.column() not in self._FIELDS:
            return False
        record = self._rows[index.row()]
        name = self._FIELDS[index.column()]
        text = str(value).strip()
        if name == "year":
            if not text.isdigit() or not 1800 <= int(text) <= 2200:
                return False
            value = int(text)
        elif not text:
            return False
        else:
            value = text
        self.correction_wanted.emit(record.path, name, value)
        return True

    def update_record(self, record: ReportRecord) -> None:
        for row, old in enumerate(self._rows):
            if old.path == record.path:
                self._rows[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return
