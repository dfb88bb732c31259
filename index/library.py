"""Turn files and folders into :class:`Report` values.

Metadata comes from three places, each overriding the one before:

1. detection from the text (``metadata.detect``);
2. a manifest: a ``metadata.csv`` beside the reports or in a folder above them,
   with the columns ``file, institution, year, title`` (extra columns are ignored,
   empty cells keep the detected value; ``file`` is relative to the CSV);
3. the user's corrections, made in the app or with ``reportsearch correct``, kept
   in ``corrections.csv`` in the index folder and keyed by the report's path
   (``corrections``).
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .corrections import Corrections
from .errors import ConfigError, ReadError
from .institutions import InstitutionTable, institutions
from .metadata import detect
from .model import Report, ReportMeta, Skipped
from .paragraphs import find_paragraphs
from .reading import is_supported, read_text

MANIFEST_NAME = "metadata.csv"
MANIFEST_DEPTH = 4  # how many folders above a report are searched for a manifest
FIELDS = ("institution", "year", "title")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_report(
    path: Path,
    table: InstitutionTable | None = None,
    corrections: Corrections | None = None,
    sha256: str | None = None,
) -> Report:
    """Read, split and label one report. Raises :class:`ReadError` with the reason."""
    path = path.resolve()
    decoded = read_text(path)
    paragraphs = find_paragraphs(decoded.text)
    if not paragraphs:
        raise ReadError("文件中没有文字")
    meta = detect(paragraphs, table or institutions(), path.stem)
    meta = _override(meta, manifest_entry(path), "manifest")
    if corrections is not None:
        meta = _override(meta, corrections.get(path), "correction")
    return Report(
        path=str(path),
        name=path.name,
        sha256=sha256 or file_sha256(path),
        encoding=decoded.encoding,
        meta=meta,
        paragraphs=tuple(paragraphs),
    )


def _override(meta: ReportMeta, values: dict[str, str] | None, source: str) -> ReportMeta:
    if not values:
        return meta
    sources = dict(meta.sources)
    changes: dict[str, object] = {}
    for name in FIELDS:
        value = (values.get(name) or "").strip()
        if not value:
            continue
        if name == "year":
            try:
                changes["year"] = int(value)
            except ValueError:
                continue
        else:
            changes[name] = value
        sources[name] = source
    return replace(meta, **changes, sources=sources)


# ---------------------------------------------------------------- manifests


def manifest_entry(path: Path) -> dict[str, str] | None:
    """The manifest row for ``path`` from the nearest ``metadata.csv`` above it."""
    folder = path.parent
    for _ in range(MANIFEST_DEPTH):
        candidate = folder / MANIFEST_NAME
        if candidate.is_file():
            rows = _read_manifest(str(candidate), candidate.stat().st_mtime_ns)
            row = rows.get(str(path)) or rows.get(path.name)
            if row:
                return row
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


@lru_cache(maxsize=32)
def _read_manifest(manifest: str, _mtime: int) -> dict[str, dict[str, str]]:
    base = Path(manifest).parent
    rows: dict[str, dict[str, str]] = {}
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                name = (row.get("file") or "").strip()
                if not name:
                    continue
                entry = {k: (row.get(k) or "") for k in FIELDS}
                rows[str((base / name).resolve())] = entry
                if "/" not in name and "\\" not in name:
                    rows[name] = entry
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"清单文件 {manifest} 无法读取：{exc}") from exc
    return rows


# ---------------------------------------------------------------- folders


def iter_report_files(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Every report file under ``paths``, and a :class:`Skipped` for what cannot be one.

    Hidden files and folders are passed over; links to folders are not followed
    (no loops); files of other types inside a folder are passed over silently, but
    a file named explicitly is reported when it is not a supported type.
    """
    seen: set[str] = set()
    for root in paths:
        root = Path(root)
        if not root.exists():
            yield Skipped(str(root), "路径不存在")
            continue
        if root.is_file():
            if is_supported(root):
                key = str(root.resolve())
                if key not in seen:
                    seen.add(key)
                    yield root
            else:
                yield Skipped(str(root), f"不支持的文件类型 {root.suffix or '(无扩展名)'}")
            continue
        errors: list[OSError] = []
        for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST_NAME:
                    continue
                path = Path(folder) / name
                if not is_supported(path):
                    continue
                try:
                    key = str(path.resolve(strict=True))
                except (OSError, RuntimeError):
                    yield Skipped(str(path), "链接无效或循环链接")
                    continue
                if key not in seen:
                    seen.add(key)
                    yield path
            while errors:
                error = errors.pop()
                yield Skipped(str(error.filename or root), f"无法打开文件夹：{error.strerror}")
        while errors:  # a folder that failed after the walk's last step
            error = errors.pop()
            yield Skipped(str(error.filename or root), f"无法打开文件夹：{error.strerror}")
