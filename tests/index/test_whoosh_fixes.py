"""The Whoosh patches: each is pinned to the upstream code it replaces or hooks into, an
index folder made by someone else cannot run code when it is opened, and a commit can be
cancelled (keeping the last one and freeing the writer)."""

from __future__ import annotations

import gc
import hashlib
import inspect
import io
import json
import pickle
import shutil
import weakref
from pathlib import Path

import pytest
import whoosh
import whoosh.index
from whoosh.fields import ID, TEXT, Schema

from index import whoosh_fixes
from index.engine import Engine
from index.errors import UnsafeIndexError
from index.whoosh_fixes import cancellable

# sha256 of the upstream source each fix replaces, in whoosh-reloaded 2.7.5. When one of
# these fails, Whoosh changed under a patch: read the new code before updating the hash.
UPSTREAM_SOURCE = {
    "whoosh.codec.whoosh3.W3PerDocReader._cached_reader": "2e27976f892aee8f",
    "whoosh.writing.SegmentWriter.__init__": "6f5e4c4237ba887e",
    "whoosh.filedb.structfile.BufferFile": "5ab15f6e9f87cde5",
    "whoosh.index.TOC.read": "11d4127982324cdf",
    # What ``cancellable`` hooks into: a commit's two streams of postings.
    "whoosh.writing.SegmentWriter._flush_segment": "a4b79c8a3687febd",
    "whoosh.writing.SegmentWriter.add_postings_to_pool": "761f9e56737fb2ce",
    "whoosh.writing.SegmentWriter._process_posts": "3474b19f7f670a8c",
    "whoosh.writing.PostingPool.iter_postings": "78edf6b5c84a0acb",
    "whoosh.columns.VarBytesColumn.Reader._read_offsets_and_lengths": "9ec2fa8dfc518ef5",
    "whoosh.filedb.filetables.HashReader.__init__": "60b5860b5b50ea99",
    # What inlined postings go through (``store.make_codec``).
    "whoosh.codec.whoosh3.W3PostingsWriter.finish_postings": "d73a95bf811a6541",
    "whoosh.codec.whoosh3.W3TermInfo.inlined_postings": "75111abee0ab3f08",
    "whoosh.matching.mcore.ListMatcher.all_items": "24fcc2ae5e11b565",
    "whoosh.codec.whoosh3.W3PerDocWriter.close": "840dcbdb0e1718bb",
    # What a writer's pool keeps per posting (``_pool_add_sharing``).
    "whoosh.writing.PostingPool.add": "6b73def050008daf",
    "whoosh.writing.PostingPool.save": "5c65fc6566aeff0d",
}
# Module attributes that were pickle's own loaders, now restricted ones.
UPSTREAM_LOADERS = {
    "whoosh.codec.whoosh3.loads": pickle.loads,
    "whoosh.columns.loads": pickle.loads,
    "whoosh.formats.loads": pickle.loads,
    "whoosh.filedb.structfile.load_pickle": pickle.load,
}


def test_the_fixes_were_written_for_the_installed_whoosh():
    assert whoosh.__version__ == whoosh_fixes.WRITTEN_FOR


@pytest.mark.parametrize("name", sorted(UPSTREAM_SOURCE))
def test_the_upstream_code_a_fix_replaces_has_not_changed(name):
    source = inspect.getsource(whoosh_fixes.UPSTREAM[name])
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == UPSTREAM_SOURCE[name]


@pytest.mark.parametrize("name", sorted(UPSTREAM_LOADERS))
def test_every_pickle_loader_whoosh_bound_is_replaced(name):
    assert whoosh_fixes.UPSTREAM[name] is UPSTREAM_LOADERS[name]
    module, _, attribute = name.rpartition(".")
    import importlib

    assert getattr(importlib.import_module(module), attribute) is not UPSTREAM_LOADERS[name]


def test_the_payload_really_runs_under_plain_pickle(tmp_path):
    from conftest import _Payload

    marker = tmp_path / "ran"
    pickle.loads(pickle.dumps([_Payload(marker)]))
    assert marker.is_dir()  # so the tests below prove something


