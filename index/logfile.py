"""The log file: rotating, in the user's log folder, never on the console."""

from __future__ import annotations

import logging
import logging.handlers

from .paths import log_dir

LOG_NAME = "reportsearch.log"


def setup_logging(level: int = logging.INFO) -> str:
    """Send log records to a rotating file; returns its path ("" if it cannot be made).
    Either way nothing is logged to the console. Calling it again changes nothing."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in root.handlers:
        if getattr(handler, "reportsearch_log", None) is not None:
            return handler.reportsearch_log
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2 * 1024 * 1024, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()  # not Python's last resort, which prints to stderr
        handler.reportsearch_log = ""
        root.addHandler(handler)
        return ""
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.reportsearch_log = str(path)
    root.addHandler(handler)
    return str(path)
