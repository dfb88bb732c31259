"""Read a report file into plain text.

Text files are decoded by BOM, then strict UTF-8, then strict GB18030, then a
detector; nothing is ever decoded with silent replacement characters. ``.docx`` and
PDF files are turned into the same plain-text dialect the paragraph finder reads:
paragraphs separated by blank lines, Word headings as Markdown ``#`` lines, table
rows as tab-separated lines.

A text file over ``STREAM_BYTES`` is read as a stream instead (``text_encoding``, then
``stream_text``): the same encodings found the same way, a block at a time.

Every failure is a :class:`ReadError` whose message a user can act on. A path that
is not a regular file (a FIFO, a device such as /dev/zero, or a link to one) is
refused before a byte is read: it is checked with ``stat``, opened without blocking,
and checked again on the opened descriptor, in case it was swapped in between.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import ReadError
from .filenames import not_a_file
from .model import Notice

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}

# Larger files are refused rather than risking the user's memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
# Text files larger than this are read as a stream (``stream_text``): decoded a block at
# a time, never held whole (``library.stream_report`` splits them a window at a time).
STREAM_BYTES = 16 * 1024 * 1024
BLOCK_BYTES = 1024 * 1024  # bytes read and decoded at a time by ``stream_text``
# A .docx expands to at most this much XML; more is a zip bomb, not a report.
MAX_DOCX_UNPACKED = 300 * 1024 * 1024
MAX_DOCX_RATIO = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def read_text(path: Path) -> Decoded:
    """Return the text of a report file, whatever its format and encoding."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError("read.unsupported", suffix=suffix or Notice("read.no_suffix"))
    data = read_file(path)
    if suffix == ".docx":
        decoded = Decoded(_read_docx(data), "docx")
    elif suffix == ".pdf":
        decoded = Decoded(_read_pdf(data), "pdf")
    else:
        decoded = decode_bytes(data)
    if not decoded.text.strip():
        raise ReadError("read.no_text")
    return decoded


def open_regular(path: Path | str) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file; raises ReadError saying
    what it is otherwise, without reading from it (or blocking on it)."""
    try:
        reason = not_a_file(os.stat(path).st_mode)
    except OSError as exc:
        raise ReadError("read.access", error=exc.strerror or str(exc)) from exc
    if reason:
        raise ReadError(reason)
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_BINARY"):  # whichever this OS has
        flags |= getattr(os, name, 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError("read.failed", error=exc.strerror or str(exc)) from exc
    try:
        reason = not_a_file(os.fstat(fd).st_mode)  # replaced after the stat above?
        if reason:
            raise ReadError(reason)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_size(handle, limit: int) -> None:
    """ReadError for an open file that is empty or larger than ``limit`` bytes."""
    size = os.fstat(handle.fileno()).st_size
    if size == 0:
        raise ReadError("read.empty")
    if size > limit:
        raise ReadError("read.too_big", size=size // 1024 // 1024, limit=limit >> 20)


def read_file(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """All the bytes of a regular file of at most ``limit`` bytes (else ReadError)."""
    with open_regular(path) as handle:
        _check_size(handle, limit)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ReadError("read.failed", error=exc.strerror or str(exc)) from exc
    if len(data) > limit:  # it grew while being read
        raise ReadError("read.grew", limit=limit >> 20)
    return data


def decode_bytes(data: bytes) -> Decoded:
    """Decode text bytes: BOM, strict UTF-8, strict GB18030, then a detector."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise ReadError("read.bad_bom", encoding=encoding) from exc
    if b"\x00" in data[:4096]:
        utf16 = _guess_utf16(data)
        if utf16:
            return utf16
        raise ReadError("read.binary")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    return _detect(data)


# Control characters (below U+0020) other than white space: \t \n \v \f \r are 9-13.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def _checked(text: str, encoding: str) -> Decoded:
    """Reject text that decoded but is mostly control characters (binary data)."""
    sample = text[:20000]
    if sample:
        controls = len(_CONTROLS.findall(sample))
        if controls / len(sample) > 0.05:
            raise ReadError("read.binary")
    return Decoded(text, encoding)


def _guess_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: ASCII characters leave NULs on alternate bytes."""
    encoding = _utf16_order(data[:4096])
    if encoding is None:
        return None
    try:
        return _checked(data.decode(encoding), encoding)
    except (UnicodeDecodeError, ReadError):
        return None


def _utf16_order(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when NULs on alternate bytes of ``head`` say so."""
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    encoding = None
    if odd_nuls > len(head) // 8 and even_nuls < odd_nuls // 4:
        encoding = "utf-16-le"
    elif even_nuls > len(head) // 8 and odd_nuls < even_nuls // 4:
        encoding = "utf-16-be"
    return encoding


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in (None, "ascii"):
        raise ReadError("read.encoding")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError("read.encoding_guess", encoding=best.encoding) from exc
    # Chinese reports decoded as a Western code page are garbage: refuse them.
    if best.encoding.startswith(("cp125", "latin", "iso8859", "mac_")) and any(
        0x80 <= ord(ch) < 0x100 for ch in text[:2000]
    ):
        raise ReadError("read.garbled")
    return _checked(text, best.encoding)


# ---------------------------------------------------------------- streams


def is_streamed(path: Path, size: int) -> bool:
    """Is ``path`` a text file big enough to be read as a stream (``stream_text``)?"""
    return size > STREAM_BYTES and path.suffix.lower() in TEXT_SUFFIXES