@pytest.mark.parametrize("where", ["segments", "schema"])
def test_a_malicious_table_of_contents_is_refused_without_running(tmp_path, where,
                                                                  malicious_index):
    marker = tmp_path / "ran"
    malicious_index(tmp_path / "shared", marker, where)
    with pytest.raises(UnsafeIndexError, match=r"_MAIN_1\.toc.*posix\.mkdir.*拒绝打开"):
        Engine(tmp_path / "shared", recover=True)
    assert not marker.exists()
    # Refused, not "repaired": the folder is left as it was, nothing rebuilt into it.
    assert not list((tmp_path / "shared").glob("damaged-*"))


@pytest.mark.parametrize("broken", ["meta.json", "checksums.json"])
def test_a_malicious_index_that_also_looks_damaged_is_refused_not_set_aside(
        tmp_path, broken, malicious_index):
    from index.store import SCHEMA_VERSION

    marker = tmp_path / "ran"
    malicious_index(tmp_path / "shared", marker)
    folder = tmp_path / "shared" / f"v{SCHEMA_VERSION}"
    if broken == "meta.json":
        (folder / "meta.json").unlink()  # no record of what wrote it: "damaged"
    else:  # checksums that claim the planted table of contents, with a wrong CRC
        size = (folder / "_MAIN_1.toc").stat().st_size
        (folder / "checksums.json").write_text(json.dumps(
            {"format": 1, "generation": 1, "files": {"_MAIN_1.toc": [size, 0, 0]}}),
            encoding="utf-8")
    with pytest.raises(UnsafeIndexError, match="拒绝打开"):
        Engine(tmp_path / "shared", recover=True)
    assert not marker.exists()
    assert folder.is_dir() and not list((tmp_path / "shared").glob("damaged-*"))


def test_data_pickles_admit_plain_values_only(tmp_path):
    from conftest import _Payload

    marker = tmp_path / "ran"
    value = {"record": {"path": "/a.txt", "year": 2025, "size": 10**12, "x": [1.5, None]},
             "bytes": b"\x00\xff", "set": {1, 2}}
    for protocol in (2, 5):
        assert whoosh_fixes.loads_data(pickle.dumps(value, protocol)) == value
    with pytest.raises(UnsafeIndexError, match="拒绝打开"):
        whoosh_fixes.loads_data(pickle.dumps({"record": _Payload(marker)}))
    with pytest.raises(UnsafeIndexError):
        whoosh_fixes.load_data(io.BytesIO(pickle.dumps(_Payload(marker))))
    assert not marker.exists()


