"""Crashes: the indexer is killed with SIGKILL at random moments, during writing and
during commits. Afterwards the index opens, searches work, every report committed
before the kill is intact, and re-running the import completes with no duplicates
and no lost reports."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import import_script, kill_imports, kill_while_reading, posix_only, seed_copies

from index.engine import Engine
from index.paragraphs import find_paragraphs
from index.reading import read_text
from index.store import SCHEMA_VERSION

pytestmark = posix_only  # SIGKILL: Windows has no signal that kills without a chance to clean up

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 20

# Commit every ~60 KB so that kills land in commits as often as in writing.
IMPORT = import_script("store.BATCH_BYTES = 60_000")


def _check(index_dir: Path, recover: bool = False) -> dict[str, int]:
    """Open, search, and verify every report is whole; returns {path: paragraphs}."""
    with Engine(index_dir, recover=recover) as engine:
        engine.search("医院")  # searches work
        records = engine.reports()
        counts = Counter(r.path for r in records)
        assert all(n == 1 for n in counts.values()), "duplicate report records"
        for record in records:
            view = engine.report(record.path)
            assert len(view.paragraphs) == record.paragraphs, f"partial report {record.path}"
            assert [p.ordinal for p in view.paragraphs] == list(range(1, record.paragraphs + 1))
        return {r.path: r.paragraphs for r in records}


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing(tmp_path, seed_files):
    folder = tmp_path / "reports"
    paths = seed_copies(folder, seed_files, copies=40)
    index_dir = tmp_path / "index"
    kills = kill_imports(IMPORT, folder, paths, index_dir, TRIALS, random.Random(20261124),
                         _check)
    print(f"{kills} of {TRIALS} imports killed")
    assert kills >= TRIALS // 2, "too few imports were actually interrupted"

    # Re-running the import completes: every report once, each exactly as it reads now.
    with Engine(index_dir) as engine:
        summary = engine.index([folder])
        assert not summary.skipped
    final = _check(index_dir)
    assert set(final) == {str(p.resolve()) for p in paths}
    for path in paths:
        assert final[str(path.resolve())] == len(find_paragraphs(read_text(path).text))


def test_a_stale_lock_after_a_kill_does_not_block_the_next_import(tmp_path, seed_files):
    folder = tmp_path / "reports"
    seed_copies(folder, seed_files, copies=10)
    index_dir = tmp_path / "index"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", IMPORT, str(folder), str(index_dir)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    assert child.stdout.readline().strip() == b"started"
    time.sleep(0.3)
    child.kill()
    child.wait()
    child.stdout.close()
    with Engine(index_dir) as engine:  # the dead writer's lock is gone with its process
        assert engine.index([folder]).reports == 10
    shutil.rmtree(index_dir)


REBUILD = """
import sys
from pathlib import Path
import index.store as store
store.BATCH_BYTES = 20_000
from index.engine import Engine
print("started", flush=True)
with Engine(Path(sys.argv[1]), recover=True) as engine:
    engine.ensure_ready(progress=lambda done, total, path: print(
        "read", done, total, flush=True))