def _blocks(path: Path, limit: int = MAX_FILE_BYTES) -> Iterator[bytes]:
    """The bytes of a regular file of at most ``limit`` bytes, a block at a time."""
    with open_regular(path) as handle:
        _check_size(handle, limit)
        total = 0
        while True:
            try:
                block = handle.read(BLOCK_BYTES)
            except OSError as exc:
                raise ReadError("read.failed", error=exc.strerror or str(exc)) from exc
            if not block:
                return
            total += len(block)
            if total > limit:  # it grew while being read
                raise ReadError("read.grew", limit=limit >> 20)
            yield block


def _decodes(path: Path, encoding: str, skip: int) -> tuple[bool, str, bool]:
    """Does the whole file decode strictly as ``encoding`` (after ``skip`` bytes of
    BOM)? Also its first 20,000 characters and whether it has any that is not a space."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    head, visible = [], False
    got = 0
    try:
        for n, block in enumerate(_blocks(path)):
            text = decoder.decode(block[skip:] if n == 0 else block)
            if got < 20000:
                head.append(text[:20000 - got])
                got += len(head[-1])
            visible = visible or bool(text.strip())
        text = decoder.decode(b"", final=True)
        visible = visible or bool(text.strip())
    except UnicodeDecodeError:
        return False, "", False
    return True, "".join(head), visible


def text_encoding(path: Path) -> tuple[str, int]:
    """The encoding of a big text file and the bytes of BOM to skip, found as
    ``decode_bytes`` finds it (BOM, strict UTF-8, strict GB18030, then a detector on
    its first block) by decoding the whole file once, a block at a time, keeping none
    of it. ReadError as ``read_text`` would raise for the same file."""
    first = next(_blocks(path), b"")
    found: tuple[str, int] | None = None
    for bom, encoding in _BOMS:
        if first.startswith(bom):
            found = (encoding, len(bom))
            failure = ReadError("read.bad_bom", encoding=encoding)
            break
    else:
        if b"\x00" in first[:4096]:
            order = _utf16_order(first[:4096])
            if order is None:
                raise ReadError("read.binary")
            found, failure = (order, 0), ReadError("read.binary")
    candidates = [found] if found else [("utf-8", 0), ("gb18030", 0)]
    for encoding, skip in candidates:
        ok, head, visible = _decodes(path, encoding, skip)
        if ok:
            break
    else:
        if found:
            raise failure
        sample = _detect(first)  # ReadError when it cannot tell
        encoding, skip = sample.encoding, 0
        ok, head, visible = _decodes(path, encoding, 0)
        if not ok:
            raise ReadError("read.encoding_guess", encoding=encoding)
    _checked(head, encoding)  # ReadError on binary data
    if not visible:
        raise ReadError("read.no_text")
    return encoding, skip


def stream_text(path: Path, encoding: str, skip: int, sha256: str) -> Iterator[str]:
    """The text of a big text file (see ``text_encoding``), a block at a time. The bytes
    are hashed as they are read: a file that changed since it was hashed (``sha256``)
    raises ReadError at its end (or sooner, if it no longer decodes)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    digest = hashlib.sha256()
    try:
        for n, block in enumerate(_blocks(path)):
            digest.update(block)
            text = decoder.decode(block[skip:] if n == 0 else block)
            if text:
                yield text
        text = decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise ReadError("read.changed") from exc
    if digest.hexdigest() != sha256:
        raise ReadError("read.changed")
    if text:
        yield text


# ---------------------------------------------------------------- .docx


def _read_docx(data: bytes) -> str:
    import zipfile  # here: searching never reads a .docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                if "EncryptionInfo" in names or "EncryptedPackage" in names:
                    raise ReadError("read.docx_encrypted")
                raise ReadError("read.docx_invalid")
            unpacked = sum(info.file_size for info in archive.infolist())
            packed = sum(info.compress_size for info in archive.infolist()) or 1
            if unpacked > MAX_DOCX_UNPACKED or unpacked / packed > MAX_DOCX_RATIO:
                raise ReadError("read.docx_bomb")
    except zipfile.BadZipFile as exc:
        if data.startswith(OLE_MAGIC):  # encrypted Office files are OLE compound files
            raise ReadError("read.docx_old") from exc
        raise ReadError("read.docx_zip") from exc

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                text = item.text.strip()
                if not text:
                    continue
                style = (item.style.name if item.style is not None else "") or ""
                if style.lower().startswith(("heading", "title")) or style.startswith("标题"):
                    level = "".join(ch for ch in style if ch.isdigit()) or "1"
                    text = "#" * min(int(level), 6) + " " + text
                blocks.append(text)
            elif isinstance(item, Table):
                rows = []
                for row in item.rows:
                    cells = [" ".join(cell.text.split()) for cell in row.cells]
                    # Merged cells repeat; keep each distinct cell once per row.
                    deduped = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]
                    if any(deduped):
                        rows.append("\t".join(deduped) if len(deduped) > 1 else deduped[0] + "\t")
                if rows:
                    blocks.append("\n".join(rows))
    except ReadError:
        raise
    except Exception as exc:  # python-docx raises many kinds on damaged XML
        raise ReadError("read.docx_damaged", error=exc.__class__.__name__) from exc
    return "\n\n".join(blocks)


# ---------------------------------------------------------------- PDF


def _read_pdf(data: bytes) -> str:
    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise ReadError("read.pdf_encrypted") from exc
            if not ok:
                raise ReadError("read.pdf_encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError("read.pdf_damaged", error=exc.__class__.__name__) from exc
    except Exception as exc:  # pypdf is not strict about what it raises on broken files
        raise ReadError("read.pdf_unparsable", error=exc.__class__.__name__) from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ReadError("read.pdf_no_text")
    return text
