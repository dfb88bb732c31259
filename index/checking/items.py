"""The checkable items of a statement: figures, dates, people, institutions, titles.

A reporter checks the facts of a sentence, not its wording: 237人, 1.6万人次, 72.2%,
2024年7月, 李晓东, 市二院, 《实用骨科杂志》. Each :class:`Item` says what it is, where it
is, and — for a figure or a date — its value and unit, so that two ways of writing
one figure compare equal (2.3万人 = 23000人 = 23,000人; 3.6% = 百分之三点六) and two
different figures of the same thing compare different (237人 ≠ 227人).

The same reading is applied to the draft and to a source paragraph (:func:`figures_in`),
so what counts as "the same figure" never depends on which side wrote it how.
People's names are jieba's person-name words (part-of-speech ``nr``); institutions are
every name and alias of the institution table, found in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from ..analysis import segmenter
from ..figures import CN_DIGITS, figures, parse_cn
from ..institutions import InstitutionTable
from ..normalize import fold, fold_with_offsets

FIGURE, DATE, PERSON, INSTITUTION, TITLE = "figure", "date", "person", "institution", "title"
KINDS = (FIGURE, DATE, PERSON, INSTITUTION, TITLE)

# Units a figure is written with, longest first (a figure's unit is what it counts).
UNITS = sorted(set("""
个百分点 百分点 万人次 人次 人年 平方公里 平方米 立方米 公里 千米 公顷
吨 千瓦时 千瓦 兆瓦 吉瓦时 美元 元 人 名 位 家 个 项 所 户 座 辆
台 套 张 床 件 次 篇 倍 岁 天 小时 分钟 周年 周 亩 米 条 种 批
例 支 场 款 部 类 册 期 届 宗 栋 间 层 枚 艘 架 公斤 千克 克
升 标箱 处 份 块 首 集
""".split()),  # noqa: SIM905 - a word list reads best as text
               key=len, reverse=True)
APPROXIMATE = "余多"  # 200余人, 200多人: the unit follows the approximation
_UNIT = re.compile(rf"[{APPROXIMATE}]?(?P<unit>{'|'.join(UNITS)})")
# 百分之五: a percentage of one Chinese digit (``figures`` wants two numerals or more).
_SHORT_PERCENT = re.compile("百分之(?P<digit>[一二三四五六七八九十])(?![零〇一二两三四五六七八九十百千点])")
_CN_DIGIT = "〇零一二三四五六七八九"
# A span of years written once (2023—2024年, 2019-2023年) is one date of two years.
_YEAR_SPAN_FROM = r"(?:(?P<first>(?:19|20)[0-9]{2})[-~至到—–〜](?=(?:19|20)[0-9]{2}年))?"
_DATE = re.compile(
    rf"(?<![0-9])(?:{_YEAR_SPAN_FROM}(?P<year>(?:19|20)[0-9]{{2}}|[一二][{_CN_DIGIT}]{{3}})年)"
    rf"(?:(?P<month>[0-9]{{1,2}}|十[一二]?|[一二三四五六七八九])月)?"
    rf"(?:(?P<day>[0-9]{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日)?"
    rf"|(?<![0-9])(?P<month2>[0-9]{{1,2}})月(?:(?P<day2>[0-9]{{1,2}})日)?"
)
_TITLE = re.compile(r"《(?P<book>[^《》\n]{2,60})》|[“\"「](?P<quote>[^“”\"「」\n]{2,40})[”\"」]")
PERSON_TAGS = ("nr", "nrfg")
# The common surnames (百家姓 as used today: the 120 most frequent, and double ones).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅"
    "童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车"
    "项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛"
    "仲虞敖巩明佘池查麻苑迟邝") | {"欧阳", "司马", "诸葛", "上官", "司徒", "夏侯", "皇甫", "尉迟"}
# Titles a name stands next to (主任胡文庆, 李晓东教授).
_TITLES = re.compile("(?:总书记|书记|主席|总理|委员长|部长|省长|市长|区长|县长|局长|处长|院长|主任|"
                     "教授|博士|医生|医师|专家|同志|先生|女士|总经理|董事长|校长|所长|护士长|馆长|"
                     "会长|秘书长|副)")
MIN_NAME = 2


@dataclass(frozen=True)
class Item:
    """One checkable item of a text: its kind, as written (``text``), where
    (``start``/``end`` in that text) and, for figures and dates, what it says:
    ``value`` (numbers, compared whole) and ``unit`` (人, 万人次 is 人次 with ×10⁴, %,
    or a date's shape such as 年月). ``key`` is what equality is judged on."""

    kind: str
    text: str
    start: int
    end: int
    value: tuple = ()
    unit: str = ""
    key: str = ""  # folded name, title or canonical institution (people, titles, institutions)


def items(text: str, table: InstitutionTable) -> list[Item]:
    """Every checkable item of ``text`` (a statement), left to right."""
    folded, offsets = fold_with_offsets(text)
    found = figures_in(text, folded, offsets)
    found += _titles(text)  # a title is checked whole, and the figures in it apart
    taken = [(i.start, i.end) for i in found]
    for item in (*_institutions(text, folded, offsets, table), *_people(text, folded, offsets)):
        if not any(s < item.end and item.start < e for s, e in taken):
            found.append(item)
            taken.append((item.start, item.end))
    return sorted(found, key=lambda i: (i.start, i.end))


def figures_in(text: str, folded: str | None = None,
               offsets: list[int] | range | None = None) -> list[Item]:
    """The figures and dates of ``text`` with their values and units."""
    if folded is None or offsets is None:
        folded, offsets = fold_with_offsets(text)
    out: list[Item] = []
    dates = [m for m in _DATE.finditer(folded) if _date_value(m)]
    for match in dates:
        value, shape = _date_value(match)
        out.append(_item(DATE, text, offsets, match.start(), match.end(), value, shape))
    found = [(f.start, f.end, f.typed) for f in figures(folded)]
    found += [(m.start(), m.end(), m.group()) for m in _SHORT_PERCENT.finditer(folded)]
    for start, end, typed in sorted(found):
        if any(d.start() < end and start < d.end() for d in dates):
            continue
        value, pct = _value(typed)
        if value is None:
            continue
        unit = "%" if pct else ""
        if not pct:
            unit_match = _UNIT.match(folded, end)
            if unit_match:
                end, unit = unit_match.end(), unit_match.group("unit")
        out.append(_item(FIGURE, text, offsets, start, end, value, unit))
    return sorted(out, key=lambda i: i.start)


def _item(kind: str, text: str, offsets: list[int] | range, start: int, end: int,
          value: tuple = (), unit: str = "", key: str = "") -> Item:
    """An item found at [start, end) of the folded text, placed in the original."""
    first, last = offsets[start], offsets[end - 1] + 1
    return Item(kind, text[first:last], first, last, value, unit, key)


def _value(typed: str) -> tuple[tuple | None, bool]:
    """A figure's value (one number, or the two ends of a range) and whether it is a
    percentage; None when it does not read as a number."""
    if typed.startswith("百分之"):
        number = parse_cn(typed[3:])
        return ((number,) if number is not None else None), True
    pct = typed.endswith("%")
    parts = re.split(r"(?<=[0-9%])[-~至到—–〜](?=[0-9])", typed)
    values = tuple(_number(p.rstrip("%")) for p in parts)
    if any(v is None for v in values):
        return None, pct
    return values, pct


def _number(text: str) -> Decimal | None:
    for name, size in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
        if text.endswith(name) and text[:-len(name)][-1:].isdigit():
            base = _number(text[:-len(name)])
            return None if base is None else base * size
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return parse_cn(text)


def _date_value(match: re.Match) -> tuple[tuple, str] | None:
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    if match.group("month2"):
        month, day = match.group("month2"), match.group("day2")
    parts = [(year, "年"), (month, "月"), (day, "日")]
    value, shape = [], ""
    if match.group("first"):  # 2023—2024年: from one year to the other
        value.append(int(match.group("first")))
        shape = "年-"
    for part, unit in parts:
        if part:
            number = _date_number(part)
            if number is None:
                return None
            value.append(number)
            shape += unit
    if not shape or (month and not 1 <= _date_number(month) <= 12):
        return None
    return tuple(value), shape


def _date_number(part: str) -> int | None:
    if part.isdigit():
        return int(part)
    if all(c in _CN_DIGIT for c in part):  # 二〇二四
        return int("".join(str(CN_DIGITS[c]) for c in part))
    value = parse_cn(part)
    return None if value is None else int(value)


def _titles(text: str) -> list[Item]:
    out = []
    for match in _TITLE.finditer(text):
        inner = match.group("book") or match.group("quote")
        out.append(Item(TITLE, match.group(), match.start(), match.end(), key=fold(inner)))
    return out


def _institutions(text: str, folded: str, offsets: list[int],
                  table: InstitutionTable) -> list[Item]:
    pattern = _names_pattern(table)
    if pattern is None:
        return []
    names = _folded_names(table)
    return [_item(INSTITUTION, text, offsets, m.start(), m.end(),
                  key=table.canonical(names[m.group()]) or m.group())
            for m in pattern.finditer(folded)]


def _people(text: str, folded: str, offsets: list[int] | range) -> list[Item]:
    """People's names: a word jieba tags as a person's name (``nr``) of two to four
    characters that starts with a common surname, and either stands next to a title
    (习近平总书记, 主任胡文庆, 陈云同志) or is a three-character word the dictionary does
    not know (李晓东, found by jieba's model of names). jieba's tag alone also names
    文明, 慈善 and 荣获, and two-character place names (石岩, 梅林)."""
    out, at = [], 0
    jieba = segmenter()
    words = jieba.tag(folded, True)
    for index, (word, tag) in enumerate(words):
        start, at = at, at + len(word)
        if tag not in PERSON_TAGS or not MIN_NAME <= len(word) <= 4 or not (
                word[0] in SURNAMES or word[:2] in SURNAMES):
            continue
        before = words[index - 1][0] if index else ""
        after = words[index + 1][0] if index + 1 < len(words) else ""
        titled = bool(_TITLES.search(before[-3:]) or _TITLES.match(after))
        if titled or (len(word) == 3 and not jieba.has_word(word)):
            out.append(_item(PERSON, text, offsets, start, at, key=word))
    return out


@cache
def _folded(names: tuple[str, ...]) -> dict[str, str]:
    return {fold(n): n for n in names if len(fold(n)) >= 2}


def _folded_names(table: InstitutionTable) -> dict[str, str]:
    """Folded name → the name as the table has it."""
    return _folded(tuple(table.all_names()))


@cache
def _alternation(names: tuple[str, ...]) -> re.Pattern | None:
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _names_pattern(table: InstitutionTable) -> re.Pattern | None:
    return _alternation(tuple(_folded_names(table)))


def institution_names(table: InstitutionTable, canonical: str) -> tuple[str, ...]:
    """Every folded name of an institution (to find it in a paragraph)."""
    return tuple(dict.fromkeys(fold(n) for n in table.names_of(canonical) if fold(n)))
