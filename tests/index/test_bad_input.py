"""Indexing a folder of nasty files next to good reports: every good report is indexed,
every bad file is listed with a clear reason, memory stays bounded, nothing crashes."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import is_root, posix_only

ROOT = Path(__file__).resolve().parents[2]
GOOD_TEXT = "长治市第二人民医院\n\n一号管三天受益患者1000余人次。"


def good(tag: str) -> str:
    """GOOD_TEXT with a line of its own: files with the very same content would be one
    report found in several places (indexed once), not several reports."""
    return f"{GOOD_TEXT}\n\n本文件：{tag}。"


def _docx_bytes(text: str) -> bytes:
    import io

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


def make_nasty_files(folder: Path) -> dict[str, str]:
    """Write the suite; returns {relative path: a word its skip reason must contain}.
    Files expected to be *indexed* (odd but readable) map to ""."""
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, reason: str) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[name] = reason

    put("binary.txt", bytes(range(256)) * 64, "二进制")
    put("elf.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 4000, "二进制")
    put("png-named.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "二进制")
    put("empty.txt", b"", "空文件")
    put("spaces.txt", b"   \n\n\t  \r\n  ", "没有文字")
    put("bom-only.txt", codecs.BOM_UTF8, "没有文字")
    put("nul-padded.txt", b"\x00" * 5000, "二进制")
    # Mostly GBK with invalid bytes mixed in: refused, never shown garbled.
    put("gbk-broken.txt", "医院".encode("gbk") * 50 + b"\xff\xfe\xfa" * 30 + "报告".encode("gbk"),
        "编码")
    put("utf16-odd.txt", codecs.BOM_UTF16_LE + "医院报告".encode("utf-16-le") + b"\x00", "编码")
    put("truncated.docx", _docx_bytes("截断的文件")[:700], "损坏")
    put("not-a-zip.docx", b"PK\x03\x04" + os.urandom(2000), "损坏")
    put("password.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000), "加密")
    put("old-word.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000, "加密")
    put("empty-zip.docx", _zip({}), "不是有效的")
    put("bomb.docx", _zip({"word/document.xml": b"<" + b"x" * (40 * 1024 * 1024)}), "压缩炸弹")
    put("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\ntrailer <<>>\n%%EOF", "PDF")
    put("header-only.pdf", b"%PDF-1.4\n", "PDF")
    put("random.pdf", os.urandom(3000), "PDF")
    put("encrypted.pdf", _encrypted_pdf(), "加密")
    put("no-text.pdf", _blank_pdf(), "没有可提取的文字")
    put("parts-missing.docx", _zip({"word/document.xml": b"<w:document/>"}), "损坏")
    put("no-text.docx", _docx_bytes(""), "没有文字")
    # Odd but readable: these must be indexed.
    put("one-long-line.txt", ("这是一个没有换行的很长的句子，" * 400).encode(), "")
    put("emoji-😀-名字.txt", good("emoji").encode(), "")
    put("with spaces in name.txt", good("spaces").encode(), "")
    put("很长的名字" * 4 + "x" * 185 + ".txt", good("long").encode(), "")  # 209 characters
    put("/".join(f"d{i}" for i in range(30)) + "/deep.txt", good("deep").encode(), "")
    put("crlf-gbk.txt", good("gbk").replace("\n", "\r\n").encode("gbk"), "")
    put("control-chars.txt", ("医院\x0b报告\x0c第二段。" * 20).encode(), "")
    put("traditional.txt", "醫院報告：一號管三天。".encode(), "")
    put("ext-b.txt", "𠀀𠀁𪚥 罕见字段落。".encode(), "")
    # Not files the index can read, but must not crash the walk.
    loop = folder / "loop"
    loop.symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    expect["dangling.txt"] = "链接"
    (folder / "self.txt").symlink_to(folder / "self.txt")
    expect["self.txt"] = "链接"
    (folder / "folder.txt").mkdir()
    expect["folder.txt/inner.md"] = ""
    (folder / "folder.txt" / "inner.md").write_bytes(good("inner").encode())
    return expect


def _zip(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


INDEX_IN_CHILD = """
import json, sys
from pathlib import Path
from index.engine import Engine


def peak_mb():
    try:
        import resource  # POSIX only
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

with Engine(Path(sys.argv[2])) as engine:
    s = engine.index([Path(sys.argv[1])])
    reports = [r.path for r in engine.reports()]
print(json.dumps({"skipped": {x.path: x.reason for x in s.skipped}, "reports": reports,
                  "peak_mb": peak_mb()}))
"""


@pytest.mark.slow
def test_a_folder_of_nasty_files_next_to_good_reports(tmp_path, seed_files):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in seed_files:
        shutil.copy(path, folder / path.name)
    expect = make_nasty_files(folder)
    # A 50 MB file with no line breaks.
    big = folder / "fifty-megabytes.txt"
    with big.open("wb") as handle:
        chunk = ("没有换行的超长文本，" * 10000).encode()
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    expect["fifty-megabytes.txt"] = ""
    assert len(expect) >= 30

    proc = subprocess.run(
        [sys.executable, "-c", INDEX_IN_CHILD, str(folder), str(tmp_path / "index")],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    skipped = {str(Path(p).relative_to(folder)): reason for p, reason in out["skipped"].items()}
    indexed = {str(Path(p).relative_to(folder.resolve())) for p in out["reports"]}

    for path in seed_files:  # every good report is indexed
        assert path.name in indexed
    for name, word in expect.items():
        if word:
            assert name in skipped, f"{name} was not reported"
            assert word in skipped[name], f"{name}: {skipped[name]}"
        else:
            assert name in indexed, f"{name} should have been indexed: {skipped.get(name)}"
    assert set(skipped) <= {n for n, w in expect.items() if w}
    # Memory stays bounded: the 50 MB file and the zip bomb do not blow it up.
    print(f"{len(expect)} files, peak memory {out['peak_mb']:.0f} MB")
    assert out["peak_mb"] is None or out["peak_mb"] < 2500  # None: no ``resource`` (Windows)


@posix_only
def test_unreadable_file_is_skipped_with_its_reason(tmp_path, seed_files, monkeypatch):
    from index.engine import Engine

    secret = tmp_path / "reports" / "secret.txt"
    secret.parent.mkdir()
    shutil.copy(seed_files[0], secret)
    shutil.copy(seed_files[1], secret.parent / "open.txt")
    secret.chmod(0)
    if is_root():  # root reads every file: refuse this one the way the OS would
        real_open = os.open

        def refusing_open(path, *args, **kwargs):
            if os.fspath(path).endswith("secret.txt"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    summary = Engine(tmp_path / "index").index([secret.parent])
    assert summary.reports == 1
    ((path, reason),) = [(s.path, s.reason) for s in summary.skipped]
    assert path.endswith("secret.txt") and "Permission denied" in reason
