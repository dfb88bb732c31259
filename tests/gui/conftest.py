"""GUI tests run offscreen against a fresh index of the seeds."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture
def window(qtbot, tmp_path, seeds_dir):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from index.engine import Engine

    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([seeds_dir])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(index_dir, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
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
