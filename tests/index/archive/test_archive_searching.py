"""The archive's search statement (``index/archive/searching.py``) beyond what the
contract suite checks: the cheap score is worked out in floating point, and the page by
relevance, taken from the matches whose first keys reach the page's last, is the page
the whole order gives."""

from __future__ import annotations

import math
import struct

import pytest
from conftest import report_text

from index.archive import grams, searching
from index.archive.connection import connect
from index.backend import open_backend
from index.search import KIND_WEIGHT, MIN_LENGTH

pytestmark = pytest.mark.postgresql


def _real(value: float) -> float:
    """``value`` as PostgreSQL's ``real`` (a 32-bit float) holds it (psycopg reads a
    ``real`` as the shortest decimal that names it)."""
    return struct.unpack("f", struct.pack("f", value))[0]


def test_the_cheap_score_is_worked_out_in_floating_point(archive_url):
    # ln() of a numeric is computed in numeric, a hundred times slower than in float8:
    # with a hundred thousand matches it was half of the statement's time.
    with connect(archive_url) as conn:
        plan = "\n".join(row[0] for row in conn.execute(
            f"EXPLAIN VERBOSE SELECT {searching._CHEAP} FROM paragraphs p"))
        assert "numeric" not in plan
        lengths = [0, 1, MIN_LENGTH - 1, MIN_LENGTH, MIN_LENGTH + 1, 37, 150, 1727, 20000]
        for kind, weight in KIND_WEIGHT.items():
            got = [_real(row[1]) for row in conn.execute(
                f"SELECT p.n, {searching._CHEAP} FROM (SELECT %s::text AS kind, u.length, "
                "u.n FROM unnest(%s::integer[]) WITH ORDINALITY AS u(length, n)) p "
                "ORDER BY p.n", (str(kind), lengths))]
            expected = [_real(_real(weight) / _real(math.log(3.0 + max(n, MIN_LENGTH) / 50.0)))
                        for n in lengths]
            assert got == expected, kind


def test_a_page_by_relevance_is_the_page_of_the_whole_order(archive_url, tmp_path):
    # Sixty reports with the same headings: many matches share their tier and cheap
    # score, and the year and the report decide between them. A filter that keeps
    # every year takes the page from every match; without a filter it is taken from
    # those whose tier and cheap score reach the page's last (WITH TIES).
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(60):
        (folder / f"r{i:03d}.txt").write_text(report_text(i), encoding="utf-8")
    every_year = list(range(2019, 2026))
    with open_backend(archive_url) as backend:
        backend.index([folder])
        for query in ("学科建设", "医院", "患者 体验"):
            for offset, limit in ((0, 20), (0, 5), (20, 20), (190, 20), (200, 20), (230, 40)):
                cut = backend.search(query, limit=limit, offset=offset)
                whole = backend.search(query, years=every_year, limit=limit, offset=offset)
                assert cut.total == whole.total > 0, query
                assert [(h.report, h.paragraph, h.score) for h in cut.hits] == \
                    [(h.report, h.paragraph, h.score) for h in whole.hits], (query, offset)


def test_a_short_term_is_looked_up_in_the_gram_index_however_common():
    # A one- or two-character term's gram is exact: the index alone says which
    # paragraphs have it, so no text is read, even for a gram in most paragraphs.
    common = frozenset(grams.of_needle("发展"))
    condition = searching.contains("发展", common)
    assert condition.sql == "p.grams @> %s::integer[]"
    assert condition.params == [grams.of_needle("发展")]
    # A longer needle made only of common grams is still read with strpos.
    longer = searching.contains("发展规", frozenset(grams.of_needle("发展规")))
    assert "strpos" in longer.sql and "grams" not in longer.sql


def test_the_search_statement_reads_the_gram_index_not_every_row(archive_url, tmp_path):
    # The planner costs a scan testing ``grams @>`` on every row as cheap, but each
    # test unpacks a paragraph's gram array; the statement's settings (its transaction
    # only) make it take the index, and a search plans like that on any archive size.
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(30):
        (folder / f"r{i:03d}.txt").write_text(report_text(i), encoding="utf-8")
    with open_backend(archive_url) as backend:
        backend.index([folder])
        conn = backend.conn
        statements = []
        execute = conn.execute

        def capture(sql, params=None, **kwargs):
            if "WITH m AS" in str(sql):  # with the settings it ran under
                statements.append((sql, params, execute("SHOW enable_seqscan").fetchone()[0]))
            return execute(sql, params, **kwargs)

        conn.execute = capture
        found = backend.search("医院", limit=20)
        conn.execute = execute
        assert found.total > 0 and len(statements) == 1
        sql, params, seqscan = statements[0]
        assert seqscan == "off"
        with conn.transaction():
            for setting in searching.PLAN_SETTINGS:
                conn.execute(setting)
            plan = "\n".join(row[0] for row in conn.execute("EXPLAIN " + sql, params))
            assert conn.execute("SHOW enable_seqscan").fetchone()[0] == "off"
        assert "paragraphs_grams" in plan
        assert "Seq Scan on paragraphs" not in plan
        # The settings end with the statement's transaction.
        assert conn.execute("SHOW enable_seqscan").fetchone()[0] == "on"
