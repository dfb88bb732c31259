"""Fold text for matching, without changing the text shown to the user.

Folding maps every character to at most one character, so an offset in the folded
text always points back to one character of the original:

- full-width ASCII (ＤｅｅｐＳｅｅｋ, ２２７) → half-width (DeepSeek, 227);
- upper case → lower case (Latin, Greek, Cyrillic);
- Traditional → Simplified, character by character (OpenCC's TSCharacters table);
- white space (including the ideographic space and zero-width characters) is dropped,
  so ``两会 专刊`` and ``两会专刊`` match, as do strings a newspaper layout split; so is
  U+0000, which a text file may carry and which separates paragraphs in the stored
  folded text (``foldedtext``).

Index and query go through the same :func:`fold`. Because folding changes characters one
at a time, the text shown to the user need not be stored beside its folded form: the
folded text and :func:`fold_diff`, a few bytes per changed character, give it back with
:func:`unfold`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

# Every character with str.isspace() (checked in the tests), then invisible ones.
_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_EXTRA_SPACE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00"
_DROPPED_RUNS = re.compile(f"[{re.escape(_SPACE + _EXTRA_SPACE)}]+")


def opencc_table() -> Path:
    """OpenCC's Traditional -> Simplified character table, as installed."""
    import opencc

    return Path(opencc.__file__).resolve().parent / "dictionary" / "TSCharacters.txt"


def _t2s_pairs() -> dict[int, str]:
    pairs: dict[int, str] = {}
    for line in opencc_table().read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            pairs[ord(source)] = target
    return pairs


@cache
def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x250):
        ch = chr(code)
        lower = ch.lower()
        if len(lower) == 1 and lower != ch:
            table[code] = lower
    for start, end in ((0x370, 0x400), (0x400, 0x530)):
        for code in range(start, end):
            lower = chr(code).lower()
            if len(lower) == 1 and lower != chr(code):
                table[code] = lower
    # Full-width forms of ASCII: NFKC maps them to ASCII, then fold case.
    for code in range(0xFF01, 0xFF5F):
        table[code] = unicodedata.normalize("NFKC", chr(code)).lower()
    table.update(_t2s_pairs())
    for ch in _SPACE + _EXTRA_SPACE:
        table[ord(ch)] = None
    return table


@cache
def _simplify_table() -> dict[int, str]:
    table = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    table.update(_t2s_pairs())
    return table


# Characters mapped to themselves in the tables ``fold`` and ``simplify`` give
# ``str.translate`` (not in ``_table`` itself, which ``fold_digest`` lists): for a
# character its table lacks, translate raises and clears a KeyError, which made folding
# a third slower on Chinese text. ASCII, Latin to CJK punctuation, the CJK Unified
# Ideographs, the half- and full-width forms: 33,600 code points, ~2.4 MB a table once
# used.
_SAME_RANGES = ((0, 0x3040), (0x4E00, 0xA000), (0xFF00, 0x10000))


def _with_identities(table: dict) -> dict:
    """``table`` with every other character of ``_SAME_RANGES`` mapped to itself:
    translates exactly as ``table`` does."""
    out = {code: code for start, end in _SAME_RANGES for code in range(start, end)}
    out.update(table)
    return out


@cache
def _folding() -> dict[int, int | str | None]:
    return _with_identities(_table())


@cache
def _simplifying() -> dict[int, int | str]:
    return _with_identities(_simplify_table())


def simplify(text: str) -> str:
    """Simplified characters and half-width ASCII, keeping case and spacing (for reading
    metadata out of Traditional or full-width text)."""
    return text.translate(_simplifying())


def fold_digest() -> str:
    """A digest of what :func:`fold` does: its whole table and its output on a sample.

    The index stores folded text, so it is only valid for the folding that wrote it;
    any change here (code, Unicode data, OpenCC's table) changes the digest and the
    index is rebuilt (``integrity.fingerprint``)."""
    table = _table()
    listing = ";".join(f"{k:x}:{'' if v is None else v}" for k, v in sorted(table.items()))
    sample = "".join(chr(c) for c in range(0x20, 0x3000, 7)) + "醫院ＤｅｅｐＳｅｅｋ\u3000兩會 專刊"
    return hashlib.sha256(f"{listing}|{fold(sample)}".encode("utf-8", "surrogatepass")).hexdigest()


