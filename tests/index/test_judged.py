"""The judged set of reporter questions and its scorer. Ranking figures are measured by
``python -m index.judged`` and reported, never asserted; what is asserted is that the
truth comes from the source files and that our engine returns every truth paragraph."""

from __future__ import annotations

from collections import Counter

import pytest

from index.judged import Question, Truth, check_truth, load_questions, run, score, summarise
from index.model import OLDEST, SORTS

QUESTIONS = load_questions()
KINDS = {"first mention", "province target", "district GDP", "figure", "two words",
         "traditional", "full-width", "name", "institution", "quotes", "metadata words",
         "topic"}
NEEDS = {"", "metadata words", "figure forms", "quotes"}


def test_the_set_covers_what_reporters_ask():
    assert len(QUESTIONS) >= 40
    kinds = Counter(q.kind for q in QUESTIONS)
    assert set(kinds) == KINDS
    assert all(kinds[k] >= 2 for k in KINDS)
    for q in QUESTIONS:
        assert q.how and q.ask and q.truth, q.id
        assert q.needs in NEEDS, q.id
        assert q.sort in SORTS, q.id
        # "When was this first said" is read oldest first, as a reporter sorts it.
        assert q.sort == (OLDEST if q.kind == "first mention" else q.sort), q.id
    assert any("\u3000" in q.query or any("\uff01" <= c <= "\uff5e" for c in q.query)
               for q in QUESTIONS)  # full-width input is in the set


def test_scores_read_every_result():
    q = Question("q", "figure", "?", "227人", "grep", (Truth("a.txt", "培训227人"),
                                                      Truth("b.txt", "227人次")))
    ranking = [("a.txt", "别的段落"), ("b.txt", "共227人次。"), ("a.txt", "进修培训227人。")]
    s = score(q, ranking)
    assert (s.returned, s.truths, s.first, s.results) == (2, 2, 2, 3)
    assert score(q, ranking[:2]).recall == 0.5
    missing = score(q, [("a.txt", "别的段落")])
    summary = summarise("x", [s, missing])
    assert summary.recall == 0.5 and summary.complete == 1
    assert summary.mrr == pytest.approx(0.25)
    assert (summary.s_at_1, summary.s_at_3) == (0.0, 0.5)


def test_a_query_one_system_cannot_parse_scores_as_nothing_found():
    q = QUESTIONS[0]

    def broken(_query, _sort):
        raise ValueError("cannot parse")

    (s,) = run("broken", broken, [q]).scores
    assert s.returned == 0 and s.first is None and "cannot parse" in s.error


@pytest.mark.corpus
def test_truth_is_read_from_the_source_files(corpus_dir, seeds_dir):
    assert check_truth(QUESTIONS, [corpus_dir / "docs", seeds_dir]) == []


def _combined(corpus_engine, seed_engine):
    """Every hit of the corpus and of the seeds: which paragraphs match does not depend
    on what else is indexed, so this is the hit set of one index over both."""
    def rank(query, sort):
        return [(h.report, h.text) for engine in (corpus_engine, seed_engine)
                for h in engine.search(query, limit=0, sort=sort).hits]
    return rank


@pytest.mark.corpus
@pytest.mark.parametrize("question", [
    pytest.param(q, id=q.id, marks=[pytest.mark.xfail(reason=f"needs {q.needs}")] if q.needs else [])
    for q in QUESTIONS
])
def test_our_engine_returns_every_truth_paragraph(question, corpus_engine, seed_engine):
    (s,) = run("ours", _combined(corpus_engine, seed_engine), [question]).scores
    assert s.returned == s.truths, f"{question.query}: {s.returned} of {s.truths}"
