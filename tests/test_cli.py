"""The command line, run as users run it: ``python main.py …`` in a fresh process."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, home, check=True):
    env = {**os.environ, "REPORTSEARCH_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli-home")
    out = cli("index", home=home)
    assert "新增 5 份" in out.stdout
    return home


def test_index_without_paths_indexes_the_seeds_and_is_incremental(home):
    out = cli("index", "--json", home=home)
    summary = json.loads(out.stdout)
    assert summary["unchanged"] == 5 and summary["reports"] == 5 and summary["added"] == []


def test_search_json_has_the_documented_shape(home):
    result = json.loads(cli("search", "一号管三天", "--json", home=home).stdout)
    assert set(result) >= {"query", "total", "facets", "hits"}
    assert result["total"] == 1
    assert result["facets"] == {"institution": {"长治市第二人民医院": 1}, "year": {"2025": 1}}
    (hit,) = result["hits"]
    assert set(hit) >= {"report", "title", "institution", "year", "paragraph", "section",
                        "text", "highlights", "score"}
    assert hit["report"] == "000_bd9af7df280a18e9.txt"
    start, end = hit["highlights"][0]
    assert hit["text"][start:end] == "一号管三天"


def test_search_filters_limit_and_plain_output(home):
    everything = json.loads(cli("search", "医院", "--limit", "0", "--json", home=home).stdout)
    assert len(everything["hits"]) == everything["total"] > 20
    two = json.loads(cli("search", "医院", "--limit", "2", "--institution", "市二院",
                         "--year", "2025", "--json", home=home).stdout)
    assert len(two["hits"]) == 2
    assert {h["institution"] for h in two["hits"]} == {"长治市第二人民医院"}
    text = cli("search", "市二院", "--limit", "1", home=home).stdout
    assert "也搜索了：长治市第二人民医院" in text and "【" in text


def test_batch_search_json_lines_and_csv(home, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("一号管三天\n227人\n\n# a comment\n李晓东\n", encoding="utf-8")
    lines = cli("search", "--queries-file", queries, "--json", home=home).stdout.splitlines()
    assert [json.loads(line)["query"] for line in lines] == ["一号管三天", "227人", "李晓东"]
    out = tmp_path / "hits.csv"
    cli("search", "--queries-file", queries, "--csv", out, "--limit", "0", home=home)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["query"] for r in rows] == ["一号管三天", "227人", "李晓东"]
    assert rows[1]["text"].count("227人") == 1


def test_reports_show_similar_and_correct(home):
    reports = json.loads(cli("reports", "--json", home=home).stdout)
    assert len(reports) == 5
    assert {r["institution"] for r in reports} >= {"长治市第二人民医院", "长治市中医医院"}
    shown = json.loads(cli("show", "000_bd9af7df280a18e9.txt", "--json", home=home).stdout)
    assert shown["paragraphs"][0] == {"ordinal": 1, "kind": "masthead", "text": "聚焦", "section": "",
                                      "joined": False}
    similar = json.loads(cli("similar", "000_bd9af7df280a18e9.txt", "51", "--json",
                             home=home).stdout)
    assert similar and all(h["report"] != "000_bd9af7df280a18e9.txt" for h in similar)
    cli("correct", "004_9bdbba320e75e7b3.txt", "--year", "2027", home=home)
    reports = json.loads(cli("reports", "--json", home=home).stdout)
    assert {r["report"]: r["year"] for r in reports}["004_9bdbba320e75e7b3.txt"] == 2027


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("search", "year:20x5"), 2, "年份写法"),
        (("search", "-人才"), 2, "只有排除"),
        (("search",), 2, "请给出一个查询"),
        (("search", "x", "--limit", "-1"), 2, "负数"),
        (("nonsense",), 2, "invalid choice"),
        (("show", "nope.txt"), 1, "没有报告"),
        (("similar", "000_bd9af7df280a18e9.txt", "999"), 1, "没有第 999 段"),
        (("inspect", "/nonexistent/file.txt"), 1, "无法"),
        (("correct", "000_bd9af7df280a18e9.txt"), 2, "至少"),
    ],
)
def test_errors_are_one_clear_line_with_the_right_exit_code(home, args, code, message):
    proc = cli(*args, home=home, check=False)
    assert proc.returncode == code
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_help_texts(home):
    for args in (("--help",), ("search", "--help"), ("index", "--help")):
        proc = cli(*args, home=home)
        assert "usage: reportsearch" in proc.stdout


def _start(*args, home) -> subprocess.Popen:
    env = {**os.environ, "REPORTSEARCH_HOME": str(home)}
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=env)


# The command line's own entry point, started ahead and released on a word, so that two
# runs really start writing at the same moment.
READY_THEN_RUN = """
import sys
import main
import index.cli, index.engine
print("ready", flush=True)
sys.stdin.readline()
sys.exit(main.main(sys.argv[1:]))
"""


def test_two_imports_at_once_one_waits_or_says_busy_never_a_traceback(tmp_path, own_library):
    for round_ in range(3):  # each round on a new index: they race to create it
        home = tmp_path / f"home{round_}"
        env = {**os.environ, "REPORTSEARCH_HOME": str(home), "PYTHONPATH": str(ROOT)}
        runs = [subprocess.Popen([sys.executable, "-c", READY_THEN_RUN, "index", str(own_library)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
                                 cwd=ROOT) for _ in range(2)]
        for run in runs:
            assert run.stdout.readline().strip() == "ready"
        for run in runs:
            run.stdin.write("go\n")
            run.stdin.flush()
        for run in runs:
            _out, err = run.communicate(timeout=180)
            assert "Traceback" not in err and "Error" not in err, err
            if run.returncode:
                assert run.returncode == 1 and err.count("\n") == 1 and "另一个" in err
        assert any(run.returncode == 0 for run in runs)
        reports = json.loads(cli("reports", "--json", home=home).stdout)
        assert sorted(r["report"] for r in reports) == sorted(
            p.name for p in own_library.rglob("*.txt"))


# An import stopped while it creates the index (Whoosh writes the new index's table of
# contents), until the test says go.
PAUSED_WHILE_CREATING = """
import sys
from whoosh.index import TOC
write = TOC.write

