"""The app under stress: a damaged index at start, another writer holding the index,
Cancel during an import, corrections while the index is busy, re-scans."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import index.importer as importer
import index.store as store
from index.engine import Engine
from index.store import SCHEMA_VERSION

from .conftest import dialogs, open_window


@pytest.fixture
def no_modal_boxes(monkeypatch):
    """Record (instead of showing) modal message boxes, so a test fails rather than hangs
    on one; the app itself opens its boxes without blocking."""
    shown: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **_k: shown.append(args[2]))
    return shown


def _library(tmp_path, seed_files, names=("a.txt", "b.txt")):
    """A library that is not the seeds: two seeds under other names, each with a line
    of its own (a file with a seed's very content would be recorded as its copy)."""
    folder = tmp_path / "my-reports"
    folder.mkdir()
    for name, source in zip(names, seed_files, strict=False):
        (folder / name).write_text(source.read_text(encoding="utf-8") + f"\n本地副本{name}\n",
                                   encoding="utf-8")
    return folder


class Gate:
    """Holds the import in the worker thread at its first file until opened."""

    def __init__(self, monkeypatch):
        self.entered = threading.Event()
        self.open = threading.Event()
        real = importer.load_report

        def load_report(path, **kwargs):
            self.entered.set()
            self.open.wait(20)
            return real(path, **kwargs)

        monkeypatch.setattr(importer, "load_report", load_report)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_damaged_index_is_rebuilt_from_the_users_library_not_the_seeds(
        qtbot, tmp_path, seed_files, no_modal_boxes):
    folder = _library(tmp_path, seed_files)
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
    for segment in (index_dir / f"v{SCHEMA_VERSION}").glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:500])

    win = open_window(qtbot, tmp_path, index_dir)  # never a crash on launch
    try:
        qtbot.waitUntil(lambda: bool(dialogs(win) or no_modal_boxes), timeout=10000)
        shown = dialogs(win) + no_modal_boxes
        assert len(shown) == 1 and ("损坏" in shown[0] or "damaged" in shown[0])
        qtbot.waitUntil(lambda: not win.indexing and win.library.model.rowCount() > 0,
                        timeout=30000)
        names = sorted(r.name for r in win.library.model.records())
        assert names == ["a.txt", "b.txt"]  # the user's reports, not the bundled seeds
    finally:
        win.shutdown()


def test_a_new_folding_table_is_a_rebuild_not_damage(qtbot, tmp_path, seed_files,
                                                     monkeypatch, no_modal_boxes):
    folder = _library(tmp_path, seed_files)
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
    import index.normalize as normalize

    table = dict(normalize._table())
    table[ord("床")] = "库"  # what folding stores for a character changed (an upgrade)
    monkeypatch.setattr(normalize, "_table", lambda: table)
    win = open_window(qtbot, tmp_path, index_dir)
    try:
        qtbot.waitUntil(lambda: bool(dialogs(win) or no_modal_boxes), timeout=10000)
        (shown,) = dialogs(win) + no_modal_boxes
        assert "rebuil" in shown or "重建" in shown  # in the interface's language
        assert "damaged" not in shown and "损坏" not in shown
        qtbot.waitUntil(lambda: not win.indexing and win.library.model.rowCount() == 2,
                        timeout=30000)
    finally:
        win.shutdown()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_an_index_another_program_holds_while_it_must_be_replaced_is_one_message(
        qtbot, tmp_path, seed_files, monkeypatch, no_modal_boxes):
    from index.disk import FileLock

    folder = _library(tmp_path, seed_files)
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
    for segment in (index_dir / f"v{SCHEMA_VERSION}").glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:500])  # damaged: opening must replace it
    monkeypatch.setattr(store, "LOCK_WAIT", 0.2)
    other = FileLock(index_dir / store.WRITE_LOCK)  # e.g. a CLI rebuild holding the index
    other.acquire()
    try:
        win = open_window(qtbot, tmp_path, index_dir)  # never a crash on launch
        qtbot.waitUntil(lambda: bool(dialogs(win) or no_modal_boxes) and not win.indexing,
                        timeout=10000)
        (shown,) = dialogs(win) + no_modal_boxes
        assert "another program" in shown or "另一个" in shown
        assert not win.ready
    finally:
        other.release()
    try:
        win.rescan()  # once the other program is done, the next job opens the index
        qtbot.waitUntil(lambda: win.ready and not win.indexing
                        and win.library.model.rowCount() == 2, timeout=30000)
    finally:
        win.shutdown()


def test_an_import_while_another_program_writes_gets_one_clear_message(
        qtbot, tmp_path, seed_files, monkeypatch, no_modal_boxes):
    monkeypatch.setattr(store, "LOCK_WAIT", 0.2)
    index_dir = tmp_path / "index"
    folder = _library(tmp_path, seed_files)
    win = open_window(qtbot, tmp_path, index_dir, reports=5)
    other = Engine(index_dir).store.index.writer()  # e.g. a CLI import holding the index
    try:
        win.start_indexing([folder])
        qtbot.waitUntil(lambda: not win.indexing, timeout=10000)
        shown = dialogs(win) + no_modal_boxes
        assert len(shown) == 1 and ("another program" in shown[0] or "另一个" in shown[0])
        assert win.search_page.isEnabled()
    finally:
        other.cancel()
        win.shutdown()
    # Once the other writer is done, the import goes through.
    with Engine(index_dir) as engine:
        assert engine.index([folder]).reports == 7


