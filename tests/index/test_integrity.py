"""Any damage to any file of the index, and any change of what the index depends on
(schema, folding, OpenCC's table), is found at opening; the index is set aside and
rebuilt from the library's recorded sources, with the user's corrections, and never
filled with the bundled seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import unique_phrase

from index.engine import Engine
from index.errors import IndexDamagedError
from index.store import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
SEED_TITLE = "托举生命之光"  # in a seed, never in the library


def _build(index_dir: Path, library: Path) -> str:
    """Index ``library`` in a few commits, correct one report; returns its path."""
    import index.store as store

    saved, store.BATCH_BYTES = store.BATCH_BYTES, 2_000  # several segments
    try:
        with Engine(index_dir) as engine:
            engine.index([library])
            path = str((library / "report-002.txt").resolve())
            engine.set_metadata(path, institution="更正过的医院", year=2001)
    finally:
        store.BATCH_BYTES = saved
    return path


def _index_files(index_dir: Path) -> dict[str, Path]:
    folder = index_dir / f"v{SCHEMA_VERSION}"
    (toc,) = folder.glob("_MAIN_*.toc")
    segment = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    text = max(folder.glob("text/*.utf16"), key=lambda p: p.stat().st_size)
    return {"toc": toc, "segment": segment, "meta": folder / "meta.json",
            "grams": folder / "substrings.sqlite", "text": text}


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "delete":
        path.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    else:  # 64 garbled bytes in the middle, the size unchanged
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes((b ^ 0x5A) for b in data[middle:middle + 64])
                         + data[middle + 64:])


def _assert_whole(engine: Engine, library: Path, corrected: str) -> None:
    records = engine.reports()
    assert sorted(r.path for r in records) == sorted(str(p.resolve()) for p in library.rglob("*.txt"))
    for i in range(8):
        assert engine.search(unique_phrase(i)).total == 1
    assert engine.search(SEED_TITLE).total == 0  # never the seeds
    mine = {r.path: r for r in records}[corrected]
    assert (mine.institution, mine.year) == ("更正过的医院", 2001)


# Whoosh leaves the damaged file open when it fails to read it; not ours to close.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize("how", ["delete", "empty", "truncate", "garble"])
@pytest.mark.parametrize("target", ["toc", "segment", "meta", "grams", "text"])
def test_any_damage_to_any_file_is_found_and_rebuilt_from_the_library(tmp_path, own_library,
                                                                       target, how):
    if target == "meta" and how == "garble":
        how = "truncate"  # a garbled meta.json is a truncated one as far as JSON goes
    index_dir = tmp_path / "index"
    corrected = _build(index_dir, own_library)
    _damage(_index_files(index_dir)[target], how)

    with pytest.raises(IndexDamagedError):  # found at opening, not mid-search
        Engine(index_dir)

    engine = Engine(index_dir, recover=True)
    assert "损坏" in engine.recovered and engine.recovery.code == "rebuild.damaged"
    summary = engine.ensure_ready()
    assert summary is not None and summary.reports == 8
    _assert_whole(engine, own_library, corrected)
    assert len(list(index_dir.glob("damaged-*"))) == 1  # kept aside for diagnosis
    engine.close()
    again = Engine(index_dir, recover=True)  # rebuilt for good: nothing more to do
    assert again.recovered == "" and again.ensure_ready() is None


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize("how", ["delete", "empty", "garble"])
def test_the_command_line_rebuilds_a_damaged_index_with_one_message(tmp_path, own_library, how):
    home = tmp_path / "home"
    index_dir = home / "data" / "index"
    corrected = _build(index_dir, own_library)
    _damage(_index_files(index_dir)["toc"], how)
    env = {**os.environ, "REPORTSEARCH_HOME": str(home)}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "search", unique_phrase(4)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("损坏") == 1
    assert "共 1 段" in proc.stdout
    with Engine(index_dir) as engine:
        _assert_whole(engine, own_library, corrected)


def test_a_deleted_index_folder_is_rebuilt_from_the_library_not_the_seeds(tmp_path, own_library):
    import shutil

    index_dir = tmp_path / "index"
    corrected = _build(index_dir, own_library)
    shutil.rmtree(index_dir / f"v{SCHEMA_VERSION}")
    engine = Engine(index_dir)
    assert engine.recovery.code == "rebuild.missing"
    engine.ensure_ready()
    _assert_whole(engine, own_library, corrected)


def test_a_change_of_folding_rebuilds_the_index(tmp_path, own_library, monkeypatch):
    index_dir = tmp_path / "index"
    corrected = _build(index_dir, own_library)
    import index.normalize as normalize

    table = dict(normalize._table())
    table[ord("床")] = "库"  # the fold code changes what it stores for a character
    monkeypatch.setattr(normalize, "_table", lambda: table)
    engine = Engine(index_dir)
    assert engine.recovery.code == "rebuild.changed" and "折叠" in engine.recovered
    assert engine.ensure_ready().reports == 8
    _assert_whole(engine, own_library, corrected)


def test_a_change_of_the_opencc_table_rebuilds_the_index(tmp_path, own_library, monkeypatch):
    index_dir = tmp_path / "index"
    _build(index_dir, own_library)
    import index.integrity as integrity
    import index.normalize as normalize

    changed = tmp_path / "TSCharacters.txt"
    changed.write_bytes(normalize.opencc_table().read_bytes() + "乾\t干\n".encode())
    monkeypatch.setattr(integrity, "opencc_table", lambda: changed)
    engine = Engine(index_dir)
    assert engine.recovery.code == "rebuild.changed" and "繁简" in engine.recovered
    assert engine.ensure_ready().reports == 8


def test_a_commit_without_checksums_is_read_through_and_sealed(tmp_path, own_library):
    """A writer killed between Whoosh's commit and the checksums: not damage."""
    index_dir = tmp_path / "index"
    _build(index_dir, own_library)
    (index_dir / f"v{SCHEMA_VERSION}" / "checksums.json").unlink()
    engine = Engine(index_dir)
    assert engine.recovered == "" and len(engine.reports()) == 8
    assert (index_dir / f"v{SCHEMA_VERSION}" / "checksums.json").is_file()


