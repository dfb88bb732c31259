"""Results as CSV for spreadsheets (UTF-8 with BOM, so Excel reads Chinese).

Every cell that came from a report, a file name, a manifest or the query is text a
stranger wrote. A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (``=HYPERLINK(…)`` sends data away when clicked in Excel or WPS), and a
leading tab or carriage return can hide one. Following OWASP's CSV-injection advice,
such a cell is written with a leading apostrophe (``'=HYPERLINK(…)``: shown as text,
still readable), and every cell is quoted so a separator inside one cannot start a new
cell. The JSON output is not touched: it is read by programs, not spreadsheets.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from .model import SearchResult

# The characters a spreadsheet takes as the start of a formula (OWASP, CSV Injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# ``count`` is the query's number of hits: a query checked and not found is a result of
# a fact-checking list too, written as one row with count 0 and no hit.
CSV_COLUMNS = ("query", "count", "rank", "report", "title", "institution", "year",
               "paragraph", "section", "match", "score", "text")


def write_csv(path: Path, results: Iterable[SearchResult]) -> int:
    """Write every hit of every result, and one row with count 0 for a result with no
    hit; returns the number of hit rows."""
    rows = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(CSV_COLUMNS)
        for result in results:
            if not result.hits:
                writer.writerow([spreadsheet_text(result.query), result.total]
                                + [""] * (len(CSV_COLUMNS) - 2))
                continue
            for rank, h in enumerate(result.hits, 1):
                writer.writerow([spreadsheet_text(cell) for cell in (
                    result.query, result.total, rank, h.report, h.title, h.institution,
                    h.year or "", h.paragraph, h.section, h.match, h.score, h.text)])
                rows += 1
    return rows


def spreadsheet_text(value: object) -> object:
    """A cell a spreadsheet shows as text: text that would start a formula (also after
    leading spaces) gets a leading apostrophe; numbers pass unchanged."""
    if isinstance(value, str) and (value.startswith(FORMULA_START)
                                   or value.lstrip().startswith(FORMULA_START)):
        return "'" + value
    return value


def citation(text: str, institution: str, title: str, year: int | None, paragraph: int,
             report: str) -> str:
    """A paragraph with its source, ready to paste into a story or a fact-check note."""
    when = f"{year}年" if year else "年份不详"
    source = "，".join(part for part in (institution, f"《{title}》" if title else "", when) if part)
    return f"{text}\n——{source}，第 {paragraph} 段（{report}）"
