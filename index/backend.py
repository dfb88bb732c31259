"""The one interface the GUI and the command line use: ``SearchBackend``, and
``open_backend`` to get one.

A backend holds a library of reports (the sources the user added, their reports, the
user's corrections) and answers searches over it. ``engine.Engine`` is the local one, a
Whoosh index in the user's data folder; a shared archive on a server is a second
implementation of the same protocol, with no change to the front ends. Everything a
backend takes or returns is a plain value from ``model``; everything it raises on
purpose is a ``errors.ReportSearchError``.

Threads: a backend object is used from one thread at a time. The GUI opens one per
thread (the job queue's, which writes, and the reader's); two backends on the same
library, in one process or several, see each other's commits.

``tests/contract`` runs one suite against every backend: what it asserts is what the
protocol promises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from .errors import ConfigError
from .model import (
    RELEVANCE,
    Hit,
    IndexSummary,
    Notice,
    Progress,
    ReportRecord,
    ReportView,
    SearchResult,
    Span,
)

SERVER_SCHEMES = ("postgresql://", "postgres://")


def never() -> bool:
    """The default ``cancelled`` flag: the work is never cancelled."""
    return False


@runtime_checkable
class SearchBackend(Protocol):
    """A library of reports to import into, search and read.

    Reports are named by their file name, their path or their key (``ReportRecord``);
    a name that fits no report, or several, raises ``ReportNotFoundError``. Writing
    methods (``index``, ``rescan``, ``ensure_ready``, ``remove_source``,
    ``set_metadata``) raise ``IndexBusyError`` when another writer holds the library
    too long, ``IndexWriteError`` when it cannot be written, and ``ReadOnlyError`` when
    the backend is not ``writable``. Reading methods see the last commit of any writer.
    Not thread-safe: use one backend object per thread.
    """

    #: Why the library's index was set aside when it was opened, in a few words of
    #: Chinese ("" when it was not).
    recovered: str
    #: The whole story of a rebuild that opening started or resumes (a Notice for the
    #: user, shown once), or None.
    recovery: Notice | None

    @property
    def location(self) -> str:
        """Where the library is, for people: a folder, or a server and database
        (never a password). Shown in the window and in messages."""
        ...

    @property
    def writable(self) -> bool:
        """Whether this backend may import, remove sources and correct reports (False:
        searching and reading only, e.g. a reporter's account on a shared archive)."""
        ...

    # ------------------------------------------------------------ the library

    def index(self, paths: Sequence[Path], progress: Progress | None = None,
              cancelled: Callable[[], bool] = never) -> IndexSummary:
        """Add folders or files to the library and import them, incrementally (new and
        changed files are read, deleted ones dropped). The sources are recorded before
        the index changes; a path that does not exist is not recorded and reads
        nothing. ``progress(done, total, path)`` is called as files are read;
        ``cancelled()`` is polled, and when it turns true the import stops, keeps what
        it committed and returns a summary with ``cancelled`` set. Unreadable files are
        in ``summary.skipped`` with their reason, never an error."""
        ...

    def rescan(self, progress: Progress | None = None,
               cancelled: Callable[[], bool] = never) -> IndexSummary:
        """Read every recorded source again: new, changed and deleted files. A source
        that cannot be reached removes nothing: its reports stay, marked ``offline``
        (``summary.offline``, ``summary.unreachable`` and a notice)."""
        ...

    def ensure_ready(self, progress: Progress | None = None,
                     cancelled: Callable[[], bool] = never) -> IndexSummary | None:
        """Finish what opening found to do before the library is used: rebuild it from
        the recorded sources (after damage or an upgrade, resuming a killed rebuild),
        import the bundled seeds into a library that never had a source, apply
        corrections saved meanwhile. Returns the import's summary, or None when there
        was nothing to import. A backend whose library is busy (``IndexBusyError``)
        can still be searched at its last commit."""
        ...

    def sources(self) -> list[str]:
        """The folders and files the user added, as recorded (absolute paths)."""
        ...

    def remove_source(self, path: Path | str) -> IndexSummary:
        """Forget a source: its reports leave the library unless another source holds
        them (``summary.removed``); the files themselves are not touched. A path that
        is not a source changes nothing."""
        ...

    def set_metadata(self, name: str, *, institution: str | None = None,
                     year: int | None = None, title: str | None = None) -> ReportRecord:
        """Correct a report's institution, year or title ("" clears a correction; None
        leaves a field as it is) and return its record as corrected. A correction is
        kept when the report is imported again and survives a rebuild. ``ConfigError``
        for a year outside 1900 to next year or corrections that cannot be saved;
        ``ReportNotFoundError`` for an unknown report."""
        ...

    def take_notices(self) -> list[Notice]:
        """What the user should be told since the last call (each notice once): bad
        entries in the user's alias table, bad rows in the corrections, a correction waiting for a running import, sources
        that could not be reached. (Why the library was rebuilt is ``recovery``.)"""
        ...

    # ------------------------------------------------------------ searching

    def search(self, query: str, institutions: Sequence[str] = (),
               years: Sequence[int | str] = (), limit: int = 20, offset: int = 0,
               sort: str = RELEVANCE) -> SearchResult:
        """Paragraphs containing ``query`` (the query language of ``query.parse``),
        every one a substring scan of the folded text finds: exact matches first, then
        paragraphs with all the words of a term apart. ``institutions`` (any of their
        names) and ``years`` (``UNKNOWN_YEAR`` selects reports with no known year)
        filter; facets count the whole result set, each with the other facet's filter
        applied. ``limit`` hits from ``offset`` (``limit=0``: all), ordered by
        ``sort`` (one of ``model.SORTS``; another raises ValueError). ``QueryError``
        for a query that does not parse or asks too much, a year that is not a
        number, a negative ``limit`` or ``offset``."""
        ...

    def reports(self) -> list[ReportRecord]:
        """Every report in the library, newest year first, then by institution and
        name; offline ones included (``offline``)."""
        ...

    def record(self, name: str) -> ReportRecord:
        """One report's record, by file name, path or key (``ReportNotFoundError``)."""
        ...

    def report(self, name: str, first: int = 1, count: int | None = None) -> ReportView:
        """A report with its paragraphs in order: all of them, or ``count`` from
        ordinal ``first`` (a screenful of a huge report). ``ReportNotFoundError`` for
        an unknown report."""
        ...

    def similar(self, name: str, paragraph: int, limit: int = 10,
                within: str | None = None) -> list[Hit]:
        """Up to ``limit`` paragraphs of other reports most like paragraph number
        ``paragraph`` of report ``name`` ("more like this"), or with ``within`` the
        paragraphs of that one report most like it. ``ReportNotFoundError`` for an
        unknown report or paragraph."""
        ...

    def highlight(self, query: str, text: str) -> tuple[Span, ...]:
        """Where ``query`` matches in ``text``: merged ``[start, end)`` spans of the
        text as given, as search hits are marked. A query that does not parse marks
        nothing."""
        ...

    def needles(self, query: str) -> tuple[str, ...]:
        """The folded strings ``query`` marks in a report (its terms, the other names
        of the institutions they name, the words of unquoted terms), for marking a
        whole report with ``highlight.spans`` without a call per paragraph.
        ``QueryError`` for a query that does not parse."""
        ...

    def revision(self) -> Hashable:
        """A value that changes whenever a commit may change what this backend returns
        (a key for caching reports read)."""
        ...

    # ------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Release files, connections and searchers; the backend is not used after."""
        ...

    def __enter__(self) -> SearchBackend: ...

    def __exit__(self, *exc: object) -> None:
        """``close``."""
        ...


def is_server(target: str | Path | None) -> bool:
    """Does ``target`` name a server (a ``postgresql://`` URL) rather than a folder?"""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


# libpq's key=value connection settings ("host=db dbname=reports"): never a folder name.
_CONNINFO = re.compile(
    r"^\s*(host|hostaddr|port|dbname|user|password|sslmode|service|options)\s*=", re.IGNORECASE
)


def looks_like_conninfo(target: str | Path | None) -> bool:
    """Is ``target`` libpq's ``key=value`` form of connection settings? It is refused
    rather than taken for a folder (which would create an index named "host=…")."""
    return isinstance(target, str) and bool(_CONNINFO.match(target))


def open_backend(target: str | Path | None = None, *, recover: bool = False) -> SearchBackend:
    """The backend for ``target``: None (the user's data folder) or a folder path opens
    the local engine; a ``postgresql://`` or ``postgres://`` URL a team archive. With
    ``recover``, a damaged local index is set aside to be rebuilt by ``ensure_ready``
    (``recovered``/``recovery`` say so) instead of raising ``IndexDamagedError``.
    ``ConfigError`` when the target cannot be used (a data folder that is not a folder,
    a database that is not an archive); ``ServerUnavailableError`` when the server is
    down or refuses."""
    if looks_like_conninfo(target):
        raise ConfigError("archive.conninfo", target=str(target).strip())
    if is_server(target):
        from .archive.backend import PgBackend  # psycopg loads only for a team archive

        return PgBackend(str(target))
    from .engine import Engine  # Whoosh loads only when a local library is opened

    return Engine(target, recover=recover)


def load_segmenter() -> None:
    """Load what every backend's first search needs and opening a library does not:
    jieba's dictionary (~0.12 s of CPU, holding the GIL; ``analysis.segmenter``). A
    front end calls it in a worker once its library is open, so that its window is not
    delayed and its first search does not wait; a search meanwhile waits for it."""
    from .analysis import segmenter

    segmenter()


def server_location(url: str) -> str:
    """A team archive's URL for people: ``postgresql://user@host:port/database``."""
    from .archive.connection import location

    return location(url)


def without_password(url: str) -> str:
    """A team archive's URL with any password left out (what may be stored)."""
    from .archive.connection import without_password as strip

    return strip(url)


def with_password(url: str, password: str | None) -> str:
    """A team archive's URL with a password typed for this session (kept in memory)."""
    from .archive.connection import with_password as add

    return add(url, password)


def needs_password(error: Exception | str) -> bool:
    """Did a server refuse because no password, or a wrong one, was given (the error,
    or its message)?"""
    message = str(error).lower()
    return "password" in message and ("no password supplied" in message
                                      or "authentication failed" in message)
