"""Start the desktop app: logging, translations, the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QMainWindow, QTableView

from index.library import iter_report_files, load_report
from index.model import Report
from index.paths import seeds_dir


class ReportTableModel(QAbstractTableModel):
    """The reports of the library, one row each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._reports: list[Report] = []

    def set_reports(self, reports: list[Report]) -> None:
        self.beginResetModel()
        self._reports = list(reports)
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr("Title"), self.tr("Institution"), self.tr("Year"),
                self.tr("Paragraphs"), self.tr("File")]

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._reports)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        report = self._reports[index.row()]
        return [report.title, report.institution, report.year or "",
                len(report.paragraphs), report.name][index.column()]


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        self.setWindowTitle(self.tr("ReportSearch"))
        self.model = ReportTableModel(self)
        view = QTableView(self)
        view.setModel(self.model)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().hide()
        self.setCentralWidget(view)
        self.resize(1100, 600)
        reports = [load_report(p) for p in iter_report_files([seeds_dir()]) if hasattr(p, "suffix")]
        self.model.set_reports(reports)


def run(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(argv)
    window = MainWindow()
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv))
