"""File dialogs: Qt's own dialog in the interface's language, opening in the folder
last used (kept in the settings), and an export's default file name that says what was
searched and when."""

from __future__ import annotations

import re
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

FOLDER_KEY = "dialogs/folder"
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # not allowed in a file name on Windows


def remembered_folder(settings: QSettings) -> str:
    """The folder a file dialog opened last time, if it still exists; else home."""
    folder = str(settings.value(FOLDER_KEY, "") or "")
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(settings: QSettings, folder: str) -> None:
    settings.setValue(FOLDER_KEY, folder)


def export_name(query: str, when: float | None = None, limit: int = 40) -> str:
    """``检索_<query>_<YYYY-MM-DD_HHMM>.csv``: the query made safe as a file name (no
    separators or characters Windows refuses, at most ``limit`` characters)."""
    stamp = time.strftime("%Y-%m-%d_%H%M", time.localtime(when))
    words = UNSAFE.sub(" ", query)
    words = "_".join(words.split())[:limit].strip("._") or "results"
    return f"检索_{words}_{stamp}.csv"


def file_dialog(parent: QWidget | None, title: str, folder: str, name_filter: str = "",
                mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFiles,
                save: bool = False) -> QFileDialog:
    """Qt's own file dialog (a native one follows the desktop's language, not ours),
    in the detail view and wide enough for its date column. Qt fills in its "Look in"
    and "Files of type" labels without looking them up in its translations, so they
    are set here from Qt's own catalogue (context ``QFileDialog``)."""
    dialog = QFileDialog(parent, title, folder, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    for label, text in ((QFileDialog.DialogLabel.LookIn, "Look in:"),
                        (QFileDialog.DialogLabel.FileType, "Files of type:")):
        dialog.setLabelText(label, QCoreApplication.translate("QFileDialog", text))
    dialog.resize(max(dialog.width(), 820), max(dialog.height(), 480))
    return dialog


def _ask(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def open_files(parent: QWidget | None, title: str, folder: str, name_filter: str) -> list[str]:
    """The files the user picks (none when cancelled)."""
    return _ask(file_dialog(parent, title, folder, name_filter))


def open_file(parent: QWidget | None, title: str, folder: str, name_filter: str) -> str:
    """The one file the user picks ("" when cancelled)."""
    chosen = _ask(file_dialog(parent, title, folder, name_filter,
                              QFileDialog.FileMode.ExistingFile))
    return chosen[0] if chosen else ""


def open_folder(parent: QWidget | None, title: str, folder: str) -> str:
    """The folder the user picks ("" when cancelled)."""
    chosen = _ask(file_dialog(parent, title, folder, mode=QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else ""


def save_file(parent: QWidget | None, title: str, path: str, name_filter: str) -> str:
    """Where the user wants a file written ("" when cancelled); ``path`` is proposed."""
    chosen = _ask(file_dialog(parent, title, path, name_filter,
                              QFileDialog.FileMode.AnyFile, save=True))
    return chosen[0] if chosen else ""
