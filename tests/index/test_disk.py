"""An index folder on a network share is refused with a clear message: the text index's
write-ahead log needs memory shared by every process that opens it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index import disk, store
from index.cli import EXIT_ERROR, run
from index.engine import Engine
from index.errors import ReportSearchError

MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 0:25 / / rw,relatime - ext4 /dev/sda1 rw
30 27 0:40 / /home rw,relatime shared:5 - ext4 /dev/sda2 rw
41 30 0:51 / /home/wang/Shared\\040Reports rw,relatime shared:9 master:2 - cifs //nas/reports rw
42 41 0:52 / /home/wang/Shared\\040Reports/local rw,relatime - tmpfs tmpfs rw
43 27 0:53 / /mnt/archive rw - ext4 /dev/sdb1 rw
44 27 0:54 / /mnt/archive rw - nfs4 nas:/export rw
45 27 0:55 / /media/sshfs rw - fuse.sshfs wang@host: rw
"""


@pytest.mark.parametrize("path, kind", [
    ("/", "ext4"),
    ("/home/wang/data/index", "ext4"),
    ("/home/wang/Shared Reports", "cifs"),            # the mount point itself, escaped space
    ("/home/wang/Shared Reports/2025/index", "cifs"),
    ("/home/wang/Shared Reports/local/index", "tmpfs"),  # a mount inside the share
    ("/home/wang/Shared Reportsx", "ext4"),           # a longer name is not inside it
    ("/mnt/archive/index", "nfs4"),                   # mounted over: the last one counts
    ("/media/sshfs/x", "fuse.sshfs"),
    ("/proc/1", "proc"),
])
def test_mount_type_is_the_longest_mount_point_holding_the_path(path, kind):
    assert disk.mount_type(MOUNTINFO, Path(path)) == kind


def test_a_local_folder_and_one_not_made_yet_are_not_on_a_share(tmp_path):
    assert disk.network_filesystem(tmp_path) is None
    assert disk.network_filesystem(tmp_path / "not" / "yet") is None


def test_network_types_include_the_usual_shares():
    assert {"nfs", "nfs4", "cifs", "smb3", "fuse.sshfs"} <= disk.NETWORK_FILESYSTEMS
    assert not {"ext4", "xfs", "btrfs", "tmpfs", "overlay", "ntfs", "vfat"} & disk.NETWORK_FILESYSTEMS


def _on_a_share(monkeypatch, share: Path):
    def fake(folder):
        folder = Path(folder).absolute()
        return "cifs" if folder == share or share in folder.parents else None
    monkeypatch.setattr(store, "network_filesystem", fake)


def test_a_writable_index_folder_on_a_share_is_refused_and_nothing_written(tmp_path, monkeypatch):
    share = tmp_path / "share"
    share.mkdir()
    _on_a_share(monkeypatch, share)
    with pytest.raises(ReportSearchError) as caught:
        store.Store(share / "index")
    assert caught.value.code == "error.network_folder"
    assert "cifs" in caught.value.text("en") and "network share" in caught.value.text("en")
    assert "网络共享" in caught.value.text("zh")
    assert not any((share / "index").iterdir())  # no lock, no index, no log made there
    store.Store(tmp_path / "local").index.close()  # a local folder beside it opens


def test_a_read_only_index_on_a_share_still_opens_and_searches(tmp_path, monkeypatch,
                                                                seed_files):
    """A folder nobody may write (a read-only share) opens its text index immutable, with
    no log: it is not refused."""
    folder = tmp_path / "share" / "index"
    with Engine(folder) as engine:  # made while local
        engine.index([seed_files[0]])
        expected = engine.search("卫健委").total
    _on_a_share(monkeypatch, tmp_path / "share")
    access = os.access

    def read_only(path, mode, **kwargs):  # root writes anywhere: refuse as a share would
        if mode & os.W_OK and (Path(path) == folder or folder in Path(path).parents):
            return False
        return access(path, mode, **kwargs)
    monkeypatch.setattr(os, "access", read_only)
    with Engine(folder) as engine:
        assert engine.search("卫健委").total == expected > 0


def test_the_command_line_says_why_in_one_line(tmp_path, monkeypatch, capsys):
    share = tmp_path / "share"
    share.mkdir()
    _on_a_share(monkeypatch, share)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    code = run(["--index-dir", str(share / "index"), "search", "卫健委"])
    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert err.count("\n") == 1 and "network share (cifs)" in err and "team archive" in err
