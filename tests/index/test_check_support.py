"""Which paragraphs support a statement, and each item's verdict, through SearchBackend
(on the seeds; the corpus test set is tests/index/test_check_score.py)."""

from __future__ import annotations

import pytest

from index.backend import SearchBackend
from index.checking import check
from index.checking.items import FIGURE, INSTITUTION
from index.checking.results import (
    DIFFERENT,
    DIFFERS,
    NOT_FOUND,
    SAME,
    SUPPORTED,
    UNSUPPORTED,
)
from index.institutions import institutions

STORY = "000_bd9af7df280a18e9.txt"


def _one(backend, text):
    (statement,) = check(backend, text, institutions()).statements
    return statement


def _verdicts(statement) -> dict[str, tuple[str, str]]:
    return {c.item.text: (c.verdict, c.found) for c in statement.best.checks}


class OnlyTheProtocol:
    """A backend that answers only what ``SearchBackend`` declares, and records it."""

    def __init__(self, backend):
        self._backend = backend
        self.calls: list[str] = []

    def __getattr__(self, name):
        if name.startswith("_") or not hasattr(SearchBackend, name):
            raise AttributeError(name)
        self.calls.append(name)
        return getattr(self._backend, name)


def test_the_check_runs_through_the_protocol_only(seed_engine):
    backend = OnlyTheProtocol(seed_engine)
    draft = "市二院去年派出237人到国内知名医疗机构进修。今年火星上发现了大量的恐龙化石。"
    through = check(backend, draft, institutions())
    assert set(backend.calls) == {"search"}
    assert through == check(seed_engine, draft, institutions())


def test_a_figure_the_report_gives_otherwise_is_different_and_the_reports_figure_is_given(
        seed_engine):
    statement = _one(seed_engine, "市二院去年派出237人到国内知名医疗机构进修。")
    assert statement.verdict == DIFFERS
    best = statement.best
    assert best.report == STORY and "进修培训227人" in best.text
    assert _verdicts(statement)["237人"] == (DIFFERENT, "227人")
    figure = next(c for c in best.checks if c.item.kind == FIGURE)
    assert best.text[figure.start:figure.end] == "227人"
    # The paragraph is in the hospital's own report: it need not name the hospital.
    assert _verdicts(statement)["市二院"][0] == SAME


def test_the_same_figure_is_same_and_the_statement_supported(seed_engine):
    statement = _one(seed_engine, "市二院去年派出227人到国内知名医疗机构进修。")
    assert statement.verdict == SUPPORTED
    assert _verdicts(statement)["227人"] == (SAME, "227人")


@pytest.mark.parametrize("draft, figure, source", [
    ("全年开展上消化道肿瘤、心血管病筛查303000人次。", "303000人次", "30.3万人次"),
    ("预约床旁结算率达百分之七十二点二。", "百分之七十二点二", "72.2%"),
    ("实行一次挂号管三天与检查检验结果互认，为患者节省费用629,000元。", "629,000元", "62.9万元"),
])
def test_a_figure_written_another_way_is_the_same_figure(seed_engine, draft, figure, source):
    statement = _one(seed_engine, draft)
    assert statement.verdict == SUPPORTED
    assert _verdicts(statement)[figure] == (SAME, source)


def test_the_different_figure_is_the_one_that_counts_the_same_thing(seed_engine):
    # Same unit, several figures in the paragraph: the one whose words match is given.
    statement = _one(seed_engine, "全年请进来专家45人次，外送学习399人次，外派进修69人。")
    verdicts = _verdicts(statement)
    assert verdicts["399人次"] == (DIFFERENT, "366人次")
    assert verdicts["45人次"] == (SAME, "45人次") and verdicts["69人"] == (SAME, "69人")


def test_a_statement_nothing_supports_says_so(seed_engine):
    statement = _one(seed_engine, "今年火星上发现了大量的恐龙化石，专家认为很奇怪。")
    assert statement.verdict == UNSUPPORTED and statement.sources == ()


def test_an_institution_the_paragraph_does_not_name_is_not_found(seed_engine):
    statement = _one(seed_engine, "市妇幼保健院派出237人到国内知名医疗机构进修。")
    institution = next(c for c in statement.best.checks if c.item.kind == INSTITUTION)
    assert institution.verdict == NOT_FOUND


def test_a_draft_is_checked_statement_by_statement_with_a_summary(seed_engine):
    draft = ("市二院去年派出237人到国内知名医疗机构进修。"
             "2024年7月，屯留区政府与市二院共建长治市第二人民医院屯留医院签约挂牌。"
             "今年火星上发现了大量的恐龙化石，专家认为很奇怪。")
    seen = []
    result = check(seed_engine, draft, institutions(), progress=lambda d, t: seen.append((d, t)))
    assert [s.verdict for s in result.statements] == [DIFFERS, SUPPORTED, UNSUPPORTED]
    summary = result.summary
    assert (summary.checked, summary.supported, summary.differs, summary.unsupported) == (
        3, 1, 1, 1)
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_cancelled_check_keeps_what_it_checked(seed_engine):
    draft = "市二院去年派出227人到国内知名医疗机构进修。今年火星上发现了大量的恐龙化石。"
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    result = check(seed_engine, draft, institutions(), cancelled=cancelled)
    assert len(result.statements) == 1
