"""Detect who issued a report, in which year, and under what title.

Detection reads the signals a person would: the subtitle under the title
(``——长治市第二人民医院奋力绘就…``), the photo byline (``本版图片由…提供``), the
speaker's line (``我代表深圳市人民政府向大会报告工作``), the masthead year
(``2025 长治两会``), the delivery line (``——2026年2月3日在…人民代表大会…上``), a
review heading (``一、2008年工作回顾`` means delivered in 2009), the congress or
session number, and as a last resort the latest date the report speaks of.

Each result says which signal it came from, so a wrong guess can be traced, and
every value can be overridden by a manifest or a correction (see ``library``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .institutions import InstitutionTable
from .model import Kind, Paragraph, ReportMeta
from .normalize import simplify

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}

# The year each National Congress of the CPC opened.
CPC_CONGRESS_YEARS = {1: 1921, 2: 1922, 3: 1923, 4: 1925, 5: 1927, 6: 1928, 7: 1945,
                      8: 1956, 9: 1969, 10: 1973, 11: 1977, 12: 1982, 13: 1987,
                      14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012, 19: 2017,
                      20: 2022, 21: 2027}
# The year of the first session of each National People's Congress before 1983;
# from the 6th on, one session a year from 1983 (6th NPC) in five-year terms.
NPC_FIRST_SESSION = {1: 1954, 2: 1959, 3: 1964, 4: 1975, 5: 1978}

_ORG_SUFFIX = (
    r"(?:人民政府|管理委员会|管委会|卫生健康委员会|卫健委|人民医院|中医医院|中医院|妇幼保健院|"
    r"保健院|医院|医疗集团|疾病预防控制中心|委员会|政府)"
)
_ORG = re.compile(r"([\u4e00-\u9fff]{1,16}?" + _ORG_SUFFIX + ")")
_SPEAKER = re.compile(r"我(?:受\S{1,12}委托，?)?代表(.{2,24}?)(?:，|,|\s|向|作|报告|在)")
_PHOTO_CREDIT = re.compile(r"(?:图片|照片)\S{0,3}由(.{2,30}?)(?:提供|供图)")
_DELIVERY = re.compile(r"(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:在|于)")
_DATE_LINE = re.compile(r"^[（(]\s*(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]$")
_ISO_DATE = re.compile(r"^(?:时间|发布时间|日期)[:：]\s*(\d{4})[-/.年]")
_REVIEW = re.compile(r"(\d{4})\s*年(?:以来)?(?:的)?(?:工作|政府工作)?回顾")
_MASTHEAD_YEAR = re.compile(r"^(\d{4})(?:\s|$|年?\S{0,6}两会)")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年.{0,20}工作报告|工作报告[_（(\s]*(\d{4})")
_NPC = re.compile(r"第([一二三四五六七八九十]+)届全国人民代表大会第([一二三四五六七八九十]+)次会议")
_CPC = re.compile(r"中国共产党第([一二三四五六七八九十]+)次全国代表大会")
_CENTRAL_COMMITTEE = re.compile(r"第[一二三四五六七八九十]+届中央(?:执行)?委员会")
_DATED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_PLAN_YEAR = re.compile(r"((?:19|20)\d{2})年是.{0,40}?之年")

HEAD = 40  # the opening paragraphs where the strong signals stand


def chinese_number(text: str) -> int:
    """Parse 一 … 九十九 (enough for congress and session numbers)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0))
    return _CN_DIGITS.get(text, 0)


def npc_year(term: int, session: int) -> int | None:
    if term >= 6:
        return 1983 + (term - 6) * 5 + session - 1
    first = NPC_FIRST_SESSION.get(term)
    return first + session - 1 if first else None


# ---------------------------------------------------------------- institution


_TERM = re.compile(r"第?[一二三四五六七八九十]+届")
_GENERIC_ORG = re.compile(r"^(?:省|市|区|县|自治区|新区|州)(?:人民政府|管理委员会|管委会|政府)$")


