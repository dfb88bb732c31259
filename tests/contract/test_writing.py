"""Writing a library: imports (progress, cancel, incremental), the recorded sources,
re-scans (changed, deleted, unreachable), removing a source, corrections that persist,
notices told once, and what a second backend on the same library sees."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import report_text, unique_phrase

from index.errors import ConfigError, ReportNotFoundError
from index.years import last_year


def _names(paths) -> list[str]:
    return sorted(os.path.basename(p) for p in paths)


def _offline(backend) -> dict[str, bool]:
    return {os.path.basename(r.path): r.offline for r in backend.reports()}


def test_an_import_says_what_it_did_and_the_next_one_only_what_changed(archive, own_library):
    backend = archive.open()
    assert backend.writable and backend.reports() == [] and backend.sources() == []
    calls = []
    summary = backend.index([own_library], progress=lambda *a: calls.append(a))
    assert _names(summary.added) == [f"report-{i:03d}.txt" for i in range(8)]
    assert (summary.updated, summary.removed, summary.skipped, summary.cancelled) == \
        ([], [], [], False)
    records = backend.reports()
    assert summary.reports == len(records) == 8
    assert summary.paragraphs == sum(r.paragraphs for r in records)
    assert calls and all(0 <= done <= total for done, total, _ in calls)
    assert calls[-1][0] == calls[-1][1]
    assert backend.sources() == [str(own_library.resolve())]
    assert backend.search(unique_phrase(6)).hits[0].report == "report-006.txt"  # in sub/

    again = backend.index([own_library])
    assert again.added == [] and again.unchanged == 8 and again.reports == 8


def test_unreadable_files_are_skipped_with_a_reason(archive, own_library):
    (own_library / "empty.txt").write_bytes(b"")
    (own_library / "binary.txt").write_bytes(bytes(range(256)) * 64)
    summary = archive.open().index([own_library])
    assert _names(s.path for s in summary.skipped) == ["binary.txt", "empty.txt"]
    assert all(s.reason for s in summary.skipped) and summary.reports == 8


def test_a_path_that_does_not_exist_is_not_recorded(archive, own_library, tmp_path):
    backend = archive.open()
    summary = backend.index([own_library, tmp_path / "no-such-folder"])
    assert summary.reports == 8
    assert backend.sources() == [str(own_library.resolve())]


def test_a_cancelled_import_keeps_its_sources_for_the_next_one(archive, own_library):
    backend = archive.open()
    summary = backend.index([own_library], cancelled=lambda: True)
    assert summary.cancelled and summary.reports < 8
    assert backend.sources() == [str(own_library.resolve())]  # recorded before any work
    assert backend.rescan().reports == 8


def test_rescan_reads_new_changed_and_deleted_files(archive, own_library):
    backend = archive.open()
    backend.index([own_library])
    (own_library / "report-100.txt").write_text(report_text(100), encoding="utf-8")
    (own_library / "report-001.txt").unlink()
    changed = own_library / "report-002.txt"
    changed.write_text(report_text(2) + "\n补充一段新的独有内容。\n", encoding="utf-8")

    summary = backend.rescan()
    assert _names(summary.added) == ["report-100.txt"]
    assert _names(summary.removed) == ["report-001.txt"]
    assert _names(summary.updated) == ["report-002.txt"]
    assert summary.unchanged == 6 and summary.reports == 8
    assert backend.search(unique_phrase(1)).total == 0
    assert backend.search(unique_phrase(100)).total == 1
    assert backend.search("补充一段新的独有内容").total == 1


def test_an_unreachable_source_keeps_its_reports_offline_and_says_so_once(archive, own_library,
                                                                          tmp_path):
    backend = archive.open()
    backend.index([own_library])
    backend.take_notices()
    away = tmp_path / "drive-away"
    own_library.rename(away)  # a drive unplugged

    summary = backend.rescan()
    assert summary.removed == [] and summary.reports == 8 and len(summary.offline) == 8
    assert summary.unreachable == [str(own_library.resolve())]
    assert set(_offline(backend).values()) == {True}
    assert backend.search(unique_phrase(3)).total == 1  # still searchable
    notices = backend.take_notices()
    assert [n.code for n in notices] == ["offline.sources"]
    assert str(own_library.resolve()) in notices[0].text
    assert backend.take_notices() == []  # told once

    away.rename(own_library)
    summary = backend.rescan()
    assert summary.offline == [] and summary.unreachable == [] and summary.unchanged == 8
    assert set(_offline(backend).values()) == {False}


def test_removing_a_source_drops_its_reports_not_its_files(archive, own_library, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "report-050.txt").write_text(report_text(50), encoding="utf-8")
    backend = archive.open()
    backend.index([own_library, other])

    summary = backend.remove_source(own_library)
    assert len(summary.removed) == 8 and summary.reports == 1
    assert backend.sources() == [str(other.resolve())]
    assert [r.name for r in backend.reports()] == ["report-050.txt"]
    assert backend.search(unique_phrase(0)).total == 0
    assert len(list(own_library.rglob("*.txt"))) == 8  # the files are untouched

    nothing = backend.remove_source(tmp_path / "never-added")
    assert nothing.removed == [] and nothing.reports == 1
    assert backend.sources() == [str(other.resolve())]


def test_a_correction_shows_everywhere_and_persists(archive, own_library):
    backend = archive.open()
    backend.index([own_library])
    path = str((own_library / "report-001.txt").resolve())
    detected = backend.record(path)

    record = backend.set_metadata("report-001.txt", institution="测试更正机构", year=2001,
                                  title="更正后的标题")
    assert (record.path, record.institution, record.year, record.title) == \
        (path, "测试更正机构", 2001, "更正后的标题")
    assert record.sources.get("institution") == "correction"
    assert backend.record(path) == record
    assert record in backend.reports()
    hit = backend.search(unique_phrase(1)).hits[0]
    assert (hit.institution, hit.year, hit.title) == ("测试更正机构", 2001, "更正后的标题")
    facets = backend.search("医院").facets
    assert facets.institution["测试更正机构"] > 0 and facets.year["2001"] > 0
    assert backend.search("医院", institutions=["测试更正机构"], limit=0).hits[0].path == path

    reopened = archive.open()  # another window, another process
    assert reopened.record(path).institution == "测试更正机构"
    (own_library / "report-001.txt").write_text(report_text(1) + "\n新增一段。\n",
                                                encoding="utf-8")
    assert reopened.rescan().updated == [path]
    assert backend.record(path).institution == "测试更正机构"  # kept when read again

    cleared = backend.set_metadata(path, institution="", year=None)  # None leaves it be
    assert cleared.institution == detected.institution and cleared.year == 2001
    assert backend.set_metadata(path).title == "更正后的标题"  # nothing to change


def test_a_bad_correction_is_refused(archive, own_library):
    backend = archive.open()
    backend.index([own_library])
    for year in (1899, last_year() + 1):
        with pytest.raises(ConfigError):
            backend.set_metadata("report-001.txt", year=year)
    with pytest.raises(ReportNotFoundError):
        backend.set_metadata("no-such-report.txt", title="x")
    assert backend.record("report-001.txt").sources.get("year") != "correction"


def test_a_second_backend_sees_every_commit(archive, own_library, tmp_path):
    writer = archive.open()
    writer.index([own_library])
    reader = archive.open()
    before = reader.revision()
    assert reader.search(unique_phrase(4)).total == 1

    (own_library / "report-004.txt").unlink()
    writer.rescan()
    assert reader.revision() != before
    assert reader.search(unique_phrase(4)).total == 0
    assert len(reader.reports()) == 7

    before = reader.revision()
    writer.set_metadata("report-005.txt", title="另一个窗口的更正")
    assert reader.revision() != before
    assert reader.record("report-005.txt").title == "另一个窗口的更正"


def test_ensure_ready_on_a_ready_library_changes_nothing(archive, own_library):
    backend = archive.open()
    backend.index([own_library])
    reopened = archive.open()
    assert reopened.recovered == "" and reopened.recovery is None
    assert reopened.ensure_ready() is None
    assert reopened.reports() == backend.reports()


def test_a_backend_is_a_context_manager_and_closes_once_or_twice(archive, own_library):
    archive.open().index([own_library])
    opened = archive.opener(archive.place)
    with opened as backend:
        assert backend is opened
        assert backend.search(unique_phrase(2)).total == 1
    backend.close()  # again: nothing happens
    shutil.rmtree(own_library)  # nothing of the library's is held open
