"""The same report twice (same content, two paths): stored once, listed with every path
(``ReportRecord.paths``), through imports, re-scans, changed and deleted copies,
sources removed one after the other, unreachable sources and corrections."""

from __future__ import annotations

import shutil

import pytest
from conftest import report_text, unique_phrase

TWICE = 1  # report_text(TWICE) is in both folders


@pytest.fixture
def two_folders(tmp_path):
    """Folder a holds reports 1 and 2; folder b a copy of report 1 under another name,
    and report 3 (an emptied folder would look like an unplugged drive)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "report.txt").write_text(report_text(TWICE), encoding="utf-8")
    (a / "other.txt").write_text(report_text(2), encoding="utf-8")
    shutil.copy(a / "report.txt", b / "copy of report.txt")
    (b / "third.txt").write_text(report_text(3), encoding="utf-8")
    return a.resolve(), b.resolve()


def _hits(backend) -> int:
    return backend.search(unique_phrase(TWICE), limit=0).total


def test_a_copy_is_stored_once_and_listed_with_every_path(archive, two_folders):
    a, b = two_folders
    own, copy = str(a / "report.txt"), str(b / "copy of report.txt")
    backend = archive.open()
    summary = backend.index([a, b])
    assert sorted(summary.added) == sorted([own, str(a / "other.txt"), str(b / "third.txt")])
    assert summary.copies == [copy] and summary.reports == 3
    record = backend.record("report.txt")
    assert record.paths == (own, copy) and record.copies == (copy,)
    assert backend.record(copy) == record  # found by either path
    assert backend.report(copy).record == record
    assert [r.paths for r in backend.reports() if len(r.paths) > 1] == [(own, copy)]
    assert _hits(backend) == 1  # searched once
    assert archive.open().record("report.txt").paths == (own, copy)  # another window

    again = backend.rescan()  # nothing new: the copy is known, not found again
    assert (again.added, again.updated, again.removed, again.copies) == ([], [], [], [])
    assert again.unchanged == 4
    assert backend.record("report.txt").paths == (own, copy)


def test_removing_the_sources_one_by_one_keeps_the_report_while_a_copy_is_left(
        archive, two_folders):
    a, b = two_folders
    copy = str(b / "copy of report.txt")
    backend = archive.open()
    backend.index([a, b])
    backend.set_metadata("report.txt", title="两处都有的报告")

    summary = backend.remove_source(a)
    assert summary.removed == [str(a / "other.txt")] and summary.reports == 2
    record = backend.record("copy of report.txt")
    assert record.paths == (copy,)
    assert record.title == "两处都有的报告"  # the correction follows the report
    assert _hits(backend) == 1
    assert backend.rescan().added == []  # nothing left to find again

    summary = backend.remove_source(b)
    assert sorted(summary.removed) == sorted([copy, str(b / "third.txt")])
    assert summary.reports == 0 and backend.reports() == [] and _hits(backend) == 0


def test_removing_the_source_of_a_copy_takes_only_the_copy(archive, two_folders):
    a, b = two_folders
    backend = archive.open()
    backend.index([a, b])
    summary = backend.remove_source(b)
    assert summary.removed == [str(b / "third.txt")] and summary.reports == 2
    assert backend.record("report.txt").paths == (str(a / "report.txt"),)
    assert _hits(backend) == 1


def test_a_changed_copy_becomes_a_report_of_its_own(archive, two_folders):
    a, b = two_folders
    copy = b / "copy of report.txt"
    backend = archive.open()
    backend.index([a, b])
    copy.write_text(report_text(TWICE) + "\n另加的一段：副本里独有的句子。\n", encoding="utf-8")

    summary = backend.rescan()
    assert summary.added == [str(copy)] and summary.copies == [] and summary.reports == 4
    assert backend.record("report.txt").paths == (str(a / "report.txt"),)
    assert backend.record(str(copy)).paths == (str(copy),)
    assert _hits(backend) == 2  # two different reports now
    assert backend.search("副本里独有的句子").hits[0].path == str(copy)


def test_a_deleted_copy_leaves_the_list_and_a_deleted_original_leaves_the_copy(
        archive, two_folders):
    a, b = two_folders
    own, copy = a / "report.txt", b / "copy of report.txt"
    backend = archive.open()
    backend.index([a, b])
    own.unlink()
    summary = backend.rescan()
    assert summary.removed == [] and summary.reports == 3
    assert backend.record("report.txt").paths == (str(copy),)
    assert _hits(backend) == 1

    shutil.copy(copy, own)  # back again: a copy of the report now named by b's file
    assert backend.rescan().copies == [str(own)]
    assert backend.record(str(own)).paths == (str(copy), str(own))
    copy.unlink()
    backend.rescan()
    assert backend.record("report.txt").paths == (str(own),)
    own.unlink()
    assert backend.rescan().removed == [str(own)] and _hits(backend) == 0


def test_an_unreachable_source_keeps_its_copies(archive, two_folders, tmp_path):
    a, b = two_folders
    backend = archive.open()
    backend.index([a, b])
    away = tmp_path / "drive-away"
    b.rename(away)  # the drive holding the copy unplugged
    summary = backend.rescan()
    assert summary.removed == [] and summary.unreachable == [str(b)]
    assert backend.record("report.txt").paths == (str(a / "report.txt"),
                                                  str(b / "copy of report.txt"))
    away.rename(b)
    assert backend.rescan().copies == []
    assert len(backend.record("report.txt").paths) == 2


def test_a_correction_kept_under_a_path_that_became_a_copy_applies(archive, two_folders):
    """A correction is kept by path; when the file at that path becomes a copy of another
    report, the correction counts for that report (any of its paths, its own first)."""
    a, b = two_folders
    third = b / "third.txt"
    backend = archive.open()
    backend.index([a, b])
    backend.set_metadata("third.txt", title="第三份报告的更正标题", year=2019)
    shutil.copy(a / "other.txt", third)  # third.txt now holds other.txt's content

    summary = backend.rescan()
    assert summary.removed == [str(third)] and summary.copies == [str(third)]
    record = backend.record("other.txt")
    assert record.paths == (str(a / "other.txt"), str(third))
    assert (record.title, record.year) == ("第三份报告的更正标题", 2019)
    assert record.sources["title"] == record.sources["year"] == "correction"
    assert archive.open().record(str(third)) == record  # another window, by the copy's path
    hits = backend.search(unique_phrase(2), years=[2019]).hits
    assert [h.path for h in hits] == [str(a / "other.txt")]

    backend.set_metadata("other.txt", title="本身的更正")  # its own path's comes first
    assert backend.record(str(third)).title == "本身的更正"
