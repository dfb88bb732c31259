"""Figures in a search term, and the other ways reports write the same figure.

Reports write one figure many ways and a fact-checker types one of them: ``2.3万`` /
``23000`` / ``23,000``; ``3.6%`` / ``百分之三点六``; ranges ``5%-5.5%`` / ``5-5.5%`` /
``5%至5.5%``; years ``2024年`` / ``二〇二四年``. :func:`figures` finds the figures of a
folded term and :func:`forms` gives each one's other forms, so that a term becomes a
list of literal strings, one per way of writing it (``matching`` builds them).

A figure also has boundaries: ``227人`` is not found in ``1227人``, ``5.5%`` not in
``15.5%``, ``2.3万`` not in ``2.3万亿``. :func:`boundaries` gives the regular
expression pieces that say so, in the subset ``matching`` documents (both Python's
``re`` and PostgreSQL's regular expressions accept it).

Everything here works on folded text (``normalize.fold``): full-width digits, ``％`` and
``，`` are already ``0-9``, ``%`` and ``,``. Nothing here knows the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import product

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
PERCENT_WORDS = "百分之"
# What a range is written with, after folding ("～" and "－" fold to "~" and "-").
RANGE_SEPARATORS = ("-", "~", "至", "—", "–", "〜", "到")
MAX_FORMS = 16  # ways of writing one term; past that, the first ones (as typed first)
PLAIN_BELOW = 10**8  # reports write larger amounts with 亿 or 万亿, not in digits
MULTIPLIERS = (("万", 10**4), ("亿", 10**8), ("万亿", 10**12))

_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_FIGURE = re.compile(
    rf"(?P<lo>{_ARABIC})(?P<lopct>%?)(?P<sep>[-~至到—–〜])(?P<hi>{_ARABIC})(?P<hipct>%?)"
    rf"|(?P<num>{_ARABIC})(?P<mult>万亿|亿|万)?(?P<pct>%?)"
    rf"|(?P<words>{PERCENT_WORDS})?(?P<cn>[{CN_NUMERAL}点]{{2,}})"
)
_YEAR_MIN, _YEAR_MAX = 1900, 2100

# Boundaries, in the pattern subset of ``matching``.
ARABIC_BEFORE = "(?<![0-9])(?<![0-9][.,])"
ARABIC_AFTER = "(?![0-9])(?![.][0-9])(?![万亿])"
# After a number whose last group has at most three digits (23, 23,000): not a group
# of a longer number (23,000,000). After 23000 a ",300" is a list, not a group.
GROUP_AFTER = "(?![,][0-9]{3}[^0-9])(?![,][0-9]{3}$)"
AFTER_WAN = "(?!亿)"
CN_BEFORE = f"(?<![{CN_NUMERAL}])"
CN_AFTER = f"(?![{CN_NUMERAL}点])"


@dataclass(frozen=True)
class Figure:
    """One figure in a folded term: where it is, as typed, and every way to write it
    (as typed first)."""

    start: int
    end: int
    typed: str
    forms: tuple[str, ...]


def figures(folded: str) -> list[Figure]:
    """The figures of a folded term, left to right. Chinese numerals count only when
    they are clearly a number (三千, 七十二点二, 百分之五): a run like 一号 or 十四五 is
    text."""
    found = []
    for match in _FIGURE.finditer(folded):
        forms = _forms(match, folded)
        start, end, typed = match.start(), match.end(), match.group()
        if forms and match.group("num") and _is_year(typed, folded[end:end + 1]) \
                and folded[end:end + 1] == "年":
            # 2024年 is also written 二〇二四年, and the year alone: 2024南山区招商大会.
            forms = (*(f + "年" for f in forms), typed)
            end, typed = end + 1, typed + "年"
        if forms:
            found.append(Figure(start, end, typed, forms))
    return found


def forms(folded: str) -> tuple[str, ...]:
    """Every way to write the term ``folded``, as typed first: each figure in it replaced
    by each of its forms (at most MAX_FORMS)."""
    found = figures(folded)
    if not found:
        return (folded,)
    pieces: list[tuple[str, ...]] = []
    last = 0
    for figure in found:
        pieces.append((folded[last:figure.start],))
        pieces.append(figure.forms)
        last = figure.end
    pieces.append((folded[last:],))
    out = dict.fromkeys([folded])
    for combination in product(*pieces):
        out[("".join(combination))] = None
        if len(out) >= MAX_FORMS:
            break
    return tuple(out)


def boundaries(literal: str) -> tuple[str, str]:
    """The conditions before and after ``literal`` (a form of a term) that keep a figure
    at its edge whole: ``("(?<![0-9])…", "")`` for ``227人``; empty when its edges are
    not figures."""
    before = after = ""
    if literal[:1].isascii() and literal[:1].isdigit():
        before = ARABIC_BEFORE
    elif literal[:1] in CN_NUMERAL and not literal.startswith(PERCENT_WORDS):
        head = re.match(f"[{CN_NUMERAL}点]+", literal)
        if head and _is_cn_number(head.group()):
            before = CN_BEFORE
    tail = literal[-1:]
    if tail.isascii() and tail.isdigit():
        after = ARABIC_AFTER
        if len(re.search(r"[0-9]*$", literal).group()) <= 3:
            after += GROUP_AFTER
    elif tail == "万" and re.search(r"[0-9]万$", literal):
        after = AFTER_WAN
    elif tail in CN_NUMERAL or tail == "点":
        run = re.search(f"(?:{PERCENT_WORDS})?[{CN_NUMERAL}点]+$", literal)
        if run and (run.group().startswith(PERCENT_WORDS) or _is_cn_number(run.group())):
            after = CN_AFTER
    return before, after


# ---------------------------------------------------------------- reading a figure


def _forms(match: re.Match, folded: str) -> tuple[str, ...]:
    if match.group("lo"):
        return _range_forms(match)
    if match.group("num"):
        number, mult, pct = match.group("num"), match.group("mult") or "", match.group("pct")
        value = _arabic(number)
        if value is None or (len(number) > 1 and number[0] == "0" and number[1] != "."):
            return ()  # 0355: a code, not an amount
        if pct:
            return _unique(match.group(), *percent_forms(value))
        if not mult and _is_year(number, folded[match.end():match.end() + 1]):
            return _unique(number, *year_forms(int(number)))
        return _unique(match.group(), *amount_forms(value * dict(MULTIPLIERS).get(mult, 1)))
    words, cn = match.group("words"), match.group("cn")
    value = parse_cn(cn)
    if value is None:
        return ()
    if words:
        return _unique(match.group(), *percent_forms(value))
    if not _is_cn_number(cn):
        return ()
    return _unique(match.group(), *amount_forms(value))


def _range_forms(match: re.Match) -> tuple[str, ...]:
    lo, hi = match.group("lo"), match.group("hi")
    if _arabic(lo) is None or _arabic(hi) is None or (match.group("lopct") and not match.group("hipct")):
        return ()
    pct = match.group("hipct")
    firsts = (lo + "%", lo) if pct else (lo,)
    return _unique(match.group(), *(f"{first}{sep}{hi}{pct}" for first in firsts
                                    for sep in RANGE_SEPARATORS))


def _is_year(number: str, following: str) -> bool:
    return (len(number) == 4 and number.isdigit() and _YEAR_MIN <= int(number) <= _YEAR_MAX
            and following in ("年", ""))


def _arabic(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _unique(*items: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _is_cn_number(text: str) -> bool:
    """A run of Chinese numerals that is clearly a number: it parses, has a digit and a
    unit or a decimal point (三千, 十三, 三点六), not a lone digit (一号, 三天)."""
    return (parse_cn(text) is not None and any(c in CN_DIGITS for c in text)
            and any(c in "十百千万亿点" for c in text))


def parse_cn(text: str) -> Decimal | None:
    """The value of a Chinese numeral (七十二点二, 两万三千, 一百零五), or None when the run
    is not one number in the standard written form (十四五, 三千五, 一二三)."""
    whole, dot, fraction = text.partition("点")
    if dot and (not fraction or any(c not in CN_DIGITS for c in fraction)):
        return None
    value = _cn_integer(whole) if whole else None
    if value is None:
        return None
    if fraction:
        return Decimal(f"{value}.{''.join(str(CN_DIGITS[c]) for c in fraction)}")
    return Decimal(value)


def _cn_integer(text: str) -> int | None:
    for big, size in (("亿", 10**8), ("万", 10**4)):
        if big in text:
            head, _, rest = text.partition(big)
            high = _cn_integer(head) if head else None
            if high is None:
                return None
            if not rest:
                return high * size
            low = _cn_integer(rest.removeprefix("零"))
            return None if low is None or low >= size else high * size + low
    return _cn_small(text)


def _cn_small(text: str) -> int | None:
    """A numeral below 10,000 without 万 or 亿."""
    value, last_unit, digit, zero = 0, None, None, False
    for ch in text:
        if ch in CN_DIGITS:
            if CN_DIGITS[ch] == 0:
                if digit is not None or last_unit is None:
                    return None
                zero = True
                continue
            if digit is not None:
                return None  # 一二: two digits in a row
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                return None
            if digit is None:
                if unit != 10 or last_unit is not None:
                    return None
                digit = 1  # 十二
            value += digit * unit
            last_unit, digit, zero = unit, None, False
        else:
            return None
    if digit is not None:
        if last_unit is not None and last_unit > 10 and not zero:
            return None  # 三千五: the spoken short form
        value += digit
    elif zero:
        return None
    return value if text else None


# ---------------------------------------------------------------- writing a figure


def plain(value: Decimal) -> str:
    """``value`` in digits, without exponent or trailing zeros (23000, 4601.5)."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def separated(value: Decimal) -> str:
    """``value`` with thousands separators (23,000, 4,601.5)."""
    whole, dot, fraction = plain(value).partition(".")
    return f"{int(whole):,}" + (dot + fraction)


