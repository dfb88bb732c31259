"""Recent queries that help: only the ones a user acted on, editable and clearable.

A query enters the history when the user opens one of its hits, exports its results,
or leaves its results on screen for a while (``DWELL_MS``) — not on every keystroke,
so no fragments of typing (国, 国家, 国家人…). A query that names nothing to find
(only filters, exclusions or OR), or is longer than ``MAX_LENGTH`` (a pasted page), is
not kept. A query that extends one remembered in the same run replaces it (国家人 →
国家人工智能). The list is shown as a menu (every entry visible, no scroll bar), and a
small dialog edits or clears it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

LIMIT = 15  # entries kept (and shown: a menu of 15 rows fits any screen)
MAX_LENGTH = 120  # characters; a longer query is a paste, not something to re-run
DWELL_MS = 4000  # results left on screen this long count as used
_FILTER = re.compile(r"^(?:institution|机构|year|年份?):", re.IGNORECASE)
_OPERATORS = {"OR", "NOT", "-", "+"}


def worth_keeping(query: str) -> bool:
    """Does ``query`` look for something (not only filters, exclusions or operators),
    in a length a person re-runs?"""
    query = " ".join(query.split())
    if not query or len(query) > MAX_LENGTH:
        return False
    words = [w for w in query.replace("\"", " ").replace("“", " ").replace("”", " ").split()
             if w not in _OPERATORS and not _FILTER.match(w) and not w.startswith("-")]
    return any(w.strip("-+()") for w in words)


class QueryHistory(QObject):
    """The remembered queries, newest first."""

    changed = Signal()

    def __init__(self, entries: list[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.entries: list[str] = []
        self._this_run: set[str] = set()  # entries added since the program started
        self.replace([e for e in entries or [] if isinstance(e, str)])

    def add(self, query: str) -> bool:
        """Remember ``query`` (see the module doc); True when it was kept."""
        query = " ".join(query.split())
        if not worth_keeping(query):
            return False
        fragments = {e for e in self._this_run if query.startswith(e) and e != query}
        self.entries = [query, *(e for e in self.entries if e != query and e not in fragments)]
        del self.entries[LIMIT:]
        self._this_run = (self._this_run - fragments) | {query}
        self.changed.emit()
        return True

    def replace(self, entries: list[str]) -> None:
        """Set the whole list (an edit, or the saved history at start)."""
        kept = [" ".join(e.split()) for e in entries]
        self.entries = list(dict.fromkeys(e for e in kept if worth_keeping(e)))[:LIMIT]
        self.changed.emit()

    def clear(self) -> None:
        self.entries = []
        self._this_run = set()
        self.changed.emit()


class HistoryDialog(QDialog):
    """Edit (double-click), remove or clear the remembered queries."""

    def __init__(self, history: QueryHistory, parent: QWidget | None = None):
        super().__init__(parent)
        self.history = history
        self.setWindowTitle(self.tr("Recent queries"))
        self.list = QListWidget(self)
        for entry in history.entries:
            item = QListWidgetItem(entry)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        remove = QPushButton(self.tr("Remove"), self)
        clear = QPushButton(self.tr("Clear all"), self)
        remove.clicked.connect(self._remove)
        clear.clicked.connect(self.list.clear)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(remove)
        row.addWidget(clear)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 40,
                    self.fontMetrics().height() * 20)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def accept(self) -> None:
        self.history.replace([self.list.item(i).text() for i in range(self.list.count())])
        super().accept()
