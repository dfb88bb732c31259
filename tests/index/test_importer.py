"""Imports and re-scans: a source that cannot be reached removes nothing, a file that no
longer reads as a report leaves the index, and Cancel stops inside a big file and
inside a commit, leaving the last commit."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from conftest import posix_only, report_text, unique_phrase

from index.engine import Engine
from index.store import SCHEMA_VERSION


def _generation(index_dir) -> int:
    """The number of the index's last commit (its newest table of contents)."""
    folder = index_dir / f"v{SCHEMA_VERSION}"
    return max(int(p.name.split("_")[2].split(".")[0]) for p in folder.glob("_MAIN_*.toc"))


def _offline(engine: Engine) -> dict[str, bool]:
    return {os.path.basename(r.path): r.offline for r in engine.reports()}


@pytest.mark.parametrize("away", ["unplugged", "empty mount point"])
def test_an_unreachable_source_keeps_its_reports_offline_until_it_is_back(tmp_path, own_library,
                                                                          away):
    engine = Engine(tmp_path / "index")
    engine.index([own_library])
    drive = tmp_path / "drive-away"
    own_library.rename(drive)  # the drive is unplugged
    if away == "empty mount point":
        own_library.mkdir()

    def kept_offline(summary):
        assert summary.removed == [] and summary.reports == 8
        assert len(summary.offline) == 8
        assert summary.unreachable == [str(own_library.resolve())]

    kept_offline(engine.index([own_library]))
    kept_offline(engine.rescan())
    assert set(_offline(engine).values()) == {True}
    assert engine.search(unique_phrase(6)).total == 1  # still searchable

    if own_library.exists():
        own_library.rmdir()
    drive.rename(own_library)  # plugged in again
    summary = engine.rescan()
    assert summary.offline == [] and summary.unreachable == [] and summary.unchanged == 8
    assert set(_offline(engine).values()) == {False}


@posix_only
def test_an_unreadable_subfolder_removes_nothing(tmp_path, own_library, monkeypatch):
    engine = Engine(tmp_path / "index")
    engine.index([own_library])
    sub = own_library / "sub"
    sub.chmod(0)
    real_scandir = os.scandir

    def refusing_scandir(path="."):
        # Root reads every folder: refuse this one the way the OS refuses others.
        if os.fspath(path) == str(sub):
            raise PermissionError(13, "Permission denied", str(sub))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    try:
        summary = engine.index([own_library])
    finally:
        sub.chmod(0o755)
    assert summary.removed == []
    assert summary.unchanged == 6
    assert sorted(os.path.basename(p) for p in summary.offline) == ["report-006.txt",
                                                                   "report-007.txt"]
    assert any("无法打开文件夹" in s.reason for s in summary.skipped)
    assert _offline(engine)["report-007.txt"] is True
    assert engine.search(unique_phrase(7)).total == 1
    monkeypatch.undo()
    assert engine.rescan().offline == []


def test_a_deleted_file_in_a_reachable_folder_is_still_removed(tmp_path, own_library):
    engine = Engine(tmp_path / "index")
    engine.index([own_library])
    shutil.rmtree(own_library / "sub")  # a whole subfolder deleted on purpose
    (own_library / "report-000.txt").unlink()
    summary = engine.rescan()
    assert sorted(os.path.basename(p) for p in summary.removed) == [
        "report-000.txt", "report-006.txt", "report-007.txt"]
    assert summary.offline == [] and summary.reports == 5


@pytest.mark.parametrize("junk", [b"", bytes(range(256)) * 64, "   \n\n\u3000\n".encode()])
def test_a_report_emptied_or_overwritten_with_junk_leaves_the_index(tmp_path, own_library, junk):
    engine = Engine(tmp_path / "index")
    engine.index([own_library])
    victim = own_library / "report-004.txt"
    victim.write_bytes(junk)
    summary = engine.index([own_library])
    assert summary.removed == [str(victim.resolve())]
    ((path, reason),) = [(s.path, s.reason) for s in summary.skipped]
    assert path == str(victim) and "移除" in reason
    assert engine.search(unique_phrase(4)).total == 0  # its old paragraphs are gone
    assert summary.reports == 7
    victim.write_text(report_text(4), encoding="utf-8")  # written again: back
    assert engine.index([own_library]).added == [str(victim.resolve())]


def test_cancel_does_not_wait_for_a_big_file_to_be_read(tmp_path, own_library, monkeypatch):
    engine = Engine(tmp_path / "index")
    engine.index([own_library])
    big = own_library / "big.txt"
    big.write_text(report_text(50) + "没有句号的长文本" * 200_000, encoding="utf-8")  # ~5 MB
    try:
        import index.importer as importer
    except ImportError:  # before imports had a module of their own
        import index.store as importer

    cancel, release = threading.Event(), threading.Event()
    real_load = importer.load_report

    def slow_load(path, *args, **kwargs):
        if path.name == "big.txt":
            cancel.set()  # the user presses Cancel while this file is being read
            release.wait(20)
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(importer, "load_report", slow_load)
    generation = _generation(tmp_path / "index")
    try:
        summary = engine.index([own_library], cancelled=cancel.is_set)
        still_reading = not release.is_set()
    finally:
        release.set()
    assert summary.cancelled and still_reading  # it returned while the file was being read
    assert _generation(tmp_path / "index") == generation
    assert len(engine.reports()) == 8
    monkeypatch.undo()
    assert engine.index([own_library]).added == [str(big.resolve())]  # not blocked after


def test_cancel_during_a_commit_keeps_the_last_commit(tmp_path, own_library, monkeypatch):
    engine = Engine(tmp_path / "index")
    engine.index([own_library])
    more = tmp_path / "more"
    more.mkdir()
    for i in range(20, 26):
        (more / f"r{i}.txt").write_text(report_text(i), encoding="utf-8")
    from whoosh import writing

    cancel = threading.Event()
    flush = writing.SegmentWriter._flush_segment

    def flush_while_cancelled(self):
        cancel.set()  # Cancel pressed while the postings are being written
        return flush(self)

    monkeypatch.setattr(writing.SegmentWriter, "_flush_segment", flush_while_cancelled)
    generation = _generation(tmp_path / "index")
    summary = engine.index([more], cancelled=cancel.is_set)
    assert summary.cancelled
    assert _generation(tmp_path / "index") == generation  # no new commit
    assert len(engine.reports()) == 8 and engine.search(unique_phrase(21)).total == 0
    monkeypatch.undo()
    engine.close()
    again = Engine(tmp_path / "index")  # the index is whole, and the next import works
    assert again.recovered == ""
    assert again.index([more]).reports == 14
