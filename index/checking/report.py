"""A checked draft for the editor: the summary line, JSON, CSV and a printable page.

Everything in a checked draft came from the draft or from reports, text strangers
wrote. The CSV writes every cell as text a spreadsheet will not run
(``export.spreadsheet_text``); the HTML page escapes every string and loads nothing
from anywhere (its style is inline, it has no script, no image, no link to follow), so
it prints and archives as it is.
"""

from __future__ import annotations

import csv
import html
from dataclasses import asdict
from pathlib import Path

from ..export import citation, spreadsheet_text
from ..messages import text
from .results import DIFFERENT, SAME, DraftCheck, ItemCheck, Source, StatementCheck

CSV_COLUMNS = ("statement", "text", "verdict", "item_kind", "item", "item_verdict",
               "source_figure", "report", "title", "institution", "year", "paragraph",
               "score", "source_text")


def summary_text(check: DraftCheck, lang: str = "zh") -> str:
    """``共核对 12 句：有出处 9 句，数字不同 1 句，未找到出处 2 句。`` (in ``lang``)"""
    return text("check.summary", lang, **asdict(check.summary))


def verdict_text(verdict: str, lang: str = "zh") -> str:
    """A statement's or item's verdict (``supported`` → 有出处) in ``lang``."""
    return text(f"check.{verdict}", lang, found="")


def item_text(check: ItemCheck, lang: str = "zh") -> str:
    """An item's verdict in ``lang``, with the source's figure when it differs."""
    return text(f"check.{check.verdict}", lang, found=check.found)


def as_dict(check: DraftCheck) -> dict:
    """The whole check as JSON-ready data (the CLI's ``--json``)."""
    return {"summary": asdict(check.summary),
            "statements": [_statement_dict(s) for s in check.statements]}


def _statement_dict(statement: StatementCheck) -> dict:
    return {
        "number": statement.statement.number, "text": statement.statement.text,
        "start": statement.statement.start, "end": statement.statement.end,
        "verdict": statement.verdict,
        "items": [asdict(i) | {"value": [str(v) for v in i.value]} for i in statement.items],
        "sources": [_source_dict(s) for s in statement.sources],
    }


def _source_dict(source: Source) -> dict:
    return {
        "report": source.report, "path": source.path, "title": source.title,
        "institution": source.institution, "year": source.year,
        "paragraph": source.paragraph, "text": source.text, "score": source.score,
        "words": list(source.words),
        "checks": [{"item": c.item.text, "kind": c.item.kind, "verdict": c.verdict,
                    "found": c.found, "start": c.start, "end": c.end} for c in source.checks],
        "citation": source_citation(source),
    }


def source_citation(source: Source) -> str:
    return citation(source.text, source.institution, source.title, source.year,
                    source.paragraph, source.report)


# ---------------------------------------------------------------- CSV


def write_csv(path: Path, check: DraftCheck) -> int:
    """One row per item of each statement against its best source (one row for a
    statement without items); returns the number of rows."""
    rows = 0
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(CSV_COLUMNS)
        for statement in check.statements:
            best = statement.best
            source = ([best.report, best.title, best.institution, best.year or "",
                       best.paragraph, best.score, best.text] if best else [""] * 7)
            checks = best.checks if best else tuple(ItemCheck(i, "not_found")
                                                   for i in statement.items)
            lines = [[c.item.kind, c.item.text, c.verdict, c.found if c.verdict == DIFFERENT
                      else ""] for c in checks] or [["", "", "", ""]]
            for line in lines:
                writer.writerow([spreadsheet_text(cell) for cell in (
                    statement.statement.number, statement.statement.text, statement.verdict,
                    *line, *source)])
                rows += 1
    return rows


# ---------------------------------------------------------------- HTML

_STYLE = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;
margin:2em;color:#212121;line-height:1.6}
h1{font-size:1.4em}.summary{font-weight:bold;margin-bottom:1.5em}
.statement{border-left:6px solid #9e9e9e;padding:.3em 1em;margin:1em 0;page-break-inside:avoid}
.supported{border-color:#2e7d32}.differs{border-color:#e65100}.unsupported{border-color:#c62828}
.verdict{font-weight:bold}.supported .verdict{color:#2e7d32}.differs .verdict{color:#e65100}
.unsupported .verdict{color:#c62828}
.source{background:#f5f5f5;padding:.5em;margin:.5em 0;white-space:pre-wrap}
.cite{color:#616161;font-size:.9em}
mark{background:#c8e6c9}mark.different{background:#ffe0b2;font-weight:bold}
mark.not_found{background:#ffcdd2}
table{border-collapse:collapse;margin:.3em 0}td{padding:0 .8em 0 0}
"""


def html_page(check: DraftCheck, title: str = "稿件核对") -> str:
    """A self-contained, printable page: the summary, then each statement with its
    verdict, its items, its best source marked and cited."""
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>",
             f'<p class="summary">{html.escape(summary_text(check))}</p>']
    for statement in check.statements:
        parts.append(_statement_html(statement))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html(path: Path, check: DraftCheck, title: str = "稿件核对") -> None:
    Path(path).write_text(html_page(check, title), encoding="utf-8")


def _statement_html(statement: StatementCheck) -> str:
    best = statement.best
    checks = best.checks if best else ()
    own = [(c.item.start, c.item.end, c.verdict) for c in checks] or [
        (i.start, i.end, "not_found") for i in statement.items]
    out = [f'<div class="statement {html.escape(statement.verdict)}">',
           f'<p><span class="verdict">{statement.statement.number}. '
           f'{html.escape(verdict_text(statement.verdict))}</span>　'
           f"{_marked(statement.statement.text, own)}</p>"]
    if checks:
        out.append("<table>")
        for c in checks:
            out.append(f"<tr><td>{html.escape(text('check.' + c.item.kind))}</td>"
                       f"<td>{html.escape(c.item.text)}</td>"
                       f"<td>{html.escape(item_text(c))}</td></tr>")
        out.append("</table>")
    if best is not None:
        marks = [(c.start, c.end, c.verdict) for c in checks if c.start >= 0]
        out.append(f'<div class="source">{_marked(best.text, marks)}</div>')
        out.append(f'<p class="cite">——{html.escape(_where(best))}</p>')
    out.append("</div>")
    return "\n".join(out)


def _where(source: Source) -> str:
    return source_citation(source).rpartition("\n——")[2]


def _marked(value: str, spans: list[tuple[int, int, str]]) -> str:
    """``value`` escaped, with each span in a <mark> of its verdict's class."""
    out, last = [], 0
    for start, end, verdict in sorted(s for s in spans if s[0] >= 0):
        if start < last:
            continue
        css = "" if verdict == SAME else f' class="{html.escape(verdict)}"'
        out += [html.escape(value[last:start]), f"<mark{css}>",
                html.escape(value[start:end]), "</mark>"]
        last = end
    out.append(html.escape(value[last:]))
    return "".join(out)
