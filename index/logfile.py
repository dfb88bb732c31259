"""The log file: rotating, in the user's log folder, never on the console."""

from __future__ import annotations

import logging
import logging.handlers

from .paths import log_dir

LOG_NAME = "reportsearch.log"


def setup_logging(level: int = logging.INFO) -> str:
    """Send log records to a rotating file; returns its path ("" if it cannot be made)."""
    root = logging.getLogger()
    root.setLevel(level)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2 * 1024 * 1024, backupCount=3, encoding="utf-8"
        )
    except OSError:
        root.addHandler(logging.NullHandler())
        return ""
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return str(path)