print("done", flush=True)
"""


@pytest.mark.slow
def test_a_rebuild_killed_at_random_points_resumes_to_the_whole_library(tmp_path, seed_files):
    """Damage, then rebuild under SIGKILL again and again: every run resumes where the
    last stopped, nothing is doubled, the corrections stay, and the last run finishes
    the whole library (not the seeds, not half of it)."""
    folder = tmp_path / "reports"
    paths = seed_copies(folder, seed_files, copies=30)
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
        engine.set_metadata(str(paths[7].resolve()), institution="更正过的医院", year=2002)

    def damage() -> None:  # everything has to be rebuilt
        (toc,) = (index_dir / f"v{SCHEMA_VERSION}").glob("_MAIN_*.toc")
        toc.write_bytes(toc.read_bytes()[:40])

    rng = random.Random(20261201)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    for _trial in range(8):
        with Engine(index_dir, recover=True) as engine:
            if engine.store.complete:  # the last run finished: give this one work again
                engine.close()
                damage()
        child = subprocess.Popen([sys.executable, "-c", REBUILD, str(index_dir)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                 cwd=ROOT)
        kills += kill_while_reading(child, rng)
        partial = _check(index_dir, recover=True)  # opens, searches, no duplicates, whole reports
        assert set(partial) <= {str(p.resolve()) for p in paths}  # never the seeds
    print(f"{kills} of 8 rebuilds killed")
    assert kills >= 4, "too few rebuilds were actually interrupted"

    with Engine(index_dir, recover=True) as engine:
        engine.ensure_ready()
        assert engine.store.complete
    final = _check(index_dir)
    assert set(final) == {str(p.resolve()) for p in paths}
    with Engine(index_dir) as engine:
        record = {r.path: r for r in engine.reports()}[str(paths[7].resolve())]
        assert (record.institution, record.year) == ("更正过的医院", 2002)
        assert engine.search("第29号副本的独有句子").total == 1


DIE_AFTER_FIRST_COMMIT = """
import os, sys
from pathlib import Path
import index.store as store
store.BATCH_BYTES = 20_000
from whoosh import writing
commit = writing.SegmentWriter.commit

def commit_then_die(self, *args, **kwargs):
    commit(self, *args, **kwargs)
    if self.doc_count():
        os._exit(9)  # killed right after the rebuild's first commit

writing.SegmentWriter.commit = commit_then_die
from index.engine import Engine
Engine(Path(sys.argv[1]), recover=True).ensure_ready()
"""


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_rebuild_killed_after_its_first_commit_is_finished_by_the_next_run(tmp_path,
                                                                              seed_files):
    folder = tmp_path / "reports"
    paths = seed_copies(folder, seed_files, copies=12)
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
    for segment in index_dir.glob("v*/*.seg"):
        segment.write_bytes(segment.read_bytes()[:1000])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    died = subprocess.run([sys.executable, "-c", DIE_AFTER_FIRST_COMMIT, str(index_dir)],
                          env=env, cwd=ROOT, capture_output=True)
    assert died.returncode == 9, died.stderr
    assert 0 < len(_check(index_dir, recover=True)) < len(paths)  # half a library, for now

    with Engine(index_dir, recover=True) as engine:  # the next start finishes the rebuild
        told = engine.recovery.text
        engine.ensure_ready()
    assert set(_check(index_dir)) == {str(p.resolve()) for p in paths}
    assert "没有完成" in told  # and says so


DIE_IN_A_MERGE = """
import os, sys
from pathlib import Path
import index.store as store
store.BATCH_BYTES = 20_000
from index import foldedtext, textindex
connect = textindex.connect

def small_cache(folder):  # a merge's pages do not fit: they go to the file before its commit
    conn = connect(folder)
    conn.execute("PRAGMA cache_size = -64")
    return conn

merge = foldedtext.FoldedText.merge

def merge_then_die(self, segs, into, dead):
    merge(self, segs, into, dead)
    os._exit(9)  # killed inside the merge's transaction

textindex.connect = small_cache
foldedtext.FoldedText.merge = merge_then_die
from index.engine import Engine
with Engine(Path(sys.argv[2])) as engine:
    engine.index([Path(sys.argv[1])])
