"""Benchmark of the on-disk substring layer alone, against SQLite FTS5 trigram, in one run.

    python -m index.gramstore_bench [--corpus DIR] [--scales 1 3 10] [--json OUT]

The corpus's paragraphs (read and split as an import does, then folded) are replicated
``scale`` times as distinct reports, and indexed in the engine's batches (a commit per
8 MB of source text, then the merges the policy asks for) by:

1. **grams**: ``substrings.SubstringIndex`` (uni/bigram postings in SQLite, folded text
   in segment files), plus ``normalize.fold_diff`` for the display text;
2. **fts5**: a contentless FTS5 table with the trigram tokenizer (detail=full) over the
   same folded paragraphs, and the folded text in a plain table for terms under three
   characters, which the trigram index cannot answer (LIKE, a full scan).

Each build and each query pass runs in a fresh process. A query is the set of matching
paragraphs, its total and its count per report; the mix is 25 realistic terms and 200
random 2-8 character substrings of the folded paragraphs (the design measurements' mix).
Reported: build MB/s (source UTF-8 text per second, this layer only: reading, splitting
and folding are not timed), size / source text, p50/p95 of candidates, verification and
the whole query, time to open and answer the first query, peak RSS, and whether both
designs agree on every total. Nothing here asserts; the machine's load is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyroaring import BitMap

from .grams import FANOUT
from .substrings import PAGE_SIZE, prepare

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
BATCH_BYTES = 8 * 1024 * 1024  # as store.BATCH_BYTES: one commit per 8 MB of source text
REALISTIC = [
    "一号管三天", "227人", "李晓东", "卫健委", "营商环境", "高质量发展", "经济发展", "人工智能",
    "发展", "医院", "粤港澳大湾区", "新质生产力", "乡村振兴", "国内生产总值", "一带一路", "人民",
    "政府工作报告", "深圳", "的", "改革开放", "生态环境", "就业", "科技创新", "民生", "教育",
]
DESIGNS = ["grams", "fts5"]
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-65536")


def _connect(path: Path, page_size: int | None = None) -> sqlite3.Connection:
    """A writer's connection; ``page_size``: a grams database, set up by ``prepare``."""
    conn = sqlite3.connect(path)
    if page_size:
        prepare(conn, page_size)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def _reports(folder: Path) -> list[tuple[list[str], list[str]]]:
    """(texts, folded texts) of each report's paragraphs, as an import reads them."""
    from .library import iter_report_files
    from .normalize import fold
    from .paragraphs import find_paragraphs
    from .reading import read_text

    out = []
    for path in iter_report_files([folder]):
        if isinstance(path, Path):
            texts = [p.text for p in find_paragraphs(read_text(path).text)]
            out.append((texts, [fold(t) for t in texts]))
    return out


def _queries(reports, count: int = 200, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    folded = [f for _, report in reports for f in report]
    queries: list[str] = []
    while len(queries) < count:
        text = rng.choice(folded)
        if len(text) < 4:
            continue
        length = rng.randint(2, 8)
        start = rng.randrange(0, max(1, len(text) - length))
        queries.append(text[start : start + length])
    return REALISTIC + queries


def _batches(reports, scale: int):
    """Reports replicated ``scale`` times, grouped into import batches of BATCH_BYTES."""
    batch, size = [], 0
    for _ in range(scale):
        for texts, folded in reports:
            batch.append((texts, folded))
            size += sum(len(t.encode("utf-8")) for t in texts)
            if size >= BATCH_BYTES:
                yield batch
                batch, size = [], 0
    if batch:
        yield batch


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_grams(reports, scale: int, folder: Path, settings: dict) -> dict:
    from .grams import build_postings
    from .normalize import fold_diff
    from .substrings import SubstringIndex

    conn = _connect(folder / "grams.db", settings["page_size"])
    index = SubstringIndex(conn, folder / "text")
    clock = dict.fromkeys(("postings", "text", "sqlite", "merge", "diff"), 0.0)
    ranges, diff_bytes, merges = [], 0, 0
    started, cpu = time.perf_counter(), time.process_time()
    for batch in _batches(reports, scale):
        texts = [f for _, folded in batch for f in folded]
        t0 = time.perf_counter()
        first, seg = index.grams.next_pid(), index.grams.new_segment_id()
        postings = build_postings(texts, first)  # SubstringIndex.add, step by step
        t1 = time.perf_counter()
        with conn:
            index.text.add_segment(seg, first, texts)
            t2 = time.perf_counter()
            index.grams.add_segment(seg, first, first + len(texts) - 1, postings)
        t3 = time.perf_counter()
        merges += index.compact(fanout=settings["fanout"])
        t4 = time.perf_counter()
        diff_bytes += sum(len(fold_diff(t)) for source, _ in batch for t in source)
        t5 = time.perf_counter()
        for name, seconds in zip(clock, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4),
                                 strict=True):
            clock[name] += seconds
        for _, folded in batch:
            ranges.append((first, first + len(folded)))
            first += len(folded)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    segments = len(index.grams.segments())
    conn.close()
    (folder / "reports.json").write_text(json.dumps(ranges))
    return {"seconds": seconds, "cpu": cpu, "clock": clock, "bytes": _size(folder) + diff_bytes,
            "grams_bytes": (folder / "grams.db").stat().st_size,
            "text_bytes": _size(folder / "text"), "diff_bytes": diff_bytes,
            "segments": segments, "merges": merges}


