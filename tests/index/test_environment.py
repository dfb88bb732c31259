"""A hostile environment: unwritable or full data folders, missing seeds, files that
vanish mid-import, searching while another process writes."""

from __future__ import annotations

import errno
import shutil
import threading
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import IndexWriteError, ReportSearchError


@pytest.fixture
def library(tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in seed_files:
        shutil.copy(path, folder / path.name)
    return folder


def test_a_data_folder_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ReportSearchError, match="无法创建索引文件夹"):
        Engine(blocker / "index")


# Whoosh leaves its half-written files open when a write fails; not ours to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_full_disk_during_commit_keeps_the_last_good_index(tmp_path, library, seed_files,
                                                              monkeypatch):
    engine = Engine(tmp_path / "index")
    engine.index([library])
    extra = tmp_path / "more"
    extra.mkdir()
    # Another report (a seed's very content would be recorded as that seed's copy).
    (extra / "another.txt").write_text(seed_files[0].read_text(encoding="utf-8")
                                       + "\n另一份报告的一段。\n", encoding="utf-8")

    from whoosh.filedb import structfile

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(structfile.StructFile, "write", full)
    with pytest.raises(IndexWriteError, match="No space left"):
        engine.index([extra])
    monkeypatch.undo()
    engine.close()
    after = Engine(tmp_path / "index")
    assert len(after.reports()) == 5
    assert after.search("李晓东").total == 1
    assert after.index([extra]).reports == 6  # once there is room again, it goes on


def test_missing_seeds_are_not_an_error(tmp_path, monkeypatch):
    import index.engine as engine_module

    monkeypatch.setattr(engine_module, "seeds_dir", lambda: tmp_path / "no-seeds")
    engine = Engine(tmp_path / "index")
    assert engine.ensure_ready() is None
    assert engine.reports() == []
    assert engine.search("医院").total == 0


def test_a_report_deleted_between_listing_and_reading_is_skipped(tmp_path, library, monkeypatch):
    import index.importer as importer

    real = importer.iter_report_files
    victim = sorted(library.iterdir())[0]

    def listing_then_delete(paths):
        items = list(real(paths))
        victim.unlink()  # gone after it was listed
        yield from items

    monkeypatch.setattr(importer, "iter_report_files", listing_then_delete)
    summary = Engine(tmp_path / "index").index([library])
    assert summary.reports == 4
    ((path, reason),) = [(s.path, s.reason) for s in summary.skipped]
    assert Path(path).name == victim.name and "无法" in reason


def test_searches_keep_working_while_an_import_writes(tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(60):
        seed = seed_files[i % len(seed_files)]
        (folder / f"{i:02d}.txt").write_text(seed.read_text(encoding="utf-8") + f"\n\n第{i}份。",
                                             encoding="utf-8")
    reader = Engine(tmp_path / "index")
    writer = Engine(tmp_path / "index")
    errors: list[BaseException] = []

    def run_import():
        try:
            import index.store as store

            store.BATCH_BYTES = 50_000  # many commits while we search
            writer.index([folder])
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.BATCH_BYTES = 8 * 1024 * 1024

    thread = threading.Thread(target=run_import)
    thread.start()
    totals = []
    while thread.is_alive():
        totals.append(reader.search("医院").total)
    thread.join()
    assert not errors
    assert totals == sorted(totals)  # each snapshot sees at least what the last one did
    assert reader.search("医院").total > 0
    assert len(reader.reports()) == 60
