"""How well drafts are checked, on the test set in ``tests/checks/sentences.toml``.

    python -m index.checking.score [--index-dir DIR]

Each test sentence is checked as a draft of its own. It prints, and ``Scores`` holds:

- **source at rank 1**: of the kept and paraphrased sentences, how many have their
  source report's paragraph (the file and a piece of its text, read from the file) as
  the best source of every statement;
- **altered figures flagged**: of the sentences with one figure altered, how many have
  that figure marked *different* with the report's original figure given;
- **unaltered figures flagged wrongly**: of every other figure and date in the 60
  sentences, how many are marked *different*.

Without ``--index-dir`` the seeds and the corpus (``../shared/corpus``, when present)
are imported into a temporary library first (about a minute). Sentences whose source
is not in the library are left out and counted apart.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..backend import SearchBackend, open_backend
from ..institutions import InstitutionTable, institutions
from ..normalize import fold
from ..paths import seeds_dir
from .items import DATE, FIGURE
from .results import DIFFERENT, StatementCheck
from .support import check

ROOT = Path(__file__).resolve().parents[2]
TEST_SET = ROOT / "tests" / "checks" / "sentences.toml"
KEPT, PARAPHRASED, ALTERED = "kept", "paraphrased", "altered"


@dataclass(frozen=True)
class Case:
    """One test sentence: what kind, its text, its source file and a piece of the
    source paragraph; for an altered one, the figure as altered and as the report has it."""

    kind: str
    text: str
    source: str  # seeds/NAME or corpus/docs/NAME
    piece: str
    altered: str = ""
    original: str = ""

    @property
    def report(self) -> str:
        return Path(self.source).name


@dataclass
class Scores:
    ranked: int = 0  # kept and paraphrased sentences checked
    at_rank_1: int = 0
    altered: int = 0
    flagged: int = 0
    unaltered: int = 0  # figures and dates that were not altered
    wrongly_flagged: int = 0
    missing: int = 0  # sentences whose source is not in the library
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"source at rank 1 (kept and paraphrased): {self.at_rank_1}/{self.ranked} "
                f"= {percent(self.at_rank_1, self.ranked)}\n"
                f"altered figures flagged different: {self.flagged}/{self.altered} "
                f"= {percent(self.flagged, self.altered)}\n"
                f"unaltered figures flagged wrongly: {self.wrongly_flagged}/{self.unaltered} "
                f"= {percent(self.wrongly_flagged, self.unaltered)}")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def load_cases(path: Path = TEST_SET) -> list[Case]:
    with path.open("rb") as handle:
        return [Case(**entry) for entry in tomllib.load(handle)["check"]]


def corpus_root() -> Path:
    return Path(os.environ.get("REPORTSEARCH_CORPUS", ROOT.parent / "shared" / "corpus"))


def source_path(case: Case) -> Path:
    head, _, rest = case.source.partition("/")
    return (seeds_dir() if head == "seeds" else corpus_root()) / rest


def score(backend: SearchBackend, cases: Iterable[Case],
          table: InstitutionTable | None = None) -> Scores:
    """Check every case against ``backend`` and count as the module says."""
    table = table or institutions()
    known = {r.name for r in backend.reports()}
    scores = Scores()
    for case in cases:
        if case.report not in known:
            scores.missing += 1
            continue
        checked = check(backend, case.text, table).statements
        if case.kind in (KEPT, PARAPHRASED):
            scores.ranked += 1
            if checked and all(_is_source(s, case) for s in checked):
                scores.at_rank_1 += 1
            else:
                scores.failures.append(f"not at rank 1 ({case.kind}): {case.text}")
        for statement in checked:
            _count_figures(statement, case, scores)
    return scores


def _is_source(statement: StatementCheck, case: Case) -> bool:
    best = statement.best
    return (best is not None and best.report == case.report
            and fold(case.piece) in fold(best.text))


def _count_figures(statement: StatementCheck, case: Case, scores: Scores) -> None:
    best = statement.best
    for position, item in enumerate(statement.items):
        if item.kind not in (FIGURE, DATE):
            continue
        verdict = best.checks[position] if best is not None else None
        different = verdict is not None and verdict.verdict == DIFFERENT
        if case.altered and fold(item.text) == fold(case.altered):
            scores.altered += 1
            if different and fold(verdict.found) == fold(case.original) \
                    and _is_source(statement, case):
                scores.flagged += 1
            else:
                scores.failures.append(f"altered figure {case.altered} not flagged "
                                       f"(report: {case.original}): {case.text}")
        else:
            scores.unaltered += 1
            if different:
                scores.wrongly_flagged += 1
                scores.failures.append(f"{item.text} flagged wrongly "
                                       f"(source: {verdict.found}): {case.text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.checking.score",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, metavar="DIR",
                        help="a library holding the seeds and the corpus (default: import "
                             "them into a temporary one)")
    args = parser.parse_args(argv)
    cases = load_cases()
    with tempfile.TemporaryDirectory(prefix="reportsearch-score-") as temporary:
        target = args.index_dir or Path(temporary)
        with open_backend(target) as backend:
            if args.index_dir is None:
                sources = [seeds_dir()]
                if (corpus_root() / "docs").is_dir():
                    sources.append(corpus_root() / "docs")
                print("importing the seeds and the corpus…", file=sys.stderr)
                backend.index(sources)
            scores = score(backend, cases)
    for failure in scores.failures:
        print(failure)
    if scores.missing:
        print(f"{scores.missing} sentences left out: their source is not in the library")
    print(scores.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
