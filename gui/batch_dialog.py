"""Batch search for fact-checkers: paste or load a list of queries, see how many
paragraphs each finds, open any of them, export every hit to CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from index.export import write_csv
from index.model import SearchResult

from .dialog_folders import open_file, remember_folder, remembered_folder, save_file
from .plain import plain_label


class BatchDialog(QDialog):
    run_requested = Signal(list)  # queries
    query_opened = Signal(str)

    def __init__(self, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.settings = settings  # where the file dialogs remember their folder
        self.setWindowTitle(self.tr("Batch search"))
        self.resize(760, 560)
        self.queries = QPlainTextEdit(self)
        self.queries.setPlaceholderText(self.tr("One query per line, e.g.\n一号管三天\n227人\n李晓东"))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Query"), self.tr("Paragraphs"), self.tr("Exact")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(self._open)
        self.status = plain_label(self)
        self.status.setWordWrap(True)
        load = QPushButton(self.tr("Load list…"), self)
        run = QPushButton(self.tr("Search all"), self)
        run.setDefault(True)
        self.export = QPushButton(self.tr("Export all hits to CSV…"), self)
        self.export.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(load)
        row.addWidget(run)
        row.addStretch(1)
        row.addWidget(self.export)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.queries, 1)
        layout.addLayout(row)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.status)
        layout.addWidget(close)
        load.clicked.connect(self._load)
        run.clicked.connect(self.run)
        self.export.clicked.connect(self._export)
        self.results: dict[str, SearchResult] = {}
        self._order: list[str] = []

    def query_list(self) -> list[str]:
        lines = self.queries.toPlainText().splitlines()
        return list(dict.fromkeys(q.strip() for q in lines if q.strip()))

    def run(self) -> None:
        self._order = self.query_list()
        self.results.clear()
        self.table.setRowCount(len(self._order))
        for row, query in enumerate(self._order):
            self.table.setItem(row, 0, QTableWidgetItem(query))
            self.table.setItem(row, 1, QTableWidgetItem("…"))
            self.table.setItem(row, 2, QTableWidgetItem(""))
        self.export.setEnabled(False)
        self.status.setText(self.tr("Searching…"))
        if self._order:
            self.run_requested.emit(self._order)

    def add_result(self, query: str, result: SearchResult | None, error: str = "") -> None:
        if query not in self._order:
            return
        row = self._order.index(query)
        if result is None:
            self.table.setItem(row, 1, QTableWidgetItem(error))
        else:
            self.results[query] = result
            for column, value in ((1, result.total), (2, result.exact)):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                self.table.setItem(row, column, item)
        done = sum(1 for r in range(len(self._order)) if self.table.item(r, 1).text() != "…")
        if done == len(self._order):
            self.status.setText(self.tr("%1 queries searched. Double-click one to open it.")
                                .replace("%1", str(done)))
            self.export.setEnabled(bool(self.results))

    def _open(self, row: int, _column: int) -> None:
        self.query_opened.emit(self._order[row])

    def _folder(self) -> str:
        return remembered_folder(self.settings) if self.settings is not None else str(Path.home())

    def _remember(self, path: str) -> None:
        if self.settings is not None:
            remember_folder(self.settings, str(Path(path).parent))

    def _load(self) -> None:
        path = open_file(self, self.tr("Load queries"), self._folder(),
                         self.tr("Text files (*.txt *.csv);;All files (*)"))
        if path:
            self._remember(path)
            try:
                self.queries.setPlainText(read_query_list(Path(path)))
            except OSError as exc:
                self.status.setText(self.tr("Cannot read %1: %2").replace("%1", path)
                                    .replace("%2", exc.strerror or str(exc)))
            except UnicodeDecodeError:
                self.status.setText(self.tr("Cannot read %1: %2").replace("%1", path)
                                    .replace("%2", self.tr("not a text file")))

    def _export(self) -> None:
        path = save_file(self, self.tr("Export hits"), str(Path(self._folder()) / "batch.csv"),
                         self.tr("CSV files (*.csv)"))
        if not path:
            return
        self._remember(path)
        try:
            rows = write_csv(Path(path), [self.results[q] for q in self._order if q in self.results])
        except OSError as exc:
            self.status.setText(self.tr("Cannot write %1: %2").replace("%1", path)
                                .replace("%2", exc.strerror or str(exc)))
            return
        self.status.setText(self.tr("%1 rows written to %2").replace("%1", str(rows))
                            .replace("%2", path))


def read_query_list(path: Path) -> str:
    """A list of queries as an editor saved it: UTF-8 (with or without BOM) or GBK."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
        if "\x00" in text:
            raise UnicodeDecodeError("gb18030", data, 0, 1, "binary") from None
        return text
