"""The local backend: a library of reports in a folder, indexed with Whoosh.

``Engine`` implements ``backend.SearchBackend`` (the front ends get one from
``backend.open_backend``, never by constructing it). It is used from one thread at a
time (the GUI gives each worker its own): it opens a searcher lazily and reopens it
when the index has changed, whoever changed it.

The user's library is the truth, on disk, beside the index: the sources they added
(``sources``, ``library.json``) and their corrections (``corrections``,
``corrections.csv``). The index is derived from them and can always be rebuilt:
opening an index that is damaged, outdated or missing sets it aside, and
:meth:`Engine.ensure_ready` (or the next import) rebuilds it from the recorded sources,
resuming where a killed rebuild stopped. Only an index that never had a library gets
the bundled seeds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .backend import never
from .corrections import Corrections, corrected
from .errors import ConfigError, IndexBusyError, QueryError
from .highlight import spans
from .institutions import institutions
from .messages import text
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
from .paths import default_index_dir, home_problem, installed_seeds, seeds_dir
from .search import Searcher
from .sources import LibraryUnreadable, Sources
from .store import Store, base_meta
from .textindex import TextReader
from .writing import Cancelled


class Engine:
    """The local engine: a Whoosh index in ``index_dir`` (default: the user's data folder)."""

    def __init__(self, index_dir: Path | str | None = None, recover: bool = False):
        """Open the library and its index. With ``recover``, a damaged index is set aside
        (an outdated or missing one always is) and ``ensure_ready`` rebuilds it from the
        recorded sources. ``recovered`` then says in a few words why the index was set
        aside ("" if it was not); ``recovery`` is the whole story for the user, as data
        (also when an earlier rebuild is being resumed), or None. ConfigError when
        REPORTSEARCH_HOME is not a folder (and no ``index_dir`` is given)."""
        if index_dir is None and (problem := home_problem()):
            raise ConfigError(problem)
        self.index_dir = Path(index_dir) if index_dir else default_index_dir()
        self._notices: list[Notice] = []
        self._problems_shown: tuple | None = None
        self._aliases_told = False
        self.corrections = Corrections(self.index_dir / "corrections.csv")
        self.store = Store(self.index_dir, recover=recover, corrections=self.corrections)
        try:
            self.library = Sources(self.index_dir)
        except LibraryUnreadable as exc:
            self.library = Sources(self.index_dir)
            self._notices.append(Notice("library.unreadable", {
                "file": str(self.library.path), "problem": exc.problem, "aside": exc.aside.name}))
        if not self.library.exists:  # an index without a record of its sources
            adopted = self.store.previous_paths or list(self.store.records())
            if adopted:
                self.library.add(adopted)
        self.recovery = self._recovery()
        self.recovered = self._reason()
        self._searcher: Searcher | None = None
        self._text: TextReader | None = None
        self._pid_ranges: dict[str, tuple[int, int]] = {}  # kept across searchers

    def _recovery(self) -> Notice | None:
        state, what = self.store.reset
        count = len(self.library.paths())
        if state == "damaged":
            aside = self.store.aside.name if self.store.aside else ""
            return Notice("rebuild.damaged", {"what": what, "aside": aside, "count": count})
        if state == "changed":
            return Notice("rebuild.changed", {"what": what, "count": count})
        if state in ("missing", "incomplete") and self.library.exists:
            return Notice(f"rebuild.{'missing' if state == 'missing' else 'resume'}",
                          {"count": count})
        return None

    def _reason(self) -> str:
        """Why the index was set aside, in a few words ("" when it was not)."""
        state, what = self.store.reset
        if state == "damaged":
            return text("error.damaged", what=what, path=self.store.path)
        return str(what) if state == "changed" else ""

    @property
    def location(self) -> str:
        """The index folder."""
        return str(self.index_dir)

    @property
    def writable(self) -> bool:
        """Always: a local library is the user's own (a folder that cannot be written
        fails at the write, with ``IndexWriteError``)."""
        return True

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if self._text is not None:
            self._text.close()
            self._text = None

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
            if self._text is None:  # kept across commits: it follows them itself
                self._text = TextReader(self.store.path)
            self._searcher = Searcher(ix, institutions(), self._text, self._pid_ranges)
        return self._searcher

    # ------------------------------------------------------------ the library

    def sources(self) -> list[str]:
        """The folders and files the user added, as recorded (absolute paths)."""
        return self.library.paths()

    def take_notices(self) -> list[Notice]:
        """What the user should be told since the last call: bad entries in the alias
        tables (once), bad rows in the corrections file, corrections waiting for a
        running import, sources that could not be reached.
        (Why the index was rebuilt is ``recovery``.)"""
        self.corrections.refresh()
        notices = []
        if not self._aliases_told:  # bad entries in the user's alias table, once
            self._aliases_told = True
            notices += institutions().problems
        if self.corrections.signature != self._problems_shown:
            notices += self.corrections.problems
            self._problems_shown = self.corrections.signature
        notices += self._notices
        self._notices = []
        return notices

    # ------------------------------------------------------------ writing

    def index(self, paths: Sequence[Path], progress: Progress | None = None,
              cancelled: Callable[[], bool] = never) -> IndexSummary:
        """Add folders or files to the library and index them (incrementally). The
        sources are recorded before anything changes in the index; a rebuild that is
        pending (after damage or an upgrade) is finished first, over the whole library."""
        roots = [_absolute(p) for p in paths]
        return self._import(roots, roots, progress, cancelled)

    def rescan(self, progress: Progress | None = None,
               cancelled: Callable[[], bool] = never) -> IndexSummary:
        """Read every recorded source again: new, changed and deleted files; sources
        that cannot be reached keep their reports, marked offline."""
        return self._import([], None, progress, cancelled)

    def ensure_ready(self, progress: Progress | None = None,
                     cancelled: Callable[[], bool] = never) -> IndexSummary | None:
        """Finish what opening found to do: rebuild a new, damaged or outdated index from
        the recorded sources (resuming a killed rebuild), or index the bundled seeds if
        this library never had any source; apply corrections the index has not applied
        yet. Returns the import's summary, or None when there was nothing to import."""
        if not self.store.complete:
            if self.library.exists:
                return self._import([], None, progress, cancelled)
            if seeds_dir().is_dir():
                return self._import([installed_seeds()], None, progress, cancelled)
            return None
        if self.store.needs_reconcile():
            try:
                with self.store.writing(wait=0) as session:
                    self.store.reconcile(session)
            except IndexBusyError:
                pass  # the writer applies them at its next commit
        return None

    def remove_source(self, path: Path | str) -> IndexSummary:
        """Forget a source: its reports leave the index (unless another source holds
        them); the files themselves are not touched."""
        root = _absolute(path)
        summary = IndexSummary()
        with self.store.writing() as session:
            self.library.remove(str(root))
            others = [Path(p) for p in self.library.paths()]

            def leaving(report: str) -> bool:
                inside = Path(report) == root or root in Path(report).parents
                return inside and not any(Path(report) == o or o in Path(report).parents
                                          for o in others)

            from .importer import Importer  # reading files: not on the search path

            importer = Importer(self.store, session)
            known = self.store.stored_records()
            for report, record in list(known.items()):
                for copy in record.get("copies", {}):
                    if leaving(copy):
                        importer.drop_copy(known, record, copy)
                record = known[report]
                if leaving(report):
                    session.delete_report(record["key"])
                    left = [c for c in record.get("copies", {}) if Path(c).is_file()]
                    if left:  # the same report stays, under a path of another source
                        importer.read_again(record, left, summary)
                        summary.added.clear()
                        summary.updated.clear()
                    else:
                        summary.removed.append(report)
        return self._counted(summary)

    def _import(self, add: list[Path], roots: list[Path] | None, progress: Progress | None,
                cancelled: Callable[[], bool]) -> IndexSummary:
        summary = IndexSummary()
        try:
            with self.store.writing(cancelled=cancelled) as session:
                known = set(self.library.paths())
                new = [p for p in add if p.exists() or str(p) in known]
                if new or self.library.legacy:
                    self.library.add(new)  # the record first, before anything is deleted
                rebuilding = not self.store.complete
                if rebuilding or roots is None:
                    roots = [Path(p) for p in self.library.paths()]
                from .importer import Importer  # reading files: not on the search path

                summary = Importer(self.store, session, progress, cancelled).run(roots)
                # run() committed; a rebuild is done once a whole pass got through.
                if not summary.cancelled and rebuilding and self.library.exists:
                    self.store.mark_complete()  # else: still waiting for the seeds
        except Cancelled:
            summary.cancelled = True
        if summary.unreachable:
            self._notices.append(Notice("offline.sources", {
                "count": len(summary.unreachable), "paths": "、".join(summary.unreachable)}))
        return self._counted(summary)

    def _counted(self, summary: IndexSummary) -> IndexSummary:
        records = self.store.records()  # doc_frequency would count deleted documents too
        summary.reports = len(records)
        summary.paragraphs = sum(r.paragraphs for r in records.values())
        return summary

    def is_empty(self) -> bool:
        return not self.store.records()

    def set_metadata(self, name: str, *, institution: str | None = None,
                     year: int | None = None, title: str | None = None) -> ReportRecord:
        """Correct a report's institution, year or title ("" clears a correction).

        The correction is saved to the corrections file first (merged with what other
        processes saved); the index is then relabelled at once, or, when an import holds
        the index, by that import at its next commit (a notice says so) and the record
        returned shows the correction already. Raises ConfigError for a year outside
        1900…next year."""
        record = self.searcher().find_report(name)
        values = {k: v for k, v in (("institution", institution), ("year", year),
                                    ("title", title)) if v is not None}
        if not values:
            return record
        self.corrections.set(record.path, **values)
        try:
            with self.store.writing(wait=0) as session:
                self.store.reconcile(session, [record.path])
        except IndexBusyError:
            self._notices.append(Notice("corrections.deferred",
                                        {"file": str(self.corrections.path)}))
            stored = self.store.stored_record(record.path)
            if stored is None:
                return record
            meta = corrected(base_meta(stored), self.corrections.get(record.path))
            return replace(record, title=meta.title, institution=meta.institution,
                           year=meta.year, sources=dict(meta.sources))
        return self.searcher().find_report(record.path)

    # ------------------------------------------------------------ reading

    def search(self, query: str, institutions: Sequence[str] = (),
               years: Sequence[int | str] = (), limit: int = 20, offset: int = 0,
               sort: str = RELEVANCE) -> SearchResult:
        return self.searcher().search(query, institutions, years, limit, offset, sort)

    def reports(self) -> list[ReportRecord]:
        return self.searcher().reports()

    def record(self, name: str) -> ReportRecord:
        """A report's record by file name, path or key."""
        return self.searcher().find_report(name)

    def revision(self) -> int:
        """The Whoosh generation of the snapshot searched."""
        return self.searcher().generation

    def needles(self, query: str) -> tuple[str, ...]:
        return self.searcher().needles(query)

    def report(self, name: str, first: int = 1, count: int | None = None) -> ReportView:
        """A report's paragraphs: all, or ``count`` from ordinal ``first``."""
        return self.searcher().report(name, first, count)

    def similar(self, name: str, paragraph: int, limit: int = 10,
                within: str | None = None) -> list[Hit]:
        return self.searcher().similar(name, paragraph, limit, within)

    def highlight(self, query: str, text: str) -> tuple[Span, ...]:
        """Where ``query`` matches in ``text`` (for marking a whole report). A query that
        does not parse marks nothing."""
        try:
            needles = self.searcher().needles(query)
        except QueryError:
            return ()
        return spans(text, needles)


def _absolute(path: Path | str) -> Path:
    path = Path(path).expanduser()
    try:
        return path.resolve()
    except OSError:  # a drive that is not there (Windows)
        return path.absolute()
