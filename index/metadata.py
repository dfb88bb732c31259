"""Detect who issued a report, in which year, and under what title.

Detection reads the signals a person would: the subtitle under the title
(``——长治市第二人民医院奋力绘就…``), the photo byline (``本版图片由…提供``), the
speaker's line (``我代表深圳市人民政府向大会报告工作``); the year comes from
``dating`` (delivery line, masthead, review heading, congress session, …).

Each result says which signal it came from, so a wrong guess can be traced, and
every value can be overridden by a manifest or a correction (see ``library``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .dating import (  # noqa: F401 - chinese_number, npc_year: re-exported
    CN_DIGITS,
    CPC_CONGRESS,
    DELIVERY_LINE,
    HEAD,
    chinese_number,
    detect_year,
    npc_year,
    snippet,
)
from .institutions import InstitutionTable
from .model import Kind, Paragraph, ReportMeta
from .normalize import simplify

_ORG_SUFFIX = (
    r"(?:人民政府|管理委员会|管委会|卫生健康委员会|卫健委|人民医院|中医医院|中医院|妇幼保健院|"
    r"保健院|医院|医疗集团|疾病预防控制中心|委员会|政府)"
)
_ORG = re.compile(r"([\u4e00-\u9fff]{1,16}?" + _ORG_SUFFIX + ")")
_SPEAKER = re.compile(r"我(?:受\S{1,12}委托，?)?代表(.{2,24}?)(?:，|,|\s|向|作|报告|在)")
_PHOTO_CREDIT = re.compile(r"(?:图片|照片)\S{0,3}由(.{2,30}?)(?:提供|供图)")


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
        if len(p.text) < 80 and CPC_CONGRESS.search(p.text) and ("报告" in p.text or "开幕" in p.text):
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
    if subtitle and (DELIVERY_LINE.search(subtitle) or "代表大会" in subtitle):
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
    return _CN_YEAR.sub(lambda m: "".join(str(CN_DIGITS[ch]) for ch in m.group(1)), text)


def detect(
    paragraphs: Sequence[Paragraph], table: InstitutionTable, fallback_title: str
) -> ReportMeta:
    original = {p.ordinal: p.text for p in paragraphs}
    paragraphs = [replace(p, text=_plain(p.text)) for p in paragraphs]
    institution, institution_signal = detect_institution(paragraphs, table)
    dating = detect_year(paragraphs)
    title = detect_title(paragraphs, institution, dating.year, fallback_title)
    evidence = {}
    if dating.paragraph:
        read = next(p.text for p in paragraphs if p.ordinal == dating.paragraph)
        source = original.get(dating.paragraph, read)
        # Quote the report as written (一九五六年, full-width digits) when the reading kept
        # every character in place, else the reading itself.
        evidence["year"] = snippet(source if len(source) == len(read) else read, dating.span)
    return ReportMeta(
        title=title,
        institution=institution,
        year=dating.year,
        sources={"institution": institution_signal, "year": dating.signal, "title": "detected"},
        evidence=evidence,
    )
