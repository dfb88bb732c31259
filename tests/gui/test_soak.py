"""A long working day without a crash: the soak run (in a subprocess, so a crash or a
crash on quit is an exit code) and the check behind it, that a Qt call returning
nothing leaves the reference count of None alone (PySide6 6.12.0 does not, on
Python < 3.12: "Fatal Python error: none_dealloc" after a few dozen reports)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QListWidget, QProgressBar, QTableView

SOAK = Path(__file__).resolve().parent / "soak_app.py"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_leave_the_refcount_of_none_unchanged(qtbot):
    label, listing, bar, table = QLabel(), QListWidget(), QProgressBar(), QTableView()
    for widget in (label, listing, bar, table):
        qtbot.addWidget(widget)
    timer, document = QTimer(), QTextDocument()

    def calls() -> None:  # each returns nothing (void in C++)
        label.setText("x")
        label.setToolTip("y")
        label.hide()
        listing.clear()
        bar.setValue(1)
        table.scrollToTop()
        timer.setInterval(5)
        timer.stop()
        QTextCursor(document).insertText("z")

    calls()  # the first calls may create caches
    before = sys.getrefcount(None)
    for _ in range(500):
        calls()
    assert abs(sys.getrefcount(None) - before) < 50  # 6.12.0: 4,500 fewer


@pytest.mark.slow
def test_a_long_session_neither_crashes_nor_crashes_on_quit(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "REPORTSEARCH_HOME": str(tmp_path / "home")}
    run = subprocess.run(
        [sys.executable, str(SOAK), str(tmp_path / "index"), "300", "300", "50"],
        env=env, capture_output=True, text=True, timeout=900,
    )
    assert "none_dealloc" not in run.stderr
    assert run.returncode == 0, run.stderr[-3000:]
    done = json.loads(run.stdout.strip().splitlines()[-1])
    assert done["failure"] == ""
    assert (done["searches"], done["opens"], done["compares"]) == (300, 300, 50)