def paused(self, storage, indexname):
    if self.generation == 0:
        print("creating", flush=True)
        sys.stdin.readline()
    return write(self, storage, indexname)

TOC.write = paused
import main
sys.exit(main.main(sys.argv[1:]))
"""


def test_a_second_import_while_the_first_creates_the_index_gets_one_busy_line(tmp_path,
                                                                             own_library):
    home = tmp_path / "home"
    first = subprocess.Popen([sys.executable, "-c", PAUSED_WHILE_CREATING, "index",
                              str(own_library)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT,
                             env={**os.environ, "REPORTSEARCH_HOME": str(home),
                                  "PYTHONPATH": str(ROOT)})
    try:
        assert first.stdout.readline().strip() == "creating"
        second = cli("index", own_library, home=home, check=False)
        first.stdin.write("go\n")
        first.stdin.flush()
        _out, err = first.communicate(timeout=180)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert second.returncode == 1, second.stderr
    assert second.stderr.count("\n") == 1 and "另一个" in second.stderr
    assert first.returncode == 0 and "Traceback" not in err, err
    reports = json.loads(cli("reports", "--json", home=home).stdout)
    assert sorted(r["report"] for r in reports) == sorted(p.name for p in own_library.rglob("*.txt"))


def test_a_second_writer_gets_one_busy_line(tmp_path, own_library):
    home = tmp_path / "home"
    cli("index", own_library, home=home)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom index.engine import Engine\n"
         "engine = Engine(None)\nwith engine.store.writing():\n"
         "    print('holding', flush=True)\n    sys.stdin.readline()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "REPORTSEARCH_HOME": str(home), "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "holding"
        busy = cli("index", own_library, home=home, check=False)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()
    assert busy.returncode == 1
    assert busy.stderr.count("\n") == 1 and "另一个" in busy.stderr


def test_indexing_a_path_that_does_not_exist_fails_with_one_line(tmp_path):
    proc = cli("index", tmp_path / "no" / "such" / "path", home=tmp_path / "home", check=False)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "路径不存在" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_reports_of_an_unplugged_folder_are_listed_as_offline(tmp_path, own_library):
    home = tmp_path / "home"
    cli("index", own_library, home=home)
    own_library.rename(tmp_path / "away")
    proc = cli("index", own_library, home=home, check=False)
    assert proc.returncode == 1 and "路径不存在" in proc.stderr and "离线" in proc.stderr
    reports = json.loads(cli("reports", "--json", home=home).stdout)
    assert len(reports) == 8 and all(r["offline"] for r in reports)
    assert cli("reports", home=home).stdout.count("〔离线〕") == 8
    hits = json.loads(cli("search", "胸痛中心", "--json", home=home).stdout)
    assert hits["total"] == 8
    (tmp_path / "away").rename(own_library)
    cli("rescan", home=home)
    assert not any(r["offline"] for r in json.loads(cli("reports", "--json", home=home).stdout))
