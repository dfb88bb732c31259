"""Corrections are never lost: every process merges under a lock, the index applies what
the file says after any failure, a correction made while an import runs is applied by
that import, and a file saved by Excel (GBK, bad rows) is read, never refused."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from index.engine import Engine

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, index_dir: Path, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args),
                           "--index-dir", str(index_dir)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def _years(index_dir: Path) -> dict[str, int | None]:
    with Engine(index_dir) as engine:
        engine.ensure_ready()
        return {r.name: r.year for r in engine.reports()}


def _rows(index_dir: Path) -> dict[str, dict[str, str]]:
    with (index_dir / "corrections.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {os.path.basename(r["path"]): r for r in csv.DictReader(handle)}


def test_a_correction_saved_elsewhere_survives_a_window_opened_before_it(tmp_path, own_library):
    index_dir = tmp_path / "index"
    Engine(index_dir).index([own_library])
    window = Engine(index_dir)  # the app, opened in the morning
    window.reports()
    _run("correct", "report-001.txt", "--year", "2001", index_dir=index_dir)  # the CLI, later
    window.set_metadata("report-002.txt", year=2002)  # then an edit in the app
    assert {k: v["year"] for k, v in _rows(index_dir).items()} == {
        "report-001.txt": "2001", "report-002.txt": "2002"}
    years = _years(index_dir)
    assert (years["report-001.txt"], years["report-002.txt"]) == (2001, 2002)


MERGE = """
import sys
from pathlib import Path
try:
    from index.corrections import Corrections
except ImportError:
    from index.library import Corrections
