"""Benchmark: our engine against the alternatives, on the same machine, in one run.

    python -m index.benchmark [--corpus DIR] [--scales 1,3,10] [--json OUT]
    python -m index.benchmark --server postgresql://… [--replicate 10]   # a team archive

For each corpus (the bundled seeds; ../shared/corpus when present, at each of
``--scales``: ×1 is the folder itself, ×k its files copied k times as distinct files
into a temporary folder) it measures, side by side:

1. **ours**: this engine (index build, then queries: top 20 with total, highlights
   and facet counts, in process on a warm index);
2. **fts5**: SQLite FTS5 trigram over the same folded paragraphs (``peers``): MATCH
   for 3+ characters, LIKE for shorter, with the total and the count per report;
3. **recoll**: Recoll, when installed (``recollindex``/``recollq`` with a private
   configuration folder; a process per query; words, not substrings);
4. **whoosh+jieba**: Whoosh with jieba's stock ``ChineseAnalyzer`` over the same
   paragraphs, the obvious approach (``pip install -e .[bench]``; small corpora only);
5. **scan**: a plain substring scan of the paragraph texts, the recall reference;
6. **ripgrep**: ``rg -F -c`` over the files, where installed, the brute-force bar
   (its latency includes starting the process, as a user would run it).

Figures: index throughput (MB of source text per second, whole build, in a fresh
process), index size / text size, peak RSS of the indexing process (with its worker
processes), query p50/p95,
recall against the scan, time from process start to the first answered query and
the searching process's RSS after it, and the time to check a 2,000-character draft
(``index.checking``; its sentences are taken from the corpus's own paragraphs, so most
statements have a source to find). It prints a table and writes every number to
JSON. It is not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import peers

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
REALISTIC = [
    "一号管三天", "227人", "李晓东", "卫健委", "市二院", "高质量发展", "DeepSeek", "人民政府",
    "营商环境", "乡村振兴", "科技创新", "2024年", "新质生产力", "一带一路", "住房保障",
    "义务教育", "医疗卫生", "生态环境保护", "粤港澳大湾区", "疫情防控", "就业 创业",
    "\"国内生产总值\"", "医院 -教育", "发展", "深圳 住房",
]


# ---------------------------------------------------------------- helpers


def _files(folder: Path) -> list[Path]:
    from .library import iter_report_files

    return [p for p in iter_report_files([folder]) if isinstance(p, Path)]


def _text_bytes(files: list[Path]) -> int:
    return sum(p.stat().st_size for p in files)


def _dir_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# Appended to every child's code: its own peak and current RSS (Linux's VmHWM/VmRSS;
# ru_maxrss survives exec, so a child would report the parent's peak).
_MEMORY = """
def _memory():
    out = {}
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith(("VmHWM:", "VmRSS:")):
                out[line[:5]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out.get("VmHWM"), out.get("VmRSS")
"""


def _child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object (it may call
    ``_memory()``). Adds the wall time from process start to its end."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEMORY + code, *args], capture_output=True,
                          text=True, cwd=str(ROOT), env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def _compile_sources() -> None:
    """Compile our modules to ``__pycache__`` (what a first run without
    PYTHONDONTWRITEBYTECODE, or an install, leaves), so that the first-answer children
    time the start of a compiled program, not the compiler."""
    import compileall

    compileall.compile_dir(ROOT / "index", quiet=2)


# ---------------------------------------------------------------- builds

# Our build's peak counts its worker processes too: the sum of this process's and its
# children's RSS, sampled (Linux's /proc; the own peak alone elsewhere).
BUILD_OURS = """
import glob, json, os, sys, threading, time
from pathlib import Path
from index.engine import Engine

def _rss(pid):
    try:
        for line in open(f"/proc/{pid}/status", encoding="ascii"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

peak = [0.0]
def _sample():
    while True:
        kids = set()
        for name in glob.glob(f"/proc/{os.getpid()}/task/*/children"):
            try:
                kids.update(open(name, encoding="ascii").read().split())
            except OSError:
                pass
        peak[0] = max(peak[0], _rss(os.getpid()) + sum(_rss(k) for k in kids))
        time.sleep(0.2)

threading.Thread(target=_sample, daemon=True).start()
t = time.perf_counter()
with Engine(Path(sys.argv[2])) as e:
    s = e.index([Path(sys.argv[1])])
print(json.dumps({"seconds": time.perf_counter() - t, "reports": s.reports,
                  "paragraphs": s.paragraphs, "skipped": len(s.skipped),
                  "peak_mb": max(_memory()[0] or 0, peak[0]) or None,
                  "peak_own_mb": _memory()[0]}))
"""

BUILD_FTS5 = """
import json, sys, time
from pathlib import Path
from index.peers import build_fts5
t = time.perf_counter()
n = build_fts5([Path(sys.argv[1])], Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t, "paragraphs": n, "peak_mb": _memory()[0]}))
"""

FIRST_FTS5 = """
import json, sys
from pathlib import Path
from index.normalize import fold
from index.peers import Fts5
total, _, _ = Fts5(Path(sys.argv[1])).search(fold(sys.argv[2]))
print(json.dumps({"total": total, "rss_mb": _memory()[1]}))
"""

BUILD_BASELINE = """
import json, sys, time
from pathlib import Path
import jieba, logging
jieba.setLogLevel(logging.ERROR)
from jieba.analyse import ChineseAnalyzer
from index.benchmark import build_baseline
t = time.perf_counter()
n = build_baseline([Path(sys.argv[1])], Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t, "paragraphs": n, "peak_mb": _memory()[0]}))
"""


def baseline_schema():
    """The baseline's schema. Open its index with it (``open_baseline``): a process that
    loaded our engine reads only our own schema's classes from an index folder
    (``whoosh_fixes``), and jieba's analyzer is not one of them."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh.fields import ID, STORED, TEXT, Schema

    return Schema(text=TEXT(analyzer=ChineseAnalyzer(), stored=True), report=ID(stored=True),
                  ordinal=STORED, institution=ID(stored=True), year=ID(stored=True))


