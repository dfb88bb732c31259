"""Giving memory back to the system between an import's batches.

What a batch built (a worker's pool of postings, the importing process's gram postings
and merged segments) is freed by Python when the batch is written, but the C library
keeps most of the pages for the process to reuse: a worker that pooled 150 MB stayed at
that size while the importing process merged segments, and the sum of the three
processes' resident memory, the import's peak, was the three peaks added. After each
batch's segment is written, :func:`release` collects the cycles Whoosh's writers leave
and, on Linux with glibc, asks it to return the free pages at once (``malloc_trim``).
Elsewhere (Windows, macOS, musl) only the collection is done: their allocators give
large blocks back by themselves, and no such call exists there.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

_trim: Callable[[int], int] | None = None
_looked = False


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none (looked up once)."""
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            try:
                _trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
            except (OSError, TypeError, AttributeError):
                _trim = None
            if _trim is not None:
                _trim.argtypes = [ctypes.c_size_t]
                _trim.restype = ctypes.c_int
    return _trim


def release() -> bool:
    """Collect garbage and give free memory back to the system where the C library can
    be asked to; returns whether it was asked (False: collection only)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    try:
        trim(0)
    except Exception:  # never let a memory hint fail an import
        log.debug("malloc_trim failed", exc_info=True)
        return False
    return True
