"""Manifests: a ``metadata.csv`` a person writes beside the reports, or in a folder up
to ``MANIFEST_DEPTH`` levels above them, with the columns ``file, institution, year,
title`` (extra columns are ignored, empty cells keep the detected value; ``file`` is
relative to the CSV).

A manifest is read in whatever encoding an editor saved it (BOM, UTF-8, GBK) and
checked row by row. A row that does not fit is left out and named in the manifest's
``problems`` (file, line, what is wrong); its report keeps the detected metadata. A
manifest that cannot be read at all is one problem. Nothing here raises: a bad
manifest never stops an import, even one above the folder being imported.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError, ReadError
from .filenames import readable
from .model import Skipped
from .reading import decode_bytes, read_file
from .years import parse_year

MANIFEST_NAME = "metadata.csv"
MANIFEST_DEPTH = 4  # how many folders above a report are searched for a manifest
FIELDS = ("institution", "year", "title")
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_CELL = {"institution": 100, "title": 500}  # characters


@dataclass(frozen=True)
class Manifest:
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # path or bare name -> row
    problems: tuple[str, ...] = ()


def manifest_entry(path: Path) -> dict[str, str] | None:
    """The manifest row for the report at (readable) ``path``, from the nearest
    ``metadata.csv`` above it that has one."""
    for _candidate, manifest in _manifests(path):
        row = manifest.rows.get(str(path)) or manifest.rows.get(path.name)
        if row:
            return row
    return None


def manifest_problems(paths: Iterable[Path]) -> list[Skipped]:
    """What is wrong in the manifests consulted for these reports, each manifest once,
    as (manifest path, problem) pairs for an import summary."""
    seen: set[Path] = set()
    out: list[Skipped] = []
    for path in paths:
        shown = Path(readable(str(Path(path).resolve())))
        for candidate, manifest in _manifests(shown):
            if candidate not in seen:
                seen.add(candidate)
                out.extend(Skipped(str(candidate), problem) for problem in manifest.problems)
            if manifest.rows.get(str(shown)) or manifest.rows.get(shown.name):
                break
    return out


def _manifests(path: Path) -> Iterator[tuple[Path, Manifest]]:
    """The manifests above ``path``, nearest first."""
    folder = path.parent
    for _ in range(MANIFEST_DEPTH):
        candidate = folder / MANIFEST_NAME
        try:
            found = os.stat(candidate)
        except OSError:
            found = None
        if found is not None:
            yield candidate, read_manifest(str(candidate), found.st_mtime_ns, found.st_size)
        if folder.parent == folder:
            break
        folder = folder.parent


@lru_cache(maxsize=32)
def read_manifest(manifest: str, _mtime: int = 0, _size: int = 0) -> Manifest:
    """Read and check one manifest (cached while the file is unchanged)."""
    if _size == 0 and _mtime:
        return Manifest()  # an empty file: nothing to use, nothing wrong
    try:
        text = decode_bytes(read_file(manifest, MAX_MANIFEST_BYTES)).text
    except ReadError as exc:
        return Manifest(problems=(f"清单 {manifest} 无法读取：{exc}；已忽略此文件",))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    if "file" not in header:
        return Manifest(problems=(f"清单 {manifest} 第 1 行：缺少 file 列（应有 file, institution, "
                                  "year, title）；已忽略此文件",))
    base = Path(manifest).parent
    rows: dict[str, dict[str, str]] = {}
    problems: list[str] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field over csv's limit; the reader goes on
            problems.append(f"清单 {manifest} 第 {reader.line_num} 行：{exc}；此行未使用")
            continue
        row = dict(zip(header, cells, strict=False))
        name = (row.get("file") or "").strip()
        if not name:
            continue
        try:
            entry = _checked(row)
        except ConfigError as exc:
            problems.append(f"清单 {manifest} 第 {reader.line_num} 行（{name[:60]}）：{exc}；此行未使用")
            continue
        rows[readable(str((base / name).resolve()))] = entry
        if "/" not in name and "\\" not in name:
            rows[name] = entry
    return Manifest(rows, tuple(problems))


def _checked(row: dict[str, str]) -> dict[str, str]:
    """A manifest row's fields, or ConfigError saying what is wrong."""
    entry = {name: (row.get(name) or "").strip() for name in FIELDS}
    year = parse_year(entry["year"])
    entry["year"] = str(year) if year else ""
    for name, limit in MAX_CELL.items():
        if len(entry[name]) > limit:
            raise ConfigError("manifest.too_long", field=name, length=len(entry[name]), limit=limit)
    return entry