def amount_forms(value: Decimal) -> list[str]:
    """An amount in digits, with separators, with 万/亿/万亿, and in Chinese numerals
    when reports would write it so (a whole number of up to three significant digits)."""
    out = []
    if value < PLAIN_BELOW:
        out.append(plain(value))
        if value >= 1000:
            out.append(separated(value))
    for name, size in MULTIPLIERS:
        mantissa = value / size
        if 1 <= mantissa < 10**4 and mantissa == round(mantissa, 4):
            out.append(plain(mantissa) + name)
            if mantissa >= 1000:
                out.append(separated(mantissa) + name)
    if value == value.to_integral_value() and 10 <= value < 10**12:
        digits = plain(value).rstrip("0")
        if len(digits) <= 3:
            out.extend(cn_integer_forms(int(value)))
    return out


def percent_forms(value: Decimal) -> list[str]:
    out = [plain(value) + "%"]
    if value < 10**4 and value == round(value, 4):
        out.append(PERCENT_WORDS + cn_decimal(value))
    return out


def year_forms(year: int) -> list[str]:
    """A year in digits and read digit by digit (二〇二四, 二零二四)."""
    names = "〇一二三四五六七八九"
    spoken = "".join(names[int(d)] for d in str(year))
    return [str(year), spoken, spoken.replace("〇", "零")]


