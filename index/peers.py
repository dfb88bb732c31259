"""The peers ``index.benchmark`` measures us against: SQLite FTS5 with the trigram
tokenizer over the same paragraphs, and Recoll (when installed).

**FTS5 trigram** (Python's standard library): one row per paragraph, its folded text
(``normalize.fold``, as ours) and report; a term of 3+ characters is a phrase MATCH,
a shorter one a LIKE over the table (the trigram index cannot answer it: measured, it
returns nothing). A query answers what ours does short of ranking: the first 20 rows,
the total and the count per report.

**Recoll** (``apt-get install recoll``): ``recollindex`` over the folder with a private
configuration directory, ``recollq`` per query (a process each time, as a user runs
it). It matches words, not substrings, and counts documents, not paragraphs.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

FTS_DB = "fts.db"


def readable_reports(folders: list[Path]):
    """Every report in ``folders`` as our importer reads it; a file it cannot read is
    skipped, as our engine skips it (so every engine compared sees the same paragraphs)."""
    from .library import iter_report_files, load_report

    for path in iter_report_files(folders):
        if not isinstance(path, Path):  # a file named for skipping
            continue
        try:
            yield load_report(path)
        except Exception:  # unreadable: skipped with a reason by our importer
            continue


def build_fts5(folders: list[Path], target: Path) -> int:
    """The FTS5 trigram table of every paragraph of the reports in ``folders`` (read by
    our reader, so both sides see the same paragraphs). Returns the paragraph count."""
    from .normalize import fold

    target.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(target / FTS_DB)
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(folded, report UNINDEXED,"
                 " tokenize='trigram')")
    n = 0
    for report in readable_reports(folders):
        conn.executemany("INSERT INTO fts VALUES (?, ?)",
                         ((fold(p.text), report.path) for p in report.paragraphs))
        n += len(report.paragraphs)
        if n > 50_000:
            conn.commit()
    conn.commit()
    conn.close()
    return n


class Fts5:
    """Queries on a table :func:`build_fts5` made."""

    def __init__(self, folder: Path):
        self.conn = sqlite3.connect(folder / FTS_DB)

    def search(self, term: str) -> tuple[int, dict[str, int], list]:
        """(total, count per report, first 20 rows) of a folded term."""
        if len(term) >= 3:
            where, arg = "fts MATCH ?", '"' + term.replace('"', '""') + '"'
        else:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where, arg = "folded LIKE ? ESCAPE '\\'", f"%{escaped}%"
        top = self.conn.execute(f"SELECT rowid, report, folded FROM fts WHERE {where} LIMIT 20",
                                (arg,)).fetchall()
        per_report = dict(self.conn.execute(
            f"SELECT report, count(*) FROM fts WHERE {where} GROUP BY report", (arg,)))
        return sum(per_report.values()), per_report, top


def recoll_installed() -> bool:
    return shutil.which("recollindex") is not None and shutil.which("recollq") is not None


def build_recoll(folder: Path, config: Path) -> float:
    """Index ``folder`` with Recoll in the private configuration ``config``; seconds."""
    config.mkdir(parents=True, exist_ok=True)
    (config / "recoll.conf").write_text(
        f"topdirs = {folder}\nindexedmimetypes = text/plain text/markdown text/html\n"
        "loglevel = 1\nidxflushmb = 50\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(["recollindex", "-c", str(config), "-z"], capture_output=True, check=True)
    return time.perf_counter() - started


def query_recoll(config: Path, term: str) -> tuple[int, float]:
    """(documents found, milliseconds) of one ``recollq`` run: the first 20 results and
    the count."""
    started = time.perf_counter()
    proc = subprocess.run(["recollq", "-c", str(config), "-n", "20", "-q", term],
                          capture_output=True, text=True)
    elapsed = (time.perf_counter() - started) * 1000
    count = 0
    for line in proc.stdout.splitlines():
        if "results" in line and line.split()[0].isdigit():
            count = int(line.split()[0])
            break
    return count, elapsed