def test_cancel_stops_a_running_import_at_once(qtbot, window, tmp_path, seed_files,
                                               monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(20):
        (folder / f"r{n:02d}.txt").write_text(seed_files[n % 5].read_text(encoding="utf-8")
                                              + f"\n编号{n}\n", encoding="utf-8")
    gate = Gate(monkeypatch)
    window.tabs.setCurrentWidget(window.library)
    with qtbot.waitSignal(window.jobs.finished, timeout=30000) as done:
        window.start_indexing([folder])
        qtbot.waitUntil(gate.entered.is_set, timeout=10000)  # the worker is busy importing
        qtbot.waitUntil(window.library.cancel.isVisible)
        qtbot.mouseClick(window.library.cancel, Qt.MouseButton.LeftButton)
        gate.open.set()
    summary = done.args[1]
    assert summary.cancelled
    assert len(summary.added) <= 1  # stopped after the file it was reading
    qtbot.waitUntil(lambda: not window.indexing)
    assert window.library.progress.isHidden()
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 5 + len(summary.added))


def test_a_correction_never_makes_the_window_wait_for_the_index_lock(qtbot, window,
                                                                    no_modal_boxes):
    model = window.library.model
    other = Engine(window.target).store.index.writer()  # another program writes
    try:
        assert model.setData(model.index(0, model.INSTITUTION), "某某卫健委")
        # The window went on at once: no wait, no error, the row not yet changed.
        assert not dialogs(window) and not no_modal_boxes
        assert model.record(0).institution != "某某卫健委"
    finally:
        other.cancel()  # the other program is done: the queued correction goes through
    qtbot.waitUntil(lambda: model.record(0).institution == "某某卫健委", timeout=10000)
    assert not dialogs(window) and not no_modal_boxes


def test_a_correction_asked_for_during_an_import_is_applied(qtbot, window, tmp_path,
                                                           seed_files, monkeypatch):
    folder = _library(tmp_path, seed_files)
    gate = Gate(monkeypatch)
    window.start_indexing([folder])
    qtbot.waitUntil(gate.entered.is_set, timeout=10000)
    model = window.library.model
    path = model.record(0).path
    assert model.setData(model.index(0, model.TITLE), "更正后的标题")
    gate.open.set()
    qtbot.waitUntil(lambda: not window.indexing, timeout=30000)
    qtbot.waitUntil(lambda: any(r.path == path and r.title == "更正后的标题"
                                for r in model.records()), timeout=10000)
    qtbot.waitUntil(lambda: model.rowCount() == 7, timeout=10000)


def test_rescan_reads_what_the_user_added_not_its_whole_folder(qtbot, tmp_path, seed_files):
    downloads = _library(tmp_path, seed_files)  # a.txt and b.txt
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([downloads / "a.txt"])  # one file added from a busy folder
    win = open_window(qtbot, tmp_path, index_dir, reports=1)
    try:
        with qtbot.waitSignal(win.jobs.finished, timeout=30000) as done:
            win.rescan()
        assert done.args[1].added == []
        qtbot.waitUntil(lambda: not win.indexing)
        assert [r.name for r in win.library.model.records()] == ["a.txt"]
    finally:
        win.shutdown()


def test_an_unexpected_failure_is_one_dialog_and_the_detail_goes_to_the_log(
        qtbot, window, monkeypatch, caplog, seed_files):
    import gui.jobs

    def broken(self, engine, progress):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(gui.jobs.RescanJob, "run", broken)
    window.rescan()
    qtbot.waitUntil(lambda: not window.indexing and bool(dialogs(window)), timeout=10000)
    (shown,) = dialogs(window)
    assert "Traceback" not in shown and "disk on fire" not in shown
    assert "log" in shown or "日志" in shown
    assert "Traceback" in caplog.text and "disk on fire" in caplog.text


def test_closing_during_an_import_stops_it_and_keeps_what_was_committed(
        qtbot, window, tmp_path, seed_files, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(10):
        (folder / f"r{n:02d}.txt").write_text(seed_files[n % 5].read_text(encoding="utf-8")
                                              + f"\n编号{n}\n", encoding="utf-8")
    entered = threading.Event()
    real = importer.load_report

    def slow_file(path, **kwargs):  # a file that takes until Cancel to read
        entered.set()
        while not any(job.cancelled for job in window.jobs.pending()):
            threading.Event().wait(0.01)
        return real(path, **kwargs)

    monkeypatch.setattr(importer, "load_report", slow_file)
    window.start_indexing([folder])
    qtbot.waitUntil(entered.is_set, timeout=10000)
    (job,) = window.jobs.pending()
    window.close()  # returns once the worker has stopped
    assert job.cancelled and not window.isVisible()
    assert window.jobs.pending() == []
    with Engine(window.target) as engine:
        assert len(engine.reports()) <= 6  # the five seeds and at most the file being read
