"""Small fixes to Whoosh 2.7 (frozen upstream), applied when ``index`` is imported.

Each fix names the Whoosh function it replaces and why; none changes the format on disk.
They were written for whoosh-reloaded 2.7.5 (``WRITTEN_FOR``);
``tests/index/test_whoosh_fixes.py`` fails when the upstream code they replace changes.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import struct
import tempfile
import weakref
from array import array
from itertools import accumulate

from . import whoosh_imports  # noqa: F401  (imports Whoosh without what it never uses)

# isort: split
import whoosh.index
import whoosh.reading
from whoosh import columns, formats, writing
from whoosh.codec import whoosh3
from whoosh.fields import ensure_schema
from whoosh.filedb import compound, filestore, filetables, structfile
from whoosh.filedb.filetables import FileFormatError
from whoosh.matching.mcore import ListMatcher
from whoosh.system import _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE

from .errors import UnsafeIndexError

WRITTEN_FOR = (2, 7, 5)
# What each fix replaced or hooks into, by dotted name (the test pins their source).
UPSTREAM: dict[str, object] = {
    "whoosh.codec.whoosh3.W3PerDocReader._cached_reader":
        whoosh3.W3PerDocReader._cached_reader,
    "whoosh.writing.SegmentWriter.__init__": writing.SegmentWriter.__init__,
    "whoosh.filedb.filestore.FileStorage.temp_storage": filestore.FileStorage.temp_storage,
    "whoosh.filedb.structfile.BufferFile": structfile.BufferFile,
    "whoosh.index.TOC.read": whoosh.index.TOC.read.__func__,
    "whoosh.codec.whoosh3.loads": whoosh3.loads,
    "whoosh.columns.loads": columns.loads,
    "whoosh.formats.loads": formats.loads,
    "whoosh.filedb.structfile.load_pickle": structfile.load_pickle,
    # ``cancellable`` wraps the two streams of postings a commit reads.
    "whoosh.writing.SegmentWriter._flush_segment": writing.SegmentWriter._flush_segment,
    "whoosh.writing.SegmentWriter.add_postings_to_pool":
        writing.SegmentWriter.add_postings_to_pool,
    "whoosh.writing.SegmentWriter._process_posts": writing.SegmentWriter._process_posts,
    "whoosh.writing.PostingPool.iter_postings": writing.PostingPool.iter_postings,
    "whoosh.columns.VarBytesColumn.Reader._read_offsets_and_lengths":
        columns.VarBytesColumn.Reader._read_offsets_and_lengths,
    "whoosh.filedb.filetables.HashReader.__init__": filetables.HashReader.__init__,
    # What inlined postings (``store.make_codec``) go through: written, then read.
    "whoosh.codec.whoosh3.W3PostingsWriter.finish_postings":
        whoosh3.W3PostingsWriter.finish_postings,
    "whoosh.codec.whoosh3.W3TermInfo.inlined_postings": whoosh3.W3TermInfo.inlined_postings,
    "whoosh.matching.mcore.ListMatcher.all_items": ListMatcher.all_items,
    "whoosh.codec.whoosh3.W3PerDocWriter.close": whoosh3.W3PerDocWriter.close,
    # What a writer's pool of postings keeps in memory (``_pool_add_sharing``).
    "whoosh.writing.PostingPool.add": writing.PostingPool.add,
    "whoosh.writing.PostingPool.save": writing.PostingPool.save,
}


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


def _read_offsets_and_lengths(self):
    """VarBytesColumn.Reader._read_offsets_and_lengths with the offsets summed in C.

    A column written without its offsets (ours: the paragraphs' text) has them derived
    from the lengths when a searcher first reads a value, upstream by a Python loop over
    every document of the segment: ~15 ms of a fresh searcher's first answer at corpus
    ×3, growing with the library. Same arrays, ``itertools.accumulate``.
    """
    dbfile, basepos, length, doccount = (self._dbfile, self._basepos, self._length,
                                         self._doccount)
    lastbyte = basepos + length - 1
    lens_code = chr(dbfile.get_byte(lastbyte))
    offsets = None
    if lens_code == "X":
        self.had_stored_offsets = True
        lens_code = chr(dbfile.get_byte(lastbyte - 2))
        offsets_code = chr(dbfile.get_byte(lastbyte - 1))
        itemsize = struct.calcsize(offsets_code)
        offsetstart = (lastbyte - 2) - doccount * itemsize
        offsets = dbfile.get_array(offsetstart, offsets_code, doccount)
        lastbyte = offsetstart
    itemsize = struct.calcsize(lens_code)
    lenstart = lastbyte - (itemsize * doccount)
    lengths = dbfile.get_array(lenstart, lens_code, doccount)
    if offsets is None:
        offsets = array("L", accumulate(lengths, initial=0))
        del offsets[-1]
    self._offsets = offsets
    self._lengths = lengths


columns.VarBytesColumn.Reader._read_offsets_and_lengths = _read_offsets_and_lengths


def _hash_reader_init(self, dbfile, length=None, magic=b"HSH3", startoffset=0):
    """HashReader.__init__ reading the directory of its 256 hash tables in one read.

    Upstream reads it one 12-byte entry at a time: 256 reads a segment's term table,
    each a Python call through the file object; a searcher opens every segment's, and a
    fresh process opens two searchers (the read-through and the search): ~6.5 ms of the
    10.5 ms a searcher takes to open on ×3's 18 segments. Same tables, same checks.
    """
    self.dbfile = dbfile
    self.startoffset = startoffset
    self.is_closed = False
    if length is None:
        dbfile.seek(0, os.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    filemagic = dbfile.read(4)
    if filemagic != magic:
        raise FileFormatError(f"Unknown file header {filemagic!r}")
    self.hashtype = dbfile.read_byte()
    self.hashfn = filetables._hash_functions[self.hashtype]
    dbfile.read_int()
    dbfile.read_int()
    self.startofdata = dbfile.tell()
    exptr = startoffset + length - _INT_SIZE
    exlen = dbfile.get_int(exptr)
    expos = exptr - exlen
    dbfile.seek(expos)
    self._read_extras()
    dbfile.seek(expos - filetables._directory_size)
    directory = dbfile.read(filetables._directory_size)
    self.tables = list(filetables._dir_entry.iter_unpack(directory))
    self.endofdata = self.tables[0][0]


filetables.HashReader.__init__ = _hash_reader_init


_segment_writer_init = UPSTREAM["whoosh.writing.SegmentWriter.__init__"]


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


def _temp_storage_of_its_own(self, name=None):
    """FileStorage.temp_storage in a folder no other writer shares.

    Upstream names a writer's scratch folder after the index (``MAIN.tmp``), so every
    writer of one index uses the same folder, and the first to finish deletes it with
    the others' spilled postings in it: the importing process's worker processes write
    at once. A folder made by ``mkdtemp`` beside it is this writer's alone.
    """
    prefix = f"{name or 'whoosh'}-"
    # Not ``.create()``: on a folder that exists it keeps the error it ignores in a local
    # (``e = sys.exc_info()[1]``), a cycle through its frame and its callers' that held
    # the new writer, and its pool of postings, until the cyclic collector ran.
    return filestore.FileStorage(tempfile.mkdtemp(prefix=prefix, dir=self.folder))


filestore.FileStorage.temp_storage = _temp_storage_of_its_own

def _pool_add_sharing(self, item):
    """PostingPool.add keeping one object per distinct term and weight.

    Upstream pools each posting as a tuple holding a bytes object of its own for the
    term and a float of its own for the weight (the analyser makes new ones for every
    document), ~80 of the ~180 bytes a posting takes in memory: the pool of a worker
    (``wordworkers``) holding 4 MB of source was 115 MB resident. Sharing them (the
    same values, so the same sort, runs and segment) takes it to ~85 MB, at one dict
    look-up each, with the size estimate, and so when the pool spills, unchanged (the
    upstream asserts on the types are dropped; only our writers add postings).
    """
    fieldname, tbytes, docnum, weight, vbytes = item
    try:
        shared = self.shared
    except AttributeError:
        shared = self.shared = {}
    tbytes = shared.setdefault(tbytes, tbytes)
    weight = shared.setdefault(weight, weight)
    self.fieldnames.add(fieldname)
    # Upstream's estimate: tuple 48, field name 21, text 26 + 2 per byte, docnum 18,
    # weight 16, value 21 (bytes).
    self.currentsize += 150 + len(fieldname) + 2 * len(tbytes) + len(vbytes or b"")
    if self.currentsize > self.limit:
        self.save()
    self.current.append((fieldname, tbytes, docnum, weight, vbytes))


_pool_save = writing.PostingPool.save


def _pool_save_forgetting(self):
    """PostingPool.save, then the shared terms forgotten: the run on disk holds them."""
    _pool_save(self)
    self.shared = {}


writing.PostingPool.add = _pool_add_sharing
writing.PostingPool.save = _pool_save_forgetting

_per_doc_close = whoosh3.W3PerDocWriter.close


def _per_doc_close_removing_its_scratch(self):
    """W3PerDocWriter.close, then its own scratch folder removed: upstream's was the
    writer's shared ``MAIN.tmp``, which the writer removed when it finished; each is a
    folder of its own now (above), left behind in the index folder at every commit."""
    _per_doc_close(self)
    with contextlib.suppress(OSError):
        self._cols._tempstorage.destroy()


whoosh3.W3PerDocWriter.close = _per_doc_close_removing_its_scratch


def _inlined_postings(self):
    """W3TermInfo.inlined_postings with a value for each posting.

    A term with fewer postings than the codec's ``inlinelimit`` (``store.make_codec``)
    keeps them in the term table; Whoosh's postings writer calls ``set_inline`` for it,
    which upstream never defined (``set_inlined`` it did). For a format without values
    (ID fields) no values are stored, and upstream's ``ListMatcher`` then answers ``""``
    (text, which a merge's postings writer refuses) for ``value()`` and nothing at all for
    ``all_items()``: each posting gets the empty value ``b""`` here instead.
    """
    ids, weights, values = self._inlined
    if len(values) != len(ids):
        values = (b"",) * len(ids)
    return ids, weights, values


whoosh3.W3TermInfo.set_inline = whoosh3.W3TermInfo.set_inlined
whoosh3.W3TermInfo.inlined_postings = _inlined_postings


class _BufferStream(io.RawIOBase):
    """A read-only, seekable stream over a buffer without copying it (``BytesIO``
    copies): each read copies only the bytes it returns."""

    def __init__(self, buf):
        super().__init__()
        self._view = memoryview(buf).cast("B")
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view),
                                                                   self._pos + size)
        data = self._view[self._pos:end].tobytes() if end > self._pos else b""
        self._pos = max(self._pos, end)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        rest = self._view[self._pos:]
        at = bytes(rest[:size] if size is not None and size >= 0 else rest).find(b"\n")
        return self.read(at + 1 if at >= 0 else size)


class _LazyBufferFile(structfile.StructFile):
    """BufferFile without the up-front copy.

    Upstream wraps each part of a memory-mapped segment in ``BytesIO(buffer)``, which
    copies it, although the column and postings readers only use ``get`` and
    ``get_array`` on the buffer itself. On the ×10 corpus those copies held about half
    a gigabyte. Here a stream is made only if something reads sequentially, and it reads
    the buffer in place: opening a searcher seeks into the postings and the term table
    (their headers), which with a copy held all of them in memory (44 MB of the 234 MB of
    a searching process on the corpus ×3).
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
            self._stream = _BufferStream(self._buf)
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


# ---------------------------------------------------------------- cancellable commits

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


# ---------------------------------------------------------------- pickles
#
# Whoosh stores its table of contents (the schema and the list of segments) and some
# data (stored fields, term and posting-block headers, a compound file's directory) as
# pickles. Unpickling runs whatever a pickle names, so an index folder from someone
# else (a shared drive, ``--index-dir``) could run their code when opened. Every pickle
# Whoosh reads is loaded here by an unpickler that admits only the classes our own
# index writes, found by reading Whoosh's ``index.py``, ``fields.py``, ``columns.py``
# and ``codec/whoosh3.py`` and by unpickling real tables of contents of both schemas.

# Plain values: what stored fields and Whoosh's headers hold besides dicts, lists,
# tuples, strings and numbers (which need no class). Protocol 2 pickles bytes as
# ``_codecs.encode(text, "latin1")``.
DATA_CLASSES = frozenset({
    ("_codecs", "encode"),
    ("builtins", "int"), ("__builtin__", "long"), ("builtins", "float"),
    ("builtins", "set"), ("__builtin__", "set"), ("builtins", "frozenset"),
    ("builtins", "bytearray"), ("collections", "defaultdict"),
})
# The table of contents: the schema (``store.make_schema``, and the older schema an
# upgrade still reads, which had sortable columns) and the segment list.
TOC_CLASSES = DATA_CLASSES | frozenset({
    ("whoosh.fields", "Schema"),
    ("whoosh.fields", "ID"), ("whoosh.fields", "NUMERIC"), ("whoosh.fields", "STORED"),
    ("whoosh.fields", "COLUMN"), ("index.analysis", "WordField"),
    ("whoosh.analysis.tokenizers", "IDTokenizer"),
    ("whoosh.formats", "Existence"), ("whoosh.formats", "Frequency"),
    ("whoosh.columns", "VarBytesColumn"), ("whoosh.columns", "NumericColumn"),
    ("whoosh.codec.whoosh3", "W3Codec"), ("whoosh.codec.whoosh3", "W3Segment"),
})


class _RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that refuses every class outside ``allowed``."""

    def __init__(self, file, allowed: frozenset[tuple[str, str]]):
        super().__init__(file)
        self._allowed = allowed

    def find_class(self, module: str, name: str):
        if (module, name) not in self._allowed:
            raise UnsafeIndexError(
                f"索引文件中含有不属于索引数据的内容（{module}.{name}，打开它会执行其中的代码），"
                "已拒绝打开。请换一个索引文件夹，或删除这个文件夹后重新导入。"
            )
        return super().find_class(module, name)

    def persistent_load(self, pid):
        raise UnsafeIndexError("索引文件中含有不属于索引数据的内容，已拒绝打开。")


def load_data(file) -> object:
    """``pickle.load`` for Whoosh's data pickles: plain values only."""
    return _RestrictedUnpickler(file, DATA_CLASSES).load()


def loads_data(data: bytes) -> object:
    """``pickle.loads`` for Whoosh's data pickles: plain values only."""
    return _RestrictedUnpickler(io.BytesIO(data), DATA_CLASSES).load()


def loads_toc(data: bytes | io.IOBase) -> object:
    """Unpickle part of a table of contents: Whoosh's schema and segment classes only."""
    file = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    return _RestrictedUnpickler(file, TOC_CLASSES).load()


def _read_toc(cls, storage, indexname, gen=None, schema=None):
    """whoosh.index.TOC.read with restricted unpickling (see above).

    Upstream unpickles the schema and the segment list with ``pickle``; here they go
    through ``loads_toc``. The legacy table-of-contents formats of Whoosh 2.5 and
    older, which this program never wrote, are not read at all.
    """
    if gen is None:
        gen = cls._latest_generation(storage, indexname)
        if gen < 0:
            raise whoosh.index.EmptyIndexError(
                f"Index {indexname!r} does not exist in {storage!r}"
            )
    tocfilename = cls._filename(indexname, gen)
    stream = storage.open_file(tocfilename)
    try:
        for name, target in (("int", _INT_SIZE), ("long", _LONG_SIZE), ("float", _FLOAT_SIZE)):
            size = stream.read_varint()
            if size != target:
                raise whoosh.index.IndexError(
                    "Index was created on different architecture:"
                    f" saved {name} = {size}, this computer = {target}"
                )
        if stream.read_int() != -12345:
            raise whoosh.index.IndexError("Number misread: byte order problem")
        version = stream.read_int()
        release = (stream.read_varint(), stream.read_varint(), stream.read_varint())
        if version != whoosh.index._CURRENT_TOC_VERSION:
            raise whoosh.index.IndexVersionError(f"Can't read format {version}", version)
        if schema:
            stream.skip_string()
        else:
            schema = loads_toc(stream.read_string())
        schema = ensure_schema(schema)
        index_gen = stream.read_int()
        if index_gen != gen:
            raise whoosh.index.IndexError(f"Generation {index_gen} in {tocfilename}, not {gen}")
        stream.read_int()  # unused
        segments = loads_toc(stream.file)
    except UnsafeIndexError as exc:
        folder = getattr(storage, "folder", "")
        raise UnsafeIndexError(f"{folder}/{tocfilename}：{exc}") from None
    finally:
        stream.close()
    return cls(schema, segments, gen, version=version, release=release)


whoosh.index.TOC.read = classmethod(_read_toc)
# Each module bound its own name for pickle's loaders at import.
whoosh3.loads = loads_data
columns.loads = loads_data
formats.loads = loads_data
structfile.load_pickle = load_data


class _LazyColumns(columns.MultiColumnReader):
    """``MultiReader.column_reader``'s column, each segment's reader made when one of
    its values is first read: making one reads the segment's whole table of value
    lengths (and sums it into offsets), which a search needs only for the segments
    holding its hits."""

    def __init__(self, leaves: list, offsets: list[int], fieldname: str):
        super().__init__([None] * len(leaves), offsets)
        self._leaves = leaves
        self._fieldname = fieldname

    def _column(self, x: int):
        column = self._readers[x]
        if column is None:
            column = self._readers[x] = self._leaves[x].column_reader(self._fieldname)
        return column

    def __getitem__(self, docnum):
        x, y = self._reader_and_docnum(docnum)
        return self._column(x)[y]

    def __iter__(self):
        for x in range(len(self._readers)):
            yield from self._column(x)


def column_reader(reader, fieldname: str):
    """``reader.column_reader(fieldname)`` (``[]`` when no segment has the column), with
    each segment's reader made when first read (``_LazyColumns``)."""
    if not reader.has_column(fieldname):
        return []
    if isinstance(reader, whoosh.reading.MultiReader):
        pairs = [(leaf, offset) for leaf, offset in zip(reader.readers, reader.doc_offsets,
                                                          strict=True)
                 if leaf.has_column(fieldname)]
        return _LazyColumns([leaf for leaf, _ in pairs], [offset for _, offset in pairs],
                            fieldname)
    return reader.column_reader(fieldname)
