"""Exact substring search over folded paragraphs, from disk: grams narrow, text verifies.

Ties ``grams.GramStore`` (which paragraphs may contain a term) to ``foldedtext.FoldedText``
(which of them do) over one SQLite database and one folder of segment files, and says
how they are written:

- :meth:`SubstringIndex.add` and :meth:`~SubstringIndex.delete` run inside the caller's
  transaction, so the caller commits them together with its own rows (reports,
  paragraphs); the segment file is durable before the rows that name it are committed.
- :meth:`SubstringIndex.compact` runs after that commit, outside any transaction: each
  planned merge in a transaction of its own, then the files nothing refers to any more
  are deleted.

Only one process writes at a time; any number read. A new database gets
:func:`prepare`'s settings before its first table.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path

from pyroaring import BitMap

from .foldedtext import FoldedText
from .grams import FANOUT, FLOOR, GramStore, build_postings

PAGE_SIZE = 65536


def prepare(conn: sqlite3.Connection, page_size: int = PAGE_SIZE) -> None:
    """Settings for a new database, before any table is created (no effect after):
    64 KiB pages, since a common gram's row is bigger than a 4 KiB page can hold
    (measured: the grams 19% smaller than with 4 KiB, whose overflow pages are mostly
    empty), and incremental auto-vacuum, so merges give their space back."""
    conn.execute(f"PRAGMA page_size = {int(page_size)}")
    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")


class SubstringIndex:
    """The live paragraphs whose folded text contains a folded term, by pid."""

    def __init__(self, conn: sqlite3.Connection, folder: Path, create: bool = True):
        """``create=False`` for a reader: the tables are there, nothing is written."""
        self.conn = conn
        self.grams = GramStore(conn, create)
        self.text = FoldedText(conn, folder, create)

    def add(self, texts: Sequence[str], bridges: Iterable[tuple[int, str]] = ()) -> range:
        """Store one segment of folded paragraphs; return the pids they get.
        ``bridges``: (pid, bigram) pairs to post besides each text's own grams (the
        bigram across the cut between two pieces of one line, which belongs to the
        first piece)."""
        first = self.grams.next_pid()
        seg = self.grams.new_segment_id()
        self.text.add_segment(seg, first, texts)
        postings = build_postings(texts, first)
        for pid, bigram in bridges:
            pids = postings.setdefault(bigram, [])
            at = bisect_left(pids, pid)
            if at == len(pids) or pids[at] != pid:
                pids.insert(at, pid)
        self.grams.add_segment(seg, first, first + len(texts) - 1, postings)
        return range(first, first + len(texts))

    def delete(self, pids: BitMap) -> None:
        """Mark paragraphs deleted: no result contains them from the commit on."""
        self.grams.add_dead(pids)

    def find(self, term: str, within: BitMap | None = None) -> BitMap:
        """The live pids whose folded text contains ``term`` (already folded, not empty);
        with ``within``, only those of them in ``within`` (the others are not verified)."""
        candidates = self.grams.candidates(term)
        if within is not None:
            candidates = candidates & within
        return candidates if len(term) <= 2 else self.text.verify(candidates, term)

    def compact(self, fanout: int = FANOUT, floor: int = FLOOR) -> int:
        """Merge segments as ``grams.plan_merges`` says until it says no more; delete the
        files merged away (those a reader still maps on Windows at a later call).
        Returns the number of merges."""
        if self.conn.in_transaction:
            raise RuntimeError("compact runs after the caller's commit")
        merges = 0
        while plan := self.grams.merge_plan(fanout, floor):
            for run in plan:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    dead = self.grams.dead()
                    merged = self.grams.merge(run, dead)
                    self.text.merge([s.seg for s in run], merged.seg, dead)
                    self.conn.commit()
                except BaseException:
                    self.conn.rollback()
                    raise
                merges += 1
        if merges:  # give back the pages of the rows merged away (with auto_vacuum on);
            # it frees a page per step, and execute() steps a row-less statement once
            self.conn.executescript("PRAGMA incremental_vacuum;")
        self.text.remove_unreferenced()
        return merges
