"""The Whoosh hook that lets a commit be cancelled: pinned to the upstream code it relies
on, and proven to stop a commit, keep the last one and free the writer."""

from __future__ import annotations

import gc
import inspect
import weakref
from importlib import metadata

import pytest
from whoosh import index, writing
from whoosh.fields import ID, TEXT, Schema

from index.whoosh_fixes import cancellable


class Stop(Exception):
    pass


def test_the_upstream_code_the_hook_relies_on_is_unchanged():
    assert metadata.version("whoosh-reloaded") == "2.7.5"
    assert "self.pool.iter_postings()" in inspect.getsource(writing.SegmentWriter._flush_segment)
    assert "self._process_posts(" in inspect.getsource(writing.SegmentWriter.add_postings_to_pool)


def _index(tmp_path):
    ix = index.create_in(str(tmp_path), Schema(id=ID(stored=True), body=TEXT))
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
    writer = ix.writer()
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
