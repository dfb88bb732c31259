"""Short grams: how a paragraph and a term too short for trigrams meet in an index.

pg_trgm finds a string of three or more word characters through the trigram index; a
one- or two-character term (医, 医院, 5G) has no trigram. For those each paragraph keeps
``grams``: the distinct characters and character pairs that START in its own text (a
pair at its last character takes the first character of the text it runs on into, for a
cut long line), as 32-bit integers in a GIN-indexed ``integer[]``: a pair of BMP
characters is exact (16 bits each), a gram with a character beyond the BMP is hashed,
so a match is always rechecked on the text. ``python -m index.benchmark --server``
measures this against a parallel sequential scan (README, "A team archive").
"""

from __future__ import annotations

import sys
import zlib
from array import array

MIN_TRIGRAM = 3
_EMPTY = sys.getsizeof("")


def _signed(value: int) -> int:
    """An unsigned 32-bit value as the int4 with the same bits."""
    return value - (1 << 32) if value >= 1 << 31 else value


def code(gram: str) -> int:
    """The integer of a one- or two-character gram."""
    if all(ord(ch) < 0x10000 for ch in gram):
        return _signed(ord(gram[0]) if len(gram) == 1 else (ord(gram[0]) << 16) | ord(gram[1]))
    return _signed(zlib.crc32(gram.encode("utf-8", "surrogatepass")))


def of_paragraph(own: str, scan: str) -> str:
    """The grams starting in ``own``, the paragraph's folded text, as an ``integer[]``
    literal; ``scan`` is ``own`` followed by what it runs on into (or ``own`` itself)."""
    # Beyond the BMP? CPython stores such a string at 4 bytes a character (PEP 393).
    astral = (sys.getsizeof(scan) - _EMPTY >= 4 * len(scan) if len(scan) > 64
              else bool(scan) and max(scan) > "\uffff")
    if astral:  # one gram at a time
        found = set(own)
        found.update(scan[i:i + 2] for i in range(len(own)) if i + 1 < len(scan))
        codes = {code(g) for g in found}
    else:
        # Each pair is the big-endian 32-bit word at its position in the UTF-16 text:
        # read as int4 at even and at odd positions, with no Python call per gram.
        units = scan[:len(own) + 1].encode("utf-16-be")
        codes = set(map(ord, own))
        for start in (0, 2):
            words = array("i", units[start:start + (len(units) - start) // 4 * 4])
            if sys.byteorder == "little":
                words.byteswap()
            codes.update(words)
    return "{" + ",".join(map(str, codes)) + "}"


def of_needle(needle: str) -> list[int]:
    """Grams that every paragraph containing ``needle`` has: the needle itself when it
    is one or two characters, else its pairs."""
    if len(needle) <= 2:
        return [code(needle)]
    return sorted({code(needle[i:i + 2]) for i in range(len(needle) - 1)})


def exact(needle: str) -> bool:
    """Is a paragraph's code for ``needle`` (one or two characters) exact: no character
    beyond the BMP, whose grams are hashed?"""
    return all(ord(ch) < 0x10000 for ch in needle)


def has_trigram(needle: str) -> bool:
    """Will pg_trgm find the needle through its index: does it hold three word
    characters in a row (pg_trgm splits words at what is not alphanumeric)?"""
    run = 0
    for ch in needle:
        run = run + 1 if ch.isalnum() else 0
        if run >= MIN_TRIGRAM:
            return True
    return False
