"""What a query means, through ``SearchBackend`` only, so it holds for every backend:
quotes as a keyboard types them, figures however written, words that name the report,
facets that count exact matches apart, the oldest-first order, and ranking a reporter
trusts. The library: a few reports written here, labelled by a ``metadata.csv``."""

from __future__ import annotations

import pytest

from index.model import ALL_WORDS, EXACT, OLDEST

REPORTS = {
    "shanxi-2025.txt": ("山西省人民政府", 2025, "2025年山西省政府工作报告", """2025年山西省政府工作报告

一、优化营商环境

持续优化营商环境，开展市场准入效能评估，推广涉企政策“一站式”综合服务，全年新设经营主体2.3万家，增长百分之三点六，民间投资增长5%～5.5%。

二、就业

城镇新增就业46.2万人，进修培训227人。
"""),
    "hebei-2025.txt": ("河北省人民政府", 2025, "2025年河北省政府工作报告", """2025年河北省政府工作报告

营商环境

学习借鉴山西优化营商环境的做法。

全省新设企业23000家，培训1227人，其中2274人次参加线上课程，地区生产总值增长5.5%左右。
"""),
    "hospital-2024.txt": ("长治市第二人民医院", 2024, "2024年长治市第二人民医院工作报告", """长治市第二人民医院2024年工作报告

医院全面推行“一次挂号管三天”，患者复诊不再重复挂号。

卫健委督导组来院检查。
"""),
    "state-2024.txt": ("国务院", 2024, "2024年国务院工作报告", """政府工作报告

城镇新增就业1244万人，年末城镇调查失业率5.1%。
"""),
    "state-2023.txt": ("国务院", 2023, "2023年中华人民共和国国务院政府工作报告", """政府工作报告

城镇新增就业1206万人，首次提出“百姓就业一件事”。
"""),
    "village-2024.txt": ("深圳市盐田区人民政府", 2024, "2024年盐田区政府工作报告", """2024年盐田区政府工作报告

（三）稳步推进城中村改造

稳步推进城中村改造。全年完成城中村改造项目12个，改造面积36.5万平方米，惠及居民2.1万户；城中村改造同步实施消防、供水、供电和燃气管网升级，新建停车位1800个、公共服务设施23处，城中村改造后的社区引入物业管理，居民满意度达到96.3%，并带动社会投资48亿元。

名词解释

10.三大工程：保障性住房建设、城中村改造和“平急两用”公共基础设施建设。
"""),
    "yearly-2023.txt": ("深圳市大鹏新区管理委员会", 2023, "2023年大鹏新区政府工作报告", """2023年大鹏新区政府工作报告

全年接待游客1200万人次，旅游总收入增长12%。
"""),
    "yearly-2024.txt": ("深圳市大鹏新区管理委员会", 2024, "2024年大鹏新区政府工作报告", """2024年大鹏新区政府工作报告

全年接待游客1350.6万人次，旅游总收入增长15.2%。
"""),
    "district-2010.txt": ("深圳市罗湖区人民政府", 2010, "2010年罗湖区政府工作报告", """2010年罗湖区政府工作报告

首次提出百姓就业一件事。
"""),
}


@pytest.fixture(scope="module")
def meaning(opener, tmp_path_factory):
    folder = tmp_path_factory.mktemp("meaning-reports")
    rows = ["file,institution,year,title"]
    for name, (institution, year, title, text) in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{institution},{year},{title}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    backend = opener(tmp_path_factory.mktemp("meaning-backend"))
    backend.index([folder])
    yield backend
    backend.close()


def _texts(result) -> list[str]:
    return [h.text for h in result.hits]


# ---------------------------------------------------------------- quotes as typed


@pytest.mark.parametrize("typed", ["“一次挂号管三天”", "‘一次挂号管三天’", "「一次挂号管三天」",
                                   "『一次挂号管三天』", "＂一次挂号管三天＂", '"一次挂号管三天"',
                                   "'一次挂号管三天'", "推行“一次挂号管三天”"])
def test_every_quote_pair_finds_the_quoted_paragraph(meaning, typed):
    result = meaning.search(typed, limit=0)
    assert result.total == result.exact == 1 and "“一次挂号管三天”" in result.hits[0].text


@pytest.mark.parametrize("typed", ['卫健委"', "卫健委”", "「卫健委", "卫健委'"])
def test_a_stray_quote_never_makes_zero_hits(meaning, typed):
    plain = meaning.search("卫健委", limit=0)
    assert plain.total and _texts(meaning.search(typed, limit=0)) == _texts(plain)


def test_ideographic_spaces_separate_terms(meaning):
    result = meaning.search("挂号\u3000复诊", limit=0)
    assert result.exact == 1 and "一次挂号管三天" in result.hits[0].text


