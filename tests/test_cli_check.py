"""``reportsearch check``: a draft from a file or standard input, on screen, as JSON,
CSV and a printable page; exit codes as the other commands."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DRAFT = ("市二院去年派出237人到国内知名医疗机构进修。\n"
         "2024年7月，屯留区政府与市二院共建长治市第二人民医院屯留医院签约挂牌。"
         "今年火星上发现了大量的恐龙化石，专家认为很奇怪。")


class _Run:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.returncode = proc.returncode
        self.stdout = proc.stdout.decode("utf-8")
        self.stderr = proc.stderr.decode("utf-8")


def cli(*args, home, check=True, input: bytes = b"") -> _Run:
    env = {**os.environ, "REPORTSEARCH_HOME": str(home)}
    proc = _Run(subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                               capture_output=True, env=env, timeout=120, input=input))
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("check-home")
    cli("index", home=home)
    return home


def test_check_a_gbk_file_on_screen(home, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(DRAFT.encode("gb18030"))
    out = cli("check", path, home=home).stdout
    assert out.startswith("共核对 3 句：有出处 1 句，数字不同 1 句，未找到出处 1 句。")
    assert "1. 〔数字不同〕市二院去年派出237人" in out
    assert "数字 237人：不同（报告中为 227人）" in out
    assert "进修培训【227人】" in out
    assert "3. 〔未找到出处〕今年火星上" in out


def test_check_standard_input_as_json_csv_and_html(home, tmp_path):
    proc = cli("check", "-", "--json", "--html", tmp_path / "check.html", home=home,
               input=DRAFT.encode("utf-16"))
    data = json.loads(proc.stdout)
    assert data["summary"] == {"checked": 3, "supported": 1, "differs": 1, "unsupported": 1}
    assert [s["verdict"] for s in data["statements"]] == ["differs", "supported", "unsupported"]
    page = (tmp_path / "check.html").read_text(encoding="utf-8")
    assert "不同（报告中为 227人）" in page
    cli("check", "-", "--csv", tmp_path / "check.csv", home=home, input=DRAFT.encode("utf-8"))
    with (tmp_path / "check.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {"statement": "1", "item": "237人", "item_verdict": "different",
            "source_figure": "227人"}.items() <= rows[1].items() or any(
        r["item"] == "237人" and r["source_figure"] == "227人" for r in rows)


@pytest.mark.parametrize("args, code, message", [
    (["check"], 2, "用法见"),
    (["check", "missing.txt"], 1, "无法读取 missing.txt"),
    (["check", "draft.txt", "--json", "--csv", "x.csv"], 2, "not allowed with"),
])
def test_check_errors_are_one_line_with_the_exit_code(home, args, code, message):
    proc = cli(*args, home=home, check=False)
    assert proc.returncode == code
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_an_empty_draft_is_one_line(home, tmp_path):
    proc = cli("check", "-", home=home, check=False, input=b"   \n")
    assert proc.returncode == 1 and "没有文字" in proc.stderr


def test_help_says_what_check_does(home):
    out = cli("check", "--help", home=home).stdout
    assert "核对稿件" in out and "--json" in out and "--csv" in out and "--html" in out
    assert "标准输入" in out
