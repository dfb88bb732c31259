"""Writing the user's files so that a crash leaves the old version or the new one, never
half of either, and locks that keep two processes from writing the same thing at once.

``write_atomic`` writes a temporary file beside the target, flushes it to the disk,
renames it over the target and flushes the folder, so the rename itself survives a power
cut (POSIX; Windows has no folder flush and ``os.replace`` is what it offers).

``network_filesystem`` tells whether a folder lies on a network share, where the text
index's write-ahead log cannot work (SQLite's WAL needs memory shared by every process
that opens the database, which a share cannot give across machines).

``FileLock`` is an advisory lock on a file (``flock`` on POSIX, ``msvcrt.locking`` on
Windows). The operating system drops it when the process dies, so a killed import
never leaves a stale lock behind. Two ``FileLock`` objects on the same file exclude
each other even inside one process (each opens its own handle), which is what the GUI
needs: its window and its worker thread are two writers as much as two programs are.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

POLL = 0.05  # seconds between two tries for a busy lock

# File system types of /proc/self/mountinfo that are network shares (Linux); FUSE ones
# appear as "fuse.NAME".
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
    "lustre", "gpfs", "beegfs", "davfs", "fuse.sshfs", "fuse.davfs2", "fuse.rclone",
    "fuse.s3fs", "fuse.glusterfs", "fuse.cephfs", "fuse.gvfsd-fuse",
})
DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive (Windows)


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (no-op where not supported)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def network_filesystem(folder: Path) -> str | None:
    """The network file system ``folder`` (or, when it does not exist yet, its nearest
    existing parent) lies on: "SMB" for a Windows share or network drive, the type
    from ``/proc/self/mountinfo`` on Linux; None when local or unknown (other systems)."""
    folder = Path(folder).absolute()
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    folder = folder.resolve()
    if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI only
        import ctypes

        root = str(folder)
        if root.startswith("\\\\"):
            return "SMB"
        return "SMB" if ctypes.windll.kernel32.GetDriveTypeW(folder.anchor) == DRIVE_REMOTE else None
    try:
        mounts = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    kind = mount_type(mounts, folder)
    return kind if kind in NETWORK_FILESYSTEMS else None


def mount_type(mountinfo: str, path: Path) -> str | None:
    """The file system type of the mount holding ``path`` (absolute, resolved), read from
    the text of a Linux ``/proc/self/mountinfo``: its longest mount point that contains
    the path (the last one mounted there, when several are)."""
    best, kind = -1, None
    for line in mountinfo.splitlines():
        fields = line.split()
        if "-" not in fields[6:]:
            continue
        point = Path(_unescape(fields[4]))
        dash = fields.index("-", 6)
        if (point == path or point in path.parents) and len(point.parts) >= best:
            best, kind = len(point.parts), fields[dash + 1]
    return kind


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash as octal escapes (\\040 …)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: all or nothing, durable once this returns."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


class LockBusy(Exception):
    """The lock is held by another writer (raised by ``FileLock.acquire``)."""


class FileLock:
    """An exclusive lock between processes (and between threads holding separate locks)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, trying for up to ``wait`` seconds; raise LockBusy otherwise.
        OSError (an unwritable folder) passes through."""
        if self._handle is not None:
            raise RuntimeError("lock already held by this object")
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        deadline = time.monotonic() + wait
        while True:
            try:
                _lock(handle)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise LockBusy(str(self.path)) from None
                time.sleep(POLL)
        self._handle = handle

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                _unlock(handle)
            handle.close()

    def is_free(self) -> bool:
        """Would ``acquire`` succeed now? (Takes and drops the lock at once.)"""
        if self._handle is not None:
            return False
        try:
            self.acquire()
        except (LockBusy, OSError):  # OSError: a folder this process cannot write to
            return False
        self.release()
        return True

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI only
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
