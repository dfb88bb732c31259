"""The engine's one public interface, used by the GUI and the command line.

``SearchBackend`` is what a front end may call; ``Engine`` implements it on a local
Whoosh index. A shared archive (e.g. PostgreSQL with trigram search) would be a
second implementation of the same protocol, with no change to the GUI or CLI.

An ``Engine`` is used from one thread at a time (the GUI gives each worker its
own): it opens a searcher lazily and reopens it when the index has changed,
whoever changed it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from .errors import ConfigError, QueryError
from .highlight import spans
from .institutions import institutions
from .library import load_report
from .model import ReportMeta
from .paths import default_index_dir, home_problem, installed_seeds, seeds_dir
from .search import Hit, ReportView, Searcher, SearchResult
from .store import IndexSummary, Progress, ReportRecord, Store
from .years import parse_year


class SearchBackend(Protocol):
    def index(self, paths: Sequence[Path], progress: Progress | None = None,
              cancelled: Callable[[], bool] = ...) -> IndexSummary: ...

    def search(self, query: str, institutions: Sequence[str] = (),
               years: Sequence[int | str] = (), limit: int = 20, offset: int = 0,
               sort: str = "relevance") -> SearchResult:
        """Paragraphs matching ``query``, best first. ``years`` may include
        ``search.UNKNOWN_YEAR`` ("", the year facet's key for reports with no known
        year) to select those. A bad query, or a negative ``limit`` or ``offset``,
        raises QueryError."""

    def reports(self) -> list[ReportRecord]: ...

    def report(self, name: str, first: int = 1, count: int | None = None) -> ReportView: ...

    def similar(self, name: str, paragraph: int, limit: int = 10,
                within: str | None = None) -> list[Hit]: ...

    def highlight(self, query: str, text: str) -> tuple[tuple[int, int], ...]: ...

    def set_metadata(self, name: str, *, institution: str | None = None,
                     year: int | None = None, title: str | None = None) -> ReportRecord: ...


class Engine:
    """The local engine: a Whoosh index in ``index_dir`` (default: the user's data folder)."""

    def __init__(self, index_dir: Path | None = None, recover: bool = False):
        """Open the index. With ``recover``, a damaged index is set aside and rebuilt from
        the folders it had indexed (by ``ensure_ready``); ``recovered`` then says why."""
        if index_dir is None and (problem := home_problem()):
            raise ConfigError(problem)
        self.index_dir = Path(index_dir) if index_dir else default_index_dir()
        self.store = Store(self.index_dir, recover=recover)
        self.recovered = self.store.recovered
        self._searcher: Searcher | None = None

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ snapshot

    def searcher(self) -> Searcher:
        """A searcher on the newest commit (reopened when the index changed)."""
        ix = self.store.index
        current = self._searcher
        if current is None or current.generation != ix.latest_generation():
            if current is not None:
                current.close()
            self._searcher = Searcher(ix, institutions())
        return self._searcher

    # ------------------------------------------------------------ writing

    def index(self, paths: Sequence[Path], progress: Progress | None = None,
              cancelled: Callable[[], bool] = lambda: False) -> IndexSummary:
        return self.store.update(paths, progress=progress, cancelled=cancelled)

    def is_empty(self) -> bool:
        return not self.store.records()

    def ensure_ready(self, progress: Progress | None = None,
                     cancelled: Callable[[], bool] = lambda: False) -> IndexSummary | None:
        """First run: index the bundled seeds. After a schema upgrade: re-read the
        reports the old index had. Otherwise nothing."""
        pending = [Path(p) for p in self.store.rebuild_needed() if Path(p).exists()]
        if pending:
            summary = self.store.update(pending, progress=progress, cancelled=cancelled,
                                        prune=False)
            if not summary.cancelled:
                self.store.pending_sources = []
            return summary
        if self.is_empty() and seeds_dir().is_dir():
            return self.store.update([installed_seeds()], progress=progress,
                                     cancelled=cancelled)
        return None

    def sources(self) -> list[str]:
        """The folders and files the user added, in the order they were added."""
        return self.store.sources()

    def rescan(self, progress: Progress | None = None,
               cancelled: Callable[[], bool] = lambda: False) -> IndexSummary:
        """Read the user's sources again: new and changed files in, deleted ones out."""
        return self.index([Path(p) for p in self.sources()], progress=progress,
                          cancelled=cancelled)

    def set_metadata(self, name: str, *, institution: str | None = None,
                     year: int | None = None, title: str | None = None) -> ReportRecord:
        """Correct a report's institution, year or title; the correction is kept in the
        data folder and applied again whenever the report is re-read. A year outside
        1900…next year raises ConfigError."""
        if year not in (None, ""):  # "" clears a corrected year
            year = parse_year(year)
        record = self.searcher().find_report(name)
        values = {k: v for k, v in (("institution", institution), ("year", year),
                                    ("title", title)) if v is not None}
        self.store.corrections.set(record.path, **values)
        try:
            report = load_report(Path(record.path), corrections=self.store.corrections,
                                 sha256=record.sha256)
            meta = report.meta
        except Exception:  # the source is gone or unreadable: correct what is indexed
            meta = ReportMeta(
                title=values.get("title") or record.title,
                institution=values.get("institution") or record.institution,
                year=int(values["year"]) if values.get("year") else record.year,
                sources={**record.sources, **dict.fromkeys(values, "correction")},
            )
        self.store.rewrite_report(record, meta)
        return self.searcher().find_report(record.path)

    # ------------------------------------------------------------ reading

    def search(self, query: str, institutions: Sequence[str] = (),
               years: Sequence[int | str] = (), limit: int = 20, offset: int = 0,
               sort: str = "relevance") -> SearchResult:
        return self.searcher().search(query, institutions, years, limit, offset, sort)

    def reports(self) -> list[ReportRecord]:
        return self.searcher().reports()

    def report(self, name: str, first: int = 1, count: int | None = None) -> ReportView:
        """A report's paragraphs: all, or ``count`` from ordinal ``first``."""
        return self.searcher().report(name, first, count)

    def similar(self, name: str, paragraph: int, limit: int = 10,
                within: str | None = None) -> list[Hit]:
        return self.searcher().similar(name, paragraph, limit, within)

    def highlight(self, query: str, text: str) -> tuple[tuple[int, int], ...]:
        """Where ``query`` matches in ``text`` (for marking a whole report). A query that
        does not parse marks nothing."""
        try:
            needles = self.searcher().needles(query)
        except QueryError:
            return ()
        return spans(text, needles)
