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