def cn_decimal(value: Decimal) -> str:
    whole, _, fraction = plain(value).partition(".")
    text = cn_integer(int(whole))
    if fraction:
        text += "点" + "".join("零一二三四五六七八九"[int(d)] for d in fraction)
    return text


def cn_integer_forms(value: int) -> list[str]:
    """The standard Chinese numeral, and its form with 两 for a leading 2 of 百 and above
    (两千, 两万三千)."""
    text = cn_integer(value)
    out = [text]
    if text.startswith("二") and len(text) > 1 and text[1] in "百千万亿":
        out.append("两" + text[1:])
    return out


def cn_integer(value: int, leading: bool = True) -> str:
    """The standard written Chinese numeral of a whole number (二百二十七, 十三, 一百零五)."""
    if value == 0:
        return "零"
    for name, size in (("亿", 10**8), ("万", 10**4)):
        if value >= size:
            high, low = divmod(value, size)
            text = cn_integer(high, leading) + name
            if low:
                text += ("零" if low < size // 10 else "") + cn_integer(low, False)
            return text
    names = "零一二三四五六七八九"
    out, pending_zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, value = divmod(value, unit)
        if digit:
            if pending_zero and out:
                out.append("零")
            pending_zero = False
            out.append(("" if unit == 10 and digit == 1 and leading and not out
                        else names[digit]) + name)
        elif out:
            pending_zero = True
    return "".join(out)
