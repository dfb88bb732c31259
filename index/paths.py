"""Every path the program uses is decided here.

The index, caches and logs live in the user's folders (platformdirs), never beside
the executable. ``REPORTSEARCH_HOME`` moves all of them under one folder, which the
tests and the CLI's ``--index-dir`` rely on. Bundled files (seeds, data tables) are
found both from a source checkout and inside a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import platformdirs

APP_NAME = "ReportSearch"
HOME_ENV = "REPORTSEARCH_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def home_problem() -> str | None:
    """Why ``REPORTSEARCH_HOME`` cannot hold the data folders (None when it can or is unset)."""
    home = _home()
    if home is not None and home.exists() and not home.is_dir():
        return (f"环境变量 {HOME_ENV} 指向 {home}，但它不是文件夹。"
                f"请把 {HOME_ENV} 设为一个文件夹，或删去这个环境变量。")
    return None


def data_dir() -> Path:
    """The user's data folder: index, corrections, user alias table."""
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, False))


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, False))


def settings_file() -> Path | None:
    """Where the app keeps its settings: with ``REPORTSEARCH_HOME``, a file under it;
    otherwise None, meaning the platform's own place (Qt's QSettings default)."""
    home = _home()
    return home / "settings.ini" if home else None


def default_index_dir() -> Path:
    return data_dir() / "index"


def user_institutions_file() -> Path:
    """Aliases the user adds; merged over the bundled table."""
    return data_dir() / "institutions.toml"


def bundle_root() -> Path:
    """The folder holding ``seeds/`` and the packages: the checkout, or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    return bundle_root() / "seeds"


def installed_seeds() -> Path:
    """The bundled seeds at a lasting path: a frozen build unpacks itself into a new
    temporary folder each run, so its seeds are copied into the data folder first."""
    source = seeds_dir()
    if not getattr(sys, "frozen", False):
        return source
    target = data_dir() / "seeds"
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        copy = target / path.name
        if path.is_file() and not copy.exists():
            shutil.copyfile(path, copy)
    return target


def package_data(name: str) -> Path:
    """A file shipped in ``index/data``."""
    return Path(__file__).resolve().parent / "data" / name
