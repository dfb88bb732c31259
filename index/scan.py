"""Exact substring search over every paragraph, like Ctrl+F across all reports.

When a searcher opens, the ``folded`` column of the index (each paragraph's text
as ``normalize.fold`` makes it) is joined into one string with a separator that
folded text never contains, except between the pieces of one long line cut into
several paragraphs (``Paragraph.joined``), which are joined as they stand in the file so
a string across the cut is found. ``str.find`` runs over it in C; each hit is mapped to
its paragraph (where the match starts) with a binary search and the scan jumps to the
next paragraph. On
the 15.8 MB test corpus a rare string takes ~3 ms and one in every other
paragraph ~9 ms.

The per-document columns the searcher needs for every hit (kind, institution,
year, report) are loaded here too, as plain lists indexed by document number.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_right
from dataclasses import dataclass

SEPARATOR = "\x00"  # never in folded text: fold keeps no control characters from queries
KEY_LENGTH = 16  # store.report_key


@dataclass
class Columns:
    kind: list[str]
    institution: list[str]
    year: list[str]
    report: list[str]  # the report key


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _pair(match: re.Match) -> str:
    code = ord(match.group()) - 0x10000
    return chr(0xD800 + (code >> 10)) + chr(0xDC00 + (code & 0x3FF))


_EMPTY_SIZE = sys.getsizeof("")


def _has_astral(text: str) -> bool:
    """Does ``text`` hold a character beyond the BMP? CPython stores a string at 1, 2 or
    4 bytes a character, whichever its widest character needs (PEP 393), so the size
    answers without looking at every character (``max`` took a second on 158 MB)."""
    if len(text) > 64:
        return sys.getsizeof(text) - _EMPTY_SIZE >= 4 * len(text)
    return bool(text) and max(text) > "\uffff"


def to_scan(text: str) -> str:
    """Characters beyond the BMP (CJK Extension B, emoji) as UTF-16 surrogate pairs.

    Python stores a string with one such character at four bytes per character; the
    scan text would double in memory for a single rare name. Queries go through the
    same mapping, so matching is unchanged.
    """
    return _ASTRAL.sub(_pair, text) if _has_astral(text) else text


def from_scan(text: str) -> str:
    if _SURROGATE.search(text):
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


JOINED = "+"  # after the kind: the paragraph runs on from the previous one (a cut line)


def pack_folded(kind: str, report_key: str, folded: str, joined: bool = False) -> bytes:
    """The ``folded`` column value: kind (and the joined mark), report key, folded text."""
    assert len(report_key) == KEY_LENGTH
    return f"{kind}{JOINED if joined else ''}\t{report_key}{folded}".encode()


class TextScan:
    """The folded text of one index snapshot, searchable by exact substring."""

    def __init__(self, reader, records: dict):
        """``records``: report key -> its record (for institution and year)."""
        # An index with no documents yet has no columns at all.
        values = reader.column_reader("folded") if reader.has_column("folded") else []
        kinds: list[str] = []
        reports: list[str] = []
        parts: list[str] = []
        # Pieces of one long line follow each other without a separator, so a string
        # across a cut is found (it counts for the paragraph where it starts).
        joined: list[int] = []
        for value in values:
            text = value.decode("utf-8")
            kind, _, rest = text.partition("\t")
            report = rest[:KEY_LENGTH]
            if kind.endswith(JOINED):
                kind = kind[: -len(JOINED)]
                if reports and reports[-1] == report:
                    joined.append(len(parts))
            kinds.append(kind)
            reports.append(report)
            parts.append(to_scan(rest[KEY_LENGTH:]))
        self.doc_count = len(parts)
        self.lengths = array("l", map(len, parts))
        self.starts = array("q", [0]) * self.doc_count
        glued = set(joined)
        position = 0
        for docnum, length in enumerate(self.lengths):
            if docnum in glued:
                position -= 1  # no separator before this one
            self.starts[docnum] = position
            position += length + 1
        if glued:
            groups: list[list[str]] = []
            for docnum, part in enumerate(parts):
                if docnum in glued:
                    groups[-1].append(part)
                else:
                    groups.append([part])
            parts = ["".join(group) for group in groups]
        self.text = SEPARATOR.join(parts)
        del parts
        self.live = bytearray(1 if n else 0 for n in self.lengths)  # records have no text
        if reader.has_deletions():
            for docnum in range(self.doc_count):
                if reader.is_deleted(docnum):
                    self.live[docnum] = 0
        institution = {key: r.institution for key, r in records.items()}
        year = {key: str(r.year or "") for key, r in records.items()}
        self.columns = Columns(
            kind=kinds,
            institution=[institution.get(k, "") for k in reports],
            year=[year.get(k, "") for k in reports],
            report=reports,
        )
        self.total_length = sum(self.lengths)
        live = sum(self.live)
        self.average_length = self.total_length / live if live else 1.0
        self.paragraphs = live

    def find(self, needle: str) -> list[int]:
        """Document numbers of the live paragraphs whose folded text contains ``needle``."""
        if not needle or SEPARATOR in needle:
            return []
        needle = to_scan(needle)
        text, starts, live = self.text, self.starts, self.live
        found: list[int] = []
        last = len(starts) - 1
        docnum = -1
        i = text.find(needle)
        while i != -1:
            # A frequent string is usually in the very next paragraph: skip the search.
            following = docnum + 1
            if following < last and i < starts[following + 1]:
                docnum = following
            else:
                docnum = bisect_right(starts, i) - 1
            if live[docnum]:
                found.append(docnum)
            if docnum >= last:
                break
            i = text.find(needle, starts[docnum + 1])
        return found

    def count(self, needle: str, docnum: int) -> int:
        """How often ``needle`` occurs in one paragraph."""
        start = self.starts[docnum]
        return self.text.count(to_scan(needle), start, start + self.lengths[docnum])

    def folded(self, docnum: int) -> str:
        """One paragraph's folded text."""
        start = self.starts[docnum]
        return from_scan(self.text[start : start + self.lengths[docnum]])
