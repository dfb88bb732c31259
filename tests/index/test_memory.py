"""Giving memory back between an import's batches (``index.memory``)."""

from __future__ import annotations

import gc
import sys

import pytest

from index import memory


def test_release_collects_reference_cycles(monkeypatch):
    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the cyclic collector frees it
    gc.disable()
    try:
        import weakref

        ref = weakref.ref(a)
        del a, b
        assert ref() is not None
        memory.release()
        assert ref() is None
    finally:
        gc.enable()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_release_asks_glibc_to_trim_on_linux():
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc")
    assert memory.release() is True


def test_release_is_harmless_where_there_is_no_malloc_trim(monkeypatch):
    """Windows, macOS, musl: no such call; only the collection is done."""
    monkeypatch.setattr(memory, "_looked", True)
    monkeypatch.setattr(memory, "_trim", None)
    assert memory.release() is False


def test_a_failing_trim_never_fails_the_caller(monkeypatch):
    def broken(pad):
        raise OSError("no")

    monkeypatch.setattr(memory, "_looked", True)
    monkeypatch.setattr(memory, "_trim", broken)
    assert memory.release() is False
