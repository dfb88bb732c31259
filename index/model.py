"""Plain, frozen data that crosses from a backend to the GUI and the CLI.

Every type a ``backend.SearchBackend`` takes or returns is defined here, with the
constants its callers pass (``UNKNOWN_YEAR``, the sort names) or compare with
(``EXACT``, ``ALL_WORDS``), so a front end and a second backend import nothing
Whoosh-specific. Nothing here holds a file handle or a Whoosh object, so a value can
be passed between threads, compared in tests and turned into JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum

from .filenames import readable
from .messages import text

# How a hit matched: every term found whole (``EXACT``: as typed, in another form of the
# same figure, by another name of the same institution, or in the report's record when
# the term names the report), or some term only in pieces (``ALL_WORDS``: its words
# apart, or its string inside a longer number).
EXACT, ALL_WORDS = "exact", "all_words"
# The orders ``search`` knows; relevance puts exact matches first. ``BY_YEAR`` is newest
# first, ``OLDEST`` oldest first ("when was this first said"); both put reports with no
# known year last.
RELEVANCE, BY_YEAR, BY_INSTITUTION, OLDEST = "relevance", "year", "institution", "oldest"
SORTS = (RELEVANCE, BY_YEAR, BY_INSTITUTION, OLDEST)
# The year facet's key of reports with no known year; a value for ``search(years=…)``.
UNKNOWN_YEAR = ""


class Kind(StrEnum):
    """What a paragraph is on the page."""

    TITLE = "title"  # the report's title and subtitle lines
    HEADING = "heading"  # a section heading
    BODY = "body"  # running text
    CAPTION = "caption"  # a photo caption
    TABLE = "table"  # one table row; cells separated by tabs
    BYLINE = "byline"  # 文字/…, 版式/…, 本版图片由…提供, 来源：…
    MASTHEAD = "masthead"  # 聚焦 / 2025 长治两会 / 两会专刊
    FURNITURE = "furniture"  # web-page chrome, licence footers


@dataclass(frozen=True)
class Paragraph:
    ordinal: int  # 1-based position in the report, as a user counts it
    kind: Kind
    text: str
    section: str = ""  # the heading this paragraph sits under ("" before the first)
    # True for the second and later pieces of a line too long to be one paragraph: the
    # text runs on from the previous paragraph without a break, and a search finds
    # strings across the cut (see paragraphs.MAX_PARAGRAPH and textindex.TextReader.find).
    joined: bool = False


@dataclass(frozen=True)
class ReportMeta:
    """What is known about a report besides its text; every field can be corrected."""

    title: str
    institution: str
    year: int | None
    # Where each value came from: "manifest", "correction", or the detection signal.
    sources: dict[str, str] = field(default_factory=dict)
    # For a detected value, the words of the report it was read from (a short snippet).
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    path: str  # absolute path of the source file
    name: str  # file name, the report's handle for users
    sha256: str
    encoding: str
    meta: ReportMeta
    paragraphs: tuple[Paragraph, ...]

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def institution(self) -> str:
        return self.meta.institution

    @property
    def year(self) -> int | None:
        return self.meta.year


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why (in words for the user). The path is kept
    readable (``filenames.readable``): it is shown, never opened."""

    path: str
    reason: str  # in Chinese, for logs and the command line
    # The reason as data (``messages``): a front end says it in its own language.
    code: str = ""
    values: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", readable(self.path))

    @classmethod
    def of(cls, path: str, code: str, /, **values) -> Skipped:
        """A file skipped for the reason ``code`` of ``messages``."""
        return cls(path, text(code, **values), code, values)

    @classmethod
    def from_error(cls, path: str, error: Exception) -> Skipped:
        """A file skipped for an engine error (its code when it has one)."""
        code = getattr(error, "code", "")
        return cls(path, str(error), code, dict(getattr(error, "values", {})) if code else {})

    @property
    def notice(self) -> Notice:
        """The reason as a Notice (a code-less reason is the ``text`` message)."""
        return Notice(self.code, self.values) if self.code else Notice("text", {"text": self.reason})


def to_dict(value) -> dict:
    return asdict(value)


