"""Date a report: the year it was delivered, and the words that say so.

A report reviewing 2008 and delivered in early 2009 has the year 2009. The
signals are the ones a person reads, strongest first: a delivery date under the
title, the masthead, a year in the title, the plan or budget the speech is
about (``关于1980、1981年国民经济计划安排的报告``), the congress or session being
held (or last year's, or the one a five-year term began with), a review heading
(``一、2008年工作回顾`` means 2009), a five-year review's span (``由2016年的…至
2020年的…``), a plan heading, and at last what the text speaks of most.

Every answer carries the signal's name and the snippet it was read from, so
``reportsearch inspect`` can show why a year was chosen.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .model import Kind, Paragraph

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}

# The year each National Congress of the CPC opened.
CPC_CONGRESS_YEARS = {1: 1921, 2: 1922, 3: 1923, 4: 1925, 5: 1927, 6: 1928, 7: 1945,
                      8: 1956, 9: 1969, 10: 1973, 11: 1977, 12: 1982, 13: 1987,
                      14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017,
                      20: 2022, 21: 2027}
# The year of the first session of each National People's Congress before 1983;
# from the 6th on, one session a year from 1983 (6th NPC) in five-year terms.
NPC_FIRST_SESSION = {1: 1954, 2: 1959, 3: 1964, 4: 1975, 5: 1978}

HEAD = 40  # the opening paragraphs where the strong signals stand
SNIPPET = 16  # characters of context kept on each side of the words that decided

_NUMBER = "[一二三四五六七八九十]+"
_NPC = re.compile(rf"第({_NUMBER})届全国人民代表大会第({_NUMBER})次会议")
CPC_CONGRESS = re.compile(rf"中国共产党第({_NUMBER})次全国代表大会")
DELIVERY_LINE = re.compile(r"(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:在|于)")
_DATE_LINE = re.compile(r"^[（(]\s*(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]$")
_ISO_DATE = re.compile(r"^(?:时间|发布时间|日期)[:：]\s*(\d{4})[-/.年]")
_MASTHEAD_YEAR = re.compile(r"^(\d{4})(?:\s|$|年?\S{0,6}两会)")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年.{0,20}工作报告|工作报告[_（(\s]*(\d{4})")
# The plan or budget a speech is about; 决算 and 执行结果 report on a year past.
_SUBJECT = re.compile(r"关于.{0,60}?的?报告")
_SUBJECT_YEAR = re.compile(
    r"((?:19|20)\d{2})(?:、(?:19|20)\d{2})*\s*年度?[\u4e00-\u9fff]{0,8}?(?:计划|预算)(?!的?执行)"
)
# Who reports: the speaker (我代表第十五届中央委员会), not a report being cited
# (习近平总书记代表第十九届中央委员会所作的报告).
_CC_REPORTS = re.compile(rf"(?:我代表|我受|^受)(?:中国共产党)?第?({_NUMBER})届中央委员会")
_TO_NPC = re.compile(rf"向第({_NUMBER})届全国人民代表大会作")
_SESSION_CONTEXT = re.compile(r"从|自|以来|以后|到现在|到这次|决议")
# A government that took office N years ago (本届政府从1993年3月就职，到现在已经五年了).
_IN_OFFICE = re.compile(rf"(\d{{4}})\s*年\s*\d{{1,2}}\s*月就职.{{0,6}}?到现在已?经?({_NUMBER})年")
_TERM_SINCE = re.compile(rf"第({_NUMBER})届全国人民代表大会第一次会议以来")
_REVIEW = re.compile(r"(\d{4})\s*年(?:以来)?(?:的)?(?:工作|政府工作)?回顾")
_FIVE_YEAR_PLAN_REVIEW = re.compile(
    r"“?(十[一二三四五六七八九]?|[一二三四五六七八九])五”?(?:时期|计划|规划).{0,20}回顾"
)
_PLAN = re.compile(r"(\d{4})\s*年(?:的)?(?:重点|主要)?工作(?:安排|部署|任务|总体要求)")
# A five-year review, and the span its figures cover (由2016年的532亿元跃升至2020年的801亿元).
_FIVE_YEARS = re.compile(r"过去五年|五年来|这五年|本届政府")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*年末?的[^。；]{0,24}?(?:至|到)((?:19|20)\d{2})\s*年")
# The end of the year still ahead: delivered before it is over.
_YEAR_END_AHEAD = re.compile(r"预计到((?:19|20)\d{2})\s*年底")
_PLAN_YEAR = re.compile(r"((?:19|20)\d{2})年是.{0,40}?之年")
_TARGET = re.compile(r"[到至]$")
_DATED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")


class Dating(NamedTuple):
    """A report's year, the signal that gave it and where it was read."""

    year: int | None
    signal: str
    paragraph: int = 0  # ordinal of the paragraph the signal stands in; 0 for none
    span: tuple[int, int] = (0, 0)  # the words in it that decided


