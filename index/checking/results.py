"""What checking a draft found, as plain frozen data (like ``index.model``).

Verdicts are codes, not sentences: a front end words them in its language, and the
Chinese words of the engine are in ``messages`` (``check.*``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # plain data: the pipeline is not imported with it
    from .items import Item
    from .statements import Statement

# What a source says about one item of a statement.
SAME = "same"  # the source says it (a figure written another way counts)
DIFFERENT = "different"  # the source gives another figure of the same unit nearby
NOT_FOUND = "not_found"  # the source does not mention it
ITEM_VERDICTS = (SAME, DIFFERENT, NOT_FOUND)

# What the library says about a statement.
SUPPORTED = "supported"  # a source says it, no figure differs
DIFFERS = "differs"  # a source says it with a different figure
UNSUPPORTED = "unsupported"  # no paragraph in the library says it
STATEMENT_VERDICTS = (SUPPORTED, DIFFERS, UNSUPPORTED)


@dataclass(frozen=True)
class ItemCheck:
    """One item of a statement against one source paragraph: the verdict and, when the
    source has the item or a different figure for it, that text as the source writes
    it and where it is in the paragraph (``start``/``end``; -1 when not found)."""

    item: Item
    verdict: str
    found: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Source:
    """A paragraph of the library that may support a statement, with what it shares:
    ``words`` the statement's words it holds, ``score`` (0–1) how well it supports the
    statement, ``checks`` each item of the statement against it."""

    report: str  # file name
    path: str
    title: str
    institution: str
    year: int | None
    paragraph: int  # 1-based ordinal in the report
    text: str
    score: float
    words: tuple[str, ...]
    checks: tuple[ItemCheck, ...]

    @property
    def differing(self) -> tuple[ItemCheck, ...]:
        return tuple(c for c in self.checks if c.verdict == DIFFERENT)


@dataclass(frozen=True)
class StatementCheck:
    """A statement, its items, its verdict and its best sources (best first; empty
    when nothing in the library supports it)."""

    statement: Statement
    items: tuple[Item, ...]
    verdict: str
    sources: tuple[Source, ...]

    @property
    def best(self) -> Source | None:
        return self.sources[0] if self.sources else None


@dataclass(frozen=True)
class Summary:
    """The editor's line: statements checked, supported, with a differing figure,
    unsupported."""

    checked: int
    supported: int
    differs: int
    unsupported: int


@dataclass(frozen=True)
class DraftCheck:
    """A whole draft checked: every statement in order."""

    draft: str
    statements: tuple[StatementCheck, ...]

    @property
    def summary(self) -> Summary:
        verdicts = [s.verdict for s in self.statements]
        return Summary(len(verdicts), verdicts.count(SUPPORTED), verdicts.count(DIFFERS),
                       verdicts.count(UNSUPPORTED))
