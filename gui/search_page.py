"""The search screen: one box, results with marked snippets, facets, empty states.

Typing searches after a short pause (a single-shot timer restarted on every key),
Enter searches at once; the search runs in the worker thread and only the newest
request's answer is shown.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from index.model import (
    BY_INSTITUTION,
    BY_YEAR,
    OLDEST,
    RELEVANCE,
    Facets,
    Hit,
    Reading,
    SearchResult,
)

from .delegates import HitDelegate
from .facets import FacetPanel
from .history import DWELL_MS, HistoryDialog, QueryHistory
from .models import ResultsModel
from .plain import plain_label
from .workers import SearchRequest

DEBOUNCE_MS = 250
PAGE = 200


class SearchPage(QWidget):
    search_requested = Signal(object)  # SearchRequest, for the worker
    hit_opened = Signal(object)  # Hit
    add_reports_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._next_id = 0
        self.current_request: SearchRequest | None = None  # the shown query (offset 0)
        self.result: SearchResult | None = None
        self.history = QueryHistory(parent=self)  # the queries acted on (``history``)

        self.box = QLineEdit(self)
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(self.tr(
            "Search every paragraph, e.g. 一号管三天  227人  李晓东  \"高质量发展\" -人才  year:2025"))
        # Recent queries: a menu under a button (and Down in the box), every entry shown.
        self.history_menu = QMenu(self)
        self.history_button = QToolButton(self)
        self.history_button.setText(self.tr("Recent ▾"))
        # Qt's own menu arrow sits on the text's last character: the text carries one.
        self.history_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.history_button.setToolTip(self.tr("Recent queries (Down arrow in the box)"))
        self.history_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.history_button.setMenu(self.history_menu)
        self.history_menu.aboutToShow.connect(self._fill_history_menu)
        self.box.installEventFilter(self)
        self._dwell = QTimer(self)  # results left on screen this long: the query was used
        self._dwell.setSingleShot(True)
        self._dwell.setInterval(DWELL_MS)
        self._dwell.timeout.connect(lambda: self.acted_on(
            self.current_request.query if self.current_request else ""))
        self.sort = QComboBox(self)
        self.sort.addItem(self.tr("Relevance"), RELEVANCE)
        self.sort.addItem(self.tr("Newest first"), BY_YEAR)
        self.sort.addItem(self.tr("Oldest first"), OLDEST)
        self.sort.addItem(self.tr("Institution"), BY_INSTITUTION)
        self.status = plain_label(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.expansion = plain_label(self)
        self.expansion.setWordWrap(True)
        self.expansion.setStyleSheet("color: #1565c0;")
        self.expansion.hide()

        self.model = ResultsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ResultsModel.PARAGRAPH, HitDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 3 + 10)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ResultsModel.PARAGRAPH, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 52), (3, 200), (4, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.activated.connect(self._open_row)
        self.table.doubleClicked.connect(self._open_row)

        self.facets = FacetPanel(self)
        self.facets.setMinimumWidth(200)

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(self._on_empty_link)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.history_button)
        top.addWidget(self.sort)
        clear = QPushButton(self.tr("Clear filters"), self)
        clear.clicked.connect(self.facets.clear)
        top.addWidget(clear)
        results = QWidget(self)
        column = QVBoxLayout(results)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.status)
        column.addWidget(self.expansion)
        column.addWidget(self.stack, 1)
        splitter = QSplitter(self)
        splitter.addWidget(results)
        splitter.addWidget(self.facets)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 230])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.box.textEdited.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self.search_now)
        self.sort.currentIndexChanged.connect(lambda _i: self.search_now())
        self.facets.changed.connect(self.search_now)
        self.model.more_wanted.connect(self._fetch_more)
        self.show_empty_library(False)

    # ------------------------------------------------------------ requests

    def set_query(self, text: str) -> None:
        self.box.setText(text)
        self.search_now()

    def search_now(self) -> None:
        self._timer.stop()
        text = self.box.text().strip()
        if not text:
            self.current_request = None
            self.model.set_result(None)
            self.status.setText("")
            self.expansion.hide()
            self.facets.hide()  # nothing to count yet
            self._show_message(self.tr("Type a few characters to search every paragraph of "
                                       "every report, like Ctrl+F across them all."))
            return
        self._issue(SearchRequest(
            id=self.next_id(), query=text,
            institutions=self.facets.selected_institutions(),
            years=self.facets.selected_years(),
            sort=self.sort.currentData(), offset=0, limit=PAGE,
        ))

    def _fetch_more(self, offset: int) -> None:
        if self.current_request is not None:
            request = self.current_request
            self._issue(SearchRequest(
                id=self.next_id(), query=request.query, institutions=request.institutions,
                years=request.years, sort=request.sort, offset=offset, limit=PAGE,
            ))

    def next_id(self) -> int:
        """A new request number; answers to lower numbers are stale."""
        self._next_id += 1
        return self._next_id

    def _issue(self, request: SearchRequest) -> None:
        if request.offset == 0:
            self.current_request = request
        self.search_requested.emit(request)

    # ------------------------------------------------------------ answers

    def show_result(self, request: SearchRequest, result: SearchResult) -> None:
        if request.id != self._next_id:
            return  # an older answer that arrived late
        if request.offset:
            self.model.append(result)
            return
        self.result = result
        self.model.set_result(result)
        self.facets.fill(result.facets)
        self.facets.show()
        self.history_menu.hide()  # results arrived: the recent-queries menu has done its job
        self._dwell.start()
        if result.total == 0:
            filtered = bool(request.institutions or request.years)
            hint = (self.tr("Nothing found with the ticked filters. "
                            "<a href='clear'>Clear the filters</a> to search everything.")
                    if filtered else
                    self.tr("No paragraph contains this. Check the spelling, or try fewer "
                            "characters."))
            self._show_message(hint)
            self.status.setText(self.tr("No results"))
        else:
            self.stack.setCurrentWidget(self.table)
            self.status.setText(
                self.tr("%1 paragraphs (green, %2: every word found whole; grey: a word "
                        "found only in pieces)")
                .replace("%1", str(result.total)).replace("%2", str(result.exact))
            )
            self.table.scrollToTop()
        if result.expansions or result.readings:
            also = "；".join(
                [f"{term} → {'、'.join(names)}" for term, names in result.expansions.items()]
                + [f"{r.term} → {self._reading_text(r)}" for r in result.readings]
            )
            self.expansion.setText(self.tr("Also searched: %1").replace("%1", also))
            self.expansion.show()
        else:
            self.expansion.hide()

    def _reading_text(self, reading: Reading) -> str:
        """How a word naming the report was read: its institutions, years, title words."""
        parts = ["、".join(reading.institutions)] if reading.institutions else []
        parts += [self.tr("reports of %1").replace("%1", str(y)) for y in reading.years]
        parts += [self.tr("titles with %1").replace("%1", t) for t in reading.titles]
        return "，".join(parts)

    def show_error(self, request: SearchRequest, message: str) -> None:
        if request.id != self._next_id:
            return
        self.model.set_result(None)
        self.result = None
        # The counts and "also searched" line of an earlier query would mislead: cleared.
        self.facets.fill(Facets({}, {}))
        self.facets.hide()
        self.expansion.clear()
        self.expansion.hide()
        self.status.setText(self.tr("Cannot search this"))
        # The message echoes the query: escaped, so it is shown as typed, never as markup.
        self._show_message(html.escape(self.tr("The query cannot be used: %1")
                                       .replace("%1", message)))

    def show_empty_library(self, empty: bool) -> None:
        if empty:
            self._show_message(self.tr(
                "No reports yet. Drag report files or folders onto this window, or "
                "<a href='add'>add reports…</a>"))
        elif not self.box.text().strip():
            self.search_now()

    def _show_message(self, text: str) -> None:
        """Show a message (rich text: our own strings, with links; anything else that
        goes in here is escaped first)."""
        self.empty.setText(f"<p style='font-size:14pt; color:#555'>{text}</p>")
        self.stack.setCurrentWidget(self.empty)

    def _on_empty_link(self, link: str) -> None:
        if link == "clear":
            self.facets.clear()
        elif link == "add":
            self.add_reports_requested.emit()

    def acted_on(self, query: str) -> None:
        """The user used the results of ``query`` (opened a hit, exported, stayed):
        remember it."""
        self._dwell.stop()
        self.history.add(query)

    def set_history(self, history: list[str]) -> None:
        self.history.replace(history)

    def _fill_history_menu(self) -> None:
        menu = self.history_menu
        menu.clear()
        for entry in self.history.entries:
            shown = entry if len(entry) <= 60 else entry[:59] + "…"
            action = menu.addAction(shown.replace("&", "&&"))
            action.triggered.connect(lambda _c=False, q=entry: self.set_query(q))
        if not self.history.entries:
            menu.addAction(self.tr("No recent queries yet")).setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.tr("Edit recent queries…"), self.edit_history)
        menu.addAction(self.tr("Clear recent queries"), self.history.clear)

    def edit_history(self) -> None:
        HistoryDialog(self.history, self).open()

    def eventFilter(self, watched, event) -> bool:
        """Down in the search box opens the recent queries."""
        if (watched is self.box and event.type() == event.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.history.entries):
            self.history_menu.popup(self.box.mapToGlobal(self.box.rect().bottomLeft()))
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ opening

    def _open_row(self, index) -> None:
        if index.isValid():
            if self.current_request is not None:
                self.acted_on(self.current_request.query)
            self.hit_opened.emit(self.model.hit(index.row()))

    def current_hit(self) -> Hit | None:
        index = self.table.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None