def open_baseline(folder: Path):
    """The baseline index in ``folder``, opened with its schema given (not unpickled)."""
    from whoosh import index as windex

    return windex.open_dir(str(folder), schema=baseline_schema())


def build_baseline(folders: list[Path], target: Path) -> int:
    """The obvious approach, as a user would build it: Whoosh with jieba's stock
    ``ChineseAnalyzer`` over every paragraph of the reports in ``folders`` (read by our
    own reader, so both sides see the same paragraphs), into ``target``. Returns the
    number of paragraphs. Needs ``pip install -e .[bench]``."""
    import logging

    import jieba
    from whoosh import index

    jieba.setLogLevel(logging.ERROR)
    schema = baseline_schema()
    target.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(target), schema)
    writer = ix.writer(limitmb=1024)
    n = 0
    for report in peers.readable_reports(folders):
        for p in report.paragraphs:
            writer.add_document(text=p.text, report=report.name, ordinal=p.ordinal,
                                institution=report.institution, year=str(report.year or ""))
            n += 1
    writer.commit()
    return n


FIRST_QUERY = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.engine import Engine
e = Engine(Path(sys.argv[1]))
r = e.search(sys.argv[2])
print(json.dumps({"in_process_s": time.perf_counter() - t0, "total": r.total,
                  "rss_mb": _memory()[1]}))
