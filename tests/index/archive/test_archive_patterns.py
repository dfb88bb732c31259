"""The plan's patterns (``index.matching``: number boundaries of figures) mean the same
to PostgreSQL's ``~`` as to Python's ``re``, on any folded text: one meaning, two
executors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.archive.connection import connect
from index.figures import forms
from index.matching import alternative, compiled

pytestmark = pytest.mark.postgresql

_ALPHABET = "0123456789.,%万亿人次家年一二三四五六七八九十百千点分之零〇两~-至—增长"
_FIGURES = st.text(alphabet="0123456789.,%万亿人家年一二三五十百千点分之零", min_size=1,
                   max_size=8)


@pytest.fixture(scope="module")
def conn(pg_cluster):
    with connect(pg_cluster.url("postgres")) as made:
        yield made


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(typed=_FIGURES, texts=st.lists(st.text(alphabet=_ALPHABET, max_size=24), min_size=1,
                                      max_size=20))
def test_every_pattern_of_a_figure_reads_alike_in_python_and_postgresql(conn, typed, texts):
    patterns = [a.pattern for a in map(alternative, forms(typed)) if a.pattern]
    for pattern in patterns:
        # Where the form occurs somewhere, and where it does not.
        samples = [*texts, *(t + typed for t in texts), *(typed + t for t in texts)]
        ours = [compiled(pattern).search(t) is not None for t in samples]
        theirs = [row[0] for row in conn.execute(
            "SELECT t ~ %s FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n",
            (pattern, samples))]
        assert theirs == ours, pattern


def test_figures_make_patterns_at_all():
    assert any(alternative(f).pattern for f in forms("227人"))
    assert any(alternative(f).pattern for f in forms("百分之三点六"))
