"""Results as CSV for spreadsheets (UTF-8 with BOM, so Excel reads Chinese)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from .search import SearchResult

CSV_COLUMNS = ("query", "rank", "report", "title", "institution", "year", "paragraph",
               "section", "match", "score", "text")


def write_csv(path: Path, results: Iterable[SearchResult]) -> int:
    """Write every hit of every result; returns the number of rows."""
    rows = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for result in results:
            for rank, h in enumerate(result.hits, 1):
                writer.writerow((result.query, rank, h.report, h.title, h.institution,
                                 h.year or "", h.paragraph, h.section, h.match, h.score, h.text))
                rows += 1
    return rows


def citation(text: str, institution: str, title: str, year: int | None, paragraph: int,
             report: str) -> str:
    """A paragraph with its source, ready to paste into a story or a fact-check note."""
    when = f"{year}年" if year else "年份不详"
    source = "，".join(part for part in (institution, f"《{title}》" if title else "", when) if part)
    return f"{text}\n——{source}，第 {paragraph} 段（{report}）"
