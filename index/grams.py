"""Character n-grams of folded text, and their postings stored per segment in SQLite.

Each paragraph's folded text (``normalize.fold``) is reduced to the set of its characters
(unigrams) and of its two-character substrings (bigrams). A gram's *postings* are the ids
of the paragraphs that contain it (pids: integers assigned in import order, never reused).
A term of one or two characters is answered exactly by one gram; a longer one by the
intersection of its bigrams, a superset that the folded text then verifies
(``foldedtext.FoldedText.verify``). Grams never depend on words, so recall stays that of a
substring scan.

Postings live in SQLite, one row per gram per *segment* (the paragraphs of one import
batch, a consecutive pid range), relative to the segment's first pid: short lists as
varint deltas (most rows: a rare bigram in a few paragraphs), longer ones as a roaring
bitmap, a leading byte telling which. Rows are keyed by (segment, gram), not (gram,
segment): a new segment's rows are appended at the end of the table (segment ids only
grow) instead of being spread over all its pages, which made each import batch slower
as the library grew (measured: 1.1 s, then 7.1 s per 8 MB batch after 20 of them, and
a 10% bigger file); a lookup probes each segment instead (8-20 µs a segment). Adjacent
segments are merged in tiers (:func:`plan_merges`) so a library built in many batches
keeps O(log n) of them, and a merge drops the pids of deleted paragraphs, which are
otherwise subtracted from every result through one bitmap of dead pids.

Pids must stay below 2**32 (pyroaring's ``BitMap`` is 32-bit).
"""

from __future__ import annotations

import heapq
import math
import sqlite3
from collections import defaultdict, deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import groupby, repeat
from operator import itemgetter
from typing import NamedTuple

from pyroaring import BitMap

from .errors import IndexDamagedError

# Lists up to this long are varint deltas: 128 made the index 4% smaller than 32 at the
# same query times (index/gramstore_bench.py); roaring wins beyond, decoding in C.
SHORT = 128
_VARINT, _ROARING = 0, 1  # the leading byte of a postings blob
ENOUGH = 16  # candidates few enough to verify rather than decode another bigram
FANOUT = 4  # a merge joins this many adjacent segments of one tier
FLOOR = 2_000  # segments below this many pids all count as the smallest tier

SCHEMA = """
CREATE TABLE IF NOT EXISTS grams (
    gram TEXT NOT NULL, seg INTEGER NOT NULL, postings BLOB NOT NULL,
    PRIMARY KEY (seg, gram)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS segments (
    seg INTEGER PRIMARY KEY, first_pid INTEGER NOT NULL, last_pid INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dead_pids (
    one INTEGER PRIMARY KEY CHECK (one = 1), pids BLOB NOT NULL);
"""


def grams_of(folded: str) -> set[str]:
    """The unigrams and bigrams of ``folded`` (slicing measured faster than
    ``map(str.__add__, s, s[1:])``, ``zip`` + ``join`` or a look-ahead regex)."""
    grams = set(folded)
    grams.update([folded[i : i + 2] for i in range(len(folded) - 1)])
    return grams


def _gram_codes(folded: str) -> set[int]:
    """:func:`grams_of` as integers: a character's code point, a bigram's two code points
    as ``first | second << 32`` (never a code point, since ``second`` > 0), read by C loops
    off the UTF-32 bytes on a little-endian machine (every platform we ship). Extraction
    is twice as fast as :func:`grams_of`, the postings build ~1.5x (no string to allocate
    and hash per gram)."""
    units = memoryview(folded.encode("utf-32-le"))
    size = len(units)
    codes = set(units.cast("I"))
    codes.update(units[: size & ~7].cast("Q"))  # pairs starting at even positions
    if size > 4:
        codes.update(units[4 : 4 + ((size - 4) & ~7)].cast("Q"))  # ... at odd positions
    return codes


def _gram_of_code(code: int) -> str:
    if code >> 32:
        return chr(code & 0xFFFFFFFF) + chr(code >> 32)
    return chr(code)


