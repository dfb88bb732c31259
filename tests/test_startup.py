"""Start-up loads what the first window and the first answer need, nothing more: jieba's
dictionary (rjieba: ~0.13 s of CPU, holding the GIL) when a text is first cut, Whoosh
when an index is opened, the draft checker when a draft is checked. Each case runs in
a fresh interpreter (this one has imported everything), and says which modules it had
loaded when."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("rjieba", "whoosh", "index.checking.support", "index.checking.items",
           "index.engine", "index.reading", "multiprocessing", "importlib.metadata",
           "zipfile")


def _fresh(code: str, *args: str) -> dict:
    """Run ``code`` in a new interpreter; it prints a JSON object as its last line."""
    prelude = ("import json, sys\n"
               f"WATCHED = {WATCHED!r}\n"
               "def loaded():\n"
               "    return sorted(m for m in WATCHED if m in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", prelude + code, *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory, seeds_dir) -> Path:
    from index.engine import Engine

    folder = tmp_path_factory.mktemp("startup") / "index"
    with Engine(folder) as engine:
        engine.index([seeds_dir])
    return folder


ENGINE = """
from pathlib import Path
if sys.argv[2] == "dictionary first":
    from index.analysis import segmenter
    segmenter()
from index.engine import Engine
steps = {"imported": loaded()}
engine = Engine(Path(sys.argv[1]))
steps["opened"] = loaded()
engine.reports()
steps["listed"] = loaded()
results = [engine.search(q) for q in ("市二院", "一号管三天", "医院 发展", '"关节外科"')]
steps["searched"] = loaded()
from index.analysis import words
from index.model import to_dict
print(json.dumps({"steps": steps, "words": words("市二院主办京长高峰论坛"),
                  "results": [to_dict(r) for r in results]}, ensure_ascii=False))
"""


def test_opening_an_index_loads_whoosh_and_not_the_dictionary_until_a_search(seeds_index):
    lazy = _fresh(ENGINE, str(seeds_index), "dictionary when cut")
    steps = lazy["steps"]
    assert "rjieba" not in steps["imported"] and "whoosh" in steps["imported"]
    assert "rjieba" not in steps["opened"] and "rjieba" not in steps["listed"]
    assert "rjieba" in steps["searched"]
    for step in steps.values():  # only to write, and the version without it
        assert "multiprocessing" not in step and "importlib.metadata" not in step
        assert "index.checking.support" not in step
        assert "zipfile" not in step  # only to read a .docx


def test_the_dictionary_loaded_late_cuts_and_ranks_as_loaded_first(seeds_index):
    """The institution names taught while it was not loaded are taught when it loads, in
    order: the same words, the same hits in the same order with the same scores."""
    lazy = _fresh(ENGINE, str(seeds_index), "dictionary when cut")
    eager = _fresh(ENGINE, str(seeds_index), "dictionary first")
    assert "rjieba" in eager["steps"]["imported"]
    assert lazy["words"][0] == "市二院"  # an alias of the table, taught before loading
    assert lazy["words"] == eager["words"]
    assert lazy["results"] == eager["results"]
    assert all(r["total"] and r["hits"] for r in lazy["results"][:3])


WINDOW = """
from pathlib import Path
import gui.app
import gui.main_window
import index.cli
steps = {"imported": loaded()}
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = gui.main_window.MainWindow(Path(sys.argv[1]), settings)
window.show()
steps["shown"] = loaded()

def wait(done):
    loop = QEventLoop()
    def poll():
        if done():
            loop.quit()
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()

wait(lambda: window.ready and not window.indexing and window.library.model.rowCount() == 5
     and "rjieba" in sys.modules)  # the dictionary, loaded once the library is open
steps["opened"] = loaded()
window.search_page.set_query("市二院")
wait(lambda: window.search_page.result is not None)
steps["searched"] = loaded()
total = window.search_page.result.total
window.shutdown()
print(json.dumps({"steps": steps, "total": total}))
"""


def test_the_window_shows_without_the_dictionary_and_searches_without_the_checker(
        seeds_index, tmp_path):
    result = _fresh(WINDOW, str(seeds_index), str(tmp_path / "settings.ini"))
    steps = result["steps"]
    checker = {"index.checking.support", "index.checking.items"}
    assert not {"rjieba", "whoosh", "index.engine", *checker} & set(steps["imported"])
    # (the index is opened in a worker thread, then the dictionary loaded, meanwhile)
    assert not checker & {*steps["shown"], *steps["opened"], *steps["searched"]}
    assert {"whoosh", "rjieba"} <= set(steps["opened"]) and result["total"] > 0


@pytest.mark.parametrize("name", ["rjieba", "Whoosh-Reloaded", "whoosh_reloaded", "pyroaring",
                                  "opencc-python-reimplemented", "PySide6_Essentials",
                                  "reportsearch", "no-such-distribution"])
def test_installed_version_is_importlib_metadatas(name):
    from index.integrity import installed_version

    try:
        expected = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = None
    assert installed_version(name) == expected
