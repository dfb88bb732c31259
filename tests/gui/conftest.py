"""GUI tests run offscreen against a fresh index of the seeds."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


def open_window(qtbot, tmp_path, index_dir, reports: int | None = None):
    """A shown main window on ``index_dir``, once its index is open and listed."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(index_dir, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    if reports is not None:
        qtbot.waitUntil(lambda: win.ready and not win.indexing
                        and win.library.model.rowCount() == reports, timeout=30000)
    return win


@pytest.fixture
def window(qtbot, tmp_path, seeds_dir):
    from index.engine import Engine

    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([seeds_dir])
    win = open_window(qtbot, tmp_path, index_dir, reports=5)
    yield win
    win.shutdown()


def search(qtbot, win, text: str):
    """Type a query and wait for its answer."""
    page = win.search_page
    page.set_query(text)
    # Wait for this query's answer (or its error) to reach the page.
    qtbot.waitUntil(lambda: (page.result is not None and page.result.query == text)
                    or (page.stack.currentWidget() is page.empty and page.model.rowCount() == 0
                    and page.status.text() != ""), timeout=10000)
    return page.result


def open_report(qtbot, win, path: str, ordinal: int | None = None):
    """Open a report in the reader and wait until it is shown."""
    document = win.reader.document
    win.open_report(path, ordinal)
    wanted = win.reading.latest_load["reader"]
    qtbot.waitUntil(lambda: win.shown.get("reader") == wanted, timeout=10000)
    assert document.view.record.path == path
    assert ordinal is None or document.current_ordinal == ordinal
    return document


def dialogs(win) -> list[str]:
    """The texts of the message boxes the window has open."""
    from PySide6.QtWidgets import QMessageBox

    return [box.text() for box in win.findChildren(QMessageBox) if box.isVisible()]
