"""The check page's worker and models: checking runs in the reader thread, and its
statements and items are shown through thin models over the engine's plain results.

``Checker`` lives in the reader thread beside ``workers.Reader`` and uses the reader's
backend (one backend per thread), so a check never blocks the window and never opens
a second copy of the library. A newer check, a Cancel or closing the window makes the
running one stop between two statements (the flags are plain values set from the GUI
thread).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor

from index.checking import DraftCheck, StatementCheck
from index.checking.results import (
    DIFFERENT,
    DIFFERS,
    NOT_FOUND,
    SAME,
    SUPPORTED,
    UNSUPPORTED,
    ItemCheck,
)
from index.errors import ReportSearchError

from .models import RowsModel
from .plain import plain_tooltip, shorten
from .workers import Reader

log = logging.getLogger(__name__)

StatementRole = Qt.ItemDataRole.UserRole + 11
# A verdict is said in words and shown in colour (never colour alone).
VERDICT_COLOURS = {SUPPORTED: "#2e7d32", DIFFERS: "#e65100", UNSUPPORTED: "#c62828",
                   SAME: "#2e7d32", DIFFERENT: "#e65100", NOT_FOUND: "#c62828"}
MARK_COLOURS = {SAME: "#c8e6c9", DIFFERENT: "#ffcc80", NOT_FOUND: "#ffcdd2"}


@dataclass(frozen=True)
class CheckRequest:
    id: int
    draft: str


class Checker(QObject):
    """Checks drafts in the reader's thread with the reader's backend."""

    progress = Signal(object, int, int)  # CheckRequest, statements done, total
    checked = Signal(object, object)  # CheckRequest, DraftCheck
    failed = Signal(object, str)  # CheckRequest, message ("" : see the log)

    def __init__(self, reader: Reader):
        super().__init__()
        self._reader = reader
        self.latest = 0  # set from the GUI thread: the newest request; older ones stop

    def _stale(self, request: CheckRequest) -> bool:
        return self._reader.closing or request.id != self.latest

    @Slot(object)
    def run(self, request: CheckRequest) -> None:
        if self._stale(request):
            return
        # The pipeline loads with the first check, not with the window (jieba's dictionary
        # is built when it first cuts a statement).
        from index.checking import check
        from index.institutions import institutions

        try:
            result = check(self._reader.backend(), request.draft, institutions(),
                           progress=lambda done, total: self.progress.emit(request, done, total),
                           cancelled=lambda: self._stale(request))
        except ReportSearchError as exc:
            self.failed.emit(request, str(exc))
            return
        except Exception:  # never let a worker die silently
            log.exception("checking a draft failed")
            self.failed.emit(request, "")
            return
        if not self._stale(request):
            self.checked.emit(request, result)


def verdict_word(verdict: str) -> str:
    """A verdict in the user's language."""
    words = {
        SUPPORTED: QCoreApplication.translate("CheckVerdict", "Supported"),
        DIFFERS: QCoreApplication.translate("CheckVerdict", "Figure differs"),
        UNSUPPORTED: QCoreApplication.translate("CheckVerdict", "No source"),
        SAME: QCoreApplication.translate("CheckVerdict", "Same"),
        DIFFERENT: QCoreApplication.translate("CheckVerdict", "Different"),
        NOT_FOUND: QCoreApplication.translate("CheckVerdict", "Not found"),
    }
    return words[verdict]


def kind_word(kind: str) -> str:
    """The kind of an item in the user's language."""
    from index.checking.items import DATE, FIGURE, INSTITUTION, PERSON, TITLE

    words = {
        FIGURE: QCoreApplication.translate("CheckVerdict", "Figure"),
        DATE: QCoreApplication.translate("CheckVerdict", "Date"),
        PERSON: QCoreApplication.translate("CheckVerdict", "Person"),
        INSTITUTION: QCoreApplication.translate("CheckVerdict", "Institution"),
        TITLE: QCoreApplication.translate("CheckVerdict", "Title or quote"),
    }
    return words[kind]


class _Table(RowsModel):
    """A table of plain rows (``models.RowsModel``) that is filled all at once."""

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()


class StatementsModel(_Table):
    """The statements of a checked draft: number, verdict (word and colour), text."""

    NUMBER, VERDICT, TEXT = range(3)

    def headers(self) -> list[str]:
        return [self.tr("No."), self.tr("Verdict"), self.tr("Statement")]

    def set_result(self, result: DraftCheck | None) -> None:
        self.set_rows(result.statements if result else [])

    def statement(self, row: int) -> StatementCheck | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.statement(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(row.statement.number), verdict_word(row.verdict),
                    shorten(row.statement.text, 160))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.VERDICT:
            return QColor(VERDICT_COLOURS[row.verdict])
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT:
            return plain_tooltip(row.statement.text)
        if role == StatementRole:
            return row
        return None


class ItemsModel(_Table):
    """A statement's items against one source: kind, as in the draft, verdict, as in
    the report."""

    KIND, DRAFT, VERDICT, REPORT = range(4)

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("In the draft"), self.tr("Verdict"),
                self.tr("In the report")]

    def set_checks(self, checks: tuple[ItemCheck, ...]) -> None:
        self.set_rows(checks)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item: ItemCheck = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (kind_word(item.item.kind), item.item.text, verdict_word(item.verdict),
                    item.found)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.VERDICT:
            return QColor(VERDICT_COLOURS[item.verdict])
        return None
