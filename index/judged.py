"""Score ranking on a judged set of reporter questions: our engine beside plain BM25.

    python -m index.judged [--corpus DIR] [--seeds DIR] [--questions FILE]
                           [--no-baseline] [--json OUT]

The questions (``tests/judged/questions.toml``) are what reporters ask of the corpus
and the seeds: first mentions, a province's target, a district's GDP, a figure to
verify, two-word questions, Traditional and full-width input, names, institutions.
Each has the query a reporter would type and its ground truth, read from the source
files with grep: the answering paragraphs, each named by its file and a distinctive
piece of its text (so it survives renumbering).

Both systems index the corpus and the seeds once, in a temporary folder: **ours**
(``index.engine.Engine``) and **whoosh+jieba** (Whoosh's BM25 over jieba's stock
``ChineseAnalyzer``, the benchmark's baseline; needs ``pip install -e .[bench]``).
Every result of every question is read, and for each system it prints:

- **recall**: the share of truth paragraphs returned at all;
- **MRR**: the mean over questions of 1 / rank of the first answering paragraph;
- **S@1**, **S@3**: the share of questions with an answering paragraph in the top 1 / 3;

and a table with each question's recall and first answering rank. Nothing here
asserts: the figures are measured and reported (a test asserts complete recall).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .normalize import fold

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "judged" / "questions.toml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "docs"
DEFAULT_SEEDS = ROOT / "seeds"

# A ranking: every result of a query, best first, as (file name, paragraph text).
Ranking = list[tuple[str, str]]


@dataclass(frozen=True)
class Truth:
    file: str  # the report's file name
    text: str  # a distinctive piece of the answering paragraph, as the source writes it

    def answered_by(self, report: str, text: str) -> bool:
        return report == self.file and fold(self.text) in fold(text)


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    ask: str  # the reporter's question, in words
    query: str  # what the reporter types
    how: str  # how the truth was found in the source files
    truth: tuple[Truth, ...]
    needs: str = ""  # a part of the engine the question waits for, if any
    sort: str = "relevance"  # the order a reporter asks for (first mentions: "oldest")


@dataclass
class Score:
    """One system's answer to one question."""

    question: str
    returned: int  # truth paragraphs returned at all
    truths: int
    first: int | None  # 1-based rank of the first answering paragraph
    results: int  # how many paragraphs the system returned
    error: str = ""

    @property
    def recall(self) -> float:
        return self.returned / self.truths

    def success(self, k: int) -> bool:
        return self.first is not None and self.first <= k


@dataclass
class Summary:
    system: str
    questions: int
    recall: float  # over all truth paragraphs
    complete: int  # questions with every truth paragraph returned
    mrr: float
    s_at_1: float
    s_at_3: float
    scores: list[Score] = field(default_factory=list)


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    """Read the judged set; a question without a query or truth is an error here."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    questions = []
    for item in data["question"]:
        truth = tuple(Truth(t["file"], t["text"]) for t in item["truth"])
        if not (item.get("query") and truth and item.get("how")):
            raise ValueError(f"{item.get('id')}: a question needs a query, a truth and how")
        questions.append(Question(item["id"], item["kind"], item["ask"], item["query"],
                                  item["how"], truth, item.get("needs", ""),
                                  item.get("sort", "relevance")))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ValueError("question ids must be unique")
    return questions


def score(question: Question, ranking: Ranking, error: str = "") -> Score:
    first = next((rank for rank, (report, text) in enumerate(ranking, 1)
                  if any(t.answered_by(report, text) for t in question.truth)), None)
    returned = sum(any(t.answered_by(report, text) for report, text in ranking)
                   for t in question.truth)
    return Score(question.id, returned, len(question.truth), first, len(ranking), error)


def summarise(system: str, scores: list[Score]) -> Summary:
    n = len(scores)
    return Summary(
        system=system,
        questions=n,
        recall=sum(s.returned for s in scores) / sum(s.truths for s in scores),
        complete=sum(s.returned == s.truths for s in scores),
        mrr=sum(1 / s.first for s in scores if s.first) / n,
        s_at_1=sum(s.success(1) for s in scores) / n,
        s_at_3=sum(s.success(3) for s in scores) / n,
        scores=scores,
    )


def run(system: str, rank: Callable[[str, str], Ranking],
        questions: Sequence[Question]) -> Summary:
    """Each question's query through ``rank(query, sort)``, scored."""
    scores = []
    for q in questions:
        try:
            scores.append(score(q, rank(q.query, q.sort)))
        except Exception as exc:  # a query one system cannot parse scores as nothing found
            scores.append(score(q, [], error=f"{type(exc).__name__}: {exc}"))
    return summarise(system, scores)


# ---------------------------------------------------------------- the two systems


