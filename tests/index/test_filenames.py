"""Files that are not files, and file names that are not UTF-8: skipped or indexed with
a reason, never a hang or a crash. Each case uses a real FIFO, link or byte name in a
temporary folder, and is skipped where the OS cannot make one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import posix_only

from index.errors import ReadError
from index.filenames import readable
from index.library import iter_report_files
from index.model import Skipped

ROOT = Path(__file__).resolve().parents[2]
GOOD = "长治市第二人民医院\n\n一号管三天受益患者1000余人次。"
GBK_NAME = "医院报告".encode("gbk") + b".txt"  # as unzipping a Windows archive leaves it


def _fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("this OS has no FIFOs")
    os.mkfifo(path)
    return path


def _link(path: Path, target: str) -> Path:
    if not Path(target).exists():
        pytest.skip(f"{target} does not exist here")
    try:
        path.symlink_to(target)
    except OSError as exc:
        pytest.skip(f"cannot make a symlink: {exc}")
    return path


def _byte_name(folder: Path, name: bytes, data: bytes) -> None:
    try:
        with open(os.fsencode(folder) + b"/" + name, "wb") as handle:
            handle.write(data)
    except (OSError, ValueError) as exc:
        pytest.skip(f"this file system refuses non-UTF-8 names: {exc}")


def _index_in_child(folder: Path, home: Path, *extra: Path) -> dict:
    """``reportsearch index --json`` in a fresh process; a hang fails, it never blocks."""
    env = {**os.environ, "REPORTSEARCH_HOME": str(home)}
    try:
        proc = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "index", "--json", "--index-dir",
             str(home / "index"), str(folder), *map(str, extra)],
            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("indexing hung on a file that is not a regular file")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


@posix_only
def test_fifos_and_links_to_endless_devices_are_skipped_without_reading(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    _fifo(folder / "y.txt")
    _link(folder / "x.txt", "/dev/zero")
    _link(folder / "u.md", "/dev/urandom")
    summary = _index_in_child(folder, tmp_path / "home", folder / "y.txt")
    reasons = {Path(s["path"]).name: s["reason"] for s in summary["skipped"]}
    assert reasons == {"y.txt": "这是命名管道（FIFO），不是普通文件",
                       "x.txt": "这是设备文件，不是普通文件",
                       "u.md": "这是设备文件，不是普通文件"}
    assert len(summary["skipped"]) == 3  # y.txt named twice, listed once
    assert summary["reports"] == 1


@posix_only
def test_a_fifo_swapped_in_after_the_check_is_refused_without_blocking(tmp_path, monkeypatch):
    """The race between ``stat`` and ``open``: the descriptor is checked again, and a FIFO
    is opened without waiting for a writer."""
    from index import reading

    fifo = _fifo(tmp_path / "swapped.txt")
    real = reading.not_a_file
    calls = []

    def regular_at_first(mode):  # the stat saw a regular file; then it was replaced
        calls.append(mode)
        return None if len(calls) == 1 else real(mode)

    monkeypatch.setattr(reading, "not_a_file", regular_at_first)
    outcome: list[BaseException | None] = []

    def attempt():
        try:
            reading.read_text(fifo)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(30)
    if thread.is_alive():  # blocked in open(): let it go, then fail
        with open(fifo, "wb"):
            pass
        thread.join(30)
        pytest.fail("opening a FIFO blocked")
    (error,) = outcome
    assert isinstance(error, ReadError) and "命名管道" in str(error)


@posix_only
def test_a_file_name_in_gbk_bytes_is_indexed_and_shown_readably(tmp_path, seed_files):
    folder = tmp_path / "unzipped"
    folder.mkdir()
    shutil.copy(seed_files[0], folder / seed_files[0].name)
    _byte_name(folder, GBK_NAME, "解压出来的报告\n\n这份报告的文件名是国标码。".encode())
    summary = _index_in_child(folder, tmp_path / "home")
    assert summary["skipped"] == []
    assert sorted(Path(p).name for p in summary["added"]) == sorted(
        [seed_files[0].name, "医院报告.txt"])
    again = _index_in_child(folder, tmp_path / "home")  # incremental: nothing changed
    assert (again["unchanged"], again["added"], again["removed"]) == (2, [], [])

    from index.engine import Engine

    with Engine(tmp_path / "home" / "index") as engine:
        (hit,) = engine.search("文件名是国标码").hits
        assert hit.report == "医院报告.txt" and hit.path == str(folder / "医院报告.txt")
        assert engine.report("医院报告.txt").paragraphs[0].text == "解压出来的报告"


@posix_only
def test_two_names_that_read_the_same_are_one_report_and_a_reason(tmp_path):
    folder = tmp_path / "both"
    folder.mkdir()
    (folder / "医院报告.txt").write_text(GOOD, encoding="utf-8")
    _byte_name(folder, GBK_NAME, GOOD.encode("utf-8"))
    items = list(iter_report_files([folder]))
    assert len([i for i in items if isinstance(i, Path)]) == 1
    (skipped,) = [i for i in items if isinstance(i, Skipped)]
    assert "编码不同" in skipped.reason and skipped.path == str(folder / "医院报告.txt")


@pytest.mark.parametrize(("raw", "shown"), [
    ("报告.txt", "报告.txt"),
    (os.fsdecode("医院报告".encode("gbk")) + ".txt", "医院报告.txt"),
    (os.fsdecode("医院".encode("gbk")), "ҽԺ"),  # valid UTF-8 by chance: kept as it reads
    ("/a/" + os.fsdecode("长治".encode("gbk")) + "/报告.txt", "/a/长治/报告.txt"),
    (os.fsdecode(b"\xff\xfe.txt"), "\ufffd\ufffd.txt"),
])
def test_readable_names(raw, shown):
    assert readable(raw) == shown
    shown.encode("utf-8")  # always writable as UTF-8
