"""The index on disk: incremental updates, corrections, schema upgrades, locking."""

from __future__ import annotations

import os
import shutil
import threading
import time

import pytest

from index.engine import Engine
from index.errors import IndexBusyError
from index.store import SCHEMA_VERSION, Store


@pytest.fixture
def library(tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in seed_files[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def _bump_mtime(path):
    later = time.time() + 5
    os.utime(path, (later, later))


def test_incremental_update_adds_changes_and_removes(tmp_path, library, seed_files):
    engine = Engine(tmp_path / "index")
    first = engine.index([library])
    assert len(first.added) == 3 and first.reports == 3

    again = engine.index([library])
    assert (again.added, again.updated, again.removed, again.unchanged) == ([], [], [], 3)

    # Touched but not changed: only the record is refreshed.
    _bump_mtime(library / seed_files[0].name)
    touched = engine.index([library])
    assert touched.updated == [] and touched.unchanged == 3

    # Changed, added, deleted.
    changed = library / seed_files[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n新增一段：独一无二的测试句子。\n",
                       encoding="utf-8")
    _bump_mtime(changed)
    shutil.copy(seed_files[3], library / seed_files[3].name)
    (library / seed_files[2].name).unlink()
    summary = engine.index([library])
    assert [os.path.basename(p) for p in summary.updated] == [seed_files[1].name]
    assert [os.path.basename(p) for p in summary.added] == [seed_files[3].name]
    assert [os.path.basename(p) for p in summary.removed] == [seed_files[2].name]
    assert summary.reports == 3
    assert engine.search("独一无二的测试句子").total == 1
    assert engine.search("托举生命之光").total == 0  # the deleted report is gone
    assert {r.name for r in engine.reports()} == {seed_files[i].name for i in (0, 1, 3)}


def test_other_folders_are_kept_when_one_is_reindexed(tmp_path, library, seeds_dir):
    engine = Engine(tmp_path / "index")
    engine.index([library])
    engine.index([seeds_dir])
    # The library holds copies of three seeds: the same reports, listed under both paths.
    assert len(engine.reports()) == 5
    assert sorted(len(r.paths) for r in engine.reports()) == [1, 1, 2, 2, 2]
    summary = engine.index([library])
    assert summary.removed == [] and summary.reports == 5


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexed(tmp_path, library):
    (library / "empty.txt").write_bytes(b"")
    (library / "binary.txt").write_bytes(bytes(range(256)) * 100)
    (library / "broken.docx").write_bytes(b"PK\x03\x04 nope")
    summary = Engine(tmp_path / "index").index([library])
    reasons = {os.path.basename(s.path): s.reason for s in summary.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.docx"}
    assert "空文件" in reasons["empty.txt"] and "二进制" in reasons["binary.txt"]
    assert summary.reports == 3


def test_corrections_relabel_paragraphs_and_survive_reindexing(tmp_path, library, seed_files):
    engine = Engine(tmp_path / "index")
    engine.index([library])
    name = seed_files[0].name
    record = engine.set_metadata(name, institution="某某医院", year=2023)
    assert (record.institution, record.year) == ("某某医院", 2023)
    assert engine.search("李晓东", institutions=["某某医院"], years=[2023]).total == 1
    # A re-read of the changed file keeps the correction.
    path = library / name
    path.write_text(path.read_text(encoding="utf-8") + "\n\n补充一段。\n", encoding="utf-8")
    _bump_mtime(path)
    engine.index([library])
    (hit,) = engine.search("李晓东").hits
    assert (hit.institution, hit.year) == ("某某医院", 2023)
    # A new engine (another process) sees the same.
    engine.close()
    assert Engine(tmp_path / "index").search("李晓东").hits[0].institution == "某某医院"


def test_searcher_sees_commits_from_another_engine(tmp_path, library, seeds_dir):
    reader = Engine(tmp_path / "index")
    reader.index([library])
    before = reader.search("中医").total
    Engine(tmp_path / "index").index([seeds_dir])  # e.g. a CLI import while the GUI is open
    assert reader.search("中医").total > before


def test_a_second_writer_gets_a_clear_message(tmp_path, library, monkeypatch):
    import index.store as store

    monkeypatch.setattr(store, "LOCK_WAIT", 0.1)
    engine = Engine(tmp_path / "index")
    writer = engine.store.index.writer()  # another import holds the lock
    try:
        with pytest.raises(IndexBusyError, match="另一个"):
            Engine(tmp_path / "index").index([library])
    finally:
        writer.cancel()
    assert Engine(tmp_path / "index").index([library]).reports == 3


def test_schema_change_rebuilds_from_the_recorded_sources(tmp_path, library, monkeypatch):
    Engine(tmp_path / "index").index([library])
    import index.store as store

    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    engine = Engine(tmp_path / "index")
    assert engine.is_empty()
    summary = engine.ensure_ready()
    assert summary is not None and len(summary.added) == 3
    assert not (tmp_path / "index" / f"v{SCHEMA_VERSION}").exists()
    assert (tmp_path / "index" / f"v{SCHEMA_VERSION + 1}").is_dir()


def test_first_run_indexes_the_bundled_seeds(tmp_path):
    engine = Engine(tmp_path / "index")
    summary = engine.ensure_ready()
    assert summary is not None and summary.reports == 5
    assert engine.ensure_ready() is None


# Whoosh leaves the damaged file open when it fails to read it; not ours to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_damaged_index_is_reported(tmp_path, library):
    from index.errors import IndexDamagedError

    Engine(tmp_path / "index").index([library])
    folder = tmp_path / "index" / f"v{SCHEMA_VERSION}"
    for segment in folder.glob("*.seg"):
        segment.write_bytes(b"\x00" * 100)
    with pytest.raises(IndexDamagedError):
        Store(tmp_path / "index")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete-column"])
def test_damaged_index_is_rebuilt_from_the_recorded_folders(tmp_path, library, damage):
    engine = Engine(tmp_path / "index")
    engine.index([library])
    record = engine.set_metadata(next(iter(engine.reports())).path, year=1999)
    engine.close()
    folder = tmp_path / "index" / f"v{SCHEMA_VERSION}"
    for segment in folder.glob("*.seg"):
        data = segment.read_bytes()
        if damage == "truncate":
            segment.write_bytes(data[: len(data) // 3])
        elif damage == "garbage":
            segment.write_bytes(data[:100] + bytes(len(data) - 200) + data[-100:])
        else:
            segment.unlink()

    recovered = Engine(tmp_path / "index", recover=True)
    assert "损坏" in recovered.recovered
    summary = recovered.ensure_ready()
    assert summary is not None and summary.reports == 3
    assert recovered.search("李晓东").total == 1
    # The user's correction survived: it lives beside the index, not in it.
    assert {r.path: r.year for r in recovered.reports()}[record.path] == 1999
    assert list((tmp_path / "index").glob("damaged-*"))  # kept aside for diagnosis


def test_cancel_goes_back_to_the_last_commit_at_once(tmp_path, seed_files, monkeypatch):
    from index import store

    folder = tmp_path / "reports"
    folder.mkdir()
    for n, source in enumerate(seed_files * 2):
        (folder / f"r{n}.txt").write_text(source.read_text(encoding="utf-8") + f"\n{n}\n",
                                          encoding="utf-8")
    cancel = threading.Event()

    def cancel_at_file(n):  # Cancel pressed as the import reaches its n-th file
        cancel.clear()
        return lambda done, total, path: cancel.set() if done == n else None

    with Engine(tmp_path / "index") as engine:
        # Nothing committed yet when Cancel comes: nothing stays, nothing is claimed.
        summary = engine.index([folder], progress=cancel_at_file(3), cancelled=cancel.is_set)
        assert summary.cancelled and summary.added == [] and engine.reports() == []
        # A commit after every file: Cancel keeps the three committed ones, and drops
        # the file it was reading when Cancel came (never committed).
        monkeypatch.setattr(store, "BATCH_BYTES", 1)
        summary = engine.index([folder], progress=cancel_at_file(3), cancelled=cancel.is_set)
        assert summary.cancelled and len(summary.added) == 3
        assert sorted(r.path for r in engine.reports()) == sorted(summary.added)
