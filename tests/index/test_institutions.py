"""The alias table a person edits: any encoding an editor saves, and whatever is wrong
in it is left out with file, line and reason, while the rest is used."""

from __future__ import annotations

import re

import pytest

from index.institutions import build_table, institutions, load_table, reload
from index.paths import package_data, user_institutions_file

GOOD = '[aliases]\n"长治市第二人民医院" = ["二院本部"]\n"某某医院" = ["某院"]\n'


def _user_table(data: bytes):
    path = user_institutions_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return reload()


@pytest.mark.parametrize("data", [
    GOOD.encode("gbk"),  # Notepad on Chinese Windows
    b"\xef\xbb\xbf" + GOOD.encode("utf-8"),  # with a BOM
    "\ufeff".encode("utf-16-le") + GOOD.encode("utf-16-le"),
])
def test_a_table_in_any_editor_encoding_is_read(data):
    table = _user_table(data)
    assert table.canonical("二院本部") == "长治市第二人民医院"
    assert table.canonical("某院") == "某某医院"
    assert table.problems == ()


@pytest.mark.parametrize(("data", "line", "what"), [
    (b'aliases = "x"\n', 1, "aliases 必须是一个表"),
    (b"places = []\n", 1, "places 必须是一个表"),
    (b'[places]\ncities = ["x"]\nprovinces = [5]\n', 3, "provinces 的每一项"),
    (b'[aliases]\n"x" = "not a list"\n', 2, "“x” 的别名必须是字符串列表"),
    (b'[aliases]\n"x" = ["ok", 7]\n', 2, "“x” 的别名必须是字符串列表"),
    ('[aliases]\n"x" = ["{}"]\n'.format("长" * 101).encode(), 2, "不超过 100 字"),
    (b"[aliasses]\n", 1, "未知的项"),
    (b'[aliases]\nx y = ["z"]\n', 2, "格式有误"),  # TOML's own message names the line
])
def test_a_bad_entry_is_named_and_left_out(data, line, what):
    table = _user_table(data)
    (notice,) = table.problems
    problem, english = notice.text, notice.in_language("en")
    assert str(user_institutions_file()) in problem and what in problem
    assert f"第 {line} 行" in problem or f"line {line}," in problem
    assert str(user_institutions_file()) in english
    assert not re.search(r"[\u4e00-\u9fff]", english.replace("长", "")), english
    assert table.canonical("市二院") == "长治市第二人民医院"  # the bundled table stands


def test_only_the_bad_entries_are_left_out():
    table = _user_table('[places]\nprovinces = [5, ["山西省", "山西"]]\n[aliases]\n"甲" = ["乙", 7]\n'
                        '"丙" = ["丁"]\n'.encode("gbk"))
    assert table.canonical("丁") == "丙" and table.canonical("乙") is None
    assert ("山西省", "山西") in table.provinces
    assert len(table.problems) == 2


@pytest.mark.parametrize("data", [bytes(range(256)) * 20, b"\x00" * 100])
def test_a_binary_file_is_ignored_with_a_reason(data):
    table = _user_table(data)
    (notice,) = table.problems
    problem = notice.text
    assert "binary" in notice.in_language("en") and "ignored" in notice.in_language("en")
    assert "二进制" in problem and "已忽略此文件" in problem
    assert table.canonical("市二院") == "长治市第二人民医院"


def test_a_missing_or_empty_table_is_no_problem():
    assert institutions().problems == ()
    assert _user_table(b"").problems == ()


def test_home_set_to_a_file_is_not_an_alias_problem(tmp_path, monkeypatch):
    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REPORTSEARCH_HOME", str(blocker))
    table = reload()
    assert table.problems == () and table.canonical("市二院") == "长治市第二人民医院"


def test_the_bundled_table_fits_the_schema():
    assert build_table(load_table(package_data("institutions.toml"))).problems == ()
