"""Imports into a team archive: one importer at a time (advisory lock), a transaction
per batch, idempotent, resumable after kill -9 at any point, and searches meanwhile see
only committed, whole reports."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest
from conftest import ROOT, report_text, unique_phrase

from index.archive import writing
from index.archive.connection import connect
from index.backend import open_backend
from index.errors import IndexBusyError

pytestmark = pytest.mark.postgresql

REPORTS = 40
IMPORT = """
import sys
from index.backend import open_backend
backend = open_backend(sys.argv[1])
backend.batch_bytes = 3000  # a commit every report or two
backend.index([sys.argv[2]])
"""


@pytest.fixture
def many_reports(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(REPORTS):
        (folder / f"r{i:03d}.txt").write_text(report_text(i) * 3, encoding="utf-8")
    return folder


def _importer(url: str, folder) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", IMPORT, url, str(folder)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _close(process: subprocess.Popen) -> None:
    process.wait()
    process.stderr.close()


def _count(url: str) -> int:
    with connect(url) as conn:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]


def _whole(url: str) -> dict[str, int]:
    """Each report's path and paragraph count, checked whole (rows 1…n, as recorded),
    and the word frequencies checked against the paragraphs they count."""
    with connect(url) as conn:
        rows = conn.execute(
            """SELECT r.path, r.paragraphs, count(p.ordinal), min(p.ordinal), max(p.ordinal)
               FROM reports r LEFT JOIN paragraphs p ON p.report_id = r.id
               GROUP BY r.id""").fetchall()
        wrong_df = conn.execute(
            """SELECT count(*) FROM (SELECT w, count(*) AS n FROM paragraphs,
                   unnest(tsvector_to_array(words)) w GROUP BY w) t
               FULL JOIN (SELECT * FROM word_stats WHERE df > 0) s ON s.word = t.w
               WHERE t.n IS DISTINCT FROM s.df""").fetchone()[0]
    for path, expected, count, first, last in rows:
        assert (count, first, last) == (expected, 1, expected), path
    assert wrong_df == 0
    return {path: expected for path, expected, *_ in rows}


def test_a_second_importer_waits_then_is_told_busy(archive_url, own_library, monkeypatch):
    monkeypatch.setattr(writing, "LOCK_WAIT", 0.5)
    backend = open_backend(archive_url)
    with connect(archive_url) as holder:  # another importer at work
        holder.execute("SELECT pg_advisory_lock(%s)", (writing.IMPORT_LOCK,))
        began = time.monotonic()
        with pytest.raises(IndexBusyError, match="另一位档案管理员"):
            backend.index([own_library])
        assert time.monotonic() - began >= 0.5
        assert backend.search(unique_phrase(1)).total == 0  # searching goes on meanwhile

        release = threading.Timer(0.3, holder.execute, ("SELECT pg_advisory_unlock_all()",))
        monkeypatch.setattr(writing, "LOCK_WAIT", 10.0)
        release.start()
        assert backend.index([own_library]).reports == 8  # it waited, then imported
        release.join()
    backend.close()


def test_an_import_run_twice_changes_nothing(archive_url, own_library):
    with open_backend(archive_url) as backend:
        backend.index([own_library])
        before = _whole(archive_url), backend.revision()
        again = backend.index([own_library])
        assert again.added == [] and again.unchanged == 8
        assert (_whole(archive_url), backend.revision()) == before  # not even a commit


def test_an_import_killed_at_any_point_resumes_with_nothing_lost_or_doubled(
        archive_url, many_reports):
    rng = random.Random(20261215)
    kills = 0
    while kills < 8:
        with connect(archive_url) as conn:
            committed = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        target = committed + rng.randint(2, 6)  # kill after a few more commits…
        process = _importer(archive_url, many_reports)
        while process.poll() is None and _count(archive_url) < target:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))  # …anywhere in the next batch or commit
        if process.poll() is not None:
            _close(process)
            break
        process.send_signal(signal.SIGKILL)
        kills += 1
        _close(process)
        whole = _whole(archive_url)  # each report there is whole (asserted inside)
        if len(whole) == REPORTS:  # the kill landed after the last commit
            break
    assert kills >= 3
    final = _importer(archive_url, many_reports)
    assert final.wait(timeout=300) == 0
    _close(final)
    assert len(_whole(archive_url)) == REPORTS
    with open_backend(archive_url) as backend:
        assert backend.sources() == [str(many_reports.resolve())]
        for i in range(REPORTS):
            result = backend.search(unique_phrase(i), limit=0)
            assert result.total == 3 and {h.report for h in result.hits} == {f"r{i:03d}.txt"}


def test_searches_during_an_import_see_only_committed_whole_reports(archive_url, many_reports):
    process = _importer(archive_url, many_reports)
    seen_counts = []
    try:
        with open_backend(archive_url) as reader:
            while process.poll() is None:
                result = reader.search("独有句子", limit=0)
                records = {r.path: r for r in reader.reports()}
                by_report: dict[str, int] = {}
                for hit in result.hits:
                    by_report[hit.path] = by_report.get(hit.path, 0) + 1
                # A report a search finds is there whole (all three copies of its
                # phrase), and named, even when committed after the catalogue was read.
                assert "" not in by_report and set(by_report.values()) <= {3}, by_report
                for path in by_report:
                    view = reader.report(path)
                    assert len(view.paragraphs) == view.record.paragraphs
                seen_counts.append(len(records))
                time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
        _close(process)
    assert process.returncode == 0
    with open_backend(archive_url) as reader:
        assert seen_counts == sorted(seen_counts)  # reports only ever arrive
        assert len(set(seen_counts)) > 2  # the import was seen in progress
        assert reader.search("独有句子", limit=0).total == 3 * REPORTS


def test_a_server_that_goes_away_during_an_import_keeps_the_last_commit(archive_url,
                                                                        own_library):
    with open_backend(archive_url) as backend:
        backend.batch_bytes = 1
        backend.index([own_library])
        with connect(archive_url) as admin:
            count = admin.execute("SELECT count(*) FROM reports").fetchone()[0]
            # Every other backend of the archive is cut off, as by a restart.
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        assert backend.search(unique_phrase(5)).total == 1  # reconnects to read
        assert count == 8
    with pytest.raises(psycopg.Error), connect(archive_url) as conn:
        conn.execute("SELECT 1/0")


def test_a_hit_in_a_report_committed_after_the_catalogue_was_read_is_named(
        archive_url, own_library, monkeypatch):
    with open_backend(archive_url) as reader, open_backend(archive_url) as writer:
        assert reader.search(unique_phrase(1)).total == 0  # the catalogue read: empty
        before = [reader.revision()]
        revision = reader.revision
        # The import commits just after the search has checked the revision.
        monkeypatch.setattr(reader, "revision", lambda: before.pop() if before else revision())
        writer.index([own_library])
        result = reader.search(unique_phrase(1), limit=0)
        assert result.total > 0
        assert all(h.path and h.report == "report-001.txt" for h in result.hits), result.hits
