"""The app under stress: a damaged index at start, another writer holding the index."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from index.engine import Engine
from index.store import SCHEMA_VERSION


def _window(qtbot, tmp_path, index_dir):
    win = MainWindow(index_dir, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    return win


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_damaged_index_is_reported_and_rebuilt_at_start(qtbot, tmp_path, seeds_dir,
                                                          monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([seeds_dir])
    for segment in (index_dir / f"v{SCHEMA_VERSION}").glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:500])
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))

    win = _window(qtbot, tmp_path, index_dir)  # never a crash on launch
    try:
        win.show()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        assert "损坏" in shown[0] or "damaged" in shown[0]
        win.ensure_ready()
        qtbot.waitUntil(lambda: not win.indexing and win.library.model.rowCount() == 5,
                        timeout=30000)
    finally:
        win.shutdown()


def test_an_import_while_another_program_writes_gets_a_clear_message(qtbot, tmp_path,
                                                                     seeds_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import index.store as store

    monkeypatch.setattr(store, "LOCK_WAIT", 0.2)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    index_dir = tmp_path / "index"
    win = _window(qtbot, tmp_path, index_dir)
    other = Engine(index_dir).store.index.writer()  # e.g. a CLI import holding the index
    try:
        win.show()
        win.start_indexing([seeds_dir])
        qtbot.waitUntil(lambda: not win.indexing, timeout=10000)
        assert shown and "另一个" in shown[0]
        assert win.search_page.isEnabled()
    finally:
        other.cancel()
        win.shutdown()
    # Once the other writer is done, the import goes through.
    with Engine(index_dir) as engine:
        assert engine.index([seeds_dir]).reports == 5