def build_fts5(reports, scale: int, folder: Path, settings: dict) -> dict:
    """The FTS5 index in fts.db (its size is the index's); the folded text for LIKE in
    text.db (timed, not counted in the size: the grams design needs no such copy)."""
    conn = _connect(folder / "fts.db")  # 4 KiB pages: its best here (64 KiB: 6% bigger)
    conn.execute("CREATE VIRTUAL TABLE fts USING fts5(folded, content='', tokenize='trigram',"
                 " detail=full)")
    text = _connect(folder / "text.db")
    text.execute("CREATE TABLE paras (pid INTEGER PRIMARY KEY, folded TEXT NOT NULL)")
    ranges, pid, started, cpu = [], 0, time.perf_counter(), time.process_time()
    for batch in _batches(reports, scale):
        rows = []
        for _, folded in batch:
            ranges.append((pid, pid + len(folded)))
            rows.extend(enumerate(folded, pid))
            pid += len(folded)
        with conn, text:
            conn.executemany("INSERT INTO fts (rowid, folded) VALUES (?, ?)", rows)
            text.executemany("INSERT INTO paras VALUES (?, ?)", rows)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    for c in (conn, text):
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        c.close()
    (folder / "reports.json").write_text(json.dumps(ranges))
    return {"seconds": seconds, "cpu": cpu, "bytes": (folder / "fts.db").stat().st_size,
            "text_bytes": (folder / "text.db").stat().st_size}


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50": round(pick(0.5), 2), "p95": round(pick(0.95), 2), "max": round(ordered[-1], 2)}


def query(design: str, folder: Path, queries: list[str], spawned: float) -> dict:
    """Answer every query (set, total, count per report); times in ms. ``spawned``: when
    the parent started this process (epoch seconds), for the time to the first answer."""
    ranges = json.loads((folder / "reports.json").read_text())
    if design == "grams":
        from .substrings import SubstringIndex

        index = SubstringIndex(sqlite3.connect(folder / "grams.db"), folder / "text")

        def find(term: str) -> tuple[BitMap, float]:
            t0 = time.perf_counter()
            candidates = index.grams.candidates(term)
            t1 = time.perf_counter()
            found = candidates if len(term) <= 2 else index.text.verify(candidates, term)
            return found, t1 - t0
    else:
        conn = sqlite3.connect(folder / "fts.db")
        text = sqlite3.connect(folder / "text.db")

        def find(term: str) -> tuple[BitMap, float]:
            if len(term) >= 3:
                sql, arg = "SELECT rowid FROM fts WHERE fts MATCH ?", '"' + term.replace('"', '""') + '"'
            else:
                escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                sql, arg = "SELECT pid FROM paras WHERE folded LIKE ? ESCAPE '\\'", f"%{escaped}%"
            rows = (conn if len(term) >= 3 else text).execute(sql, (arg,))
            return BitMap(row[0] for row in rows), 0.0

    totals, total_ms, candidate_ms, verify_ms = [], [], [], []
    first = None
    for term in queries:
        t0 = time.perf_counter()
        found, candidates = find(term)
        t1 = time.perf_counter()
        counts = [found.range_cardinality(a, b) for a, b in ranges] if found else []
        t2 = time.perf_counter()
        first = first if first is not None else time.time() - spawned
        totals.append(len(found))
        assert not counts or sum(counts) == len(found)
        total_ms.append((t2 - t0) * 1000)
        candidate_ms.append(candidates * 1000)
        verify_ms.append((t1 - t0 - candidates) * 1000)
    result = {"totals": totals, "total_ms": _percentiles(total_ms),
              "candidates_ms": _percentiles(candidate_ms), "verify_ms": _percentiles(verify_ms),
              "first_s": round(first, 3), "rss_mb": _peak_rss_mb(), "rss_now_mb": _rss_mb()}
    if design == "grams":
        result["calibration"] = _calibrate(index, queries)
    return result


def _calibrate(index, queries: list[str]) -> dict:
    """What one find per candidate costs against scanning whole segments, for
    ``foldedtext.SCAN_BYTES_PER_CANDIDATE``: medians over the mix's longer terms."""
    from . import foldedtext

    size = sum(path.stat().st_size for path in index.text.folder.iterdir())
    per_candidate, per_byte = [], []
    saved = foldedtext.SCAN_BYTES_PER_CANDIDATE
    for term in queries:
        candidates = index.grams.candidates(term) if len(term) > 2 else BitMap()
        if len(candidates) < 50:
            continue
        for threshold, costs, amount in ((0, per_candidate, len(candidates)),
                                         (size + 1, per_byte, size)):
            foldedtext.SCAN_BYTES_PER_CANDIDATE = threshold
            started = time.perf_counter()
            index.text.verify(candidates, term)
            costs.append((time.perf_counter() - started) / amount)
    foldedtext.SCAN_BYTES_PER_CANDIDATE = saved
    if not per_candidate:
        return {}
    candidate, byte = statistics.median(per_candidate), statistics.median(per_byte)
    return {"terms": len(per_candidate), "us_per_candidate": round(candidate * 1e6, 2),
            "scan_mb_per_s": round(1e-6 / byte), "bytes_per_candidate": round(candidate / byte)}


