"""Turn files and folders into :class:`Report` values.

Metadata comes from three places, each overriding the one before:

1. detection from the text (``metadata.detect``);
2. a manifest: a ``metadata.csv`` beside the reports or in a folder above them
   (``manifest``);
3. the user's corrections, made in the app or with ``reportsearch correct``, kept
   in ``corrections.csv`` in the index folder and keyed by the report's path
   (``corrections``).
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .corrections import Corrections
from .errors import ConfigError, ReadError
from .filenames import not_a_file, readable
from .institutions import InstitutionTable, institutions
from .manifest import FIELDS, MANIFEST_NAME, manifest_entry
from .metadata import detect
from .model import Notice, Paragraph, Report, ReportMeta, Skipped
from .paragraphs import find_paragraphs
from .reading import is_supported, open_regular, read_text, stream_text, text_encoding
from .years import parse_year

# Characters of a big text report (``reading.is_streamed``) split into paragraphs at a
# time: a window's text, lines and paragraphs are what reading it holds.
WINDOW_CHARS = 1024 * 1024


def file_sha256(path: Path) -> str:
    """The file's SHA-256; ReadError when it is not a regular file (nothing is read)."""
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_report(
    path: Path,
    table: InstitutionTable | None = None,
    corrections: Corrections | None = None,
    sha256: str | None = None,
) -> Report:
    """Read, split and label one report. Raises :class:`ReadError` with the reason.

    The report is known by its readable path (``filenames.readable``), read at ``path``."""
    path = path.resolve()
    decoded = read_text(path)
    paragraphs = find_paragraphs(decoded.text)
    if not paragraphs:
        raise ReadError("read.no_text")
    shown = Path(readable(str(path)))
    meta = _labels(paragraphs, shown, table, corrections)
    return Report(
        path=str(shown),
        name=shown.name,
        sha256=sha256 or file_sha256(path),
        encoding=decoded.encoding,
        meta=meta,
        paragraphs=tuple(paragraphs),
    )


def _labels(paragraphs: list[Paragraph], shown: Path, table: InstitutionTable | None,
            corrections: Corrections | None) -> ReportMeta:
    """A report's metadata: detected from its paragraphs, then the manifest's, then the
    user's corrections, each overriding what it names."""
    meta = detect(paragraphs, table or institutions(), shown.stem)
    meta = _override(meta, manifest_entry(shown), "manifest")
    if corrections is not None:
        meta = _override(meta, corrections.get(shown), "correction")
    return meta


@dataclass(frozen=True)
class StreamedReport:
    """A text report too big to hold at once (``reading.is_streamed``): its ``report``
    (metadata detected from its first window of paragraphs, no paragraphs) and its
    paragraphs a window at a time (``windows``, the first included), numbered on from
    one window to the next. Iterating reads the file again (ReadError when it changed
    since it was hashed); a window holds at most ``WINDOW_CHARS`` of text."""

    report: Report
    windows: Iterator[list[Paragraph]]


def stream_report(path: Path, sha256: str, table: InstitutionTable | None = None,
                  corrections: Corrections | None = None) -> StreamedReport:
    """``load_report`` for a text file too big to hold: the file is decoded once to
    find its encoding, then read and split as its windows are iterated."""
    path = path.resolve()
    encoding, skip = text_encoding(path)
    windows = paragraph_windows(stream_text(path, encoding, skip, sha256))
    head = next(windows, None)
    if not head:
        raise ReadError("read.no_text")
    shown = Path(readable(str(path)))
    meta = _labels(head, shown, table, corrections)
    report = Report(path=str(shown), name=shown.name, sha256=sha256, encoding=encoding,
                    meta=meta, paragraphs=())
    return StreamedReport(report, itertools.chain([head], windows))


def paragraph_windows(texts: Iterable[str], size: int | None = None) -> Iterator[list[Paragraph]]:
    """The paragraphs of a text that comes in pieces (``texts``), split a window of at
    most ``size`` characters (default ``WINDOW_CHARS``) at a time. A window ends after
    a blank line where it can (the blocks of a page are never joined across one),
    else after a line break, else mid-line: the first paragraph of the next window is
    then ``joined`` to the one before (read as one text, so nothing is lost at the cut).
    Across a cut, a broken sentence is not mended and the heading of the section
    carries on; masthead and title are only looked for in the first window."""
    size = size or WINDOW_CHARS
    top, first, section, mid_line = True, 1, "", False
    pending: list[str] = []
    held = 0

    def split(text: str) -> list[Paragraph]:
        nonlocal top, first, section, mid_line
        found = find_paragraphs(text, top=top, first=first, section=section)
        if found:
            if mid_line and not top:
                found[0] = replace(found[0], joined=True)
            top, first, section = False, found[-1].ordinal + 1, found[-1].section
        mid_line = not text.endswith(("\n", "\r"))
        return found

    for piece in texts:
        pending.append(piece)
        held += len(piece)
        if held < size:
            continue
        buffer = "".join(pending)
        while len(buffer) >= size:
            cut = _cut(buffer, size)
            found = split(buffer[:cut])
            buffer = buffer[cut:]
            if found:
                yield found
        pending, held = [buffer], len(buffer)
    found = split("".join(pending))
    if found:
        yield found