def _fresh_process(monkeypatch) -> list[str]:
    """Forget what this process verified (as a new process would) and record every
    file whose bytes are read for their checksum."""
    from index import integrity

    monkeypatch.setattr(integrity, "_verified", {})
    read: list[str] = []
    crc = integrity._crc
    monkeypatch.setattr(integrity, "_crc", lambda path: read.append(Path(path).name) or crc(path))
    return read


def test_a_new_process_does_not_read_the_files_checked_since_they_were_written(
        tmp_path, own_library, monkeypatch):
    """Opening a large library at each start reads its sizes, not all its bytes: files
    unchanged since they were checksummed (size, times, inode) are not read again."""
    index_dir = tmp_path / "index"
    _build(index_dir, own_library)
    read = _fresh_process(monkeypatch)
    with Engine(index_dir) as engine:
        assert engine.recovered == "" and len(engine.reports()) == 8
    assert read == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize("target", ["segment", "text"])
def test_a_file_garbled_with_its_modification_time_put_back_is_still_found(
        tmp_path, own_library, monkeypatch, target):
    """Only what a write cannot hide is trusted: the change time moves on whatever
    the modification time is set back to."""
    index_dir = tmp_path / "index"
    _build(index_dir, own_library)
    path = _index_files(index_dir)[target]
    stat = path.stat()
    _damage(path, "garble")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    read = _fresh_process(monkeypatch)
    with pytest.raises(IndexDamagedError):
        Engine(index_dir)
    assert read == [path.name]


def test_a_lost_record_of_checked_files_means_reading_them_again_once(
        tmp_path, own_library, monkeypatch):
    from index import integrity

    index_dir = tmp_path / "index"
    _build(index_dir, own_library)
    folder = index_dir / f"v{SCHEMA_VERSION}"
    (folder / integrity.VERIFIED).write_text("{not json", encoding="utf-8")
    read = _fresh_process(monkeypatch)
    Engine(index_dir).close()
    assert sorted(read) == sorted(Path(n).name for n in integrity._checked(folder))
    assert len(read) >= 3  # the table of contents, a segment, the text database
    read.clear()
    monkeypatch.setattr(integrity, "_verified", {})
    Engine(index_dir).close()
    assert read == []