def _place_key(canonical: str, table: InstitutionTable) -> str:
    """The distinctive place in a government's name: 深圳市罗湖区人民政府 -> 罗湖区."""
    key = re.sub(r"(?:人民政府|管理委员会)$", "", canonical)
    for city in table.cities:
        if key.startswith(city) and len(key) > len(city):
            return key[len(city):]
    return key if key != canonical else ""


def _complete(org: str, table: InstitutionTable, text: str) -> str | None:
    """Complete a bare ``区人民政府`` / ``省人民政府`` with the place the text names most."""
    level = re.match(r"^(省|市|区|县|自治区|新区|州)", org).group(1)
    suffix = "管理委员会" if org.endswith(("管理委员会", "管委会")) else "人民政府"
    best, best_count = None, 0
    for canonical in table.aliases:
        if not canonical.endswith(suffix):
            continue
        key = _place_key(canonical, table)
        if not key.endswith(level) or (level == "区" and key.endswith("新区")):
            continue
        short = key[: -len(level)] if len(key) - len(level) >= 2 else key
        count = text.count(short)
        if count > best_count:
            best, best_count = canonical, count
    return best if best_count >= 2 else None


def _resolve(name: str, table: InstitutionTable, text: str) -> str | None:
    """Turn a name as written into a canonical institution, completing bare
    ``省人民政府`` / ``区人民政府`` from the places the report itself names."""
    name = _TERM.sub("", name.strip("“”\"《》 ")).removeprefix("中国共产党")
    if not name:
        return None
    if name in ("中央委员会", "中央执行委员会"):
        return "中国共产党中央委员会"
    known = table.canonical(name) or table.longest_prefix(name)
    if known:
        return known
    match = _ORG.match(name)
    if not match:
        return None
    org = match.group(1)
    if org.startswith(("本", "这", "我", "各", "全")):
        return None  # 本届政府, 各级政府: not a name
    known = table.canonical(org)
    if known:
        return known
    if _GENERIC_ORG.match(org):
        return _complete(org, table, text)
    for full, short in table.provinces:  # 广西人民政府 -> 广西壮族自治区人民政府
        if org.startswith(short) and not org.startswith(full):
            found = table.canonical(full + org[len(short):])
            if found:
                return found
    for city in table.cities:
        if table.canonical(city + org):
            return table.canonical(city + org)
    return org


def _most_mentioned(table: InstitutionTable, text: str) -> str | None:
    """The institution whose names (or, for a government, whose place) occur most."""
    keys: list[tuple[str, str]] = []
    for canonical in table.aliases:
        for name in table.names_of(canonical):
            if len(name) >= 4 and not name.startswith(("市", "区", "省", "县")):
                keys.append((name, canonical))
        key = _place_key(canonical, table)
        if len(key) >= 3:
            keys.append((key, canonical))
    counts: Counter[str] = Counter()
    for key, canonical in sorted(keys, key=lambda k: len(k[0]), reverse=True):
        n = text.count(key)
        if n:
            counts[canonical] += n
            text = text.replace(key, "")
    if counts:
        (best, n), = counts.most_common(1)
        if n >= 3:
            return best
    return None


_ENTRUSTED = re.compile(r"我受(.{2,16}?)的?委托")