def build_postings(texts: Iterable[str], first_pid: int) -> dict[str, list[int]]:
    """Postings (ascending absolute pids) of the folded ``texts``, numbered from
    ``first_pid``. The per-posting work is a C-level ``map`` (measured faster than a for
    loop, ``dict.get`` or ``itemgetter``). Memory: ~70 MB for 7 MB of source text, so
    the caller bounds a segment's text (a huge report spans several segments)."""
    postings: defaultdict[int, list[int]] = defaultdict(list)
    lists = postings.__getitem__
    append = list.append
    consume = deque(maxlen=0).extend
    for pid, folded in enumerate(texts, first_pid):
        consume(map(append, map(lists, _gram_codes(folded)), repeat(pid)))
    return {_gram_of_code(code): pids for code, pids in postings.items()}


def _put_varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def encode(pids: Collection[int], base: int) -> bytes:
    """Ascending pids (all >= ``base``) as a postings blob relative to ``base``."""
    if len(pids) > SHORT:
        bitmap = BitMap(pids)
        return bytes((_ROARING,)) + (bitmap.shift(-base) if base else bitmap).serialize()
    out = bytearray((_VARINT,))
    previous = base
    for pid in pids:  # _put_varint inlined: this runs once per posting
        gap, previous = pid - previous, pid
        while gap >= 0x80:
            out.append(gap & 0x7F | 0x80)
            gap >>= 7
        out.append(gap)  # a negative gap (pids not ascending) raises ValueError here
    return bytes(out)


def _varint_pids(blob: bytes, base: int) -> list[int]:
    pids: list[int] = []
    pid, value, shift = base, 0, 0
    for byte in memoryview(blob)[1:]:
        if byte & 0x80:
            value |= (byte & 0x7F) << shift
            shift += 7
        else:
            pid += value | byte << shift
            pids.append(pid)
            value = shift = 0
    return pids


def decode(blob: bytes, base: int) -> BitMap:
    """The absolute pids of a postings blob written by :func:`encode`."""
    if blob[0] == _ROARING:
        bitmap = BitMap.deserialize(memoryview(blob)[1:])
        return bitmap.shift(base) if base else bitmap
    if blob[0] != _VARINT:
        raise IndexDamagedError(f"索引已损坏（未知的倒排格式 {blob[0]}）")
    return BitMap(_varint_pids(blob, base))


def _rebase(blob: bytes, base: int, new_base: int) -> bytes:
    """``encode(decode(blob, base), new_base)`` without decoding a varint list: only its
    first value is relative to the base."""
    if base == new_base:
        return blob
    if blob[0] == _ROARING:
        return bytes((_ROARING,)) + decode(blob, base).shift(-new_base).serialize()
    end = 1
    while blob[end] & 0x80:
        end += 1
    first = sum((byte & 0x7F) << 7 * i for i, byte in enumerate(blob[1 : end + 1]))
    out = bytearray((_VARINT,))
    _put_varint(out, first + base - new_base)
    return bytes(out) + blob[end + 1 :]


def _merged(lists: list[tuple[int, bytes]], new_base: int, dead: BitMap | None) -> bytes:
    """One gram's postings blobs ``(base, blob)`` of adjacent segments, in pid order, as
    one blob relative to ``new_base``, without ``dead`` pids (b"" if none is left). A
    list found in one segment only, a rare gram's, is rebased without decoding."""
    if dead is None and len(lists) == 1:
        base, blob = lists[0]
        return _rebase(blob, base, new_base)
    if all(blob[0] == _VARINT for _, blob in lists):
        pids = [pid for base, blob in lists for pid in _varint_pids(blob, base)]
        if dead is not None:
            pids = [pid for pid in pids if pid not in dead]
    else:
        pids = BitMap.union(*(decode(blob, base) for base, blob in lists))
        if dead is not None:
            pids.difference_update(dead)
    return encode(pids, new_base) if pids else b""


def _intersection(blobs: list[bytes]) -> BitMap:
    """The pids (relative) in every postings blob, shortest blob first; may stop early
    with a superset of at most ENOUGH pids."""
    found = decode(blobs[0], 0)
    for blob in blobs[1:]:
        if len(found) <= ENOUGH:
            break
        found &= decode(blob, 0)
    return found