def engine_ranker(engine) -> Callable[[str, str], Ranking]:
    """Our engine, every hit in the question's order (``limit=0``)."""
    def rank(query: str, sort: str = "relevance") -> Ranking:
        return [(h.report, h.text) for h in engine.search(query, limit=0, sort=sort).hits]
    return rank


def baseline_ranker(searcher) -> Callable[[str, str], Ranking]:
    """Whoosh's default parser and BM25F over the ChineseAnalyzer index, every hit; for
    "oldest", sorted by its stored year (a stable sort: BM25 order within a year), as a
    user of plain Whoosh would sort."""
    from whoosh.qparser import QueryParser

    parser = QueryParser("text", searcher.schema)

    def rank(query: str, sort: str = "relevance") -> Ranking:
        results = [(r["report"], r["text"], r["year"])
                   for r in searcher.search(parser.parse(query), limit=None)]
        if sort == "oldest":
            results.sort(key=lambda r: int(r[2]) if r[2] else 10**4)
        return [(report, text) for report, text, _ in results]
    return rank


def build_engine(folders: Sequence[Path], index_dir: Path):
    from .engine import Engine

    engine = Engine(index_dir)
    engine.index(list(folders))
    return engine


def check_truth(questions: Sequence[Question], folders: Sequence[Path]) -> list[str]:
    """Problems with the truth: a text not in its source file, or not in exactly one
    paragraph of the report as read. Empty when the set is sound."""
    from .library import load_report

    files = {p.name: p for folder in folders for p in Path(folder).rglob("*") if p.is_file()}
    paragraphs: dict[str, list[str]] = {}
    problems = []
    for q in questions:
        for t in q.truth:
            path = files.get(t.file)
            if path is None:
                problems.append(f"{q.id}: no file {t.file}")
                continue
            if fold(t.text) not in fold(path.read_text(encoding="utf-8")):
                problems.append(f"{q.id}: “{t.text}” is not in {t.file}")
                continue
            if t.file not in paragraphs:
                paragraphs[t.file] = [p.text for p in load_report(path).paragraphs]
            n = sum(fold(t.text) in fold(text) for text in paragraphs[t.file])
            if n != 1:
                problems.append(f"{q.id}: “{t.text}” is in {n} paragraphs of {t.file}")
    return problems


# ---------------------------------------------------------------- report


def print_report(summaries: list[Summary], questions: Sequence[Question]) -> None:
    print(f"{'system':<14} {'recall':>7} {'complete':>9} {'MRR':>6} {'S@1':>6} {'S@3':>6}")
    for s in summaries:
        print(f"{s.system:<14} {s.recall:>7.1%} {s.complete:>4}/{s.questions:<4} {s.mrr:>6.3f}"
              f" {s.s_at_1:>6.1%} {s.s_at_3:>6.1%}")
    print()
    header = f"{'question':<36} {'kind':<15} {'truth':>5}"
    for s in summaries:
        header += f" | {s.system[:12]:>12} rec first"
    print(header)
    for i, q in enumerate(questions):
        row = f"{q.id:<36} {q.kind:<15} {len(q.truth):>5}"
        for s in summaries:
            sc = s.scores[i]
            first = "—" if sc.first is None else str(sc.first)
            row += f" | {sc.results:>12} {sc.recall:>3.0%} {first:>5}"
        print(row + (f"   (needs {q.needs})" if q.needs else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.judged", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of reports (default: ../shared/corpus/docs)")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="the bundled seeds")
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="the judged set")
    parser.add_argument("--no-baseline", dest="baseline", action="store_false",
                        help="skip Whoosh + jieba ChineseAnalyzer")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the indexes in DIR and reuse them on the next run "
                             "(default: a temporary folder)")
    args = parser.parse_args(argv)
    folders = [args.corpus, args.seeds]
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    questions = load_questions(args.questions)
    problems = check_truth(questions, folders)
    if problems:
        print("the judged set does not match the sources:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    summaries = []
    with tempfile.TemporaryDirectory(prefix="reportsearch-judged-") as tmp:
        work = args.keep or Path(tmp)
        started = time.perf_counter()
        engine = build_engine(folders, work / "ours")
        print(f"ours built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        with engine:
            summaries.append(run("ours", engine_ranker(engine), questions))
        if args.baseline:
            from .benchmark import build_baseline, open_baseline

            started = time.perf_counter()
            if not (work / "baseline").is_dir():
                build_baseline(folders, work / "baseline")
            print(f"baseline built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            with open_baseline(work / "baseline").searcher() as searcher:
                summaries.append(run("whoosh+jieba", baseline_ranker(searcher), questions))
    print_report(summaries, questions)
    if args.json:
        from .benchmark import machine

        args.json.write_text(json.dumps(
            {"machine": machine(), "questions": len(questions),
             "systems": [asdict(s) for s in summaries]}, ensure_ascii=False, indent=2),
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
