"""Fold text for matching, without changing the text shown to the user.

Folding maps every character to at most one character, so an offset in the folded
text always points back to one character of the original:

- full-width ASCII (ＤｅｅｐＳｅｅｋ, ２２７) → half-width (DeepSeek, 227);
- upper case → lower case (Latin, Greek, Cyrillic);
- Traditional → Simplified, character by character (OpenCC's TSCharacters table);
- white space (including the ideographic space and zero-width characters) is dropped,
  so ``两会 专刊`` and ``两会专刊`` match, as do strings a newspaper layout split.

Index and query go through the same :func:`fold`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cache
from pathlib import Path

# Every character with str.isspace() (checked in the tests), then invisible ones.
_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_EXTRA_SPACE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


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


def simplify(text: str) -> str:
    """Simplified characters and half-width ASCII, keeping case and spacing (for reading
    metadata out of Traditional or full-width text)."""
    return text.translate(_simplify_table())


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
    return text.translate(_table())


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its offset in ``text``."""
    table = _table()
    folded: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        mapped = table.get(ord(ch), ch)
        if mapped is None:
            continue
        folded.append(mapped)
        offsets.append(i)
    return "".join(folded), offsets


def is_dropped(ch: str) -> bool:
    """True for characters folding removes (white space)."""
    return _table().get(ord(ch), ch) is None
