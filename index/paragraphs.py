"""Find the paragraphs of a report and what each one is.

Reports arrive in two shapes: newspaper pages with blank-line separated blocks
(the bundled seeds), and web or Wikisource copies with one paragraph per line
(the government reports). Both go through the same steps:

1. split into lines, remembering how many blank lines stood before each;
2. mark page furniture, licence footers and the masthead;
3. merge lines that belong together (a caption wrapped over three lines, a
   sentence a hyperlink split in two) into units;
4. classify each unit: title, heading, body, caption, table row, byline;
5. repair page and column breaks: a sentence cut at the end of a newspaper
   column continues in a later block, sometimes after a photo caption that was
   dropped in between; the halves are joined and the caption stays a caption;
6. number the paragraphs and give each the heading of its section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .model import Kind, Paragraph

# A sentence can end with these (closing quotes and brackets follow a full stop).
TERMINAL = frozenset("。！？!?；;…：:”’」』）)】》.")
# Punctuation that only appears inside running text, never in a heading or caption.
SENTENCE_PUNCT = frozenset("，。；！？,;!?")
# A line starting with one of these continues the previous line.
CONTINUATION_START = frozenset("，、。；：！？”’」』）)】》,;:")

HEADING_MAX = 50  # a heading or caption is at most this many characters
MAX_PARAGRAPH = 20000  # longer "paragraphs" (files without line breaks) are split

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\)"
    r"|\d{1,3}[、.．](?!\d)|（\d{1,3}）|第[一二三四五六七八九十百]+[，、章节部分条]|——|—\s)"
)
_BYLINE = re.compile(
    r"^(?:(?:文字?|图片?|文图|图文|摄影?|版式|策划|统筹|编辑|责编|责任编辑|校对|美编|制图)\s*[/／:：]"
    r"|文?\s*/?\s*本报(?:记者|通讯员)|(?:本报)?记者\s|通讯员\s|来源[:：]|时间[:：]\s*\d"
    r"|本版(?:图片|照片|稿件).{0,30}(?:提供|供图)$|图片(?:由|均由).{0,30}提供$)"
)
_FURNITURE = re.compile(
    r"^(?:下载|打印|全屏|收藏|加大|还原|减小|】|【字号[:：]?|分享到.{0,8}|×|相关文档[:：]?"
    r"|您的位置[:：]?|首页|>|›|»|返回顶部|关闭窗口|打印本页|\[|\]|↑|false|true|Public domain"
    r"|扫一扫.{0,12}|字号[:：].{0,12}|【?\s*(?:大|中|小)\s*】?)$",
    re.IGNORECASE,
)
# Licence footers of Wikisource copies: everything from here to the end is furniture.
_FOOTER_START = re.compile(r"^(?:本作品(?:是|在全世界都属于|来自)|[这這]部作品在|Public domain$)")
_SALUTATION = re.compile(r"^(?:各位代表|同志们|代表们|各位委员|女士们、先生们)[：:！!，,]")
_MASTHEAD_ANCHOR = re.compile(r"(?:两会\s*专刊|专刊$|^\d{4}\s*\S{0,8}两会$)")
MASTHEAD_ZONE = 15  # the masthead sits in the first lines of a page


@dataclass
class _Unit:
    text: str
    kind: Kind | None  # None: text whose kind is decided by classify()
    blank_before: int  # blank lines before the unit's first line (99 at the top)
    md_level: int = 0
    hard_break: bool = False  # its last line ended with a Markdown hard break
    joined: bool = False  # a later piece of a unit too long to be one paragraph


def find_paragraphs(text: str, top: bool = True, first: int = 1,
                    section: str = "") -> list[Paragraph]:
    """Split a report's text into numbered, classified paragraphs.

    A report too big to hold is split a window of its text at a time (``library``):
    a later window is not the ``top`` of the report (no masthead, no title; the blank
    lines it starts with are counted from its first character), its paragraphs are numbered from ``first`` and those
    before its first heading belong to ``section``, the last one of the window before."""
    lines = _lines(text, top)
    if not lines:
        return []
    one_per_line = _is_one_paragraph_per_line(lines)
    units = _units(lines, one_per_line)
    _classify(units, top)
    if not one_per_line:
        units = _repair_breaks(units)
    units = _split_long(units)
    return _number(units, first, section)


# ---------------------------------------------------------------- 1. lines


@dataclass
class _Line:
    text: str
    blank_before: int
    hard_break: bool
    kind: Kind | None = None
    md_level: int = 0


def _lines(text: str, top: bool = True) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    out: list[_Line] = []
    blanks = 99 if top else 0
    for raw in text.split("\n"):
        stripped = raw.strip().strip("\u200b\u200c\u200d\u2060")
        if not stripped:
            blanks += 1
            continue
        hard = raw.rstrip("\n").endswith("  ")
        line = _Line(stripped, blanks, hard)
        if "\t" in raw.strip(" \u3000"):
            line.text = raw.strip(" \u3000\u200b").rstrip("\t ") or stripped
        md = _MD_HEADING.match(stripped)
        if md:
            line.md_level = len(md.group(1))
            line.text = md.group(2).strip()
            if not line.text:
                blanks += 1
                continue
        out.append(line)
        blanks = 0
    _mark_furniture(out)
    if top:
        _mark_masthead(out)
    for line in out:
        if line.kind is None and _BYLINE.search(line.text):
            line.kind = Kind.BYLINE
        elif line.kind is None and "\t" in line.text:
            line.kind = Kind.TABLE
    return out


def _mark_furniture(lines: list[_Line]) -> None:
    footer = None
    for i, line in enumerate(lines):
        if _FOOTER_START.search(line.text) and i > len(lines) // 2:
            footer = i
            break
    for i, line in enumerate(lines):
        if (footer is not None and i >= footer) or _FURNITURE.match(line.text):
            line.kind = Kind.FURNITURE


def _mark_masthead(lines: list[_Line]) -> None:
    """Lines of the page header, up to the last 两会专刊-like anchor near the top."""
    head = [i for i, line in enumerate(lines[:MASTHEAD_ZONE]) if line.kind is None]
    anchors = [i for i in head if _MASTHEAD_ANCHOR.search(lines[i].text)]
    if not anchors:
        return
    for i in head:
        if i > anchors[-1]:
            break
        if len(lines[i].text) <= 20 and not (set(lines[i].text) & SENTENCE_PUNCT):
            lines[i].kind = Kind.MASTHEAD


def _is_one_paragraph_per_line(lines: list[_Line]) -> bool:
    """Web copies put each paragraph on its own line; newspapers separate blocks."""
    long_lines = [
        i
        for i, line in enumerate(lines)
        if line.kind is None and len(line.text) >= 40 and line.text[-1] in TERMINAL
    ]
    if not long_lines:
        return False
    followed = sum(
        1 for i in long_lines if i + 1 < len(lines) and lines[i + 1].blank_before == 0
    )
    return followed / len(long_lines) >= 0.5


# ---------------------------------------------------------------- 2. units


def heading_like(text: str) -> bool:
    """Short and without sentence punctuation: a heading, caption or title line."""
    return len(text) <= HEADING_MAX and not (set(text) & SENTENCE_PUNCT)


def _is_open(text: str) -> bool:
    """The text stops mid-sentence."""
    return text[-1] not in TERMINAL


def _joins(prev: _Line, line: _Line, one_per_line: bool) -> bool:
    """Does ``line`` continue ``prev`` (both in the same block)?"""
    if line.kind is not None or prev.kind is not None or line.md_level or prev.md_level:
        return False
    if line.text[0] in CONTINUATION_START:
        return True
    if _LIST_MARKER.match(line.text) or _SALUTATION.match(line.text):
        return False
    if prev.hard_break:
        return heading_like(prev.text) and heading_like(line.text)
    if not _is_open(prev.text):
        return False
    if heading_like(prev.text):
        # A caption or heading wrapped over several short lines (newspaper layout).
        return not one_per_line and heading_like(line.text)
    return True  # a sentence split across lines, e.g. around a Wikisource link


def _glue(left: str, right: str, hard_break: bool) -> str:
    if hard_break or (left[-1].isascii() and left[-1].isalnum() and right[0].isascii()
                      and right[0].isalnum()):
        return left + " " + right
    return left + right


def _units(lines: list[_Line], one_per_line: bool) -> list[_Unit]:
    units: list[_Unit] = []
    prev: _Line | None = None
    for line in lines:
        if prev is not None and line.blank_before == 0 and _joins(prev, line, one_per_line):
            unit = units[-1]
            unit.text = _glue(unit.text, line.text, prev.hard_break)
            unit.hard_break = line.hard_break
            prev = line
            continue
        units.append(_Unit(line.text, line.kind, line.blank_before, line.md_level,
                           line.hard_break))
        prev = line
    return units


# ---------------------------------------------------------------- 3. kinds


def _classify(units: list[_Unit], top: bool = True) -> None:
    for i, unit in enumerate(units):
        if unit.kind is not None:
            continue
        text = unit.text
        if _SALUTATION.match(text):
            unit.kind = Kind.BODY
        elif text.startswith("——") and heading_like(text[2:] or "x"):
            unit.kind = Kind.TITLE if top and _before_body(units, i) else Kind.BODY
        elif heading_like(text) or unit.md_level:
            nxt = _next_text(units, i)
            followed_by_body = nxt is not None and not heading_like(nxt.text)
            if (unit.md_level and followed_by_body) or _LIST_MARKER.match(text):
                unit.kind = Kind.HEADING
            elif unit.blank_before >= 2 and unit.blank_before != 99:
                unit.kind = Kind.CAPTION
            elif followed_by_body:
                unit.kind = Kind.HEADING
            else:
                unit.kind = Kind.CAPTION
        elif 2 <= unit.blank_before < 99 and len(text) <= 60 and _is_open(text):
            unit.kind = Kind.CAPTION  # set apart by the layout, not a sentence
        else:
            unit.kind = Kind.BODY
    if top:
        _mark_title(units)


def _next_text(units: list[_Unit], i: int) -> _Unit | None:
    for unit in units[i + 1 :]:
        if unit.kind in (None, Kind.BODY, Kind.HEADING, Kind.CAPTION, Kind.TITLE):
            return unit
    return None


def _before_body(units: list[_Unit], i: int) -> bool:
    return all(u.kind is not Kind.BODY for u in units[:i])


def _mark_title(units: list[_Unit]) -> None:
    """The heading lines right above a ``——`` subtitle near the top are the title.

    Without a subtitle, a top-level Markdown heading or a first heading standing
    before any body text at the very top of the file is the title.
    """
    first_body = next((i for i, u in enumerate(units) if u.kind is Kind.BODY), len(units))
    subtitle = next(
        (i for i, u in enumerate(units[:first_body + 1]) if u.kind is Kind.TITLE), None
    )
    if subtitle is not None:
        j = subtitle - 1
        while j >= 0 and units[j].kind in (Kind.HEADING, Kind.CAPTION, Kind.TITLE):
            units[j].kind = Kind.TITLE
            if units[j].blank_before != 0:
                break
            j -= 1
        return
    for unit in units[:first_body]:
        if unit.kind in (Kind.MASTHEAD, Kind.FURNITURE, Kind.BYLINE):
            continue
        if unit.kind is Kind.HEADING and (unit.md_level == 1 or unit.blank_before == 99):
            unit.kind = Kind.TITLE
        break


# ---------------------------------------------------------------- 4. breaks

_MAX_SKIPPED = 3  # captions that may stand between the halves of a sentence


def _is_fragment(unit: _Unit) -> bool:
    return unit.kind is Kind.BODY and _is_open(unit.text)


def _continues(unit: _Unit) -> bool:
    """Could this block be the second half of a sentence cut by a page break?"""
    if unit.kind not in (Kind.BODY, Kind.CAPTION, Kind.HEADING) or unit.md_level:
        return False
    text = unit.text
    if _LIST_MARKER.match(text):
        return False
    if text[0] in CONTINUATION_START:
        return True
    if unit.kind is not Kind.BODY and unit.blank_before >= 2:
        return False  # a caption set apart by the layout
    return unit.kind is Kind.BODY or text[-1] in TERMINAL


def _skippable(unit: _Unit) -> bool:
    """A layout element dropped into the middle of a sentence."""
    return unit.kind is Kind.CAPTION or (
        unit.kind is Kind.HEADING and unit.blank_before >= 2
    )


def _repair_breaks(units: list[_Unit]) -> list[_Unit]:
    out: list[_Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        last_joined = i
        held: list[_Unit] = []  # captions between joined halves: kept, after the paragraph
        pending: list[_Unit] = []  # captions not (yet) followed by a second half
        j = i + 1
        while _is_fragment(unit) and j < len(units):
            candidate = units[j]
            if _continues(candidate):
                unit = replace(unit, text=_glue(unit.text, candidate.text, False))
                held += pending
                pending = []
                last_joined = j
            elif _skippable(candidate) and len(pending) < _MAX_SKIPPED:
                pending.append(candidate)
            else:
                break
            j += 1
        out.append(unit)
        out.extend(held)
        i = last_joined + 1
    return out


# ---------------------------------------------------------------- 5. numbers


def _split_long(units: list[_Unit]) -> list[_Unit]:
    """Split absurdly long paragraphs (a file with no line breaks) at sentence ends, or
    hard where there is none near the limit. Every piece after the first is marked
    ``joined``: the search reads the pieces as one text, so nothing is lost at a cut."""
    out: list[_Unit] = []
    for unit in units:
        text = unit.text
        start, joined = 0, False
        while len(text) - start > MAX_PARAGRAPH:
            limit = start + MAX_PARAGRAPH
            cut = max(text.rfind(ch, start, limit) for ch in "。！？!?；;.\n")
            cut = cut + 1 if cut > start + MAX_PARAGRAPH // 2 else limit
            out.append(replace(unit, text=text[start:cut], joined=joined))
            start, joined = cut, True
        if start or unit.joined:
            out.append(replace(unit, text=text[start:], joined=joined))
        else:  # the common case, unchanged (a copy per paragraph cost ~5 µs)
            out.append(unit)
    return out


def _number(units: Iterable[_Unit], first: int = 1, section: str = "") -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for unit in units:
        kind = unit.kind or Kind.BODY
        if kind is Kind.HEADING:
            section = unit.text
        paragraphs.append(Paragraph(first + len(paragraphs), kind, unit.text, section,
                                    unit.joined))
    return paragraphs