"""


# ---------------------------------------------------------------- queries


def _paragraphs(engine) -> list[tuple[str, int, str]]:
    out = []
    for record in engine.reports():
        for p in engine.report(record.path).paragraphs:
            out.append((record.path, p.ordinal, p.text))
    return out


def _random_queries(paragraphs, count: int, seed: int) -> list[str]:
    from .normalize import fold

    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        _path, _o, text = rng.choice(paragraphs)
        if len(text) < 4:
            continue
        length = rng.randint(2, 8)
        start = rng.randrange(0, max(1, len(text) - length))
        needle = text[start : start + length].replace('"', "")
        if len(fold(needle)) >= 2:
            queries.append('"' + needle + '"')
    return queries


def _measure_ours(engine, queries: list[str]) -> list[float]:
    from .errors import QueryError

    latencies = []
    for q in queries:
        started = time.perf_counter()
        try:
            engine.search(q, limit=20)
        except QueryError:
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _recall(engine, paragraphs, queries: list[str], baseline_dir: Path | None):
    """Share of the scan's paragraphs each engine returns, and of queries fully answered."""
    from .normalize import fold

    folded = [(path, o, fold(text)) for path, o, text in paragraphs]
    by_key = {(path, o) for path, o, _ in paragraphs}
    del by_key
    ours = {"found": 0, "expected": 0, "complete": 0}
    base = {"found": 0, "expected": 0, "complete": 0}
    scan_ms = []
    searcher = parser = None
    if baseline_dir is not None:
        from whoosh.qparser import QueryParser

        searcher = open_baseline(baseline_dir).searcher()
        parser = QueryParser("text", searcher.schema)
    names = {path: Path(path).name for path, _o, _t in paragraphs}
    for q in queries:
        needle = fold(q.strip('"'))
        started = time.perf_counter()
        expected = {(p, o) for p, o, t in folded if needle in t}
        scan_ms.append((time.perf_counter() - started) * 1000)
        got = {(h.path, h.paragraph) for h in engine.search(q, limit=0).hits}
        hit = len(expected & got)
        ours["found"] += hit
        ours["expected"] += len(expected)
        ours["complete"] += hit == len(expected)
        if searcher is not None:
            results = searcher.search(parser.parse(q), limit=None)
            got_b = {(r["report"], r["ordinal"]) for r in results}
            exp_b = {(names[p], o) for p, o in expected}
            hit_b = len(exp_b & got_b)
            base["found"] += hit_b
            base["expected"] += len(exp_b)
            base["complete"] += hit_b == len(exp_b)
    if searcher is not None:
        searcher.close()
    n = len(queries)

    def summary(d):
        if not d["expected"]:
            return None
        return {"paragraphs": d["found"] / d["expected"], "queries_complete": d["complete"] / n}

    return summary(ours), summary(base) if baseline_dir else None, scan_ms


def _measure_fts5(fts, queries: list[str]) -> list[float]:
    """Each query's terms (folded; a NOT term is left out), each a total, counts per
    report and 20 rows."""
    from .normalize import fold

    latencies = []
    for q in queries:
        terms = [fold(t.strip('"')) for t in q.split() if not t.startswith("-")]
        started = time.perf_counter()
        for term in terms:
            if term:
                fts.search(term)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _measure_baseline(baseline_dir: Path, queries: list[str]) -> list[float]:
    from whoosh.qparser import QueryParser
    from whoosh.sorting import FieldFacet

    ix = open_baseline(baseline_dir)
    latencies = []
    with ix.searcher() as searcher:
        parser = QueryParser("text", ix.schema)
        facets = {"institution": FieldFacet("institution"), "year": FieldFacet("year")}
        for q in queries:
            started = time.perf_counter()
            results = searcher.search(parser.parse(q), limit=20, groupedby=facets)
            for hit in results:
                hit.highlights("text")
            results.groups("institution")
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _measure_ripgrep(folder: Path, queries: list[str]) -> list[float] | None:
    rg = shutil.which("rg")
    if rg is None:
        return None
    latencies = []
    for q in queries:
        started = time.perf_counter()
        subprocess.run([rg, "-F", "-c", "--no-messages", q.strip('"'), str(folder)],
                       capture_output=True)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


# ---------------------------------------------------------------- one corpus