# ---------------------------------------------------------------- figures however written


@pytest.mark.parametrize(("typed", "form"), [
    ("23000家", "2.3万家"), ("23,000家", "2.3万家"), ("23，000家", "2.3万家"), ("2.3万家", ""),
    ("3.6%", "百分之三点六"), ("3.6％", "百分之三点六"), ("5%-5.5%", "5%~5.5%"),
    ("5-5.5%", "5%~5.5%"), ("5%至5.5%", "5%~5.5%"), ("5%—5.5%", "5%~5.5%"),
])
def test_each_form_of_a_figure_finds_the_others(meaning, typed, form):
    result = meaning.search(typed, limit=0)
    shanxi = [h for h in result.hits if h.report == "shanxi-2025.txt"]
    assert len(shanxi) == 1 and shanxi[0].match == EXACT
    assert shanxi[0].forms == ({typed: form} if form else {})
    marked = "".join(shanxi[0].text[s:e] for s, e in shanxi[0].highlights)
    assert marked == (form.replace("~", "～") if form else typed)


def test_the_literal_string_is_still_found(meaning):
    result = meaning.search("23000家", limit=0)
    hebei = [h for h in result.hits if h.report == "hebei-2025.txt"]
    assert len(hebei) == 1 and hebei[0].match == EXACT and hebei[0].forms == {}
    assert result.expansions["23000家"][:2] == ("23,000家", "2.3万家")


def test_an_exact_hit_for_a_figure_never_comes_from_a_longer_number(meaning):
    result = meaning.search("227人", limit=0)
    exact = [h for h in result.hits if h.match == EXACT]
    assert [h.report for h in exact] == ["shanxi-2025.txt"]
    # 1227人 still contains the string: found, as a loose match after the exact one.
    assert [h.report for h in result.hits if h.match == ALL_WORDS] == ["hebei-2025.txt"]
    assert result.hits[0].match == EXACT


def test_a_range_is_never_found_in_pieces(meaning):
    result = meaning.search("增长5%-5.5%", limit=0)
    assert result.total == result.exact == 1  # not every 5 and every % apart


# ---------------------------------------------------------------- words that name the report


def test_a_place_matches_its_reports_first_and_says_how_it_was_read(meaning):
    result = meaning.search("山西 营商环境", limit=0)
    reports = [h.report for h in result.hits]
    assert reports[:2] == ["shanxi-2025.txt"] * 2
    assert "hebei-2025.txt" in reports  # the paragraph naming 山西 is still found
    assert [(r.term, r.institutions) for r in result.readings] == [("山西", ("山西省人民政府",))]
    assert result.hits[0].via_report == ("山西",)


def test_a_year_and_a_kind_of_report_match_the_record(meaning):
    result = meaning.search("2024年政府工作报告 城镇新增就业", limit=0)
    assert [h.report for h in result.hits if h.match == EXACT] == ["state-2024.txt"]
    (reading,) = result.readings
    assert reading.years == (2024,) and reading.titles


def test_an_institution_alias_matches_its_reports(meaning):
    result = meaning.search("罗湖区政府 就业", limit=0)
    assert result.hits[0].report == "district-2010.txt" and result.hits[0].match == EXACT


# ---------------------------------------------------------------- facets and order


def test_facets_count_exact_matches_apart(meaning):
    # 2023 writes 首次提出“百姓就业…”: the words are there, not together.
    result = meaning.search("首次提出百姓就业", limit=0)
    assert (result.total, result.exact) == (2, 1)
    assert result.facets.year == {"2023": 1, "2010": 1}
    assert result.facets.exact_year == {"2010": 1}
    assert result.facets.exact_institution == {"深圳市罗湖区人民政府": 1}
    apart = meaning.search("城镇就业", limit=0)  # 城镇 … 就业, apart only
    assert apart.exact == 0 and apart.total >= 2
    assert apart.facets.exact_year == {} and sum(apart.facets.year.values()) == apart.total


def test_oldest_first_answers_when_it_was_first_said(meaning):
    result = meaning.search("百姓就业一件事", sort=OLDEST, limit=0)
    assert [h.year for h in result.hits] == [2010, 2023]


# ---------------------------------------------------------------- ranking a reporter trusts


def test_a_long_body_paragraph_outranks_headings_and_list_sentences(meaning):
    result = meaning.search("城中村改造", limit=0)
    assert result.total == 3
    assert result.hits[0].text.startswith("稳步推进城中村改造。全年完成")


def test_near_identical_yearly_paragraphs_come_newest_first(meaning):
    result = meaning.search("接待游客 旅游总收入增长", limit=0)
    assert [h.year for h in result.hits] == [2024, 2023]  # not the shorter one first