def _column_tables_read(monkeypatch) -> list[str]:
    """Record every segment's text column reader made (each reads and sums the
    segment's whole table of text lengths), by segment."""
    from whoosh.codec import whoosh3

    read: list[str] = []
    original = whoosh3.W3PerDocReader.column_reader

    def column_reader(self, fieldname, column):
        if fieldname == "text":
            read.append(self._segment.segment_id())
        return original(self, fieldname, column)

    monkeypatch.setattr(whoosh3.W3PerDocReader, "column_reader", column_reader)
    return read


def _segments_with_text(index_dir: Path) -> int:
    from whoosh import index

    ix = index.open_dir(str(index_dir / f"v{SCHEMA_VERSION}"))
    with ix.reader() as reader:
        return sum(1 for leaf, _ in reader.leaf_readers() if leaf.has_column("text"))


def test_a_commit_read_through_once_is_not_read_through_again_until_a_file_changes(
        tmp_path, own_library, monkeypatch):
    """The read-through reads a sample of every segment's texts through Whoosh (and so
    each segment's whole table of text lengths): once per commit, not at every start,
    as long as the files are as they were then. A file written again, or a new commit,
    is read through again."""
    from index import integrity

    index_dir = tmp_path / "index"
    _build(index_dir, own_library)
    folder = index_dir / f"v{SCHEMA_VERSION}"
    segments = _segments_with_text(index_dir)
    assert segments > 1
    tables = _column_tables_read(monkeypatch)
    _fresh_process(monkeypatch)
    monkeypatch.setattr(integrity, "_read", {}, raising=False)
    Engine(index_dir).close()  # the first start after the build reads it through
    assert len(tables) == segments

    for _ in range(2):  # later starts do not; the engine still answers
        tables.clear()
        _fresh_process(monkeypatch)
        monkeypatch.setattr(integrity, "_read", {}, raising=False)
        with Engine(index_dir) as engine:
            assert tables == []
            assert engine.recovered == "" and len(engine.reports()) == 8
            assert engine.search(unique_phrase(3)).total == 1
    generation = integrity.latest_toc(folder)
    assert integrity._record(folder)[1] == generation  # recorded in verified.json

    segment = max(folder.glob("*.seg"), key=lambda p: p.stat().st_size)
    segment.write_bytes(segment.read_bytes())  # the same bytes, written again
    tables.clear()
    read = _fresh_process(monkeypatch)
    monkeypatch.setattr(integrity, "_read", {}, raising=False)
    Engine(index_dir).close()
    assert read == [segment.name] and len(tables) == segments

    with Engine(index_dir) as engine:  # a new commit
        engine.set_metadata(str((own_library / "report-003.txt").resolve()), year=2002)
    tables.clear()
    _fresh_process(monkeypatch)
    monkeypatch.setattr(integrity, "_read", {}, raising=False)
    Engine(index_dir).close()
    assert len(tables) == _segments_with_text(index_dir)
    assert integrity._record(folder)[1] == integrity.latest_toc(folder) > generation


def test_a_search_reads_the_text_tables_of_its_hits_segments_only(
        tmp_path, own_library, monkeypatch):
    """Opening a searcher reads no segment's table of text lengths; a search reads
    those of the segments holding the hits it shows."""
    index_dir = tmp_path / "index"
    _build(index_dir, own_library)
    Engine(index_dir).close()  # read through
    assert _segments_with_text(index_dir) > 2
    tables = _column_tables_read(monkeypatch)
    with Engine(index_dir) as engine:
        engine.searcher()
        assert tables == []
        result = engine.search(unique_phrase(5))
        assert result.total == 1 and unique_phrase(5) in result.hits[0].text
        assert len(tables) == 1