def plan_merges(sizes: Sequence[int], fanout: int = FANOUT, floor: int = FLOOR) -> list[range]:
    """Runs of adjacent segments (index ranges into ``sizes``, in pid order) to merge.

    Lucene's LogMergePolicy, simplified: a segment's tier is ``log_fanout(size / floor)``
    rounded down. From the left, the largest tier among the remaining segments and every
    segment up to the last one of that tier form a group; each full run of ``fanout``
    in the group is merged (smaller segments in between go along, so a pattern such as
    big, small, small, big, … cannot pile up). The tiers of successive groups fall, so
    after merging (and merging what the merges make) fewer than ``fanout`` segments
    remain per tier: O(fanout · log n) segments, each pid rewritten O(log n) times.
    """
    tiers = [int(math.log(max(size, floor) / floor, fanout) + 1e-9) for size in sizes]
    runs: list[range] = []
    start = 0
    while start < len(tiers):
        top = max(tiers[start:])
        end = max(i for i in range(start, len(tiers)) if tiers[i] == top) + 1
        runs.extend(range(i, i + fanout) for i in range(start, end - fanout + 1, fanout))
        start = end
    return runs


class Segment(NamedTuple):
    """One import batch's consecutive pids, ``first_pid`` to ``last_pid`` inclusive."""

    seg: int
    first_pid: int
    last_pid: int

    @property
    def size(self) -> int:
        return self.last_pid - self.first_pid + 1


