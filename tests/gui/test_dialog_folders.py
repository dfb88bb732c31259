"""File dialogs: Qt's own dialog speaking the interface's language, opening where the
user was last, and an export named after what was searched and when."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from gui import dialog_folders
from gui.dialog_folders import (
    export_name,
    file_dialog,
    remember_folder,
    remembered_folder,
)

from .conftest import search


def settings_in(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_folder_last_used_is_remembered_and_home_when_it_is_gone(tmp_path):
    settings = settings_in(tmp_path)
    assert remembered_folder(settings) == str(Path.home())
    folder = tmp_path / "reports"
    folder.mkdir()
    remember_folder(settings, str(folder))
    assert remembered_folder(settings) == str(folder)
    folder.rmdir()
    assert remembered_folder(settings) == str(Path.home())


def test_an_export_is_named_after_its_query_and_time_safely():
    when = time.mktime((2026, 3, 5, 14, 7, 0, 0, 0, -1))
    assert export_name("医院 institution:市二院", when) == \
        "检索_医院_institution_市二院_2026-03-05_1407.csv"
    name = export_name('a/b\\c:"d"<e>|f?*' + "长" * 100, when)
    assert not set('/\\:"<>|?*') & set(name)
    assert len(name) <= len("检索__2026-03-05_1407.csv") + 40
    assert export_name("///", when) == "检索_results_2026-03-05_1407.csv"


def test_the_dialog_is_qts_own_and_speaks_the_interface_language(qtbot, tmp_path):
    from gui.app import install_translations

    app = QApplication.instance()
    dialog = file_dialog(None, "t", str(tmp_path), "CSV (*.csv)")
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "Look in:"
    translators = install_translations(app, "zh_CN")
    try:
        chinese = file_dialog(None, "t", str(tmp_path), "CSV (*.csv)")
        qtbot.addWidget(chinese)
        # Qt's defaults for these two stay English even with its translations loaded.
        assert chinese.labelText(QFileDialog.DialogLabel.LookIn) == "查找范围："
        assert chinese.labelText(QFileDialog.DialogLabel.FileType) == "文件类型："
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert chinese.viewMode() == QFileDialog.ViewMode.Detail
    assert chinese.width() >= 820


def test_adding_a_folder_starts_where_the_last_one_was(qtbot, window, tmp_path,
                                                      monkeypatch):
    from gui import library_jobs

    asked: list[str] = []
    reports = tmp_path / "reports" / "2025"
    reports.mkdir(parents=True)
    monkeypatch.setattr(library_jobs, "open_folder",
                        lambda _parent, _title, folder: asked.append(folder) or str(reports))
    monkeypatch.setattr(window.library_jobs, "import_paths", lambda paths: None)
    window.add_folder()
    window.add_folder()
    assert asked == [str(Path.home()), str(reports.parent)]


def test_the_export_proposes_a_name_in_the_folder_last_used(qtbot, window, tmp_path,
                                                           monkeypatch):
    from gui import main_window

    remember_folder(window.settings, str(tmp_path))
    proposed: list[str] = []
    monkeypatch.setattr(main_window, "save_file",
                        lambda _p, _t, path, _f: proposed.append(path) or "")
    search(qtbot, window, "医院")
    window.export_results()
    (path,) = proposed
    assert Path(path).parent == tmp_path
    assert Path(path).name.startswith("检索_医院_") and path.endswith(".csv")


def test_the_batch_dialog_uses_the_remembered_folder(qtbot, window, tmp_path, monkeypatch):
    from gui import batch_dialog

    remember_folder(window.settings, str(tmp_path))
    asked: list[str] = []
    monkeypatch.setattr(batch_dialog, "open_file",
                        lambda _p, _t, folder, _f: asked.append(folder) or "")
    window.open_batch()
    window.batch._load()
    assert asked == [str(tmp_path)]
    assert dialog_folders.remembered_folder(window.settings) == str(tmp_path)