def run_corpus(name: str, folder: Path, work: Path, args) -> dict:
    print(f"\n== {name}: {folder}", file=sys.stderr, flush=True)
    files = _files(folder)
    text_mb = _text_bytes(files) / 1e6
    out: dict = {"corpus": name, "files": len(files), "text_mb": round(text_mb, 2)}

    runs = args.runs if text_mb <= args.repeat_max_mb else 1
    builds = []
    for run in range(runs):
        ours_dir = work / f"{name}-ours-{run}"
        build = _child(BUILD_OURS, str(folder), str(ours_dir))
        builds.append((build["seconds"], build["peak_mb"] or 0, _dir_size(ours_dir)))
        if run < runs - 1:
            shutil.rmtree(ours_dir)
    seconds = statistics.median(b[0] for b in builds)
    out["ours_build"] = {
        "seconds": round(seconds, 2), "mb_per_s": round(text_mb / seconds, 3),
        "runs_mb_per_s": [round(text_mb / b[0], 3) for b in builds],
        "index_ratio": round(builds[-1][2] / (text_mb * 1e6), 2),
        "peak_mb": round(max(b[1] for b in builds)) or None,
        "paragraphs": build["paragraphs"],
    }
    print(f"   ours built: {out['ours_build']}", file=sys.stderr, flush=True)

    baseline_dir = None
    if args.baseline and (args.baseline_max_mb <= 0 or text_mb <= args.baseline_max_mb):
        try:
            import jieba  # noqa: F401
        except ImportError:
            out["baseline_build"] = "jieba not installed (pip install -e .[bench])"
        else:
            baseline_dir = work / f"{name}-baseline"
            baseline_dir.mkdir()
            b = _child(BUILD_BASELINE, str(folder), str(baseline_dir))
            out["baseline_build"] = {
                "seconds": round(b["seconds"], 2), "mb_per_s": round(text_mb / b["seconds"], 3),
                "index_ratio": round(_dir_size(baseline_dir) / (text_mb * 1e6), 2),
                "peak_mb": b["peak_mb"] and round(b["peak_mb"]),
            }
            print(f"   baseline built: {out['baseline_build']}", file=sys.stderr, flush=True)

    # A start as users have it: the modules compiled (an installed copy's are; a child
    # run with PYTHONDONTWRITEBYTECODE would compile every module of ours each time) and
    # the library opened once since its last import (the first opening after a commit
    # reads it through: see store._read_through). The warm-up child is not counted.
    _compile_sources()
    _child(FIRST_QUERY, str(ours_dir), "一号管三天")
    firsts = [_child(FIRST_QUERY, str(ours_dir), "一号管三天") for _ in range(runs)]
    out["first_query_s"] = {
        "from_process_start": round(statistics.median(f["wall_s"] for f in firsts), 3),
        "in_process": round(statistics.median(f["in_process_s"] for f in firsts), 3),
        "rss_mb": round(max(f["rss_mb"] or 0 for f in firsts)) or None,
    }
    if args.fts5:
        fts_dir = work / f"{name}-fts5"
        b = _child(BUILD_FTS5, str(folder), str(fts_dir))
        out["fts5_build"] = {
            "seconds": round(b["seconds"], 2), "mb_per_s": round(text_mb / b["seconds"], 3),
            "index_ratio": round(_dir_size(fts_dir) / (text_mb * 1e6), 2),
            "peak_mb": b["peak_mb"] and round(b["peak_mb"]),
        }
        f = [_child(FIRST_FTS5, str(fts_dir), "一号管三天") for _ in range(runs)]
        out["fts5_first_query_s"] = {
            "from_process_start": round(statistics.median(x["wall_s"] for x in f), 3),
            "rss_mb": round(max(x["rss_mb"] or 0 for x in f)) or None}
        print(f"   fts5 built: {out['fts5_build']}", file=sys.stderr, flush=True)
    if args.recoll and peers.recoll_installed():
        config = work / f"{name}-recoll"
        seconds = peers.build_recoll(folder, config)
        out["recoll_build"] = {"seconds": round(seconds, 2),
                               "mb_per_s": round(text_mb / seconds, 3),
                               "index_ratio": round(_dir_size(config) / (text_mb * 1e6), 2)}
        print(f"   recoll built: {out['recoll_build']}", file=sys.stderr, flush=True)

    from .engine import Engine

    with Engine(ours_dir) as engine:
        paragraphs = _paragraphs(engine)
        randoms = _random_queries(paragraphs, args.queries, seed=7)
        queries = REALISTIC + randoms
    # Each pass in a fresh engine (nothing cached between passes); per pass the p50 and
    # p95 over all queries; reported: the medians over the passes.
    passes = []
    for _ in range(runs):
        with Engine(ours_dir) as engine:
            engine.search("warm up")  # opens the index: it is warm, the queries new
            passes.append(_measure_ours(engine, queries))
    out["ours_query_ms"] = {
        "p50": round(statistics.median(statistics.median(p) for p in passes), 2),
        "p95": round(statistics.median(_percentile(p, 0.95) for p in passes), 2),
        "max": round(statistics.median(max(p) for p in passes), 2),
        "queries": len(queries), "passes": len(passes),
    }
    if args.fts5:
        fts = peers.Fts5(fts_dir)
        f = _measure_fts5(fts, queries)
        out["fts5_query_ms"] = {"p50": round(statistics.median(f), 2),
                                "p95": round(_percentile(f, 0.95), 2), "queries": len(f)}
    if "recoll_build" in out:
        r = [peers.query_recoll(config, q.strip('"'))[1] for q in queries[: args.rg_queries]]
        out["recoll_query_ms"] = {"p50": round(statistics.median(r), 2),
                                  "p95": round(_percentile(r, 0.95), 2), "queries": len(r)}
        out["recoll_first_query_s"] = {"from_process_start": round(r[0] / 1000, 3)}
    out["check"] = _measure_check(ours_dir, paragraphs, args.runs)
    print(f"   check: {out['check']}", file=sys.stderr, flush=True)
    with Engine(ours_dir) as engine:
        recall_ours, recall_base, scan_ms = _recall(engine, paragraphs, randoms, baseline_dir)
    out["recall"] = {"ours": recall_ours, "whoosh+jieba": recall_base,
                     "queries": len(randoms)}
    out["scan_query_ms"] = {"p50": round(statistics.median(scan_ms), 2),
                            "p95": round(_percentile(scan_ms, 0.95), 2)}
    if baseline_dir is not None:
        # The baseline is slow on common words: time the realistic queries and the first
        # --baseline-queries random ones.
        timed = REALISTIC + randoms[: args.baseline_queries]
        b = _measure_baseline(baseline_dir, timed)
        out["baseline_query_ms"] = {"p50": round(statistics.median(b), 2),
                                    "p95": round(_percentile(b, 0.95), 2),
                                    "queries": len(timed)}
    rg = _measure_ripgrep(folder, queries[: args.rg_queries])
    out["ripgrep_query_ms"] = (
        {"p50": round(statistics.median(rg), 2), "p95": round(_percentile(rg, 0.95), 2)}
        if rg else "ripgrep not installed (apt-get install ripgrep)"
    )
    print(f"   queries: {out['ours_query_ms']}  recall: {out['recall']}", file=sys.stderr,
          flush=True)
    return out