def _cut(text: str, size: int) -> int:
    """Where a window of ``text`` ends: after the first line break of the last blank
    line in its second half, else after its last line break, else at ``size``."""
    at = text.rfind("\n\n", size // 2, size)
    if at < 0:
        at = text.rfind("\n\r\n", size // 2, size)  # a blank line in CRLF text
    if at < 0:
        at = max(text.rfind("\n", 0, size), text.rfind("\r", 0, size - 1))
    if at < 0:
        return size
    if text[at] == "\r" and text[at + 1] == "\n":
        at += 1
    return at + 1


def _override(meta: ReportMeta, values: dict[str, str] | None, source: str) -> ReportMeta:
    if not values:
        return meta
    sources = dict(meta.sources)
    evidence = dict(meta.evidence)
    changes: dict[str, object] = {}
    for name in FIELDS:
        value = (values.get(name) or "").strip()
        if not value:
            continue
        if name == "year":
            try:
                changes["year"] = parse_year(value)
            except ConfigError:
                continue  # manifests are checked with a message when read
        else:
            changes[name] = value
        sources[name] = source
        evidence.pop(name, None)  # the detected words no longer explain the value
    return replace(meta, **changes, sources=sources, evidence=evidence)


# ---------------------------------------------------------------- folders


def iter_report_files(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Every report file under ``paths``, and a :class:`Skipped` for what cannot be one.

    Hidden files and folders are passed over; links to folders are not followed
    (no loops); files of other types inside a folder are passed over silently, but
    a file named explicitly is reported when it is not a supported type. Anything
    that is not a regular file (a FIFO, a device, a link to one) is skipped with its
    reason here, from its ``stat``, before anything reads it. Paths are yielded as
    found (the real name, for reading); ``filenames.readable`` names them for people.
    """
    seen: dict[str, str] = {}  # readable path -> the real path listed under it

    def check(path: Path) -> Path | Skipped | None:
        """``path`` to read, a Skipped saying why not, or None when already listed."""
        try:
            real = str(path.resolve(strict=True))
            mode = os.stat(real).st_mode
        except (OSError, RuntimeError):
            return Skipped.of(str(path), "skipped.link")
        key = readable(real)
        if key in seen:
            if seen[key] == real:
                return None
            return Skipped.of(str(path), "skipped.same_name", path=key)
        seen[key] = real
        reason = not_a_file(mode)
        return Skipped.of(str(path), reason) if reason else path

    for root in paths:
        root = Path(root)
        if not root.exists():
            yield Skipped.of(str(root), "skipped.no_path")
            continue
        if not root.is_dir():
            if is_supported(root):
                item = check(root)
                if item is not None:
                    yield item
            else:
                yield Skipped.of(str(root), "read.unsupported",
                                 suffix=root.suffix or Notice("read.no_suffix"))
            continue
        errors: list[OSError] = []
        for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name == MANIFEST_NAME:
                    continue
                path = Path(folder) / name
                if is_supported(path):
                    item = check(path)
                    if item is not None:
                        yield item
            while errors:
                error = errors.pop()
                yield Skipped.of(str(error.filename or root), "skipped.folder",
                                 error=error.strerror)
        while errors:  # a folder that failed after the walk's last step
            error = errors.pop()
            yield Skipped.of(str(error.filename or root), "skipped.folder",
                                 error=error.strerror)


def survey(folder: Path) -> tuple[list[Report], list[Skipped]]:
    """What an import of ``folder`` would do, without touching an index: the reports it
    would read (in order) and the files it would skip, each with its reason; files of
    types that are never read are listed as skipped too, so a user sees why a file in
    the folder is not found. Same content twice is listed once, the copies skipped."""
    reports: list[Report] = []
    skipped: list[Skipped] = []
    by_hash: dict[str, str] = {}
    candidates: set[Path] = set()
    for item in iter_report_files([folder]):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        candidates.add(item)
        try:
            report = load_report(item)
        except ReadError as exc:
            skipped.append(Skipped.from_error(str(item), exc))
            continue
        if report.sha256 in by_hash:
            skipped.append(Skipped.of(report.path, "skipped.duplicate", path=by_hash[report.sha256]))
            continue
        by_hash[report.sha256] = report.path
        reports.append(report)
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(dirpath) / name
            if name.startswith(".") or name == MANIFEST_NAME or is_supported(path):
                continue
            skipped.append(Skipped.of(str(path), "read.unsupported",
                                      suffix=path.suffix or Notice("read.no_suffix")))
    return reports, skipped
