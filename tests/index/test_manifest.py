"""Manifests a person writes (metadata.csv): any editor encoding, rows checked one by
one, and a bad row or file never stops an import: it is named in the summary's
warnings and its reports keep the detected metadata."""

from __future__ import annotations

import shutil

import pytest

from index.engine import Engine
from index.library import load_report
from index.manifest import MANIFEST_DEPTH, read_manifest

HEADER = "file,institution,year,title\n"


@pytest.fixture
def reports(tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed_files[0], folder / "a.txt")
    shutil.copy(seed_files[1], folder / "b.txt")
    return folder


def _index(tmp_path, folder):
    with Engine(tmp_path / "index") as engine:
        summary = engine.index([folder])
        return summary, {r.name: r for r in engine.reports()}


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8", "utf-16"])
def test_a_manifest_in_any_editor_encoding_is_read(reports, encoding):
    (reports / "metadata.csv").write_text(HEADER + "a.txt,某某医院,2023,自定标题\n",
                                          encoding=encoding)
    a = load_report(reports / "a.txt")
    assert (a.institution, a.year, a.title) == ("某某医院", 2023, "自定标题")


@pytest.mark.parametrize("year", ["99999", "-5", str(10**23), "①", "20x5", "1899"])
def test_a_year_outside_1900_to_next_year_is_refused_with_a_message(tmp_path, reports, year):
    (reports / "metadata.csv").write_text(
        HEADER + f"a.txt,某某医院,{year},自定标题\nb.txt,别的医院,2020,\n", encoding="utf-8")
    summary, records = _index(tmp_path, reports)
    assert records["a.txt"].year == 2025  # detected, as if the row were not there
    assert records["a.txt"].institution == "长治市第二人民医院"
    assert (records["b.txt"].institution, records["b.txt"].year) == ("别的医院", 2020)
    (warning,) = summary.warnings
    assert warning.path == str(reports / "metadata.csv")
    assert "第 2 行" in warning.reason and "年份" in warning.reason and year in warning.reason


def test_a_field_over_the_csv_limit_costs_only_its_row(tmp_path, reports):
    (reports / "metadata.csv").write_text(
        HEADER + "a.txt,某某医院,2023," + "长" * (128 * 1024 + 1) + "\nb.txt,别的医院,2020,\n",
        encoding="utf-8")
    summary, records = _index(tmp_path, reports)
    assert len(records) == 2
    assert records["b.txt"].institution == "别的医院"
    assert records["a.txt"].institution == "长治市第二人民医院"
    (warning,) = summary.warnings
    assert "第 2 行" in warning.reason and "field limit" in warning.reason


def test_a_title_too_long_for_a_title_is_refused(reports):
    (reports / "metadata.csv").write_text(HEADER + "a.txt,,," + "长" * 501 + "\n",
                                          encoding="utf-8")
    manifest = read_manifest(str(reports / "metadata.csv"))
    assert manifest.rows == {}
    assert "title 太长" in manifest.problems[0]


@pytest.mark.parametrize(("data", "what"), [
    (bytes(range(256)) * 40, "二进制"),
    ("文件,机构\na.txt,x\n".encode("gbk"), "缺少 file 列"),
])
def test_an_unrelated_bad_manifest_above_does_not_stop_the_import(tmp_path, seed_files,
                                                                  data, what):
    deep = tmp_path / "shared"
    folder = deep.joinpath(*[f"d{i}" for i in range(MANIFEST_DEPTH - 1)])
    folder.mkdir(parents=True)
    shutil.copy(seed_files[0], folder / "a.txt")
    (deep / "metadata.csv").write_bytes(data)  # somebody else's, four folders up
    summary, records = _index(tmp_path, folder)
    assert records["a.txt"].institution == "长治市第二人民医院" and summary.skipped == []
    (warning,) = summary.warnings
    assert warning.path == str(deep / "metadata.csv") and what in warning.reason