CHECK_CHARS = 2000  # the length of the draft checked


def check_draft(paragraphs, chars: int = CHECK_CHARS, seed: int = 11) -> str:
    """A draft of about ``chars`` characters: whole sentences of random body paragraphs,
    as a reporter would quote and rework them."""
    import re

    rng = random.Random(seed)
    sentences: list[str] = []
    while sum(map(len, sentences)) < chars:
        _path, _o, text = rng.choice(paragraphs)
        found = re.findall(r"[^。！？；]{12,}[。！？；]", text)
        if found:
            sentences.append(rng.choice(found))
    return "".join(sentences)[:chars]


def _measure_check(ours_dir: Path, paragraphs, runs: int) -> dict:
    """Seconds to check one draft, on a warm engine, median over ``runs`` engines."""
    from .checking import check
    from .engine import Engine
    from .institutions import institutions

    draft = check_draft(paragraphs)
    seconds, statements = [], 0
    for _ in range(runs):
        with Engine(ours_dir) as engine:
            engine.search("warm up")
            start = time.perf_counter()
            statements = len(check(engine, draft, institutions()).statements)
            seconds.append(time.perf_counter() - start)
    return {"chars": len(draft), "statements": statements,
            "seconds": round(statistics.median(seconds), 2)}


def _replicate(source: Path, times: int, target: Path) -> Path:
    """``times`` copies of the corpus, each a distinct file: copy k ends in k more line
    breaks (the same paragraphs; the importer indexes the same bytes twice only once)."""
    for k in range(times):
        copy = target / f"copy{k:02d}"
        copy.mkdir(parents=True)
        for path in _files(source):
            shutil.copy(path, copy / path.name)
            if k:
                with (copy / path.name).open("ab") as handle:
                    handle.write(b"\n" * k)
    return target


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory,
            "os": platform.platform(), "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d")}


