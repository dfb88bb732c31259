"""Read a report file into plain text.

Text files are decoded by BOM, then strict UTF-8, then strict GB18030, then a
detector; nothing is ever decoded with silent replacement characters. ``.docx`` and
PDF files are turned into the same plain-text dialect the paragraph finder reads:
paragraphs separated by blank lines, Word headings as Markdown ``#`` lines, table
rows as tab-separated lines.

Every failure is a :class:`ReadError` whose message a user can act on.
"""

from __future__ import annotations

import codecs
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}

# Larger files are refused rather than risking the user's memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
# A .docx expands to at most this much XML; more is a zip bomb, not a report.
MAX_DOCX_UNPACKED = 300 * 1024 * 1024
MAX_DOCX_RATIO = 200

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
        raise ReadError(f"不支持的文件类型 {suffix or '(无扩展名)'}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"无法访问文件：{exc.strerror or exc}") from exc
    if size == 0:
        raise ReadError("空文件（0 字节）")
    if size > MAX_FILE_BYTES:
        raise ReadError(f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_FILE_BYTES >> 20} MB）")
    if suffix == ".docx":
        decoded = Decoded(_read_docx(path), "docx")
    elif suffix == ".pdf":
        decoded = Decoded(_read_pdf(path), "pdf")
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc
        decoded = decode_bytes(data)
    if not decoded.text.strip():
        raise ReadError("文件中没有文字")
    return decoded


def decode_bytes(data: bytes) -> Decoded:
    """Decode text bytes: BOM, strict UTF-8, strict GB18030, then a detector."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"文件声明为 {encoding} 编码，但内容无法按此编码解读") from exc
    if b"\x00" in data[:4096]:
        utf16 = _guess_utf16(data)
        if utf16:
            return utf16
        raise ReadError("这是二进制文件，不是文本")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    return _detect(data)


def _checked(text: str, encoding: str) -> Decoded:
    """Reject text that decoded but is mostly control characters (binary data)."""
    sample = text[:20000]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
        if controls / len(sample) > 0.05:
            raise ReadError("这是二进制文件，不是文本")
    return Decoded(text, encoding)


def _guess_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: ASCII characters leave NULs on alternate bytes."""
    head = data[:4096]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    encoding = None
    if odd_nuls > len(head) // 8 and even_nuls < odd_nuls // 4:
        encoding = "utf-16-le"
    elif even_nuls > len(head) // 8 and odd_nuls < even_nuls // 4:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return _checked(data.decode(encoding), encoding)
    except (UnicodeDecodeError, ReadError):
        return None


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in (None, "ascii"):
        raise ReadError("无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030 文本）")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(f"无法识别文件编码（猜测为 {best.encoding}，但无法解码）") from exc
    # Chinese reports decoded as a Western code page are garbage: refuse them.
    if best.encoding.startswith(("cp125", "latin", "iso8859", "mac_")) and any(
        0x80 <= ord(ch) < 0x100 for ch in text[:2000]
    ):
        raise ReadError("文件编码混乱（夹杂无效字节），无法可靠解读")
    return _checked(text, best.encoding)


# ---------------------------------------------------------------- .docx


def _read_docx(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                if "EncryptionInfo" in names or "EncryptedPackage" in names:
                    raise ReadError("Word 文件已加密（有密码保护）")
                raise ReadError("不是有效的 Word 文件（缺少 word/document.xml）")
            unpacked = sum(info.file_size for info in archive.infolist())
            packed = sum(info.compress_size for info in archive.infolist()) or 1
            if unpacked > MAX_DOCX_UNPACKED or unpacked / packed > MAX_DOCX_RATIO:
                raise ReadError("Word 文件解压后异常巨大（疑似压缩炸弹），已跳过")
    except zipfile.BadZipFile as exc:
        if _is_ole(path):
            raise ReadError("Word 文件已加密（有密码保护），或是旧版 .doc 格式") from exc
        raise ReadError("Word 文件已损坏（不是有效的 zip 包）") from exc
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
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
        raise ReadError(f"Word 文件已损坏：{exc.__class__.__name__}") from exc
    return "\n\n".join(blocks)


def _is_ole(path: Path) -> bool:
    """Encrypted Office files are OLE compound files, not zips."""
    try:
        with path.open("rb") as handle:
            return handle.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    except OSError:
        return False


# ---------------------------------------------------------------- PDF


def _read_pdf(path: Path) -> str:
    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise ReadError("PDF 已加密（有密码保护）") from exc
            if not ok:
                raise ReadError("PDF 已加密（有密码保护）")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"PDF 文件已损坏：{exc.__class__.__name__}") from exc
    except Exception as exc:  # pypdf is not strict about what it raises on broken files
        raise ReadError(f"PDF 文件无法解析：{exc.__class__.__name__}") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ReadError("PDF 中没有可提取的文字（可能是扫描件，暂不支持文字识别）")
    return text