class GramStore:
    """The postings of every segment, and the dead pids, in one SQLite database.

    Writes happen inside the caller's transaction (commit or roll back around them),
    so gram rows, segment rows and dead pids commit together with whatever else the
    caller stores. One writer at a time; readers see committed states only.
    """

    def __init__(self, conn: sqlite3.Connection, create: bool = True):
        self.conn = conn
        for statement in SCHEMA.split(";")[:-1] if create else ():  # executescript would
            conn.execute(statement)  # commit the caller's work

    def segments(self) -> list[Segment]:
        """Every segment, in pid order."""
        rows = self.conn.execute("SELECT seg, first_pid, last_pid FROM segments ORDER BY first_pid")
        return [Segment(*row) for row in rows]

    def next_pid(self) -> int:
        """The first pid of the next segment."""
        (last,) = self.conn.execute("SELECT max(last_pid) FROM segments").fetchone()
        return 0 if last is None else last + 1

    def new_segment_id(self) -> int:
        """A segment id never used before (merges take new ids too, so a reader that
        caches per-segment state by id never mistakes a merged segment for an old one)."""
        (last,) = self.conn.execute("SELECT max(seg) FROM segments").fetchone()
        return 0 if last is None else last + 1

    def add_segment(
        self, seg: int, first_pid: int, last_pid: int, postings: dict[str, list[int]]
    ) -> None:
        """Store a new segment's postings (absolute pids in ``first_pid..last_pid``, as
        :func:`build_postings` makes them; a paragraph may have no grams at all). Segments
        tile the pids: each starts where the one before ended (the first, at 0)."""
        if last_pid < first_pid or first_pid != self.next_pid():
            raise ValueError(f"segment pids {first_pid}..{last_pid} do not follow the last")
        self.conn.execute("INSERT INTO segments VALUES (?, ?, ?)", (seg, first_pid, last_pid))
        self.conn.executemany(
            "INSERT INTO grams VALUES (?, ?, ?)",  # in key order: pages filled one by one
            ((gram, seg, encode(postings[gram], first_pid)) for gram in sorted(postings)),
        )

    def postings(self, gram: str) -> BitMap:
        """The pids of the paragraphs containing ``gram`` (dead ones included)."""
        return BitMap.union(BitMap(), *(decode(blob, first) for first, blob in self._rows_of({gram})))

    def _rows_of(self, grams: set[str]) -> sqlite3.Cursor:
        """(first pid of the segment, postings) of the grams' rows, in one statement."""
        marks = ",".join("?" * len(grams))
        return self.conn.execute(  # CROSS JOIN: SQLite probes each segment for each gram
            "SELECT s.first_pid, g.postings FROM segments AS s CROSS JOIN grams AS g"
            f" ON g.seg = s.seg AND g.gram IN ({marks})",
            list(grams),
        )

    def candidates(self, term: str) -> BitMap:
        """The live pids whose folded text may contain ``term``: exactly those that do
        for a term of one or two characters, a superset to verify for a longer one.

        For a longer term, each segment intersects its rows of the term's bigrams, the
        shortest first, in pids relative to the segment (shifting a big bitmap costs
        as much as decoding it), and stops once a few candidates are left: verifying
        them is cheaper than decoding a common bigram's bitmap."""
        if not term:
            raise ValueError("empty term")
        if len(term) <= 2:
            found = self.postings(term)
        else:
            bigrams = {term[i : i + 2] for i in range(len(term) - 1)}
            rows: defaultdict[int, list[bytes]] = defaultdict(list)
            for first, blob in self._rows_of(bigrams):
                rows[first].append(blob)
            found = BitMap()
            for first, blobs in rows.items():
                if len(blobs) == len(bigrams):  # else a bigram is missing from this segment
                    found |= _intersection(sorted(blobs, key=len)).shift(first)
        found -= self.dead()
        return found

    def dead(self) -> BitMap:
        """The pids of deleted paragraphs."""
        row = self.conn.execute("SELECT pids FROM dead_pids").fetchone()
        return BitMap.deserialize(row[0]) if row else BitMap()

    def add_dead(self, pids: Iterable[int]) -> None:
        """Mark paragraphs deleted (a report removed or read again under new pids)."""
        dead = self.dead()
        dead.update(pids)
        dead.run_optimize()  # a report's pids are one run
        self.conn.execute("INSERT OR REPLACE INTO dead_pids VALUES (1, ?)", (dead.serialize(),))

    def merge_plan(self, fanout: int = FANOUT, floor: int = FLOOR) -> list[list[Segment]]:
        """The runs of adjacent segments :func:`plan_merges` would merge now."""
        segments = self.segments()
        plans = plan_merges([s.size for s in segments], fanout, floor)
        return [segments[run.start : run.stop] for run in plans]

    def merge(self, run: Sequence[Segment], dead: BitMap) -> Segment:
        """Replace adjacent segments by one with a new id, without the ``dead`` pids.

        Reads each segment's rows in gram order, merges the streams, and appends the
        merged rows as it goes (under the new id, at the end of the table).
        """
        current = self.segments()
        at = current.index(run[0]) if run and run[0] in current else -1
        if at < 0 or current[at : at + len(run)] != list(run):
            raise ValueError("a merge takes adjacent segments, in pid order")
        merged = Segment(self.new_segment_id(), run[0].first_pid, run[-1].last_pid)
        first = {s.seg: s.first_pid for s in run}
        gone = dead & BitMap(range(merged.first_pid, merged.last_pid + 1))
        marks = ",".join("?" * len(run))
        streams = [self._rows(segment) for segment in run]  # heapq.merge keeps this order
        insert = "INSERT INTO grams VALUES (?, ?, ?)"
        batch: list[tuple[str, int, bytes]] = []
        for gram, group in groupby(heapq.merge(*streams, key=itemgetter(0)), itemgetter(0)):
            lists = [(base, blob) for _, base, blob in group]
            blob = _merged(lists, merged.first_pid, gone or None)
            if blob:
                batch.append((gram, merged.seg, blob))
            if len(batch) >= 10_000:
                self.conn.executemany(insert, batch)
                batch.clear()
        self.conn.executemany(insert, batch)
        self.conn.execute(f"DELETE FROM grams WHERE seg IN ({marks})", list(first))
        self.conn.execute(f"DELETE FROM segments WHERE seg IN ({marks})", list(first))
        self.conn.execute("INSERT INTO segments VALUES (?, ?, ?)", merged)
        return merged

    def _rows(self, segment: Segment) -> Iterator[tuple[str, int, bytes]]:
        """A segment's rows in gram order, as (gram, base, postings)."""
        rows = self.conn.execute(
            "SELECT gram, postings FROM grams WHERE seg = ? ORDER BY gram", (segment.seg,)
        )
        for gram, blob in rows:
            yield gram, segment.first_pid, blob