corrections = Corrections(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # both start saving together
for i in range(int(sys.argv[2]), int(sys.argv[2]) + 60):
    corrections.set(f"/reports/{i:03d}.txt", title=f"标题{i}")
"""


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    target = tmp_path / "corrections.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [subprocess.Popen([sys.executable, "-c", MERGE, str(target), str(start)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                                 cwd=ROOT, text=True) for start in (0, 100)]
    for child in children:
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        child.stdin.write("\n")
        child.stdin.close()
    assert [c.wait(timeout=120) for c in children] == [0, 0]
    for child in children:
        child.stdout.close()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        saved = {row["path"]: row["title"] for row in csv.DictReader(handle)}
    assert len(saved) == 120
    assert saved["/reports/159.txt"] == "标题159"


IMPORT_THAT_PAUSES = """
import sys
from pathlib import Path
from index.engine import Engine

def progress(done, total, path):
    if done == 1:  # the import is under way: let the test correct a report now
        print("importing", flush=True)
        sys.stdin.readline()

with Engine(Path(sys.argv[1])) as engine:
    engine.index([Path(sys.argv[2])], progress=progress)
print("done", flush=True)
"""


def test_a_correction_made_while_an_import_runs_is_applied_by_that_import(tmp_path,
                                                                          own_library):
    from conftest import report_text

    index_dir = tmp_path / "index"
    Engine(index_dir).index([own_library])
    more = tmp_path / "more"
    more.mkdir()
    for i in range(30, 40):
        (more / f"r{i}.txt").write_text(report_text(i), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    importer = subprocess.Popen([sys.executable, "-c", IMPORT_THAT_PAUSES, str(index_dir),
                                 str(more)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                env=env, cwd=ROOT, text=True)
    try:
        assert importer.stdout.readline().strip() == "importing"
        proc = _run("correct", "report-003.txt", "--institution", "导入时更正的医院",
                    index_dir=index_dir)
        assert "导入程序会在下一次提交时应用" in proc.stderr
        assert "导入时更正的医院" in proc.stdout  # the answer already shows it
        importer.stdin.write("\n")
        importer.stdin.flush()
        assert importer.stdout.readline().strip() == "done"
    finally:
        importer.stdin.close()
        importer.stdout.close()
        importer.wait(timeout=120)
    with Engine(index_dir) as engine:  # applied by the import's own commit
        record = {r.name: r for r in engine.reports()}["report-003.txt"]
        assert record.institution == "导入时更正的医院"
        assert engine.search("胸痛中心", institutions=["导入时更正的医院"]).total == 1
        assert len(engine.reports()) == 18


def test_a_correction_waits_for_a_writer_in_the_same_process_without_blocking(tmp_path,
                                                                              own_library):
    """The app's window corrects while its own import worker holds the index."""
    index_dir = tmp_path / "index"
    window = Engine(index_dir)
    window.index([own_library])
    worker = Engine(index_dir)
    with worker.store.writing():
        record = window.set_metadata("report-005.txt", year=2005)  # returns at once
        assert record.year == 2005
        assert [n.code for n in window.take_notices()] == ["corrections.deferred"]
        assert Engine(index_dir).store.records()[record.path].year != 2005  # not yet
    assert {r.name: r.year for r in Engine(index_dir).reports()}["report-005.txt"] == 2005


DIE_BEFORE_THE_INDEX = """
import os, sys
from pathlib import Path
from index.engine import Engine
import index.store as store
for name in ("reconcile", "rewrite_report"):  # whichever relabels the index
    if hasattr(store.Store, name):
        setattr(store.Store, name, lambda *args, **kwargs: os._exit(9))
Engine(Path(sys.argv[1])).set_metadata("report-006.txt", year=2006)
"""


def test_a_kill_between_the_file_and_the_index_is_repaired_at_the_next_start(tmp_path,
                                                                             own_library):
    index_dir = tmp_path / "index"
    Engine(index_dir).index([own_library])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    died = subprocess.run([sys.executable, "-c", DIE_BEFORE_THE_INDEX, str(index_dir)],
                          env=env, cwd=ROOT, capture_output=True)
    assert died.returncode == 9
    assert _rows(index_dir)["report-006.txt"]["year"] == "2006"  # the file has it
    out = _run("reports", "--json", index_dir=index_dir)  # the next command
    assert '"report": "report-006.txt"' in out.stdout
    assert _years(index_dir)["report-006.txt"] == 2006  # and now the index too


def test_a_corrections_file_saved_by_excel_in_gbk_with_bad_rows(tmp_path, own_library):
    index_dir = tmp_path / "index"
    Engine(index_dir).index([own_library])
    path = {p.name: str(p.resolve()) for p in own_library.rglob("*.txt")}
    rows = [
        "path,institution,year,title,备注",
        f"{path['report-000.txt']},甲市人民医院,2020,,excel",
        f"{path['report-001.txt']},乙市中医医院,20x5,,",
        ",丙医院,2021,,",
        f"{path['report-002.txt']},,1850,自定的标题,",
    ]
    (index_dir / "corrections.csv").write_bytes("\r\n".join(rows).encode("gbk"))

    proc = _run("reports", "--json", index_dir=index_dir)  # starts, and says what is wrong
    problems = [line for line in proc.stderr.splitlines() if "corrections.csv" in line]
    assert [p.split("第 ")[1].split(" 行")[0] for p in problems] == ["3", "4", "5"]
    assert "年份" in problems[0] and "path" in problems[1] and "1850" in problems[2]

    engine = Engine(index_dir)
    engine.ensure_ready()
    records = {r.name: r for r in engine.reports()}
    assert (records["report-000.txt"].institution, records["report-000.txt"].year) == (
        "甲市人民医院", 2020)
    assert records["report-001.txt"].institution == "乙市中医医院"  # the good part of the row
    assert records["report-002.txt"].title == "自定的标题"
    assert records["report-002.txt"].year != 1850

    engine.set_metadata("report-003.txt", year=2003)  # saving keeps what was typed
    saved = _rows(index_dir)
    assert saved["report-001.txt"]["year"] == "20x5" and saved["report-003.txt"]["year"] == "2003"
    assert saved["report-000.txt"]["institution"] == "甲市人民医院"


def test_an_unreadable_corrections_file_neither_stops_the_program_nor_drops_corrections(
        tmp_path, own_library):
    index_dir = tmp_path / "index"
    engine = Engine(index_dir)
    engine.index([own_library])
    engine.set_metadata("report-000.txt", year=2000)
    engine.close()
    (index_dir / "corrections.csv").write_bytes(bytes(range(256)) * 40)  # not text at all
    engine = Engine(index_dir)
    assert engine.ensure_ready() is None
    assert [n.code for n in engine.take_notices()] == ["corrections.unreadable"]
    assert {r.name: r.year for r in engine.reports()}["report-000.txt"] == 2000  # kept