@dataclass(frozen=True)
class ReportRecord:
    """A report as the index knows it, without its paragraphs."""

    key: str
    path: str
    name: str
    title: str
    institution: str
    year: int | None
    paragraphs: int
    sha256: str
    encoding: str
    size: int
    mtime_ns: int
    sources: dict[str, str] = field(default_factory=dict)
    # Its file could not be reached at the last import or re-scan (a drive unplugged, a
    # folder unreadable): kept and searchable, updated when the file is back.
    offline: bool = False
    # Every place the same content (same sha256) was found: ``path`` first, then the
    # copies. The report is indexed once; a copy is listed here, never searched twice.
    paths: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.paths:
            object.__setattr__(self, "paths", (self.path,))

    @property
    def copies(self) -> tuple[str, ...]:
        """The other places the same report was found (empty: no duplicate)."""
        return self.paths[1:]

    @classmethod
    def from_stored(cls, stored: dict) -> ReportRecord:
        record = stored["record"]
        values = {f.name: record[f.name] for f in fields(cls) if f.name in record}
        values["paths"] = (record["path"], *record.get("copies", {}))
        return cls(**values)


@dataclass
class IndexSummary:
    """What an import or re-scan did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    # Gone from the index: deleted files, and files that no longer read as a report
    # (emptied, overwritten with junk; those are in ``skipped`` too, with the reason).
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Reports kept but marked offline because their file could not be reached.
    offline: list[str] = field(default_factory=list)
    # Sources or folders under them that could not be read (nothing under them was removed).
    unreachable: list[str] = field(default_factory=list)
    # Problems that did not stop a report (a bad manifest row): (file, what is wrong).
    warnings: list[Skipped] = field(default_factory=list)
    # Files found with the same content as a report already in the index: recorded as
    # its copies (``ReportRecord.paths``), not indexed again.
    copies: list[str] = field(default_factory=list)
    reports: int = 0  # in the index afterwards
    paragraphs: int = 0  # in the index afterwards
    bytes_read: int = 0
    seconds: float = 0.0
    cancelled: bool = False


# progress(done, total, current path)
Progress = Callable[[int, int, str], None]


Span = tuple[int, int]  # [start, end) in a paragraph's own text


@dataclass(frozen=True)
class Hit:
    """One paragraph found by a search (or by "more like this")."""

    report: str  # file name
    path: str
    title: str
    institution: str
    year: int | None
    paragraph: int  # 1-based ordinal in the report
    kind: str
    section: str
    text: str
    highlights: tuple[Span, ...]
    score: float
    match: str  # EXACT or ALL_WORDS
    # Terms found in another form than typed, and the form found (as folded text):
    # {"23000家": "2.3万家", "卫健委": "长治市卫生健康委员会"}.
    forms: dict[str, str] = field(default_factory=dict)
    # Terms found in the report's record, not in the paragraph ("山西" in a paragraph of
    # 山西省人民政府's report).
    via_report: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facets:
    """Hit counts over the whole result set, by institution and by year (a year as
    text; ``UNKNOWN_YEAR`` for reports with none), and the same counts over the exact
    matches only (``exact_*``: a value with none is absent), so that "the earliest
    year" is read from exact matches, never from words found apart."""

    institution: dict[str, int]
    year: dict[str, int]
    exact_institution: dict[str, int] = field(default_factory=dict)
    exact_year: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    """How a term that names the report was read: it also matched the reports of these
    institutions, of these years, whose title contains these words (any may be empty)."""

    term: str
    institutions: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    exact: int  # how many of total are exact matches
    hits: tuple[Hit, ...]
    facets: Facets
    # For each term that named an institution or held a figure: the other names and
    # forms searched too (市二院 → 长治市第二人民医院; 23000家 → 2.3万家, 23,000家).
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offset: int = 0
    # The terms that also matched the report's record, and how they were read.
    readings: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class ReportView:
    """A report's record with its paragraphs (all, or a window of them)."""

    record: ReportRecord
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Notice:
    """Something the user should be told once: a code and its values. ``text`` is its
    Chinese rendering (``messages``); a front end may translate the code instead."""

    code: str
    values: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return text(self.code, **self.values)

    def in_language(self, lang: str) -> str:
        """The text in ``lang`` ("zh" or "en")."""
        return text(self.code, lang, **self.values)

    @classmethod
    def from_error(cls, error: Exception) -> Notice:
        """An engine error as a Notice: its code and values, or its text as it is."""
        code = getattr(error, "code", "")
        if code:
            return cls(code, dict(error.values))
        return cls("text", {"text": str(error)})

    def __str__(self) -> str:
        return self.text