def _rss_mb() -> int:
    """Current RSS (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20
    except OSError:
        return 0


def _peak_rss_mb() -> int:
    """Peak RSS of this process. Linux's VmHWM, since ru_maxrss survives exec: a child
    would report the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _child(*args: str) -> dict:
    args = (*args, repr(time.time()))
    out = subprocess.run([sys.executable, "-m", "index.gramstore_bench", "--child", *args],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    if out.returncode:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout.splitlines()[-1])


def child(role: str, design: str, scale: int, work: Path, spawned: float) -> dict:
    folder = work / f"{design}-x{scale}"
    if role == "build":
        with (work / "reports.pickle").open("rb") as handle:
            reports = pickle.load(handle)
        loaded = _peak_rss_mb()
        folder.mkdir()
        settings = json.loads((work / "settings.json").read_text())
        build = build_grams if design == "grams" else build_fts5
        result = build(reports, scale, folder, settings)
        result["rss_mb"] = _peak_rss_mb()
        result["corpus_rss_mb"] = loaded
        return result
    queries = json.loads((work / "queries.json").read_text())
    return query(design, folder, queries, spawned)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--page-size", type=int, default=PAGE_SIZE, help="SQLite page size")
    parser.add_argument("--fanout", type=int, default=FANOUT, help="merge policy fan-out")
    parser.add_argument("--designs", nargs="+", default=DESIGNS, choices=DESIGNS)
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        role, design, scale, work, spawned = args.child
        print(json.dumps(child(role, design, int(scale), Path(work), float(spawned))))
        return 0
    if not args.corpus.is_dir():
        parser.error(f"no corpus at {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="gramstore-bench-") as temporary:
        work = Path(temporary)
        reports = _reports(args.corpus)
        with (work / "reports.pickle").open("wb") as handle:
            pickle.dump(reports, handle)
        (work / "queries.json").write_text(json.dumps(_queries(reports)))
        settings = {"page_size": args.page_size, "fanout": args.fanout}
        (work / "settings.json").write_text(json.dumps(settings))
        source = sum(len(t.encode("utf-8")) for texts, _ in reports for t in texts)
        results = {"load_before": os.getloadavg(), "source_mb": source / 1e6, "scales": {},
                   "settings": settings}
        print(HEADER)
        for scale in args.scales:
            row = results["scales"][scale] = {}
            for design in args.designs:
                row[design] = {"build": _child("build", design, str(scale), str(work)),
                               "query": _child("query", design, str(scale), str(work))}
            _print(scale, source * scale, row)
        results["load_after"] = os.getloadavg()
        print(f"load average before {results['load_before']}, after {results['load_after']}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))
    return 0


HEADER = ("| scale | design | build MB/s (CPU) | size × | build RSS MB | query p50/p95 ms |"
          " candidates p50/p95 | verify p50/p95 | first answer s | search RSS MB peak (now) |\n"
          "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")


def _print(scale: int, source: int, row: dict) -> None:
    """One table row per design, then the grams build's breakdown."""
    mb = source / 1e6
    for design, result in row.items():
        build, query = result["build"], result["query"]
        parts = lambda t: f"{t['p50']} / {t['p95']}"  # noqa: E731
        split = (f"{parts(query['candidates_ms'])} | {parts(query['verify_ms'])}"
                 if design == "grams" else "— | —")
        print(f"| ×{scale} ({mb:.1f} MB) | {design} | {mb / build['seconds']:.2f}"
              f" ({mb / build['cpu']:.2f}) | {build['bytes'] / source:.2f}"
              f" | {build['rss_mb']} | {parts(query['total_ms'])} | {split}"
              f" | {query['first_s']} | {query['rss_mb']} ({query['rss_now_mb']}) |")
    if "grams" in row:
        grams, query = row["grams"]["build"], row["grams"]["query"]
        print("   grams build s:", {k: round(v, 1) for k, v in grams["clock"].items()},
              f"segments {grams['segments']}, merges {grams['merges']}; size: grams"
              f" {grams['grams_bytes'] / source:.2f}x, text {grams['text_bytes'] / source:.2f}x,"
              f" diff {grams['diff_bytes'] / source:.3f}x; corpus held by the build process"
              f" {grams['corpus_rss_mb']} MB; calibration {query.get('calibration')}")
    if len(row) == 2:
        agree = row["grams"]["query"]["totals"] == row["fts5"]["query"]["totals"]
        print(f"   totals agree: {agree}; fts5's text table for LIKE (not in its size)"
              f" {row['fts5']['build']['text_bytes'] / source:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
