"""The team archive under load, for ``python -m index.benchmark --server URL``.

The corpus copied ``replicate`` times (distinct files) goes into the archive: all but
three copies first (timed: MB/s), then one copy each while 1, 8 and 32 search clients
(separate processes, one connection each) run the realistic queries and random
substrings, top 20 with facets, until that import ends. Per level: queries, p50/p95
(ms), errors, the import's MB/s and the load average. Then nothing may be lost: every
file is a report, and every report has exactly its paragraphs, numbered 1…n. Last, the
short-gram comparison: 1- and 2-character terms through the ``grams`` GIN index
against a parallel sequential scan with LIKE, and with ``strpos``. It measures and prints; it asserts nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import statistics
import time
from pathlib import Path

LEVELS = (1, 8, 32)
MAX_SECONDS = 240  # a level's clients stop by then even if its import has not finished


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _client(url: str, queries: list[str], start: int, stop_at: float, done, out) -> None:
    """One search client: its own backend, queries in turn until ``done`` is set."""
    from ..backend import open_backend
    from ..errors import QueryError

    latencies, errors = [], []
    with open_backend(url) as backend:
        i = start
        while not done.is_set() and time.monotonic() < stop_at:
            query = queries[i % len(queries)]
            i += 1
            began = time.perf_counter()
            try:
                backend.search(query, limit=20)
            except QueryError:
                continue
            except Exception as exc:  # counted: the goal is none
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            latencies.append((time.perf_counter() - began) * 1000)
    out.put((latencies, errors))


def _importer(url: str, folder: str, out) -> None:
    from ..backend import open_backend

    with open_backend(url) as backend:
        began = time.perf_counter()
        summary = backend.index([Path(folder)])
        out.put((summary.bytes_read, time.perf_counter() - began, len(summary.added)))


def queries(folder: Path, count: int, seed: int) -> list[str]:
    """The benchmark's realistic queries and ``count`` random 2–8 character substrings of
    the reports' lines, quoted."""
    from ..benchmark import REALISTIC
    from ..normalize import fold
    from ..reading import read_text

    rng = random.Random(seed)
    files = sorted(folder.rglob("*.txt"))
    out = list(REALISTIC)
    while len(out) < len(REALISTIC) + count:
        lines = [ln for ln in read_text(rng.choice(files)).text.splitlines() if len(ln) > 8]
        if not lines:
            continue
        line = rng.choice(lines)
        length = rng.randint(2, 8)
        start = rng.randrange(0, len(line) - length)
        needle = line[start:start + length].replace('"', "")
        if len(fold(needle)) >= 2:
            out.append('"' + needle + '"')
    return out


def level(url: str, clients: int, folder: Path, qs: list[str]) -> dict:
    """``clients`` searching while ``folder`` is imported."""
    ctx = multiprocessing.get_context("spawn")
    done, out, imported = ctx.Event(), ctx.Queue(), ctx.Queue()
    stop_at = time.monotonic() + MAX_SECONDS
    workers = [ctx.Process(target=_client, args=(url, qs, k * 7, stop_at, done, out))
               for k in range(clients)]
    for w in workers:
        w.start()
    time.sleep(2.0)  # the clients load the segmenter before the import starts
    writer = ctx.Process(target=_importer, args=(url, str(folder), imported))
    writer.start()
    bytes_read, seconds, added = imported.get()
    load = os.getloadavg()
    done.set()
    latencies, errors = [], []
    for _ in workers:
        got, failed = out.get()
        latencies += got
        errors += failed
    for w in [*workers, writer]:
        w.join()
    return {"clients": clients, "queries": len(latencies),
            "p50": round(_percentile(latencies, 0.5), 1),
            "p95": round(_percentile(latencies, 0.95), 1),
            "errors": len(errors), "error_samples": errors[:5],
            "import_mb_per_s": round(bytes_read / 1e6 / seconds, 3), "import_files": added,
            "load_average": [round(v, 2) for v in load]}


def lost(url: str, files: int) -> dict:
    """Every file a report, every report whole."""
    from .connection import connect

    with connect(url) as conn:
        reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        broken = conn.execute(
            """SELECT count(*) FROM reports r LEFT JOIN LATERAL (
                   SELECT count(*) AS n, min(ordinal) AS lo, max(ordinal) AS hi
                   FROM paragraphs p WHERE p.report_id = r.id) q ON true
               WHERE q.n <> r.paragraphs OR q.lo <> 1 OR q.hi <> r.paragraphs"""
        ).fetchone()[0]
    return {"files": files, "reports": reports, "broken_reports": broken,
            "nothing_lost": reports == files and broken == 0}