def detect_institution(paragraphs: Sequence[Paragraph], table: InstitutionTable) -> tuple[str, str]:
    """Return (institution, signal). The institution is "" when nothing was found."""
    head = paragraphs[:HEAD]
    full = "\n".join(p.text for p in paragraphs)
    for p in head:
        if p.kind is Kind.TITLE and p.text.startswith("——") and "代表大会" not in p.text:
            found = _resolve(p.text[2:], table, full)
            if found:
                return found, "subtitle"
    for p in paragraphs:
        if p.kind in (Kind.BYLINE, Kind.CAPTION):
            m = _PHOTO_CREDIT.search(p.text)
            if m and (found := _resolve(m.group(1), table, full)):
                return found, "photo credit"
    for p in head:
        m = _SPEAKER.search(p.text)
        if m and (found := _resolve(m.group(1), table, full)):
            return found, "speaker"
        m = _ENTRUSTED.search(p.text)
        if m:
            parts = [_resolve(part, table, full) for part in re.split(r"[和、]", m.group(1))]
            parts = [part for part in parts if part]
            if parts:
                return parts[-1], "speaker"
    for p in head[:12]:
        if len(p.text) < 80 and _CPC.search(p.text) and ("报告" in p.text or "开幕" in p.text):
            return "中国共产党中央委员会", "congress"
    for p in head[:12]:
        m = re.match(r"^(?:\d{4}年)?([\u4e00-\u9fff]{2,12}?)(?:人民)?政府工作报告", p.text)
        if m and len(p.text) < 60:
            found = _resolve(m.group(1) + "人民政府", table, full)
            if found:
                return found, "title"
    opening = "\n".join(p.text for p in head[:6])
    if re.search(r"(?:国务院)?总理[\u4e00-\u9fff]{0,4}(?:在报告中|向大会|作政府工作报告)", opening) or (
        "政府工作报告" in opening and re.search(r"在第[一二三四五六七八九十]+届全国人民代表大会", opening)
    ):
        return "国务院", "premier"  # the government work report to the NPC
    found = _most_mentioned(table, full)
    if found:
        return found, "most mentioned"
    return "", "none"


# ---------------------------------------------------------------- year


_PLAN = re.compile(r"(\d{4})\s*年(?:的)?(?:重点|主要)?工作(?:安排|部署|任务|总体要求)")
_CC_REPORTS = re.compile(r"(?:代表|受)(?:中国共产党)?第?([一二三四五六七八九十]+)届中央委员会")
_TO_NPC = re.compile(r"向第([一二三四五六七八九十]+)届全国人民代表大会作")
_FIVE_YEAR_REVIEW = re.compile(r"“?(十[一二三四五六七八九]?|[一二三四五六七八九])五”?(?:时期|计划|规划).{0,20}回顾")
_SESSION_CONTEXT = re.compile(r"从|自|以来|以后|到现在|到这次")


def _session_year(p: Paragraph) -> int | None:
    """The NPC session or party congress this paragraph says is being held."""
    for m in _NPC.finditer(p.text):
        around = p.text[max(0, m.start() - 6) : m.end() + 6]
        if not _SESSION_CONTEXT.search(around):
            return npc_year(chinese_number(m.group(1)), chinese_number(m.group(2)))
    m = _CC_REPORTS.search(p.text)
    if m:  # the N-th Central Committee reports to the (N+1)-th congress
        return CPC_CONGRESS_YEARS.get(chinese_number(m.group(1)) + 1)
    m = _TO_NPC.search(p.text)
    if m:  # a new NPC's first session
        return npc_year(chinese_number(m.group(1)), 1)
    opening = len(p.text) < 80 or "开幕" in p.text
    for m in _CPC.finditer(p.text if opening else ""):
        around = p.text[max(0, m.start() - 6) : m.end() + 6]
        if not _SESSION_CONTEXT.search(around):
            return CPC_CONGRESS_YEARS.get(chinese_number(m.group(1)))
    return None


