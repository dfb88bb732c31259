"""The Whoosh patches: each is pinned to the upstream code it replaces, and an index
folder made by someone else cannot run code when it is opened."""

from __future__ import annotations

import hashlib
import inspect
import io
import pickle
import shutil

import pytest
import whoosh
import whoosh.index

from index import whoosh_fixes
from index.engine import Engine
from index.errors import UnsafeIndexError

# sha256 of the upstream source each fix replaces, in whoosh-reloaded 2.7.5. When one of
# these fails, Whoosh changed under a patch: read the new code before updating the hash.
UPSTREAM_SOURCE = {
    "whoosh.codec.whoosh3.W3PerDocReader._cached_reader": "2e27976f892aee8f",
    "whoosh.writing.SegmentWriter.__init__": "6f5e4c4237ba887e",
    "whoosh.filedb.structfile.BufferFile": "5ab15f6e9f87cde5",
    "whoosh.index.TOC.read": "11d4127982324cdf",
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