def _row(label: str, build, query, first=None, recall=None) -> str:
    def fmt(value, spec):
        width = spec.lstrip(">").split(".")[0]
        return format(value, spec) if isinstance(value, (int, float)) else format("—", f">{width}")

    build = build if isinstance(build, dict) else {}
    query = query if isinstance(query, dict) else {}
    first = first if isinstance(first, dict) else {}
    return (f"{label:<14} {fmt(build.get('mb_per_s'), '>8.2f')} {fmt(build.get('index_ratio'), '>7.2f')}"
            f" {fmt(query.get('p50'), '>9.1f')} {fmt(query.get('p95'), '>9.1f')}"
            f" {fmt(recall, '>8.1%')} {fmt(first.get('from_process_start'), '>8.2f')}"
            f" {fmt(first.get('rss_mb'), '>8.0f')} {fmt(build.get('peak_mb'), '>8.0f')}")


# (figure, how to read it from a corpus result, comparison, target, unit): the targets
# of "search that scales", at every corpus size run (a target of a ratio to FTS5 is
# read against FTS5's figure in the same run).
TARGETS = [
    ("recall, random substrings", lambda r: r["recall"]["ours"]["paragraphs"], ">=", 1.0, ""),
    ("indexing MB/s / FTS5's", lambda r: r["ours_build"]["mb_per_s"]
     / r["fts5_build"]["mb_per_s"], ">=", 1.0, "×"),
    ("query p95 / FTS5's", lambda r: r["ours_query_ms"]["p95"] / r["fts5_query_ms"]["p95"],
     "<=", 1.0, "×"),
    ("query p95", lambda r: r["ours_query_ms"]["p95"], "<=", 50.0, " ms"),
    ("RSS after the first query", lambda r: r["first_query_s"]["rss_mb"], "<=", 200.0, " MB"),
    ("first answer after start", lambda r: r["first_query_s"]["from_process_start"],
     "<=", 0.5, " s"),
    ("index size / text", lambda r: r["ours_build"]["index_ratio"], "<=", 4.0, "×"),
    ("peak RSS while indexing", lambda r: r["ours_build"]["peak_mb"], "<=", 500.0, " MB"),
    ("check a 2,000-character draft", lambda r: r["check"]["seconds"], "<=", 2.0, " s"),
]


def verdicts(results: list[dict]) -> list[dict]:
    out = []
    for result in results:
        for name, read, op, target, unit in TARGETS:
            try:
                value = read(result)
            except (KeyError, TypeError, ZeroDivisionError):
                continue  # a peer that did not run
            out.append(_verdict(f"{result['corpus']}: {name}", value, op, target, unit))
    return out


def _verdict(name: str, value: float, op: str, target: float, unit: str) -> dict:
    met = value >= target if op == ">=" else value <= target
    margin = (value - target) if op == ">=" else (target - value)
    return {"target": f"{name} {op} {target:g}{unit}", "value": round(value, 3),
                "met": met, "by": round(abs(margin), 3)}


def print_table(results: list[dict]) -> None:
    print(f"\n{'':<14} {'MB/s':>8} {'size×':>7} {'p50 ms':>9} {'p95 ms':>9} {'recall':>8}"
          f" {'first s':>8} {'RSS MB':>8} {'idx MB':>8}")
    print("(first s: process start to first answer; RSS MB: the searching process after it;"
          " idx MB: peak RSS while indexing)")
    for r in results:
        print(f"-- {r['corpus']} ({r['text_mb']} MB, {r['files']} files)")
        rec = r["recall"]
        print(_row("ours", r["ours_build"], r["ours_query_ms"], r["first_query_s"],
                   rec["ours"] and rec["ours"]["paragraphs"]))
        if "fts5_build" in r:
            print(_row("fts5 trigram", r["fts5_build"], r.get("fts5_query_ms"),
                       r.get("fts5_first_query_s"), 1.0))
        if "recoll_build" in r:
            print(_row("recoll", r["recoll_build"], r.get("recoll_query_ms"),
                       r.get("recoll_first_query_s")))
        if "baseline_build" in r:
            print(_row("whoosh+jieba", r["baseline_build"], r.get("baseline_query_ms"),
                       None, rec["whoosh+jieba"] and rec["whoosh+jieba"]["paragraphs"]))
        print(_row("scan", None, r["scan_query_ms"], None, 1.0))
        print(_row("ripgrep", None, r["ripgrep_query_ms"]))
        check = r.get("check")
        if check:
            print(f"{'check':<14} {check['chars']} characters, {check['statements']} "
                  f"statements: {check['seconds']:.2f} s")


