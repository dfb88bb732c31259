"""Is the index on disk whole, and was it written by the code that reads it?

Two small files of ours sit in the index folder beside Whoosh's:

- ``meta.json``: the *fingerprint* of everything the stored data depends on (the
  schema version, the folding table and code, OpenCC's character table, the word
  segmenter), and whether the index holds the whole library yet (``complete``: false
  while a rebuild is under way, so a killed rebuild is resumed, never taken for done);
- ``checksums.json``: after every commit, the size and CRC-32 of each file of that
  commit (the ``.toc`` and the segments). Whoosh itself checks almost nothing: a few
  garbled bytes in a segment open fine and fail later, in the middle of a search.

``verify`` compares the folder with ``checksums.json``; a missing, empty, truncated
or altered file is damage. Sizes are compared at every opening; the bytes of a file
only when it is not as it was when last checked byte for byte: ``verified.json``
records each such file's size, modification and change times and inode (a write, a
copy or a restore changes one of them; the change time cannot be set back), so a
large library's start reads its checksummed segments once, not at every start. A commit whose checksums were not written yet (the writer
was killed between the two) is *unsealed*: the store then reads it through once and
seals it. ``verified.json`` also says which commit the store read through with Whoosh
(``read``) while its files were as recorded: an opening that finds them so again
(``Verdict.read_through``) need not read them through again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .disk import fsync_file, fsync_folder, write_atomic
from .model import Notice
from .normalize import fold_digest, opencc_table

META = "meta.json"
CHECKSUMS = "checksums.json"
VERIFIED = "verified.json"  # a cache: lost or unreadable, every file is read again
FORMAT = 1
_TOC = re.compile(r"^_MAIN_([0-9]+)\.toc$")
_BLOCK = 1 << 20


# ---------------------------------------------------------------- fingerprint


def fingerprint(schema_version: int) -> dict[str, str]:
    """What the stored data depends on; any difference means the index must be rebuilt."""
    try:
        opencc = hashlib.sha256(opencc_table().read_bytes()).hexdigest()
    except OSError:
        opencc = "missing"
    version = installed_version("rjieba")
    if version is None:  # frozen builds may lack the metadata
        import rjieba

        version = str(getattr(rjieba, "__version__", "bundled"))
    return {
        "schema": str(schema_version),
        "fold": fold_digest(),
        "opencc": opencc,
        "segmenter": "rjieba " + version,
    }


def installed_version(name: str) -> str | None:
    """``importlib.metadata.version(name)`` (None: not installed), without importing
    ``importlib.metadata`` where it can: with the email parser it reads metadata with,
    that import was ~10 ms of every opening's CPU. The one ``NAME-VERSION.dist-info``
    folder in the first folder of ``sys.path`` that has the distribution holds its
    metadata; its ``Version`` header is read. Anything else (an egg, two of them, a zip
    on the path) is left to ``importlib.metadata``."""
    wanted = _distribution_key(name)
    for entry in sys.path:
        folder = Path(entry or ".")
        try:
            found = [n for n in os.listdir(folder)
                     if n.lower().endswith((".dist-info", ".egg-info"))
                     and _distribution_key(n.rsplit(".", 1)[0].partition("-")[0]) == wanted]
        except OSError:
            if folder.is_file():  # a zip: importlib.metadata reads those
                break
            continue
        if not found:
            continue
        if len(found) == 1 and found[0].endswith(".dist-info"):
            try:
                text = (folder / found[0] / "METADATA").read_text(encoding="utf-8")
            except OSError:
                break
            for line in text.splitlines():
                if not line:  # the end of the headers
                    break
                if line.startswith("Version:"):
                    return line.partition(":")[2].strip()
        break
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _distribution_key(name: str) -> str:
    """A distribution's name as importlib.metadata compares them (PEP 503, with _)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def what_changed(old: dict, new: dict) -> str:
    """In words, why an index with fingerprint ``old`` cannot serve ``new`` ("" if it can)."""
    for key in ("schema", "fold", "opencc", "segmenter"):
        if old.get(key) != new.get(key):
            return Notice(f"changed.{key}")
    return ""