def chinese_number(text: str) -> int:
    """Parse 一 … 九十九 (enough for congress and session numbers)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0))
    return CN_DIGITS.get(text, 0)


def npc_year(term: int, session: int) -> int | None:
    if term >= 6:
        return 1983 + (term - 6) * 5 + session - 1
    first = NPC_FIRST_SESSION.get(term)
    return first + session - 1 if first else None


def snippet(text: str, span: tuple[int, int]) -> str:
    """The words a signal was read from: a short line whole, else the span in context."""
    if len(text) <= 2 * SNIPPET + 8:
        return text
    start = max(0, span[0] - SNIPPET)
    end = min(len(text), span[1] + SNIPPET)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _found(year: int | None, signal: str, p: Paragraph, m: re.Match) -> Dating:
    return Dating(year, signal, p.ordinal, m.span())


def _session(p: Paragraph) -> Dating | None:
    """The NPC session or party congress this paragraph says is being held (or, said
    with 去年, was held the year before)."""
    text = p.text
    for m in _NPC.finditer(text):
        year = npc_year(chinese_number(m.group(1)), chinese_number(m.group(2)))
        if year and "去年" in text[max(0, m.start() - 8) : m.start()]:
            return _found(year + 1, "congress session", p, m)  # 从去年9月第五届…到现在
        around = text[max(0, m.start() - 6) : m.end() + 6]
        if year and not _SESSION_CONTEXT.search(around):
            return _found(year, "congress session", p, m)
    m = _CC_REPORTS.search(text)
    if m:  # the N-th Central Committee reports to the (N+1)-th congress
        return _found(CPC_CONGRESS_YEARS.get(chinese_number(m.group(1)) + 1),
                      "congress session", p, m)
    m = _TO_NPC.search(text)
    if m:  # a new NPC's first session
        return _found(npc_year(chinese_number(m.group(1)), 1), "congress session", p, m)
    if len(text) < 80 or "开幕" in text:
        for m in CPC_CONGRESS.finditer(text):
            around = text[max(0, m.start() - 6) : m.end() + 6]
            if not _SESSION_CONTEXT.search(around):
                return _found(CPC_CONGRESS_YEARS.get(chinese_number(m.group(1))),
                              "congress session", p, m)
    return None


def _term(p: Paragraph, opening: str) -> Dating | None:
    """A five-year term looked back on (the opening says 过去五年 or 五年来): the year
    it began plus five."""
    m = _IN_OFFICE.search(p.text)
    if m:
        return _found(int(m.group(1)) + chinese_number(m.group(2)), "term review", p, m)
    m = _TERM_SINCE.search(p.text)
    if m and _FIVE_YEARS.search(opening) and (first := npc_year(chinese_number(m.group(1)), 1)):
        return _found(first + 5, "term review", p, m)
    return None


def _subject(p: Paragraph) -> Dating | None:
    """The year of the plan or budget the speech says it is about."""
    about = _SUBJECT.search(p.text)
    m = _SUBJECT_YEAR.search(about.group()) if about else None
    if m:
        return Dating(int(m.group(1)), "report subject", p.ordinal, about.span())
    return None


def detect_year(paragraphs: Sequence[Paragraph]) -> Dating:
    """Return the year the report was published or delivered, with its signal and evidence."""
    head = paragraphs[:HEAD]
    for p in head[:12]:
        for pattern in (_DATE_LINE, _ISO_DATE):
            m = pattern.search(p.text)
            if m:
                return _found(int(m.group(1)), "delivery date", p, m)
        if len(p.text) < 80:
            m = DELIVERY_LINE.search(p.text)
            if m and ("会议" in p.text or "大会" in p.text):
                return _found(int(m.group(1)), "delivery date", p, m)
    for p in head:
        if p.kind is Kind.MASTHEAD:
            m = _MASTHEAD_YEAR.match(p.text)
            if m:
                return _found(int(m.group(1)), "masthead", p, m)
    for p in head[:12]:
        if len(p.text) < 60:
            m = _TITLE_YEAR.search(p.text)
            if m:
                return _found(int(m.group(1) or m.group(2)), "title", p, m)
    for p in head[:6]:
        found = _subject(p)
        if found:
            return found
    opening = "\n".join(p.text for p in head[:6])
    for p in head[:6]:
        found = _session(p) or _term(p, opening)
        if found and found.year:
            return found
    return _from_headings(paragraphs) or _five_year_review(paragraphs) or _from_content(paragraphs)


def _from_headings(paragraphs: Sequence[Paragraph]) -> Dating | None:
    """A review heading (the year after the one reviewed) or a plan heading."""
    for p in paragraphs:
        if p.kind is Kind.BODY or len(p.text) >= 40:
            continue
        m = _REVIEW.search(p.text)
        if m:
            return _found(int(m.group(1)) + 1, "review year", p, m)
        m = _FIVE_YEAR_PLAN_REVIEW.search(p.text)
        if m:  # from the 3rd (1966-1970) on, the N-th five-year plan ends in 1970 + 5 (N - 3)
            return _found(1970 + 5 * (chinese_number(m.group(1)) - 3) + 1, "review year", p, m)
        m = _PLAN.search(p.text)
        if m:
            return _found(int(m.group(1)), "plan year", p, m)
    return None


def _five_year_review(paragraphs: Sequence[Paragraph]) -> Dating | None:
    """A look back on five years: delivered the year after the span its figures cover
    (由2016年的532亿元跃升至2020年的801亿元), or in the year whose end it still expects."""
    for p in paragraphs:
        if p.kind is not Kind.BODY or not (_FIVE_YEARS.search(p.text) or _FIVE_YEARS.search(p.section)):
            continue
        m = _YEAR_END_AHEAD.search(p.text)
        if m:
            return _found(int(m.group(1)), "five-year review", p, m)
        for m in _SPAN.finditer(p.text):
            start, end = int(m.group(1)), int(m.group(2))
            if 4 <= end - start <= 5:
                return _found(end + 1, "five-year review", p, m)
    return None


def _first(paragraphs: Sequence[Paragraph], pattern: re.Pattern, year: int) -> tuple[Paragraph, re.Match]:
    """The paragraph and match where ``pattern`` first names ``year``."""
    return next((p, m) for p in paragraphs for m in pattern.finditer(p.text) if int(m.group(1)) == year)


def _from_content(paragraphs: Sequence[Paragraph]) -> Dating:
    """What the text speaks of: the year a speech plans for or reviews, else the latest date."""
    body = [p for p in paragraphs if p.kind in (Kind.BODY, Kind.CAPTION, Kind.HEADING)]
    text = "\n".join(p.text for p in body)
    speech = any(w in text[:2000] for w in ("各位代表", "同志们", "向大会"))
    if speech:
        # A work report is delivered in the year it calls "今年" and plans for.
        plans = Counter(int(y) for y in _PLAN_YEAR.findall(text))
        if plans:
            year = max(plans, key=lambda y: (plans[y], y))
            return _found(year, "plan year", *_first(body, _PLAN_YEAR, year))
        # A review of one year names that year far more often than any other
        # (a target, 到2025年, is not a year reviewed).
        named = Counter(int(m.group(1)) for m in _YEAR.finditer(text)
                        if not _TARGET.search(text, max(0, m.start() - 1), m.start())).most_common(2)
        if named and named[0][1] >= 5 and (len(named) == 1 or named[0][1] >= 2 * named[1][1]):
            year = named[0][0]
            return _found(year + 1, "reviewed year", *_first(body, _YEAR, year))
        if named:
            # A work report opens on the year it reviews, and is delivered the next.
            p, m = next((p, m) for p in body for m in _YEAR.finditer(p.text))
            return _found(int(m.group(1)) + 1, "reviewed year", p, m)
    dated = [(int(m.group(1)), p, m) for p in body for m in _DATED.finditer(p.text)
             if 1 <= int(m.group(2)) <= 12]
    if dated:
        year, p, m = max(dated, key=lambda d: d[0])
        return _found(year, "latest date", p, m)
    years = [(int(m.group(1)), p, m) for p in body for m in _YEAR.finditer(p.text)]
    if years:
        year, p, m = max(years, key=lambda d: d[0])
        return _found(year, "latest year", p, m)
    return Dating(None, "none")