def _save(path: Path, results: list[dict]) -> dict:
    report = {"machine": {**machine(), "load_average": os.getloadavg()},
              "results": results, "targets": verdicts(results)}
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of reports (default: ../shared/corpus/docs)")
    parser.add_argument("--scales", default="1,3,10",
                        help="corpus sizes to run, comma separated (k: its files copied k times)")
    parser.add_argument("--repeat-max-mb", type=float, default=20,
                        help="repeat builds and query passes (--runs) only up to this size")
    parser.add_argument("--no-fts5", dest="fts5", action="store_false",
                        help="skip SQLite FTS5 trigram")
    parser.add_argument("--no-recoll", dest="recoll", action="store_false",
                        help="skip Recoll even when installed")
    parser.add_argument("--queries", type=int, default=200, help="random substring queries")
    parser.add_argument("--runs", type=int, default=3,
                        help="builds and query passes of our engine per corpus (medians)")
    parser.add_argument("--rg-queries", type=int, default=50, help="queries timed with ripgrep")
    parser.add_argument("--baseline-queries", type=int, default=75,
                        help="random queries timed on the baseline (besides the realistic ones)")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false",
                        help="skip Whoosh + jieba ChineseAnalyzer")
    parser.add_argument("--baseline-max-mb", type=float, default=20,
                        help="skip the baseline on corpora larger than this (0: never skip)")
    parser.add_argument("--json", type=Path, default=Path("benchmark.json"),
                        help="where to write the figures (default: benchmark.json)")
    parser.add_argument("--server", metavar="URL",
                        help="a team archive instead (an empty, initialised database): the "
                        "corpus ×N imported while 1, 8 and 32 clients search (index/archive/load.py)")
    parser.add_argument("--replicate", type=int, default=10,
                        help="with --server: how many times the corpus is imported (N)")
    args = parser.parse_args(argv)
    if args.server:
        from .archive import load

        with tempfile.TemporaryDirectory(prefix="reportsearch-bench-") as tmp:
            result = load.run(args.server, args.corpus, max(args.replicate, len(load.LEVELS) + 1),
                              Path(tmp), args.queries)
        report = {"machine": machine(), "server": result}
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"machine: {report['machine']}")
        load.print_result(result)
        return 0
    from .paths import seeds_dir

    results = []
    with tempfile.TemporaryDirectory(prefix="reportsearch-bench-") as tmp:
        work = Path(tmp)
        results.append(run_corpus("seeds", seeds_dir(), work, args))
        if (args.corpus / ".").is_dir():
            for scale in (int(k) for k in args.scales.split(",") if k.strip()):
                folder = args.corpus if scale == 1 else _replicate(
                    args.corpus, scale, work / f"replicated-{scale}")
                results.append(run_corpus(f"corpus×{scale}", folder, work, args))
                _save(args.json, results)  # a long run killed later keeps what it measured
                for old in work.glob("corpus*"):  # the disk of a small machine
                    shutil.rmtree(old, ignore_errors=True)
                if scale != 1:
                    shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"(no corpus at {args.corpus}: seeds only)", file=sys.stderr)
    report = _save(args.json, results)
    print(f"machine: {report['machine']}")
    print_table(results)
    print()
    for v in report["targets"]:
        state = "met" if v["met"] else "MISSED"
        print(f"{state:>6}  {v['target']}: {v['value']} ({'margin' if v['met'] else 'short by'} {v['by']})")
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
