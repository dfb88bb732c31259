"""The same report twice: a copy of a report in a second folder is indexed once and
listed as another path of the same report, through re-scans, removals and corrections."""

from __future__ import annotations

import shutil

import pytest

from index.engine import Engine

PHRASE = "一号管三天"


@pytest.fixture
def two_folders(tmp_path, seed_files):
    """Folder a holds two seeds; folder b a copy of one of them under another name, and
    a third seed (an emptied folder would look like an unplugged drive)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    source = next(f for f in seed_files if PHRASE in f.read_text(encoding="utf-8"))
    other = next(f for f in seed_files if f != source)
    shutil.copy(source, a / "report.txt")
    shutil.copy(other, a / "other.txt")
    shutil.copy(source, b / "copy of report.txt")
    third = next(f for f in seed_files if f not in (source, other))
    shutil.copy(third, b / "third.txt")
    return a, b


def _hits(engine: Engine) -> int:
    return engine.search(PHRASE, limit=0).total


def test_a_copy_is_indexed_once_and_listed_on_the_report(tmp_path, two_folders):
    a, b = two_folders
    engine = Engine(tmp_path / "index")
    once = Engine(tmp_path / "index-one")
    once.index([a])
    summary = engine.index([a, b])
    assert summary.copies == [str(b / "copy of report.txt")]
    assert len(summary.added) == 3
    assert _hits(engine) == _hits(once)  # not doubled
    record = engine.record("report.txt")
    assert record.paths == (str(a / "report.txt"), str(b / "copy of report.txt"))
    assert record.copies == (str(b / "copy of report.txt"),)
    assert engine.record("copy of report.txt") == record  # found by either path
    assert [len(r.paths) for r in engine.reports()].count(2) == 1


def test_a_rescan_keeps_the_copy_unchanged_and_a_changed_copy_becomes_a_report(
        tmp_path, two_folders):
    a, b = two_folders
    engine = Engine(tmp_path / "index")
    engine.index([a, b])
    again = engine.rescan()
    assert again.added == again.updated == again.removed == again.copies == []
    assert len(engine.record("report.txt").paths) == 2
    copy = b / "copy of report.txt"
    copy.write_text(copy.read_text(encoding="utf-8") + "\n另加的一段：独有的句子。\n",
                    encoding="utf-8")
    changed = engine.rescan()
    assert changed.added == [str(copy)]
    assert engine.record("report.txt").paths == (str(a / "report.txt"),)
    assert engine.search("独有的句子").total == 1


def test_removing_one_copy_keeps_the_report_with_the_other_path(tmp_path, two_folders):
    a, b = two_folders
    engine = Engine(tmp_path / "index")
    engine.index([a, b])
    before = _hits(engine)
    (a / "report.txt").unlink()
    summary = engine.rescan()
    assert summary.removed == []
    record = engine.record("copy of report.txt")
    assert record.paths == (str(b / "copy of report.txt"),)
    assert _hits(engine) == before
    (b / "copy of report.txt").unlink()
    engine.rescan()
    assert _hits(engine) == 0


def test_a_deleted_copy_leaves_the_list(tmp_path, two_folders):
    a, b = two_folders
    engine = Engine(tmp_path / "index")
    engine.index([a, b])
    (b / "copy of report.txt").unlink()
    engine.rescan()
    assert engine.record("report.txt").paths == (str(a / "report.txt"),)


def test_removing_the_source_of_the_report_keeps_it_from_the_other_source(tmp_path,
                                                                         two_folders):
    a, b = two_folders
    engine = Engine(tmp_path / "index")
    engine.index([a, b])
    before = _hits(engine)
    summary = engine.remove_source(a)
    assert summary.removed == [str(a / "other.txt")]
    assert engine.record("copy of report.txt").paths == (str(b / "copy of report.txt"),)
    assert _hits(engine) == before


@pytest.mark.parametrize("corrected_by", ["report.txt", "copy of report.txt"])
def test_a_correction_by_either_path_applies_and_survives_losing_the_first(
        tmp_path, two_folders, corrected_by):
    a, b = two_folders
    engine = Engine(tmp_path / "index")
    engine.index([a, b])
    engine.set_metadata(corrected_by, title="更正后的标题")
    assert engine.record("report.txt").title == "更正后的标题"
    (a / "report.txt").unlink()
    engine.rescan()
    assert engine.record("copy of report.txt").title == "更正后的标题"


def test_a_correction_saved_under_the_copy_path_applies(tmp_path, two_folders):
    a, b = two_folders
    engine = Engine(tmp_path / "index")
    engine.corrections.set(b / "copy of report.txt", institution="某某医院")
    engine.index([a, b])
    assert engine.record("report.txt").institution == "某某医院"
