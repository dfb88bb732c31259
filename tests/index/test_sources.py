"""The library's record of its sources: what the user added, written before anything is
deleted, the one thing re-scans and rebuilds read."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import report_text, unique_phrase

from index.engine import Engine
from index.store import SCHEMA_VERSION


def _downloads(tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    for i in (40, 41, 42):
        (folder / f"report-{i}.txt").write_text(report_text(i), encoding="utf-8")
    return folder


def test_the_sources_the_user_added_are_recorded_in_a_versioned_file(tmp_path, own_library):
    one_file = _downloads(tmp_path) / "report-41.txt"
    engine = Engine(tmp_path / "index")
    engine.index([own_library, one_file])
    expected = [str(own_library.resolve()), str(one_file.resolve())]
    assert engine.sources() == expected
    on_disk = json.loads((tmp_path / "index" / "library.json").read_text(encoding="utf-8"))
    assert on_disk == {"format": 1, "sources": expected}
    assert Engine(tmp_path / "index").sources() == expected  # another process reads the same


def test_rescan_reads_the_sources_not_every_folder_holding_a_report(tmp_path, own_library):
    downloads = _downloads(tmp_path)
    engine = Engine(tmp_path / "index")
    engine.index([own_library, downloads / "report-41.txt"])
    assert len(engine.reports()) == 9
    (own_library / "report-100.txt").write_text(report_text(100), encoding="utf-8")
    (own_library / "report-001.txt").unlink()

    summary = engine.rescan()
    assert [p.rsplit("/", 1)[1] for p in summary.added] == ["report-100.txt"]
    assert [p.rsplit("/", 1)[1] for p in summary.removed] == ["report-001.txt"]
    assert summary.reports == 9  # the other Downloads files were never added
    assert engine.search(unique_phrase(40)).total == 0
    assert engine.search(unique_phrase(41)).total == 1


def test_the_record_is_written_before_anything_is_deleted(tmp_path, own_library, monkeypatch):
    engine = Engine(tmp_path / "index")
    engine.index([own_library])
    (own_library / "report-003.txt").unlink()
    more = _downloads(tmp_path)
    import index.writing as writing

    recorded_at_deletion = []
    delete = writing.WriteSession.delete_report

    def watching(self, key):
        record = json.loads((tmp_path / "index" / "library.json").read_text(encoding="utf-8"))
        recorded_at_deletion.append(record["sources"])
        delete(self, key)

    monkeypatch.setattr(writing.WriteSession, "delete_report", watching)
    engine.index([own_library, more])
    assert recorded_at_deletion == [[str(own_library.resolve()), str(more.resolve())]]


# Whoosh leaves the old index's file open when it fails to read it; not ours to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_legacy_record_is_carried_over(tmp_path, own_library):
    index_dir = tmp_path / "index"
    (index_dir / "v2").mkdir(parents=True)  # an index of the previous format
    (index_dir / "v2" / "_MAIN_1.toc").write_bytes(b"old")
    (index_dir / "sources.json").write_text(json.dumps([str(own_library.resolve())]),
                                            encoding="utf-8")
    engine = Engine(index_dir)
    assert engine.recovery.code == "rebuild.changed"
    assert engine.ensure_ready().reports == 8
    assert engine.sources() == [str(own_library.resolve())]
    assert not (index_dir / "sources.json").exists() and not (index_dir / "v2").exists()


def test_a_garbled_record_is_set_aside_and_rebuilt_from_the_index(tmp_path, own_library):
    index_dir = tmp_path / "index"
    Engine(index_dir).index([own_library])
    (index_dir / "library.json").write_bytes(b'{"format": 1, "sour')
    engine = Engine(index_dir)
    notices = engine.take_notices()
    assert [n.code for n in notices] == ["library.unreadable"]
    assert len(engine.sources()) == 8  # every report file, as a source of its own
    assert list(index_dir.glob("library.json.damaged-*"))
    assert engine.ensure_ready() is None and len(engine.reports()) == 8


def test_a_schema_upgrade_started_by_indexing_a_new_folder_keeps_earlier_reports(
        tmp_path, own_library, monkeypatch):
    index_dir = tmp_path / "index"
    Engine(index_dir).index([own_library])
    newer = _downloads(tmp_path)
    import index.store as store

    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    engine = Engine(index_dir)
    summary = engine.index([newer])
    assert summary.reports == 11
    assert engine.search(unique_phrase(0)).total == 1  # an earlier report
    assert engine.search(unique_phrase(42)).total == 1  # a new one
    assert engine.store.complete and not list(index_dir.glob("previous-*"))
    shutil.rmtree(newer)


def test_an_older_index_without_a_record_gives_its_reports_as_sources(tmp_path, own_library):
    index_dir = tmp_path / "index"
    Engine(index_dir).index([own_library])
    (index_dir / f"v{SCHEMA_VERSION}").rename(index_dir / "v2")  # as an older version left it
    (index_dir / "library.json").unlink()
    engine = Engine(index_dir)
    assert engine.recovery.code == "rebuild.changed"
    assert sorted(engine.sources()) == sorted(str(p.resolve()) for p in own_library.rglob("*.txt"))
    assert engine.ensure_ready().reports == 8
    assert engine.search("托举生命之光").total == 0  # not the seeds


def test_a_rescan_before_the_first_start_does_not_cost_the_seeds(tmp_path):
    engine = Engine(tmp_path / "index")
    assert engine.rescan().reports == 0
    assert engine.ensure_ready().reports == 5  # a library that never had a source: seeds
