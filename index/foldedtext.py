"""The folded text of every paragraph: one immutable file per segment, read through mmap.

A segment file holds its paragraphs' folded text (``normalize.fold``) in UTF-16-LE (CJK
takes two bytes there against three in UTF-8), each paragraph followed by U+0000, which
folded text never contains. Where each paragraph starts (in UTF-16 code units, 4 bytes
a paragraph) is kept in SQLite beside the segment, so a pid maps to its bytes without
reading the file. Characters beyond the BMP are surrogate pairs there and in an encoded
needle alike, and only hits at even byte offsets count, so matching is that of ``str``.

Files are written to a temporary name, fsynced and renamed before the SQLite
transaction that refers to them commits; a file no committed row refers to (a crashed
write, a merged-away segment) is deleted by :meth:`FoldedText.remove_unreferenced`.
Every read maps the file and unmaps it before returning, so memory stays flat and a
merged-away file can be deleted (on Windows only once no reader has it open).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import re
import sqlite3
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path
from typing import TypeVar

from pyroaring import BitMap

SEPARATOR = "\x00"
_SEPARATOR_BYTES = SEPARATOR.encode("utf-16-le")
SUFFIX = ".utf16"
# Scan a whole segment (one find per hit) instead of one find per candidate when the
# candidates are this dense: segment bytes < candidates x this. Calibrated first at
# 8,000 (python -m index.gramstore_bench, "calibration": a find per candidate 2-6 µs,
# scanning ~1.7 GB/s, over its mix of terms); but for the common Chinese terms that
# have thousands of candidates, scanning UTF-16 runs at 5-12 ns a byte (the needle's
# last byte, a CJK high byte, is everywhere) and a find per candidate costs ~1 µs:
# corpus x3, 高质量发展 / 高质量 / 进一步 over a 23 MB segment, 3,088-5,994 candidates:
# 24-53 ms one by one against 194-274 ms scanning. Scanning wins only when nearly
# every paragraph is a candidate.
SCAN_BYTES_PER_CANDIDATE = 200
_COPY_CHUNK = 16 << 20  # a merge copies at most this many bytes at a time
T = TypeVar("T")

SCHEMA = """CREATE TABLE IF NOT EXISTS folded_segments (
    seg INTEGER PRIMARY KEY, first_pid INTEGER NOT NULL, offsets BLOB NOT NULL)"""


def file_name(seg: int) -> str:
    return f"{seg:08d}{SUFFIX}"


def _write_file(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` so that it either exists complete or not at all."""
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    if os.name == "posix":  # make the rename durable too (Windows cannot open a folder)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def write_segment(path: Path, texts: Iterable[str]) -> bytes:
    """Write folded paragraphs to a segment file; return their offsets for SQLite:
    the start of each paragraph and the end of the last one, in UTF-16 code units."""
    parts = []
    for text in texts:
        if SEPARATOR in text:
            raise ValueError("folded text never contains U+0000")
        parts.append(text.encode("utf-16-le"))
    if not parts:
        raise ValueError("a segment holds at least one paragraph")
    offsets = array("I", [0])
    offsets.extend(accumulate(len(part) // 2 + 1 for part in parts))
    _write_file(path, [_SEPARATOR_BYTES.join(parts), _SEPARATOR_BYTES])
    return offsets.tobytes()


def _find(data: mmap.mmap, needle: bytes, start: int, end: int) -> int:
    """The first occurrence of ``needle`` at an even offset in ``data[start:end]``, or -1
    (an odd offset would match the end of one code unit and the start of the next)."""
    at = data.find(needle, start, end)
    while at > 0 and at & 1:
        at = data.find(needle, at + 1, end)
    return at


@dataclass(frozen=True)
class _Segment:
    seg: int
    first_pid: int
    offsets: array  # n + 1 entries, in UTF-16 code units

    @property
    def end_pid(self) -> int:
        return self.first_pid + len(self.offsets) - 1

    def span(self, pid: int) -> tuple[int, int]:
        """Byte range of a paragraph's text, without its separator."""
        at = pid - self.first_pid
        return self.offsets[at] * 2, self.offsets[at + 1] * 2 - 2


def first_match(text: str, match: Callable, literal: str, start: int = 0) -> int:
    """Where the first match at or after ``start`` of a pattern that can match only where
    ``literal`` starts begins (-1: none): its ``match`` tried at each occurrence of the
    literal, not at every character."""
    at = text.find(literal, start)
    while at != -1 and not match(text, at):
        at = text.find(literal, at + 1)
    return at


class FoldedText:
    """Verification and reading of folded paragraphs by pid, over every segment file.

    Per-segment state (the offsets) is loaded once per segment id: ids are never reused
    and files never change, so :meth:`refresh` only loads segments it has not seen.
    Writes happen inside the caller's SQLite transaction, like ``grams.GramStore``'s.
    """

    def __init__(self, conn: sqlite3.Connection, folder: Path, create: bool = True):
        self.conn = conn
        self.folder = Path(folder)
        if create:
            self.folder.mkdir(parents=True, exist_ok=True)
            conn.execute(SCHEMA)
        self._segments: list[_Segment] = []
        self._firsts: list[int] = []
        self._kept: dict[int, mmap.mmap] | None = None  # a reader's maps, by segment id

    def keep_maps(self) -> None:
        """Keep each segment's file mapped from its first read until a refresh no longer
        lists it (or :meth:`close`), instead of mapping it for each read: mapping,
        faulting in and unmapping an 8–90 MB file for every term verified and every
        batch of texts read cost more than the reading (six common terms verified at
        corpus ×10: 111 → 45 ms of CPU the first time, 33–36 ms after). For a searcher; its pages are the file's, in the
        page cache, counted in the process's RSS once touched. A writer does not keep
        them (a file it merged away must be deletable at once, on Windows too)."""
        if self._kept is None:
            self._kept = {}

    def close(self) -> None:
        """Unmap the kept files."""
        for data in (self._kept or {}).values():
            data.close()
        if self._kept:
            self._kept = {}

    def refresh(self) -> None:
        """Follow commits: load new segments, forget merged-away ones."""
        known = {s.seg: s for s in self._segments}
        segments = []
        for seg, first in self.conn.execute(
            "SELECT seg, first_pid FROM folded_segments ORDER BY first_pid"
        ):
            if seg not in known:
                (blob,) = self.conn.execute(
                    "SELECT offsets FROM folded_segments WHERE seg = ?", (seg,)
                ).fetchone()
                known[seg] = _Segment(seg, first, array("I", blob))
            segments.append(known[seg])
        self._segments = segments
        self._firsts = [s.first_pid for s in segments]
        if self._kept:  # unmap the files merged away
            for seg in set(self._kept) - {s.seg for s in segments}:
                self._kept.pop(seg).close()

    def add_segment(self, seg: int, first_pid: int, texts: Iterable[str]) -> None:
        """Write a new segment's file (durably) and its row (in the caller's transaction).
        Its pids start where the last segment's end (the first segment's at 0)."""
        self.refresh()
        if first_pid != (self._segments[-1].end_pid if self._segments else 0):
            raise ValueError(f"segment pids from {first_pid} do not follow the last")
        offsets = write_segment(self.folder / file_name(seg), texts)
        self.conn.execute("INSERT INTO folded_segments VALUES (?, ?, ?)", (seg, first_pid, offsets))

    def _segment(self, pid: int) -> _Segment:
        at = bisect_right(self._firsts, pid) - 1
        if at < 0 or pid >= self._segments[at].end_pid:
            raise KeyError(pid)
        return self._segments[at]

    def _map(self, segment: _Segment):
        """The segment's file mapped, as a context (which unmaps it unless it is kept)."""
        kept = self._kept
        if kept is None:
            return self._open(segment)
        data = kept.get(segment.seg)
        if data is None:
            data = kept[segment.seg] = self._open(segment)
        return contextlib.nullcontext(data)

    def _open(self, segment: _Segment) -> mmap.mmap:
        with (self.folder / file_name(segment.seg)).open("rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)

    def _read(self, newest: int, read: Callable[..., T], *args) -> T:
        """Run ``read(*args)`` on the current segments: first load any segment committed
        since the last refresh that holds pid ``newest``; if a merge deleted a file
        meanwhile, follow it and run ``read`` again."""
        if not self._segments or newest >= self._segments[-1].end_pid:
            self.refresh()
        try:
            return read(*args)
        except FileNotFoundError:
            self.refresh()
            return read(*args)

    def verify(self, candidates: BitMap, needle: str) -> BitMap:
        """The candidates whose folded text contains ``needle``."""
        if not needle or SEPARATOR in needle or not candidates:
            return BitMap()
        return self._read(candidates.max(), self._verify, candidates, needle.encode("utf-16-le"))

    def _verify(self, candidates: BitMap, needle: bytes) -> BitMap:
        found = BitMap()
        for segment in self._segments:
            count = candidates.range_cardinality(segment.first_pid, segment.end_pid)
            if not count:
                continue
            with self._map(segment) as data:
                if len(data) < count * SCAN_BYTES_PER_CANDIDATE:
                    found |= _scan(data, needle, segment, candidates)
                else:
                    found |= _check(data, needle, segment, candidates)
        return found

    def verify_regex(self, candidates: BitMap, pattern: re.Pattern[str],
                     literal: str = "") -> BitMap:
        """The candidates whose folded text ``pattern`` matches (searched, not anchored),
        for conditions a substring cannot say (a figure not inside a longer number).
        With ``literal`` (a pattern that can match only where it starts: zero-width
        conditions around it), the pattern is tried at its occurrences only."""
        if not candidates:
            return BitMap()
        return self._read(candidates.max(), self._verify_regex, candidates, pattern, literal)

    def _verify_regex(self, candidates: BitMap, pattern: re.Pattern[str],
                      literal: str) -> BitMap:
        found = BitMap()
        match, search = pattern.match, pattern.search
        for segment in self._segments:
            if not candidates.range_cardinality(segment.first_pid, segment.end_pid):
                continue
            with self._map(segment) as data:
                for pid in _pids_in(candidates, segment):
                    start, end = segment.span(pid)
                    text = data[start:end].decode("utf-16-le")
                    if (first_match(text, match, literal) != -1 if literal
                            else search(text)):
                        found.add(pid)
        return found

    def folded(self, pid: int) -> str:
        """One paragraph's folded text ("" for a paragraph a merge dropped as dead)."""
        return self._read(pid, self._folded, pid)

    def _folded(self, pid: int) -> str:
        segment = self._segment(pid)
        start, end = segment.span(pid)
        with (self.folder / file_name(segment.seg)).open("rb") as handle:
            handle.seek(start)
            return handle.read(end - start).decode("utf-16-le")

    def texts(self, pids: BitMap) -> Iterator[tuple[int, str]]:
        """(pid, folded text) of many paragraphs, in pid order, each segment mapped once."""
        if not pids:
            return iter(())
        return iter(self._read(pids.max(), self._texts, pids))

    def _texts(self, pids: BitMap) -> list[tuple[int, str]]:
        out = []
        for segment in self._segments:
            if not pids.range_cardinality(segment.first_pid, segment.end_pid):
                continue
            offsets, first = segment.offsets, segment.first_pid
            with self._map(segment) as data:
                for pid in _pids_in(pids, segment):  # segment.span(pid), inlined
                    at = pid - first
                    out.append((pid, data[offsets[at] * 2:offsets[at + 1] * 2 - 2]
                                .decode("utf-16-le")))
        return out

    def count(self, pid: int, needle: str) -> int:
        """How often ``needle`` occurs in one paragraph (without overlaps, as str.count)."""
        return self.folded(pid).count(needle) if needle else 0

    def merge(self, segs: Sequence[int], into: int, dead: BitMap) -> None:
        """Write adjacent segments as one new segment ``into`` without the text of
        ``dead`` pids (they stay addressable, as empty paragraphs), in the caller's
        transaction. The old files stay until :meth:`remove_unreferenced`."""
        self.refresh()
        by_id = {s.seg: s for s in self._segments}
        run = [by_id[seg] for seg in segs]
        if any(a.end_pid != b.first_pid for a, b in pairwise(run)):
            raise ValueError("a merge takes adjacent segments, in pid order")
        offsets = array("I", [0])
        _write_file(self.folder / file_name(into), self._merged(run, dead, offsets))
        self.conn.execute(
            "INSERT INTO folded_segments VALUES (?, ?, ?)",
            (into, run[0].first_pid, offsets.tobytes()),
        )
        marks = ",".join("?" * len(run))
        self.conn.execute(f"DELETE FROM folded_segments WHERE seg IN ({marks})", list(segs))

    def _merged(self, run: list[_Segment], dead: BitMap, offsets: array) -> Iterator[bytes]:
        """The bytes of the merged file; appends each paragraph's end to ``offsets``."""
        for segment in run:
            old = segment.offsets
            with self._map(segment) as data:
                cut = segment.first_pid  # the first pid not yet copied
                for pid in [*_pids_in(dead, segment), segment.end_pid]:
                    if pid > cut:  # copy the live paragraphs cut..pid-1 in one piece
                        a, b = cut - segment.first_pid, pid - segment.first_pid
                        shift = offsets[-1] - old[a]
                        offsets.extend(end + shift for end in old[a + 1 : b + 1])
                        for at in range(old[a] * 2, old[b] * 2, _COPY_CHUNK):
                            yield data[at : min(at + _COPY_CHUNK, old[b] * 2)]
                    if pid < segment.end_pid:  # a dead paragraph: its separator only
                        offsets.append(offsets[-1] + 1)
                        yield _SEPARATOR_BYTES
                    cut = pid + 1

    def remove_unreferenced(self) -> list[Path]:
        """Delete segment files no committed row refers to; return those that remain
        (on Windows a file cannot be deleted while a reader maps it: call again later).
        Only the writer may call this, and only outside a transaction: a file written
        for a transaction still open is not referred to yet."""
        if self.conn.in_transaction:
            raise RuntimeError("remove_unreferenced runs after the commit, not inside it")
        used = {file_name(seg) for (seg,) in self.conn.execute("SELECT seg FROM folded_segments")}
        left = []
        for path in self.folder.iterdir():
            if path.suffix in (SUFFIX, ".tmp") and path.name not in used:
                try:
                    path.unlink()
                except OSError:
                    left.append(path)
        return left


def _pids_in(pids: BitMap, segment: _Segment) -> Iterator[int]:
    for pid in pids.iter_equal_or_larger(segment.first_pid):
        if pid >= segment.end_pid:
            return
        yield pid


def _check(data: mmap.mmap, needle: bytes, segment: _Segment, candidates: BitMap) -> BitMap:
    """The candidates of one segment containing ``needle``, one find in each (the loop
    of :func:`_find` inlined: this runs once per candidate, ~2 µs)."""
    offsets, first, find = segment.offsets, segment.first_pid, data.find
    hits = []
    for pid in candidates & BitMap(range(first, segment.end_pid)):
        end = offsets[pid - first + 1] * 2 - 2
        at = find(needle, offsets[pid - first] * 2, end)
        while at > 0 and at & 1:
            at = find(needle, at + 1, end)
        if at != -1:
            hits.append(pid)
    return BitMap(hits)


def _scan(data: mmap.mmap, needle: bytes, segment: _Segment, candidates: BitMap) -> BitMap:
    """The candidates of one segment containing ``needle``, by scanning the whole file
    (one find per paragraph that has a hit, then on to the next paragraph)."""
    found = BitMap()
    offsets, first = segment.offsets, segment.first_pid
    at = _find(data, needle, 0, len(data))
    while at != -1:
        index = bisect_right(offsets, at // 2) - 1
        if first + index in candidates:
            found.add(first + index)
        at = _find(data, needle, offsets[index + 1] * 2, len(data))
    return found