"""


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_an_import_killed_inside_a_merge_of_the_text_index_loses_nothing(tmp_path, seed_files):
    """The text index's merges spill their pages to the file before their commits (so a
    merge does not hold them all in memory): a kill in the middle leaves a transaction
    that SQLite rolls back; the last commit is whole and the next run completes."""
    folder = tmp_path / "reports"
    paths = seed_copies(folder, seed_files, copies=12)
    index_dir = tmp_path / "index"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    died = subprocess.run([sys.executable, "-c", DIE_IN_A_MERGE, str(folder), str(index_dir)],
                          env=env, cwd=ROOT, capture_output=True)
    assert died.returncode == 9, died.stderr
    journal = index_dir / f"v{SCHEMA_VERSION}" / "substrings.sqlite-wal"
    assert journal.stat().st_size > 0  # killed with a merge's transaction open
    partial = _check(index_dir)  # opens, searches, no duplicates, whole reports
    assert 0 < len(partial) < len(paths)
    with Engine(index_dir) as engine:
        engine.index([folder])
    assert set(_check(index_dir)) == {str(p.resolve()) for p in paths}
    with Engine(index_dir) as engine:
        assert engine.search("第11号副本的独有句子").total == 1


DIE_IN_A_BIG_REPORT = """
import json, os, signal, sys, zlib
from pathlib import Path
import index.store as store
from index import library, reading, textindex
store.WRITE_WORKERS = 0
reading.STREAM_BYTES = 8 * 1024  # the big file is streamed, a window at a time
reading.BLOCK_BYTES = 4096
library.WINDOW_CHARS = 3000
textindex.SEGMENT_CHARS = 5000
textindex.WRITER_CACHE_KIB = 128  # two pages: the transaction's pages go to the log
folder = Path(sys.argv[2]) / f"v{store.SCHEMA_VERSION}"
flush = textindex.TextWriter.flush
flushed = [0]

def flush_then_die(self):
    flush(self)
    if self._streamed is not None:
        flushed[0] += 1
        if flushed[0] == 6:  # killed in the middle of the big report's transaction
            db = folder / textindex.DB_NAME
            sealed = json.loads((folder / "checksums.json").read_text())["files"]
            print(json.dumps({
                "log": (folder / (textindex.DB_NAME + "-wal")).stat().st_size,
                "as_sealed": [db.stat().st_size, zlib.crc32(db.read_bytes())]
                == sealed[textindex.DB_NAME][:2]}), flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

textindex.TextWriter.flush = flush_then_die
from index.engine import Engine
with Engine(Path(sys.argv[2])) as engine:
    engine.index([Path(sys.argv[1])])
"""


def test_a_big_report_killed_after_its_pages_went_to_the_log_leaves_the_last_commit(
        tmp_path, seed_files):
    """The text index's open transaction does not hold a big report's pages in memory:
    they go to the write-ahead log before the commit (a cache of two pages here), never
    to the database file. Killed then, the database file is byte for byte as sealed: the
    next opening finds the last commit whole, with nothing to rebuild, and the next
    import completes."""
    import json

    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in seed_files:
        shutil.copy(seed, folder / seed.name)
    index_dir = tmp_path / "index"
    with Engine(index_dir) as engine:
        engine.index([folder])
    before = _check(index_dir)
    big = "".join(f"第{k}份汇编，收录原文如下。\n\n" + s.read_text(encoding="utf-8") + "\n\n"
                  for k in range(3) for s in seed_files)
    (folder / "汇编.txt").write_text(big, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    died = subprocess.run([sys.executable, "-c", DIE_IN_A_BIG_REPORT, str(folder),
                           str(index_dir)], env=env, cwd=ROOT, capture_output=True, text=True)
    assert died.returncode == -signal.SIGKILL, died.stderr
    seen = json.loads(died.stdout.strip().splitlines()[-1])
    assert seen["log"] > 128 * 1024  # the transaction's pages left the memory before the kill
    assert seen["as_sealed"]  # ... and the database file was untouched
    with Engine(index_dir) as engine:
        assert engine.store.reset == ("", "") and engine.recovery is None  # nothing rebuilt
    assert _check(index_dir) == before
    with Engine(index_dir) as engine:
        engine.index([folder])
        assert engine.search("第2份汇编").total == len(seed_files)  # one a seed
    assert set(_check(index_dir)) == {*before, str((folder / "汇编.txt").resolve())}