def short_grams(url: str, folder: Path, count: int = 40, seed: int = 7) -> dict:
    """1- and 2-character terms: the grams index against a parallel sequential scan
    (the same count of paragraphs either way), ms per term; and what the index costs."""
    from .connection import connect
    from .searching import PLAN_SETTINGS, Condition, contains, like_pattern

    rng = random.Random(seed)
    text = "".join(p.read_text(encoding="utf-8", errors="ignore")
                   for p in sorted(folder.rglob("*.txt"))[:40])
    chars = [c for c in text if c.isalnum()]
    needles = [rng.choice(chars) for _ in range(count // 2)]
    while len(needles) < count:
        i = rng.randrange(len(text) - 2)
        if text[i].isalnum() and text[i + 1].isalnum():
            needles.append(text[i:i + 2])
    from ..normalize import fold

    needles = [fold(n) for n in needles if fold(n)]
    sequential = ("SET LOCAL enable_bitmapscan = off", "SET LOCAL enable_indexscan = off",
                  "SET LOCAL max_parallel_workers_per_gather = 2")
    ways = {  # how a paragraph is found to have the needle, and the settings it runs with
        "grams GIN": (lambda n: contains(n), PLAN_SETTINGS),  # as a search runs it
        "parallel seq scan": (lambda n: Condition(
            "(p.scan LIKE %s AND (p.own IS NULL OR strpos(p.scan, %s) <= p.own))",
            [like_pattern(n), n]), sequential),
        "strpos seq scan": (lambda n: Condition(
            "strpos(p.scan, %s) BETWEEN 1 AND coalesce(p.own, 2147483647)", [n]), sequential),
    }
    timings: dict[str, list[float]] = {name: [] for name in ways}
    mismatches = 0
    with connect(url) as conn:
        for needle in needles:
            counts = []
            for name, (condition, settings) in ways.items():
                with conn.transaction():
                    for setting in settings:
                        conn.execute(setting)
                    cond = condition(needle)
                    sql, params = cond.sql, cond.params
                    began = time.perf_counter()
                    counts.append(conn.execute(f"SELECT count(*) FROM paragraphs p WHERE {sql}",
                                               params).fetchone()[0])
                    timings[name].append((time.perf_counter() - began) * 1000)
            mismatches += len(set(counts)) > 1
        size = conn.execute("""SELECT pg_relation_size('paragraphs_grams'),
                                      pg_relation_size('paragraphs_scan'),
                                      (SELECT sum(pg_column_size(grams)) FROM paragraphs),
                                      (SELECT sum(length(text)) FROM paragraphs)""").fetchone()
    return {"terms": len(needles), "mismatches": mismatches,
            **{name: {"p50": round(statistics.median(v), 1), "p95": round(_percentile(v, .95), 1)}
               for name, v in timings.items()},
            "grams_index_mb": round(size[0] / 1e6, 1), "trigram_index_mb": round(size[1] / 1e6, 1),
            "grams_column_mb": round((size[2] or 0) / 1e6, 1), "text_chars_m": round(size[3] / 1e6, 1)}


def run(url: str, corpus: Path, replicate: int, work: Path, count: int) -> dict:
    from ..benchmark import _files, _replicate
    from .connection import connect

    copies = _replicate(corpus, replicate, work / "replicated")
    folders = sorted(p for p in copies.iterdir() if p.is_dir())
    base, extra = folders[:-len(LEVELS)], folders[-len(LEVELS):]
    files = sum(len(_files(f)) for f in folders)
    with connect(url) as conn:
        if conn.execute("SELECT count(*) FROM reports").fetchone()[0]:
            raise SystemExit("the archive for the benchmark must be empty")
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    began = time.perf_counter()
    total_bytes = 0
    for folder in base:
        p = ctx.Process(target=_importer, args=(url, str(folder), out))
        p.start()
        total_bytes += out.get()[0]
        p.join()
    base_seconds = time.perf_counter() - began
    with connect(url) as conn:
        conn.execute("VACUUM ANALYZE")
    qs = queries(corpus, count, seed=20261201)
    levels = [level(url, clients, folder, qs) for clients, folder in zip(LEVELS, extra,
                                                                           strict=True)]
    result = {"copies": replicate, "files": files,
              "base_import": {"copies": len(base), "mb_per_s": round(
                  total_bytes / 1e6 / base_seconds, 3), "seconds": round(base_seconds, 1)},
              "levels": levels, "integrity": lost(url, files),
              "short_grams": short_grams(url, corpus)}
    shutil.rmtree(copies, ignore_errors=True)
    return result


def print_result(result: dict) -> None:
    print(f"\nteam archive: corpus ×{result['copies']} ({result['files']} files); "
          f"first {result['base_import']['copies']} copies imported at "
          f"{result['base_import']['mb_per_s']} MB/s")
    print("| clients | queries | p50 ms | p95 ms | errors | import MB/s meanwhile | load average |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for lv in result["levels"]:
        print(f"| {lv['clients']} | {lv['queries']} | {lv['p50']} | {lv['p95']} | {lv['errors']} "
              f"| {lv['import_mb_per_s']} | {' / '.join(map(str, lv['load_average']))} |")
    print(f"integrity: {result['integrity']}")
    sg = result["short_grams"]
    print(f"1–2 character terms ({sg['terms']}; counts differ for {sg['mismatches']}): "
          f"grams GIN p50 {sg['grams GIN']['p50']} / p95 {sg['grams GIN']['p95']} ms; "
          f"parallel seq scan p50 {sg['parallel seq scan']['p50']} / p95 "
          f"{sg['parallel seq scan']['p95']} ms; strpos seq scan p50 "
          f"{sg['strpos seq scan']['p50']} / p95 {sg['strpos seq scan']['p95']} ms; grams index {sg['grams_index_mb']} MB, column "
          f"{sg['grams_column_mb']} MB, trigram index {sg['trigram_index_mb']} MB")