def test_our_own_index_still_opens_and_upgrades(tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(seed_files[0], folder / seed_files[0].name)
    with Engine(tmp_path / "ix") as engine:
        engine.index([folder])
    with Engine(tmp_path / "ix") as engine:  # reads the table of contents it wrote
        assert engine.search("一号管三天").total == 1
        assert len(engine.reports()) == 1


# ---------------------------------------------------------------- cancellable commits


class Stop(Exception):
    pass


def _index(tmp_path):
    ix = whoosh.index.create_in(str(tmp_path), Schema(id=ID(stored=True), body=TEXT))
    with ix.writer() as writer:
        writer.add_document(id="first", body="alpha beta")
    return ix


def test_a_cancelled_commit_keeps_the_last_one_and_releases_the_lock(tmp_path):
    ix = _index(tmp_path)
    generation = ix.latest_generation()
    writer = ix.writer()
    for i in range(5000):
        writer.add_document(id=str(i), body=f"gamma delta {i}")
    cancellable(writer, lambda: True, Stop)
    with pytest.raises(Stop):
        writer.commit()
    writer.cancel()
    assert ix.latest_generation() == generation
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 1
    with ix.writer(timeout=0) as again:  # the lock was given back
        again.add_document(id="second", body="epsilon")
    assert ix.doc_count() == 2


def test_the_hook_leaves_no_reference_cycle(tmp_path):
    ix = _index(tmp_path)
    gc.collect()
    gc.disable()  # a cycle made while the writer is built stays until the end
    try:
        writer = ix.writer()
    finally:
        gc.enable()
    writer.add_document(id="x", body="zeta")
    cancellable(writer, lambda: False, Stop)
    pool = weakref.ref(writer.pool)
    writer.commit()
    gc.disable()
    try:
        del writer
        assert pool() is None  # freed at once, not by a later garbage collection
    finally:
        gc.enable()


def test_reading_a_segment_part_sequentially_does_not_copy_it():
    """Opening a searcher seeks into the postings and the term table; the stream it
    reads must not hold a copy of the part (it held all of Whoosh's postings in memory)."""
    import tracemalloc

    from whoosh.filedb import structfile

    part = bytes(range(256)) * 40_000  # 10 MB
    tracemalloc.start()
    try:
        buffered = structfile.BufferFile(memoryview(part))
        buffered.seek(5_000_000)
        assert buffered.read(4) == part[5_000_000:5_000_004]
        assert buffered.tell() == 5_000_004
        buffered.seek(-2, 2)
        assert buffered.read() == part[-2:]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


def test_each_writer_spills_into_a_scratch_folder_of_its_own(tmp_path):
    """Writers of one index at once (the import's worker processes): the first to
    finish deleted the shared ``MAIN.tmp`` with the others' spilled postings in it."""
    from whoosh.writing import SegmentWriter

    ix = _index(tmp_path)
    first, second = SegmentWriter(ix, _lk=False), SegmentWriter(ix, _lk=False)
    folders = [Path(w.temp_storage().folder) for w in (first, second)]
    assert folders[0] != folders[1] and all(f.parent == tmp_path for f in folders)
    first.add_document(id="a", body="eta")
    first.commit()
    assert not folders[0].exists() and folders[1].is_dir()  # the other's is left alone
    second.cancel()
    assert not folders[1].exists()


@pytest.mark.parametrize("write_offsets", [False, True])
def test_a_text_column_reads_the_offsets_upstream_derives(write_offsets):
    """The column's offsets summed in C are the ones upstream's loop makes, and every
    value reads back as written."""
    from whoosh import columns
    from whoosh.filedb.filestore import RamStorage

    values = [b"", b"a", "段落".encode("gb18030") * 3, b"", b"xyz" * 50] * 40
    storage = RamStorage()
    out = storage.create_file("column")
    cutoff = 10 if write_offsets else 10**6  # Whoosh writes the offsets past the cutoff
    writer = columns.VarBytesColumn(write_offsets_cutoff=cutoff).writer(out)
    for docnum, value in enumerate(values):
        writer.add(docnum, value)
    writer.finish(len(values))
    length = out.tell()
    out.close()
    ours = columns.VarBytesColumn.Reader(storage.open_file("column"), 0, length, len(values))
    upstream = columns.VarBytesColumn.Reader.__new__(columns.VarBytesColumn.Reader)
    upstream.__dict__.update(ours.__dict__)
    whoosh_fixes.UPSTREAM["whoosh.columns.VarBytesColumn.Reader._read_offsets_and_lengths"](
        upstream)
    assert list(ours._offsets) == list(upstream._offsets)
    assert list(ours._lengths) == list(upstream._lengths)
    assert ours.had_stored_offsets == write_offsets
    assert [ours[d] for d in range(len(values))] == values


def test_a_hash_table_reads_the_directory_upstream_reads():
    """A term table opened with the directory read in one piece has upstream's tables,
    extras and lookups."""
    from whoosh.filedb import filetables
    from whoosh.filedb.filestore import RamStorage

    storage = RamStorage()
    writer = filetables.OrderedHashWriter(storage.create_file("terms"))
    items = sorted((f"词{n:05d}".encode(), str(n * 7).encode()) for n in range(3000))
    for key, value in items:
        writer.add(key, value)
    writer.extras["note"] = "x"
    writer.close()
    length = storage.file_length("terms")
    ours = filetables.OrderedHashReader(storage.open_file("terms"), length)
    upstream = filetables.OrderedHashReader.__new__(filetables.OrderedHashReader)
    whoosh_fixes.UPSTREAM["whoosh.filedb.filetables.HashReader.__init__"](
        upstream, storage.open_file("terms"), length)
    assert ours.tables == upstream.tables and len(ours.tables) == 256
    assert (ours.startofdata, ours.endofdata, ours.extras["note"]) == (
        upstream.startofdata, upstream.endofdata, upstream.extras["note"])
    assert all(ours[key] == value for key, value in items)
    assert b"missing" not in ours
def _postings_index(folder: Path, codec, batches: list[list[str]]):
    """An index of our schema holding ``batches`` of paragraphs, a commit per batch
    (a segment each), written with ``codec``."""
    from index.store import make_schema

    folder.mkdir()
    ix = whoosh.index.create_in(str(folder), make_schema())
    pid = 0
    for batch in batches:
        writer = ix.writer(codec=codec, merge=False)
        for text in batch:
            writer.add_document(doctype="p", report="r", ordinal=pid + 1, kind="body",
                                words=text, text=text.encode(), pid=str(pid))
            pid += 1
        writer.commit(merge=False)
    return ix


def _what_it_answers(ix, words: list[str]) -> dict:
    """Every pid's document, each word's document frequency, and a scored search."""
    from whoosh import query as wq

    with ix.searcher() as searcher:
        reader = searcher.reader()
        docs = {searcher.stored_fields(d)["ordinal"] - 1: d for d in reader.all_doc_ids()}
        found = {pid: searcher.document_number(pid=str(pid)) for pid in docs}
        firsts = {pid: reader.term_info("pid", str(pid)).min_id() for pid in docs}
        df = {w: searcher.doc_frequency("words", w) for w in words}
        hits = [(h["ordinal"] - 1, round(h.score, 6)) for h in searcher.search(
            wq.Or([wq.Term("words", w) for w in words]), limit=None)]
    return {"pid": {p: found[p] == firsts[p] == d for p, d in docs.items()},
            "df": df, "hits": hits}


def test_inlined_postings_answer_as_stock_ones_also_after_a_merge(tmp_path):
    """The codec every writer uses (rare terms' postings inlined, no length statistics)
    answers every lookup as Whoosh's stock codec does: each pid's document, each word's
    document frequency and a scored search, in separate segments and once merged (a
    merge reads the inlined postings back through ``ListMatcher``)."""
    from whoosh.codec.whoosh3 import W3Codec

    from index.store import INLINE_POSTINGS, make_codec

    common = "国家卫生健康委员会发布统计公报"
    batches = [[f"{common}第{i}段，独有词语{i}号" for i in range(b, b + 40)]
               + ["李晓东在长治市调研" * (b // 40 + 1)] for b in (0, 40, 80)]
    words = ["统计", "公报", "李晓东", "调研", "独有", "7", "41"]
    stock = _postings_index(tmp_path / "stock", W3Codec(), batches)
    ours = _postings_index(tmp_path / "ours", make_codec(), batches)
    assert INLINE_POSTINGS > 1
    with ours.searcher() as searcher:  # rare terms are inlined indeed, common ones not
        reader = searcher.reader()
        leaf = reader.leaf_readers()[0][0]
        assert leaf.term_info("pid", "0").is_inlined()
        assert not leaf.term_info("words", "统计").is_inlined()
    expected = _what_it_answers(stock, words)
    assert all(expected["pid"].values()) and len(expected["pid"]) == 123
    assert _what_it_answers(ours, words) == expected
    for ix in (stock, ours):
        writer = ix.writer(codec=make_codec() if ix is ours else W3Codec())
        writer.delete_by_term("pid", "5")
        writer.commit(optimize=True)  # one segment: every posting read back and rewritten
    merged = _what_it_answers(ours, words)
    assert len(ours._segments()) == 1 and 5 not in merged["pid"]
    assert merged == _what_it_answers(stock, words)


def test_a_writers_pool_keeps_one_object_per_term_and_weight(tmp_path):
    """Every posting of a term in the pool holds the same bytes object, and of a weight
    the same float (upstream made new ones per document: ~80 bytes a posting); the size
    estimate, and so when the pool spills, is upstream's."""
    from whoosh import fields, index

    schema = fields.Schema(body=fields.TEXT)
    ix = index.create_in(str(tmp_path), schema)
    writer = ix.writer(limitmb=64)
    for n in range(3):
        writer.add_document(body=f"hospital clinic hospital n{n}")
    pool = writer.pool
    hospital = [item for item in pool.current if item[1] == b"hospital"]
    clinic = [item for item in pool.current if item[1] == b"clinic"]
    assert len(hospital) == 3 and len(clinic) == 3
    assert all(item[1] is hospital[0][1] for item in hospital)
    assert all(item[3] is clinic[0][3] for item in clinic)
    upstream = sum(150 + len(f) + 2 * len(t) + len(v or b"")
                   for f, t, _, _, v in pool.current)
    assert pool.currentsize == upstream
    pool.save()  # a spilled run: the terms it held are forgotten
    assert pool.shared == {}
    writer.commit()
    with ix.searcher() as searcher:
        assert searcher.doc_frequency("body", "hospital") == 3