def detect_year(paragraphs: Sequence[Paragraph]) -> tuple[int | None, str]:
    """Return (year the report was published or delivered, signal)."""
    head = paragraphs[:HEAD]
    for p in head[:12]:
        for pattern in (_DATE_LINE, _ISO_DATE):
            m = pattern.search(p.text)
            if m:
                return int(m.group(1)), "delivery date"
        if len(p.text) < 80:
            m = _DELIVERY.search(p.text)
            if m and ("会议" in p.text or "大会" in p.text):
                return int(m.group(1)), "delivery date"
    for p in head:
        if p.kind is Kind.MASTHEAD:
            m = _MASTHEAD_YEAR.match(p.text)
            if m:
                return int(m.group(1)), "masthead"
    for p in head[:12]:
        if len(p.text) < 60:
            m = _TITLE_YEAR.search(p.text)
            if m:
                return int(m.group(1) or m.group(2)), "title"
    for p in head[:6]:
        year = _session_year(p)
        if year:
            return year, "congress session"
    for p in paragraphs:
        if p.kind is not Kind.BODY and len(p.text) < 40:
            m = _REVIEW.search(p.text)
            if m:
                return int(m.group(1)) + 1, "review year"
            m = _FIVE_YEAR_REVIEW.search(p.text)
            if m:  # from the 3rd (1966-1970) on, the N-th five-year plan ends in 1970 + 5 (N - 3)
                return 1970 + 5 * (chinese_number(m.group(1)) - 3) + 1, "review year"
            m = _PLAN.search(p.text)
            if m:
                return int(m.group(1)), "plan year"
    return _year_from_content(paragraphs)


def _year_from_content(paragraphs: Sequence[Paragraph]) -> tuple[int | None, str]:
    body = [p.text for p in paragraphs if p.kind in (Kind.BODY, Kind.CAPTION, Kind.HEADING)]
    text = "\n".join(body)
    speech = any(w in text[:2000] for w in ("各位代表", "同志们", "向大会"))
    if speech:
        # A work report is delivered in the year it calls "今年" and plans for.
        plans = Counter(int(y) for y in _PLAN_YEAR.findall(text))
        if plans:
            return max(plans, key=lambda y: (plans[y], y)), "plan year"
        first = _YEAR.search(text)
        if first:
            # A work report opens on the year it reviews, and is delivered the next.
            return int(first.group(1)) + 1, "reviewed year"
    dated = [int(y) for y, month in _DATED.findall(text) if 1 <= int(month) <= 12]
    if dated:
        return max(dated), "latest date"
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        return max(years), "latest year"
    return None, "none"


# ---------------------------------------------------------------- title


def short_institution(institution: str) -> str:
    return institution.removesuffix("人民政府") if institution.endswith("人民政府") else institution


def detect_title(
    paragraphs: Sequence[Paragraph], institution: str, year: int | None, fallback: str
) -> str:
    """The report's own title lines, or a title composed from its metadata."""
    lines = [p.text for p in paragraphs[:HEAD] if p.kind is Kind.TITLE]
    main = [t for t in lines if not t.startswith("——")]
    subtitle = next((t for t in lines if t.startswith("——")), "")
    if subtitle and (_DELIVERY.search(subtitle) or "代表大会" in subtitle):
        subtitle = ""  # a delivery line, not a subtitle
    title = " ".join(main)
    generic = not title or (title.endswith("政府工作报告") and len(title) <= 8)
    if generic and institution:
        prefix = f"{year}年" if year else ""
        if institution.endswith("人民政府"):
            return f"{prefix}{short_institution(institution)}政府工作报告"
        if any(p.kind is Kind.MASTHEAD and "两会" in p.text for p in paragraphs[:HEAD]):
            return f"{institution}（{prefix}两会专刊）"
        return f"{prefix}{institution}工作报告"
    if title and subtitle:
        return f"{title}{subtitle}"
    return title or fallback


_SPACED_DIGITS = re.compile(r"(?<=\d) (?=\d)")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=年)")


def _plain(text: str) -> str:
    """Simplified characters, half-width digits, 一九五六年 as 1956年."""
    text = _SPACED_DIGITS.sub("", simplify(text))
    return _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[ch]) for ch in m.group(1)), text)


def detect(
    paragraphs: Sequence[Paragraph], table: InstitutionTable, fallback_title: str
) -> ReportMeta:
    paragraphs = [replace(p, text=_plain(p.text)) for p in paragraphs]
    institution, institution_signal = detect_institution(paragraphs, table)
    year, year_signal = detect_year(paragraphs)
    title = detect_title(paragraphs, institution, year, fallback_title)
    return ReportMeta(
        title=title,
        institution=institution,
        year=year,
        sources={"institution": institution_signal, "year": year_signal, "title": "detected"},
    )
