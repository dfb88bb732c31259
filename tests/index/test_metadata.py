"""Institution and year detection: the seeds exactly, the labelled corpus at the measured
figures (institution 201/207, year 204/207)."""

from __future__ import annotations

import csv

import pytest

from index.institutions import institutions
from index.metadata import chinese_number, detect, npc_year
from index.paragraphs import find_paragraphs
from index.reading import read_text

SEED_META = {
    "000": ("长治市第二人民医院", 2025),
    "001": ("长治市人民医院", 2025),
    "002": ("长治市妇幼保健院", 2025),
    "003": ("长治市卫生健康委员会", 2024),
    "004": ("长治市中医医院", 2026),
}


def _detect_file(path):
    return detect(find_paragraphs(read_text(path).text), institutions(), path.stem)


def test_seed_institutions_and_years(seed_files):
    for path in seed_files:
        meta = _detect_file(path)
        assert (meta.institution, meta.year) == SEED_META[path.name[:3]], path.name


def test_seed_titles_and_signals(seed_files):
    metas = {p.name[:3]: _detect_file(p) for p in seed_files}
    assert metas["000"].title.startswith("实干笃行乘势上 杏林逐梦书锦章——长治市第二人民医院")
    assert metas["000"].sources == {"institution": "subtitle", "year": "masthead", "title": "detected"}
    assert metas["003"].sources["year"] == "latest date"  # no masthead: 2024年1月
    assert metas["004"].sources["institution"] == "photo credit"  # 图片/由市中医院提供
    assert metas["004"].title == "长治市中医医院（2026年两会专刊）"


@pytest.mark.parametrize(
    ("lines", "institution", "year"),
    [
        (["各位代表：", "现在，我代表深圳市人民政府向大会报告工作，请予审议。", "一、2008年工作回顾"],
         "深圳市人民政府", 2009),
        (["各位代表：", "现在，我代表罗湖区人民政府向大会作政府工作报告。", "一、2019年工作回顾"],
         "深圳市罗湖区人民政府", 2020),
        (["政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上", "各位代表：",
          "现在，我代表國務院，向大会作政府工作报告。"], "国务院", 2024),
        (["同志们：", "现在，我代表第十五届中央委员会向大会作报告。"], "中国共产党中央委员会", 2002),
        (["政府工作报告", "1957年6月26日在第一届全国人民代表大会第四次会议上", "周恩来",
          "各位代表：", "过去一年，我们……"], "国务院", 1957),
        (["各位代表：", "我代表省人民政府，向大会报告工作。", "一、“十四五”时期工作回顾",
          "广东广东广东，广东经济稳中向好。"], "广东省人民政府", 2026),
    ],
)
def test_government_report_signals(lines, institution, year):
    meta = detect(find_paragraphs("\n".join(lines)), institutions(), "x")
    assert (meta.institution, meta.year) == (institution, year)


def test_year_evidence_quotes_the_report_as_written():
    lines = ["各位代表：", "我受中共中央和国务院的委托，向大会作关于农业发展纲要执行情况的报告。",
             "一九五六年公布的纲要，在一九五八年和一九五九年取得了连续大跃进。",
             *[f"一九五九年第{i}项成绩显著。" for i in range(6)]]
    meta = detect(find_paragraphs("\n".join(lines)), institutions(), "x")
    assert (meta.year, meta.sources["year"]) == (1960, "reviewed year")
    assert meta.evidence["year"] == "一九五六年公布的纲要，在一九五八年和一九五九年取得了连续大跃进。"


def test_seed_year_evidence(seed_files):
    metas = {p.name[:3]: _detect_file(p) for p in seed_files}
    assert metas["000"].evidence["year"] == "2025 长治两会"
    assert "2024年1月17日" in metas["003"].evidence["year"]


def test_chinese_numbers_and_congress_years():
    assert [chinese_number(t) for t in ("一", "十", "十四", "二十", "二十一")] == [1, 10, 14, 20, 21]
    assert npc_year(14, 2) == 2024
    assert npc_year(1, 1) == 1954
    assert npc_year(5, 4) == 1981


def test_alias_table_is_data_the_user_extends(isolated_home):
    table = institutions()
    assert table.canonical("市二院") == "长治市第二人民医院"
    assert table.canonical("长治市二院") == "长治市第二人民医院"
    assert table.canonical("市医院") == "长治市人民医院"
    assert table.canonical("卫健委") == "长治市卫生健康委员会"
    assert table.canonical("某某医院") is None

    user = isolated_home / "data" / "institutions.toml"
    user.parent.mkdir(parents=True)
    user.write_text('[aliases]\n"长治市第二人民医院" = ["二院本部"]\n"某某医院" = ["某院"]\n',
                    encoding="utf-8")
    from index.institutions import reload

    table = reload()
    assert table.canonical("二院本部") == "长治市第二人民医院"
    assert table.canonical("市二院") == "长治市第二人民医院"  # bundled aliases kept
    assert table.canonical("某院") == "某某医院"


@pytest.mark.corpus
def test_corpus_detection_accuracy(corpus_dir):
    with (corpus_dir / "metadata.csv").open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    right_institution = right_year = 0
    for row in labels:
        meta = _detect_file(corpus_dir / row["file"])
        right_institution += meta.institution == row["institution"]
        right_year += str(meta.year) == row["year"]
    assert len(labels) == 207
    assert right_institution >= 201  # 97.1%
    assert right_year >= 204  # 98.6%
