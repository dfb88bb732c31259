"""File dialogs open in the folder last used (kept in the settings), and an export's
default file name says what was searched and when."""

from __future__ import annotations

import re
import time
from pathlib import Path

from PySide6.QtCore import QSettings

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
