"""The user's corrections of a report's institution, year or title.

They live in ``corrections.csv`` beside the index (columns ``path, institution, year,
title``), a file a person may also open in Excel. The file is the truth: the index
applies what it says (see ``Store.reconcile``), never the other way round.

- Every writer merges: under a lock shared by all processes it re-reads the file, changes
  one row and replaces the file atomically, so a correction made in the command line is
  never lost by a window that read the file earlier.
- Reading forgives: UTF-8 with or without BOM, or GBK as Excel saves it on Chinese
  Windows (``reading.decode_bytes``); a bad year or a row without a path is reported with
  its line and skipped, the rest applies, and nothing stops the program from starting.
- What a person typed is kept: a rewrite writes back every row as it was read, also the
  values that could not be used.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import replace
from pathlib import Path

from .disk import FileLock, LockBusy, write_atomic
from .errors import ConfigError, ReadError
from .messages import text
from .model import Notice, ReportMeta
from .reading import decode_bytes
from .years import parse_year

FIELDS = ("institution", "year", "title")
LOCK_WAIT = 5.0  # seconds; a writer holds the lock for the few milliseconds of one save


class Corrections:
    """The corrections file, re-read whenever it changed on disk."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = FileLock(self.path.with_name(self.path.name + ".lock"))
        self._signature: tuple | None = None
        self._raw: dict[str, dict[str, str]] = {}  # as written, for rewriting
        self._valid: dict[str, dict[str, str]] = {}  # the usable, non-empty values
        self.problems: list[Notice] = []  # of the last read
        self.readable = True
        self.refresh()

    # ------------------------------------------------------------ reading

    @property
    def signature(self) -> tuple | None:
        """Changes whenever the file does (None: no file)."""
        return self._signature

    def refresh(self) -> bool:
        """Re-read the file if it changed since the last read; True if it did."""
        signature = _signature(self.path)
        if signature == self._signature:
            return False
        try:
            data = self.path.read_bytes() if signature else b""
        except OSError as exc:
            self.readable = False
            self.problems = [Notice("corrections.unreadable",
                                    {"file": str(self.path), "problem": exc.strerror or str(exc)})]
            self._signature = signature
            return True
        self._raw, self._valid, self.problems, self.readable = _parse(data, self.path)
        self._signature = signature
        return True

    def get(self, path: Path | str) -> dict[str, str] | None:
        """The usable corrections of one report (field -> value), or None."""
        self.refresh()
        return self._valid.get(str(path)) or None

    def all(self) -> dict[str, dict[str, str]]:
        """Every report's usable corrections, by path."""
        self.refresh()
        return dict(self._valid)

    # ------------------------------------------------------------ writing

    def set(self, path: Path | str, **values: str | int | None) -> None:
        """Record corrections for a report (``None`` or "" clears a field). Merges with
        what other processes saved meanwhile; raises ConfigError for a bad value or
        when the file cannot be read (so it is never overwritten blind)."""
        for name in values:
            if name not in FIELDS:
                raise ValueError(f"unknown field {name}")
        if "year" in values:
            year = parse_year(values["year"])  # ConfigError with the reason
            values["year"] = "" if year is None else str(year)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(LOCK_WAIT)
        except LockBusy:
            raise ConfigError("error.corrections_busy", path=self.path) from None
        except OSError as exc:
            raise ConfigError("error.corrections_write", path=self.path,
                                   error=exc.strerror or exc) from exc
        try:
            self._signature = None  # read again under the lock: other writers may have saved
            self.refresh()
            if not self.readable:
                raise ConfigError("error.corrections_read", path=self.path,
                                       error=self.problems[0].values.get("problem", ""))
            rows = {p: dict(r) for p, r in self._raw.items()}
            row = rows.setdefault(str(path), dict.fromkeys(FIELDS, ""))
            for name, value in values.items():
                row[name] = "" if value is None else str(value).strip()
            if not any(row.values()):
                del rows[str(path)]
            try:
                write_atomic(self.path, _format(rows))
            except OSError as exc:
                raise ConfigError("error.corrections_write", path=self.path,
                                       error=exc.strerror or exc) from exc
            self._signature = None
            self.refresh()
        finally:
            self._lock.release()


def corrected(meta: ReportMeta, values: dict[str, str] | None) -> ReportMeta:
    """``meta`` with the usable corrections in ``values`` applied, each marked as such."""
    if not values:
        return meta
    changes: dict[str, object] = {}
    sources = dict(meta.sources)
    evidence = dict(meta.evidence)
    for name in FIELDS:
        value = values.get(name)
        if value:
            changes[name] = int(value) if name == "year" else value
            sources[name] = "correction"
            evidence.pop(name, None)  # the detected words no longer explain the value
    return replace(meta, **changes, sources=sources, evidence=evidence)


def _signature(path: Path) -> tuple | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _parse(data: bytes, path: Path):
    """(raw rows, usable rows, problems, readable) of the file's bytes."""
    raw: dict[str, dict[str, str]] = {}
    valid: dict[str, dict[str, str]] = {}
    problems: list[Notice] = []
    if not data.strip():
        return raw, valid, problems, True
    try:
        content = decode_bytes(data).text
    except ReadError as exc:
        problems.append(Notice("corrections.unreadable", {"file": str(path), "problem": str(exc)}))
        return raw, valid, problems, False
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader, [])]
    except csv.Error as exc:
        problems.append(Notice("corrections.unreadable", {"file": str(path), "problem": str(exc)}))
        return raw, valid, problems, False
    if "path" not in header:
        problems.append(Notice("corrections.row", {"file": str(path), "line": 1,
                                                   "problem": text("corrections.no_header")}))
        return raw, valid, problems, False
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Notice("corrections.row", {"file": str(path), "line": reader.line_num,
                                                       "problem": str(exc)}))
            continue
        line = reader.line_num
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        report = row.get("path", "")
        values = {name: row.get(name, "") for name in FIELDS}
        if not report:
            if any(values.values()):
                problems.append(Notice("corrections.row", {
                    "file": str(path), "line": line, "problem": text("corrections.no_path")}))
            continue
        raw[report] = values
        usable = {k: v for k, v in values.items() if v and k != "year"}
        try:
            year = parse_year(values["year"])
        except ConfigError as exc:
            problems.append(Notice("corrections.row", {"file": str(path), "line": line,
                                                       "problem": str(exc)}))
            year = None
        if year is not None:
            usable["year"] = str(year)
        if usable:
            valid[report] = usable
        else:
            valid.pop(report, None)
    return raw, valid, problems, True


def _format(rows: dict[str, dict[str, str]]) -> bytes:
    """The file's bytes: UTF-8 with a BOM, so Excel opens it correctly too."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(("path", *FIELDS))
    for report, row in sorted(rows.items()):
        writer.writerow((report, *(row.get(k, "") for k in FIELDS)))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
