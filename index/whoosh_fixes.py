"""Small fixes to Whoosh 2.7 (frozen upstream), applied when ``index`` is imported.

Each fix names the Whoosh function it replaces and why; none changes the format on disk.
"""

from __future__ import annotations

import contextlib
import io
import weakref

from whoosh import writing
from whoosh.codec import whoosh3
from whoosh.filedb import compound, filestore, structfile


def _cached_reader(self, fieldname, column):
    """W3PerDocReader._cached_reader without a file-system call per posting.

    Upstream caches a column reader only when the column exists; for fields without
    lengths (non-scorable ones) it asks the file system again for every posting that
    is written, which took 40% of indexing time on our corpus.
    """
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader


_segment_writer_init = writing.SegmentWriter.__init__


def _segment_writer_init_releasing(self, ix, *args, **kwargs):
    """SegmentWriter.__init__ that gives the index lock back when it fails.

    Upstream takes the write lock, then creates its files; when that fails (a full
    disk, a folder made read-only) the lock stays held by the half-built writer until
    the process exits, and every later import in the app reports the index as busy.
    """
    try:
        _segment_writer_init(self, ix, *args, **kwargs)
    except BaseException:
        lock = getattr(self, "writelock", None)
        if lock is not None:
            # After a LockError it was never acquired: then there is nothing to give back.
            with contextlib.suppress(Exception):
                lock.release()
        raise


writing.SegmentWriter.__init__ = _segment_writer_init_releasing


class _LazyBufferFile(structfile.StructFile):
    """BufferFile without the up-front copy.

    Upstream wraps each part of a memory-mapped segment in ``BytesIO(buffer)``, which
    copies it, although the column and postings readers only use ``get`` and
    ``get_array`` on the buffer itself. On the ×10 corpus those copies held about half
    a gigabyte. Here the stream is made only if something reads sequentially.
    """

    def __init__(self, buf, name=None, onclose=None):
        self._buf = buf
        self._name = name
        self._stream = None
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    @property
    def file(self):
        if self._stream is None:
            self._stream = io.BytesIO(self._buf)
        return self._stream

    @file.setter
    def file(self, value):
        self._stream = value

    def close(self):
        if self.is_closed:
            raise Exception("This file is already closed")
        if self.onclose:
            self.onclose(self)
        if self._stream is not None:
            self._stream.close()
        self.is_closed = True

    subset = structfile.BufferFile.subset
    get = structfile.BufferFile.get
    get_array = structfile.BufferFile.get_array


structfile.BufferFile = _LazyBufferFile
compound.BufferFile = _LazyBufferFile
filestore.BufferFile = _LazyBufferFile


CHECK_EVERY = 2048  # postings between two looks at the Cancel flag during a commit


def cancellable(writer, cancelled, error: type[BaseException]) -> None:
    """Let a commit of ``writer`` (a SegmentWriter) stop when ``cancelled()`` turns true.

    A Whoosh commit writes every posting of the batch, and copies those of the small
    segments it merges, in Python: on this machine tens of seconds for 8 MB of text, with
    no way to stop. Here the two streams of postings it reads (``pool.iter_postings()`` in
    ``_flush_segment`` and ``_process_posts`` in ``add_postings_to_pool``, as in Whoosh
    2.7.4/whoosh-reloaded 2.7.5) pass through a check that raises ``error``; the commit
    then stops before it writes its table of contents, so the last commit stays the
    index, and the caller cancels the writer. Patched per writer, not for the class.
    """
    # Weak references and the class's functions: an instance attribute holding a bound
    # method of its own object is a reference cycle, and would keep each writer's pool
    # of postings (hundreds of MB) alive until the cyclic collector runs.
    pool, this = weakref.ref(writer.pool), weakref.ref(writer)
    iter_postings = type(writer.pool).iter_postings
    process_posts = type(writer)._process_posts

    def checked(items):
        for n, item in enumerate(items):
            if n % CHECK_EVERY == 0 and cancelled():
                raise error()
            yield item

    def checked_iter_postings():
        if cancelled():  # before the sort of the whole batch, which cannot be interrupted
            raise error()
        return checked(iter_postings(pool()))

    writer.pool.iter_postings = checked_iter_postings
    writer._process_posts = lambda items, startdoc, docmap: checked(
        process_posts(this(), items, startdoc, docmap))
