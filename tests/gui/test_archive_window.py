"""The window on a team archive: the dialog (the URL stored without its password), the
title saying which library is searched, a password asked for and kept in memory, and
the fallback to the local library when the server is down or refuses."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QInputDialog

from gui.archive_dialog import ArchiveDialog, store_server, stored_server

from .conftest import dialogs, open_window, search


def _settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_dialog_stores_the_url_without_the_password(qtbot, tmp_path):
    settings = _settings(tmp_path)
    dialog = ArchiveDialog("postgresql://li:old-secret@db.example/reports?sslmode=verify-full")
    qtbot.addWidget(dialog)
    assert "old-secret" not in dialog.url.text()  # never shown again either
    dialog.password.setText("typed-secret")
    dialog.connect_button.click()
    target = dialog.target()
    assert "typed-secret" in target and "sslmode=verify-full" in target  # for this session
    store_server(settings, target)
    settings.sync()
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "secret" not in stored and "db.example" in stored
    assert stored_server(settings) == "postgresql://li@db.example/reports?sslmode=verify-full"

    dialog = ArchiveDialog(stored_server(settings))
    qtbot.addWidget(dialog)
    dialog.local_button.click()  # back to the local library
    assert dialog.target() is None
    store_server(settings, None)
    assert stored_server(settings) is None


def test_the_dialog_refuses_what_is_not_a_server_url(qtbot):
    dialog = ArchiveDialog(None)
    qtbot.addWidget(dialog)
    dialog.url.setText("/home/me/index")
    dialog.connect_button.click()
    assert dialog.result() != ArchiveDialog.DialogCode.Accepted and dialog.problem.text()


def test_a_server_that_is_down_is_one_dialog_then_the_local_library(qtbot, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    win = open_window(qtbot, tmp_path, f"postgresql://li@127.0.0.1:{port}/reports")
    qtbot.waitUntil(lambda: win.target is None and win.ready and not win.indexing,
                    timeout=30000)
    shown = dialogs(win)
    assert len(shown) == 1 and f"127.0.0.1:{port}" in shown[0]
    assert win.windowTitle() == win.tr("ReportSearch — %1").replace("%1", win.tr("local library"))
    assert win.where.text() == win.tr("local library")
    assert search(qtbot, win, "市二院").total > 0  # the local library: the seeds
    win.shutdown()


@pytest.fixture
def seeded_archive(archive_url, seeds_dir):
    from index.backend import open_backend

    with open_backend(archive_url) as backend:
        backend.index([seeds_dir])
    return archive_url


@pytest.mark.postgresql
def test_the_window_searches_a_team_archive_and_says_so(qtbot, tmp_path, seeded_archive):
    win = open_window(qtbot, tmp_path, seeded_archive, reports=5)
    database = seeded_archive.split("/")[3].split("?")[0]
    assert database in win.windowTitle() and database in win.where.text()
    assert "local" not in win.where.text()
    assert search(qtbot, win, "市二院").total > 0
    assert dialogs(win) == []
    win.switch_library(None)  # File → Connect → Use the local library
    qtbot.waitUntil(lambda: win.ready and win.where.text() == win.tr("local library"),
                    timeout=30000)
    win.shutdown()


@pytest.mark.postgresql
def test_a_password_is_asked_for_and_kept_only_in_memory(qtbot, tmp_path, pg_cluster,
                                                         seeded_archive, monkeypatch):
    from index.archive import admin

    database = seeded_archive.split("/")[3].split("?")[0]
    admin.init(seeded_archive)  # this database's roles
    admin.add_user(seeded_archive, "reporter_zhao", "reporter", "赵的密码")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-passfile"))
    win = open_window(qtbot, tmp_path, pg_cluster.tcp_url(database, "reporter_zhao"))
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(QInputDialog)),
                    timeout=30000)
    prompt = next(d for d in win.findChildren(QInputDialog) if d.isVisible())
    prompt.setTextValue("赵的密码")
    prompt.accept()
    qtbot.waitUntil(lambda: win.ready and win.library.model.rowCount() == 5, timeout=30000)
    assert database in win.where.text() and dialogs(win) == []
    assert search(qtbot, win, "市二院").total > 0
    win.shutdown()
    win.close()  # saves the settings
    win.settings.sync()
    stored = tmp_path / "settings.ini"
    assert stored.exists() and "赵的密码" not in stored.read_text(encoding="utf-8")


@pytest.mark.postgresql
def test_a_reporter_account_cannot_import_or_correct_and_is_told_why(
        qtbot, tmp_path, pg_cluster, seeded_archive, monkeypatch):
    from index.archive import admin

    database = seeded_archive.split("/")[3].split("?")[0]
    admin.init(seeded_archive)
    admin.add_user(seeded_archive, "reporter_qian", "reporter", "钱的密码")
    url = pg_cluster.tcp_url(database, "reporter_qian")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"*:*:{database}:reporter_qian:钱的密码\n", encoding="utf-8")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    win = open_window(qtbot, tmp_path, url, reports=5)
    why = win.tr("This account may only search and read the team archive: importing and "
                 "correcting are for its archivists.")
    assert not win.writable
    assert [a.isEnabled() for a in win.write_actions] == [False] * 3
    assert all(a.toolTip() == why for a in win.write_actions)
    assert [b.isEnabled() for b in win.library.write_buttons] == [False] * 3
    assert all(b.toolTip() == why for b in win.library.write_buttons)
    model = win.library.model
    title = model.index(0, model.TITLE)
    assert not model.flags(title) & Qt.ItemFlag.ItemIsEditable  # no correction either
    assert win.library.hint.text() == why
    assert search(qtbot, win, "市二院").total > 0  # searching goes on
    assert dialogs(win) == []

    win.switch_library(None)  # the local library is the user's own again
    qtbot.waitUntil(lambda: win.ready and win.where.text() == win.tr("local library")
                    and not win.indexing and model.rowCount() > 0, timeout=60000)
    assert win.writable and all(a.isEnabled() for a in win.write_actions)
    assert all(b.isEnabled() for b in win.library.write_buttons)
    assert model.flags(model.index(0, model.TITLE)) & Qt.ItemFlag.ItemIsEditable
    win.shutdown()