def fold(text: str) -> str:
    """The form of ``text`` used for matching."""
    return text.translate(_folding())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its offset in ``text``.
    Folding maps a character to one character or drops it (the spaces), so the offsets
    are those of the characters not dropped."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    offsets: list[int] = []
    kept = 0
    for dropped in _DROPPED_RUNS.finditer(text):
        offsets.extend(range(kept, dropped.start()))
        kept = dropped.end()
    offsets.extend(range(kept, len(text)))
    return folded, offsets


def is_dropped(ch: str) -> bool:
    """True for characters folding removes (white space, U+0000)."""
    return _table().get(ord(ch), ch) is None


# fold_diff tokens: varint(gap << 2 | kind), gap = folded characters since the last token.
_WIDE, _UPPER, _OTHER, _DROPPED = range(4)  # kind: how to get the original character
_WIDE_DELTA, _UPPER_DELTA = 0xFEE0, -32  # ＡＢ… - AB…, A… - a… (also Latin-1, Greek, Cyrillic)


_MARK = "\uff21"  # Ａ: folding changes it, so in the marked text it stands for a change


@cache
def _marks() -> dict[int, str]:
    """Every character folding changes, to the mark (a translate and a find loop, both
    in C, made fold_diff 5x faster than a regular expression with them all in one class)."""
    return dict.fromkeys(_table(), _MARK)


def _put_varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def fold_diff(text: str) -> bytes:
    """What :func:`fold` changed in ``text``, so that ``unfold(fold(text), diff) == text``.

    One token per changed character, at its position in the folded text: a replaced
    character as the difference of code points (full-width forms and upper case, the
    common ones, in one byte), a dropped one as its code point. On the test corpus the
    diff is under 3% of the text's UTF-8 size, most of it full-width punctuation; an
    unchanged paragraph's diff is empty. Decoding needs no table, so the diff stays
    valid when the Traditional-Simplified table changes.
    """
    table = _table()
    out = bytearray()
    last = dropped = 0
    marked = text.translate(_marks())
    at = marked.find(_MARK)
    while at != -1:
        original = ord(text[at])
        mapped = table[original]
        position = at - dropped
        at = marked.find(_MARK, at + 1)
        gap, last = (position - last) << 2, position
        if mapped is None:  # dropped: it goes back in before the folded character here
            dropped += 1
            _put_varint(out, gap | _DROPPED)
            _put_varint(out, original)
            continue
        delta = original - ord(mapped)
        if delta == _WIDE_DELTA:
            _put_varint(out, gap | _WIDE)
        elif delta == _UPPER_DELTA:
            _put_varint(out, gap | _UPPER)
        else:
            _put_varint(out, gap | _OTHER)
            _put_varint(out, delta * 2 if delta >= 0 else -delta * 2 - 1)  # zigzag
    return bytes(out)


def unfold(folded: str, diff: bytes) -> str:
    """The original text of ``folded``, given its :func:`fold_diff`."""
    if not diff:
        return folded
    values = _varints(diff)
    parts: list[str] = []
    copied = position = 0
    for token in values:
        position += token >> 2
        parts.append(folded[copied:position])
        kind = token & 3
        if kind == _DROPPED:
            parts.append(chr(next(values)))
            copied = position
            continue
        if kind == _OTHER:
            zigzag = next(values)
            delta = zigzag >> 1 if not zigzag & 1 else -(zigzag + 1 >> 1)
        else:
            delta = _WIDE_DELTA if kind == _WIDE else _UPPER_DELTA
        parts.append(chr(ord(folded[position]) + delta))
        copied = position + 1
    parts.append(folded[copied:])
    return "".join(parts)


def _varints(data: bytes) -> Iterator[int]:
    value = shift = 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
        else:
            yield value
            value = shift = 0