@dataclass
class Meta:
    fingerprint: dict[str, str]
    complete: bool = False
    created: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S"))
    reason: str = ""  # why this index was (re)built, for the log and diagnosis


def read_meta(folder: Path) -> Meta | None:
    """The folder's meta.json, or None when it is missing or unreadable."""
    try:
        value = json.loads((folder / META).read_text(encoding="utf-8"))
        return Meta(fingerprint=dict(value["fingerprint"]), complete=bool(value["complete"]),
                    created=str(value.get("created", "")), reason=str(value.get("reason", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_meta(folder: Path, meta: Meta) -> None:
    body = {"format": FORMAT, "fingerprint": meta.fingerprint, "complete": meta.complete,
            "created": meta.created, "reason": meta.reason}
    write_atomic(folder / META, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


# ---------------------------------------------------------------- checksums


def latest_toc(folder: Path) -> int:
    """The generation of the newest ``_MAIN_<n>.toc`` (-1 when there is none)."""
    newest = -1
    try:
        names = os.listdir(folder)
    except OSError:
        return -1
    for name in names:
        match = _TOC.match(name)
        if match:
            newest = max(newest, int(match.group(1)))
    return newest


def _crc(path: Path) -> int:
    crc = 0
    buffer = bytearray(_BLOCK)
    view = memoryview(buffer)
    with open(path, "rb") as handle:
        while True:
            n = handle.readinto(buffer)
            if not n:
                return crc
            crc = zlib.crc32(view[:n], crc)


def seal(folder: Path, generation: int, files: list[str]) -> None:
    """Flush the files of commit ``generation`` to the disk and record their checksums.
    Whoosh never changes a segment file once written, so a file already sealed with the
    same size and time keeps its checksum (a commit reads only what it wrote)."""
    try:
        before = json.loads((folder / CHECKSUMS).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        before = {}
    listing = {}
    for name in files:
        path = folder / name
        stat = path.stat()
        known = before.get(name)
        if (isinstance(known, list) and len(known) == 3
                and known[0] == stat.st_size and known[2] == stat.st_mtime_ns):
            listing[name] = known
            continue
        fsync_file(path)
        listing[name] = [stat.st_size, _crc(path), stat.st_mtime_ns]
    fsync_folder(folder)
    body = {"format": FORMAT, "generation": generation, "files": listing}
    write_atomic(folder / CHECKSUMS, json.dumps(body).encode("utf-8"))
    _verified[str(folder)] = _stamp(folder, generation, listing)
    _remember(folder, {name: _file_stamp(folder / name) for name in listing})


@dataclass(frozen=True)
class Verdict:
    """``damage`` says what is wrong (""=nothing); ``unsealed``: a commit without checksums."""

    damage: Notice | str = ""
    unsealed: bool = False
    generation: int = -1
    # The commit's files are as they were when an opening read them through (Whoosh
    # read its records and texts): reading them again would find what it found.
    read_through: bool = False


# Folders this process has verified, with the (name, size, mtime) of each file then:
# a second engine opening the same unchanged index (the GUI opens one per thread) does
# not read every byte again.
_verified: dict[str, tuple] = {}
# ... and the stamp of the commit this process read through, by folder.
_read: dict[str, tuple] = {}


def _stamp(folder: Path, generation: int, listing: dict) -> tuple:
    stats = []
    for name in sorted(listing):
        try:
            stat = (folder / name).stat()
        except OSError:
            return ()
        stats.append((name, stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return generation, tuple(stats)


def _file_stamp(path: Path) -> list[int] | None:
    """What changes when a file's bytes are written, copied or restored."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _checked(folder: Path) -> dict[str, list]:
    """The files of ``folder`` last checked byte for byte, with their stamps then."""
    return _record(folder)[0]


def _record(folder: Path) -> tuple[dict[str, list], int]:
    """``verified.json``: the files last checked byte for byte with their stamps then,
    and the commit read through while they were so (-1: none)."""
    try:
        record = json.loads((folder / VERIFIED).read_text(encoding="utf-8"))
        files = {str(k): list(v) for k, v in record["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, -1
    read = record.get("read")
    return files, read if isinstance(read, int) and not isinstance(read, bool) else -1


def _remember(folder: Path, stamps: dict[str, list | None], read: int = -1) -> None:
    """Record the files just checked, and the commit read through while they were so
    (``read``; best effort: a read-only folder keeps reading them at each start). Not
    made durable: a torn or lost record only costs a read."""
    files = {name: stamp for name, stamp in stamps.items() if stamp is not None}
    body: dict = {"format": FORMAT, "files": files}
    if read >= 0:
        body["read"] = read
    tmp = folder / f".{VERIFIED}-{os.getpid()}-{threading.get_ident()}.tmp"
    try:
        tmp.write_text(json.dumps(body), encoding="utf-8")
        os.replace(tmp, folder / VERIFIED)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def verify(folder: Path) -> Verdict:
    """Check every file of the last commit against ``checksums.json``: its size, and
    its checksum unless it is unchanged since it was last checked (``verified.json``)."""
    generation = latest_toc(folder)
    try:
        sealed = json.loads((folder / CHECKSUMS).read_text(encoding="utf-8"))
        sealed_generation = int(sealed["generation"])
        listing = {str(k): (int(v[0]), int(v[1])) for k, v in sealed["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        if generation < 0:
            return Verdict(damage=Notice("damage.missing", dict(name="_MAIN_*.toc")))
        return Verdict(unsealed=True, generation=generation)
    if generation > sealed_generation:
        return Verdict(unsealed=True, generation=generation)
    toc = f"_MAIN_{sealed_generation}.toc"
    if generation < sealed_generation or toc not in listing:
        return Verdict(damage=Notice("damage.missing", dict(name=toc)), generation=generation)
    stamp = _stamp(folder, sealed_generation, listing)
    if stamp and _verified.get(str(folder)) == stamp:
        return Verdict(generation=generation, read_through=_read.get(str(folder)) == stamp)
    checked, read = _record(folder)
    known = True  # every file as recorded: none had to be read
    now: dict[str, list | None] = {}
    for name, (size, crc) in sorted(listing.items()):
        path = folder / name
        now[name] = before = _file_stamp(path)
        if before is None:
            return Verdict(damage=Notice("damage.missing", dict(name=name)), generation=generation)
        if before[0] != size:
            return Verdict(damage=Notice("damage.size", dict(name=name, expected=size, actual=before[0])),
                           generation=generation)
        if checked.get(name) == before:
            continue
        known = False
        try:
            if _crc(path) != crc:
                return Verdict(damage=Notice("damage.checksum", dict(name=name)), generation=generation)
        except OSError as exc:
            return Verdict(damage=Notice("damage.unreadable", dict(error=exc.strerror or exc)),
                           generation=generation)
        if _file_stamp(path) != before:  # written while read: not known to be checked
            now[name] = None
    if any(checked.get(name) != value for name, value in now.items()):
        _remember(folder, now)
        known = False
    _verified[str(folder)] = stamp
    read_through = known and bool(stamp) and read == sealed_generation
    if read_through:
        _read[str(folder)] = stamp
    return Verdict(generation=generation, read_through=read_through)


def remember_read_through(folder: Path, generation: int) -> None:
    """The store read commit ``generation`` through with Whoosh: record it beside the
    files checked (when they are that commit's as this process verified them), so the
    next opening that finds them unchanged need not read them through again."""
    stamp = _verified.get(str(folder))
    if not stamp or stamp[0] != generation:
        return
    _read[str(folder)] = stamp
    files, read = _record(folder)
    listed = {name: [size, mtime] for name, size, mtime, _inode in stamp[1]}
    # Only a record of exactly this commit's files, each with the size and time seen.
    if read == generation or set(files) != set(listed) or any(
            files[name][:2] != listed[name] for name in files):
        return
    _remember(folder, files, read=generation)
