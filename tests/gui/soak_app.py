"""A long working day, compressed: the app as a user runs it, driven from inside.

    python tests/gui/soak_app.py INDEX_DIR [SEARCHES OPENS COMPARES]

Starts the real app (QApplication, MainWindow on INDEX_DIR, first run indexes the
seeds), then searches, opens reports at hits and walks their matches, compares pairs,
clicks paragraphs, filters the library, switches pages; then closes the window and
lets the interpreter shut down as usual. Prints what it did as JSON. Run by
``test_soak.py`` in a subprocess, so a crash (or a crash on quit) is an exit code.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

QUERIES = ["医院", "一号管三天", "227人", "李晓东", "市二院", "高质量发展", "卫健委", "DeepSeek",
           "患者 服务", "\"健康\"", "year:2025 医院", "人才 -医院", "不存在的内容", "发展 OR 改革"]
STEP_TIMEOUT = 30.0  # seconds for one step (a search, an opening) before giving up


class Soak:
    def __init__(self, window, searches: int, opens: int, compares: int):
        self.window = window
        self.plan = self._plan(searches, opens, compares)
        self.counts: Counter[str] = Counter()
        self.failure = ""
        self.step = "start"  # what the plan waits for, for the failure message

    def start(self) -> None:
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        try:
            until = next(self.plan)
        except StopIteration:
            self.window.close()
            return
        self._wait(until, time.monotonic() + STEP_TIMEOUT)

    def _wait(self, until, deadline: float) -> None:
        if until():
            QTimer.singleShot(0, self._next)
        elif time.monotonic() > deadline:
            self.failure = f"{self.step} timed out after {dict(self.counts)}"
            self.window.close()
        else:
            QTimer.singleShot(2, lambda: self._wait(until, deadline))

    def _plan(self, searches: int, opens: int, compares: int):
        w = self.window
        page = w.search_page
        yield lambda: w.ready and not w.indexing and w.library.model.rowCount() > 0
        records = w.library.model.records()
        steps = max(searches, opens)
        for i in range(steps):
            w.tabs.setCurrentIndex(i % 4)  # switch pages between everything
            if i < searches:
                query, before = QUERIES[i % len(QUERIES)], page.result
                self.step = f"search {query!r}"
                page.set_query(query)
                yield lambda b=before: page.result is not b and page.result is not None
                self.counts["searches"] += 1
            if i < opens:
                hits = page.model.hits()
                if hits and i % 2:
                    hit = hits[i % len(hits)]
                    path, ordinal = hit.path, hit.paragraph
                else:
                    path, ordinal = records[i % len(records)].path, None
                self.step = f"open {path} at {ordinal}"
                w.open_report(path, ordinal)
                wanted = w.reading.latest_load["reader"]
                yield lambda n=wanted: w.shown.get("reader") == n
                for _ in range(3):
                    w.step_hit(+1)
                w.step_hit(-1)
                if i % 5 == 0:
                    w.copy_citation()
                self.counts["opens"] += 1
            if i % 6 == 0 and self.counts["compares"] < compares:
                yield from self._compare(records, i)
            if i % 25 == 0:
                w.library.filter.setText(["20", "医院", "", "txt"][i // 25 % 4])
                w.library.apply_filter()
                self.counts["filters"] += 1
        while self.counts["compares"] < compares:
            yield from self._compare(records, self.counts["compares"])

    def _compare(self, records, i: int):
        w = self.window
        left = w.compare.panes[0].document
        a, b = records[i % len(records)], records[(i + 1) % len(records)]
        self.step = f"compare {a.name} and {b.name}"
        w.compare_two(a.path, b.path)
        wanted = (w.reading.latest_load.get(0), w.reading.latest_load.get(1))
        yield lambda: (w.shown.get(0), w.shown.get(1)) == wanted
        paragraphs = left.view.paragraphs
        left.go_to(paragraphs[i % len(paragraphs)].ordinal)  # ask for the related ones
        w.compare.sync.setChecked(bool(i % 2))
        w.step_hit(+1)
        self.counts["compares"] += 1


def main(argv: list[str]) -> int:
    index_dir = Path(argv[1])
    searches, opens, compares = (int(a) for a in (argv[2:5] or (300, 300, 50)))
    app = QApplication(argv[:1])
    app.setOrganizationName("ReportSearchSoak")
    from gui.main_window import MainWindow

    settings = QSettings(str(index_dir.parent / "soak.ini"), QSettings.Format.IniFormat)
    window = MainWindow(index_dir, settings)
    window.resize(1280, 760)
    window.show()
    soak = Soak(window, searches, opens, compares)
    soak.start()
    code = app.exec()
    print(json.dumps({"exit": code, "failure": soak.failure, **soak.counts}), flush=True)
    return code if not soak.failure else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv))
