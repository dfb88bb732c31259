"""``PgBackend``: a team archive on a PostgreSQL server, behind ``SearchBackend``.

Opened by ``backend.open_backend("postgresql://…")``. Reading goes through one
connection in autocommit mode, so every call sees the last commit of any importer and
never a batch in progress. Writing (``index``, ``rescan``, ``remove_source``) runs
``index.importer.Importer`` over a session of its own (``writing``): one transaction a
batch, one importer at a time. Corrections are rows of their own, applied whenever a
report is read (the ``catalogue`` view), so one made during an import is there at once
and is kept when the report is imported again.

Which account connects decides what it may do (``roles``): ``writable`` is what the
server grants it, and a write the server refuses is ``ReadOnlyError``.

An archive has nothing to rebuild on open and never takes the bundled seeds:
``recovered`` is "", ``recovery`` None and ``ensure_ready`` imports nothing.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import psycopg

from ..analysis import add_words, words
from ..backend import never
from ..corrections import corrected
from ..errors import (
    ConfigError,
    IndexBusyError,
    QueryError,
    ReadOnlyError,
    ReportNotFoundError,
    ServerUnavailableError,
)
from ..highlight import spans
from ..importer import Importer
from ..institutions import institutions
from ..model import (
    ALL_WORDS,
    RELEVANCE,
    Hit,
    IndexSummary,
    Kind,
    Notice,
    Paragraph,
    Progress,
    ReportMeta,
    ReportRecord,
    ReportView,
    SearchResult,
    Span,
)
from ..normalize import fold
from ..search import MIN_SIMILAR_LENGTH, Searcher
from ..writing import Cancelled
from ..years import parse_year
from . import schema, searching
from .connection import check_locale, connect, location
from .writing import BATCH_BYTES, ArchiveStore, writing

RESULTS_KEPT = 64  # searches answered again without the server, the least recent dropped
SIMILAR_WORDS = 16  # as the local engine: the paragraph's most telling words
NOISE_KINDS = (str(Kind.MASTHEAD), str(Kind.FURNITURE), str(Kind.BYLINE))
_RECORD = """SELECT id, key, path, name, title, institution, year, paragraphs, sha256,
                    encoding, size, mtime_ns, offline, base_title, base_institution,
                    base_year, sources, corrected_institution, corrected_year,
                    corrected_title
             FROM catalogue"""


class PgBackend:
    """A team archive: ``url`` is libpq's (``postgresql://user@host/db?sslmode=…``)."""

    def __init__(self, url: str):
        """Connect and check the database: UTF-8 with a UTF-8 LC_CTYPE (else
        ``ConfigError``), initialised by ``archive init`` and not behind or ahead of this
        program. ``ServerUnavailableError`` when the server cannot be reached or refuses."""
        self.url = url.strip()
        self.recovered = ""
        self.recovery: Notice | None = None
        self.batch_bytes = BATCH_BYTES
        self._location = location(self.url)
        self._notices: list[Notice] = []
        self._conn: psycopg.Connection | None = connect(self.url)
        try:
            self._check()
            # (has_table_privilege with a list is true when ANY of them is held.)
            self._writable = bool(self._conn.execute(
                "SELECT bool_and(has_table_privilege(t, p)) "
                "FROM unnest(ARRAY['reports', 'paragraphs', 'copies', 'corrections', "
                "'sources']) t, "
                "unnest(ARRAY['INSERT', 'UPDATE', 'DELETE']) p").fetchone()[0])
        except BaseException:
            self.close()
            raise
        table = institutions()
        add_words([n for n in table.all_names() if len(n) >= 2])  # as the local index does
        self.meaning = searching.meaning(table)
        self._records: dict[int, ReportRecord] = {}
        self._by_key: dict[str, int] = {}
        self._records_revision: int | None = None
        self._stats = searching.Stats()
        self._results: OrderedDict[tuple, SearchResult] = OrderedDict()  # by revision, asked

    def _check(self) -> None:
        check_locale(self.conn, self._location)
        known = {m.version for m in schema.migrations()}
        done = set(schema.applied(self.conn))
        if not done:
            raise ConfigError("archive.uninitialised", location=self._location)
        if done - known:
            raise ConfigError("archive.newer", location=self._location,
                                   version=max(done - known))
        if known - done:
            raise ConfigError("archive.outdated", location=self._location,
                                   versions="、".join(map(str, sorted(known - done))))

    @property
    def conn(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed:
            self._conn = connect(self.url)
        return self._conn

    @property
    def location(self) -> str:
        """``postgresql://user@host:port/database`` (never the password)."""
        return self._location

    @property
    def writable(self) -> bool:
        """Whether the server lets this account import, correct and delete."""
        return self._writable

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> PgBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Run a reading statement; a connection the server dropped is opened again once."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except psycopg.OperationalError:
            self.close()
            try:
                return self.conn.execute(sql, params).fetchall()
            except psycopg.OperationalError as exc:
                self.close()
                raise ServerUnavailableError(
                    "archive.unreachable", location=self._location,
                    reason=" ".join(str(exc).split())) from None

    # ------------------------------------------------------------ the catalogue

    def revision(self) -> int:
        """The archive's revision: every commit that changes what is found bumps it."""
        return self._read("SELECT revision FROM archive_state")[0][0]

    def _catalogue(self) -> dict[int, ReportRecord]:
        """Every report's record by id, read again when the revision changed."""
        revision = self.revision()
        if revision != self._records_revision:
            copies: dict[int, list[str]] = {}
            for report_id, path in self._read(
                    "SELECT report_id, path FROM copies ORDER BY position"):
                copies.setdefault(report_id, []).append(path)
            records = {}
            for row in self._read(_RECORD):
                records[row[0]] = _record(row, copies.get(row[0], ()))
            self._records = records
            self._by_key = {r.key: i for i, r in records.items()}
            self._records_revision = revision
            self._stats = searching.stats(self.conn)
            self._results.clear()  # kept under a revision that is gone
        return self._records

    def reports(self) -> list[ReportRecord]:
        return sorted(self._catalogue().values(),
                      key=lambda r: (-(r.year or 0), r.institution, r.name))

    def record(self, name: str) -> ReportRecord:
        """A report's record by file name, path or key (the local engine's lookup)."""
        finder = Searcher.__new__(Searcher)
        finder.records = {r.key: r for r in self._catalogue().values()}
        return finder.find_report(name)

    def _id(self, record: ReportRecord) -> int:
        return self._by_key[record.key]

    def sources(self) -> list[str]:
        return [r[0] for r in self._read("SELECT path FROM sources ORDER BY position")]

    def take_notices(self) -> list[Notice]:
        notices, self._notices = self._notices, []
        return notices

    # ------------------------------------------------------------ searching

    def search(self, query: str, institutions: Sequence[str] = (),
               years: Sequence[int | str] = (), limit: int = 20, offset: int = 0,
               sort: str = RELEVANCE) -> SearchResult:
        """Search, or answer from the results kept for this revision: every commit that
        changes what is found bumps the revision, so a result kept under the revision
        just read is what the search would find again (a page asked for again, the same
        query typed again), and costs one round trip instead of every match counted."""
        records = self._catalogue()
        key = (self._records_revision, query, tuple(institutions), tuple(years), limit,
               offset, sort)
        if (kept := self._results.get(key)) is not None:
            self._results.move_to_end(key)
            return kept
        known = sorted({r.institution for r in records.values()})
        try:
            result = searching.run(self.conn, self.meaning, records, known, query,
                                   institutions, years, limit, offset, sort, self._stats,
                                   self._catalogue)
        except psycopg.OperationalError as exc:
            self.close()
            raise ServerUnavailableError("archive.unreachable", location=self._location,
                                              reason=" ".join(str(exc).split())) from None
        self._results[key] = result
        while len(self._results) > RESULTS_KEPT:
            self._results.popitem(last=False)
        return result

    def needles(self, query: str) -> tuple[str, ...]:
        return self.meaning.needles(query)

    def highlight(self, query: str, text: str) -> tuple[Span, ...]:
        try:
            needles = self.meaning.needles(query)
        except QueryError:
            return ()
        return spans(text, needles)

    def report(self, name: str, first: int = 1, count: int | None = None) -> ReportView:
        record = self.record(name)
        start = max(first, 1) if count is not None else 1
        end = start + max(count, 0) if count is not None else None
        rows = self._read(
            "SELECT ordinal, kind, text, section, joined FROM paragraphs "
            "WHERE report_id = %s AND ordinal >= %s AND (%s::integer IS NULL OR ordinal < %s) "
            "ORDER BY ordinal", (self._id(record), start, end, end))
        return ReportView(record, tuple(Paragraph(o, Kind(k), t, s, j)
                                        for o, k, t, s, j in rows))

    def similar(self, name: str, paragraph: int, limit: int = 10,
                within: str | None = None) -> list[Hit]:
        """Paragraphs most like one paragraph ("more like this"): its most telling
        words (tf × idf, from ``word_stats``), any of them, ranked by ``ts_rank``;
        mastheads, page furniture and bylines left out, as the local engine does."""
        record = self.record(name)
        rows = self._read("SELECT text FROM paragraphs WHERE report_id = %s AND ordinal = %s",
                          (self._id(record), paragraph))
        if not rows:
            raise ReportNotFoundError(f"报告 “{record.name}” 没有第 {paragraph} 段。")
        counts = Counter(w for w in words(fold(rows[0][0])) if len(w) > 1)
        if not counts:
            return []
        total = self._read("SELECT coalesce(sum(paragraphs), 0) FROM reports")[0][0] or 1
        df = dict(self._read("SELECT word, df FROM word_stats WHERE word = ANY(%s)",
                             (list(counts),)))
        weighted = sorted(((tf * math.log(total / df[w]), w) for w, tf in counts.items()
                           if df.get(w, 0) > 1), reverse=True)
        key_words = [w for _, w in weighted[:SIMILAR_WORDS]]
        if not key_words:
            return []
        if within is not None:
            scope, target = "p.report_id = %s", self._id(self.record(within))
        else:
            scope, target = "p.report_id <> %s", self._id(record)
        rows = self._read(
            f"""SELECT p.report_id, p.ordinal, p.kind, p.section, p.text,
                       ts_rank(p.words, q.q) AS s
                FROM paragraphs p, (SELECT %s::tsquery AS q) q
                WHERE p.words @@ q.q AND {scope} AND p.kind <> ALL(%s)
                ORDER BY s DESC, p.report_id, p.ordinal LIMIT %s""",
            (searching.or_query(key_words), target, list(NOISE_KINDS), limit * 2))
        records = self._catalogue()
        hits = []
        for report_id, ordinal, kind, section, body, score in rows:
            if len(hits) >= limit:
                break
            if len(fold(body)) < MIN_SIMILAR_LENGTH:
                continue
            other = records.get(report_id)
            hits.append(Hit(
                report=other.name if other else "", path=other.path if other else "",
                title=other.title if other else "",
                institution=other.institution if other else "",
                year=other.year if other else None, paragraph=ordinal, kind=kind,
                section=section, text=body, highlights=spans(body, key_words),
                score=round(float(score), 4), match=ALL_WORDS))
        return hits

    # ------------------------------------------------------------ writing

    def _require_writable(self) -> None:
        if not self._writable:
            raise ReadOnlyError("archive.read_only")

    def index(self, paths: Sequence[Path], progress: Progress | None = None,
              cancelled: Callable[[], bool] = never) -> IndexSummary:
        """Add folders or files (on this machine) to the archive's sources and import
        them, a transaction per batch."""
        roots = [_absolute(p) for p in paths]
        return self._import(roots, roots, progress, cancelled)

    def rescan(self, progress: Progress | None = None,
               cancelled: Callable[[], bool] = never) -> IndexSummary:
        return self._import([], None, progress, cancelled)

    def ensure_ready(self, progress: Progress | None = None,
                     cancelled: Callable[[], bool] = never) -> IndexSummary | None:
        """Nothing to do: an archive is checked when it is opened and never takes the
        bundled seeds."""
        return None

    def _import(self, add: list[Path], roots: list[Path] | None, progress: Progress | None,
                cancelled: Callable[[], bool]) -> IndexSummary:
        self._require_writable()
        summary = IndexSummary()
        try:
            with writing(self.url, cancelled, batch_bytes=self.batch_bytes) as session:
                known = set(session.sources())
                session.add_sources([p for p in add if p.exists() or str(p) in known])
                session.commit()  # the record first, before anything is deleted
                if roots is None:
                    roots = [Path(p) for p in session.sources()]
                importer = Importer(ArchiveStore(session.conn), session, progress, cancelled,
                                    batch_bytes=self.batch_bytes)
                summary = importer.run(roots)
        except Cancelled:
            summary.cancelled = True
        if summary.unreachable:
            self._notices.append(Notice("offline.sources", {
                "count": len(summary.unreachable), "paths": "、".join(summary.unreachable)}))
        return self._counted(summary)

    def remove_source(self, path: Path | str) -> IndexSummary:
        """Forget a source: its reports leave the archive, and its copies leave their
        reports' lists (a report whose own file was under it stays, read again from a
        copy under another source); the files themselves are not touched."""
        self._require_writable()
        root = _absolute(path)
        summary = IndexSummary()
        with writing(self.url) as session:
            session.remove_source(str(root))
            others = [Path(p) for p in session.sources()]

            def leaving(report: str) -> bool:
                inside = Path(report) == root or root in Path(report).parents
                return inside and not any(Path(report) == o or o in Path(report).parents
                                          for o in others)

            store = ArchiveStore(session.conn)
            importer = Importer(store, session)
            known = store.stored_records()
            for report, record in list(known.items()):
                for copy in record["copies"]:
                    if leaving(copy):
                        importer.drop_copy(known, record, copy)
                record = known[report]
                if leaving(report):
                    session.delete_report(record["key"])
                    left = [c for c in record["copies"] if Path(c).is_file()]
                    if left:  # the same report stays, under a path of another source
                        importer.read_again(record, left, summary)
                        summary.added.clear()
                        summary.updated.clear()
                    else:
                        summary.removed.append(report)
        return self._counted(summary)

    def _counted(self, summary: IndexSummary) -> IndexSummary:
        reports, paragraphs = self._read(
            "SELECT count(*), coalesce(sum(paragraphs), 0) FROM reports")[0]
        summary.reports, summary.paragraphs = int(reports), int(paragraphs)
        return summary

    def set_metadata(self, name: str, *, institution: str | None = None,
                     year: int | None = None, title: str | None = None) -> ReportRecord:
        """Correct a report: one row of ``corrections`` by its path, seen by every reader
        at once and kept when the report is imported again ("" clears a field)."""
        record = self.record(name)
        values = {k: v for k, v in (("institution", institution), ("year", year),
                                    ("title", title)) if v is not None}
        if not values:
            return record
        self._require_writable()
        if "year" in values:
            values["year"] = parse_year(values["year"])
        for field in ("institution", "title"):
            if field in values:
                values[field] = str(values[field]).strip() or None
        columns = list(values)
        try:
            with self.conn.transaction():
                self.conn.execute(
                    f"INSERT INTO corrections (path, {', '.join(columns)}) "
                    f"VALUES (%s{', %s' * len(columns)}) ON CONFLICT (path) DO UPDATE SET "
                    + ", ".join(f"{c} = excluded.{c}" for c in columns),
                    (record.path, *values.values()))
                self.conn.execute("DELETE FROM corrections WHERE path = %s AND "
                                  "coalesce(institution, '') = '' AND year IS NULL AND "
                                  "coalesce(title, '') = ''", (record.path,))
                self.conn.execute("UPDATE archive_state SET revision = revision + 1")
        except psycopg.errors.InsufficientPrivilege:
            raise ReadOnlyError("archive.read_only") from None
        except psycopg.errors.LockNotAvailable:
            raise IndexBusyError("archive.busy") from None
        return self.record(record.path)


def _record(row: tuple, copies: Sequence[str] = ()) -> ReportRecord:
    """A catalogue row as a record; ``sources`` says which values are corrections and
    ``paths`` its own path, then its ``copies``."""
    (_, key, path, name, title, institution, year, paragraphs, sha256, encoding, size,
     mtime_ns, offline, base_title, base_institution, base_year, sources,
     c_institution, c_year, c_title) = row
    values = {k: str(v) for k, v in (("institution", c_institution), ("year", c_year),
                                     ("title", c_title)) if v not in (None, "")}
    meta = corrected(ReportMeta(base_title, base_institution, base_year, dict(sources)), values)
    return ReportRecord(key=key, path=path, name=name, title=title, institution=institution,
                        year=year, paragraphs=paragraphs, sha256=sha256, encoding=encoding,
                        size=size, mtime_ns=mtime_ns, sources=dict(meta.sources),
                        offline=offline, paths=(path, *copies))


def _absolute(path: Path | str) -> Path:
    path = Path(path).expanduser()
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
