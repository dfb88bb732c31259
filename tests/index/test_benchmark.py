"""The benchmark runs end to end (its figures are printed, never asserted)."""

import json

from index.benchmark import _replicate, main


def test_benchmark_runs_on_the_seeds(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--corpus", str(tmp_path / "absent"), "--no-baseline", "--queries", "10",
                 "--runs", "1", "--rg-queries", "2", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    (seeds,) = report["results"]
    assert seeds["corpus"] == "seeds" and seeds["files"] == 5
    assert seeds["recall"]["ours"]["paragraphs"] == 1.0
    assert {"p50", "p95"} <= set(seeds["ours_query_ms"])
    assert seeds["check"]["chars"] == 2000 and seeds["check"]["statements"] > 10
    out = capsys.readouterr().out
    assert "MB/s" in out and "check " in out and "2000 characters" in out


def test_the_copies_of_a_larger_corpus_are_distinct_reports(tmp_path, seeds_dir):
    """The importer indexes the same bytes once, wherever they are: each copy of a
    replicated corpus must differ in its bytes, not in its paragraphs."""
    from index.engine import Engine

    _replicate(seeds_dir, 2, tmp_path / "x2")
    first, second = (sorted((tmp_path / "x2" / c).iterdir()) for c in ("copy00", "copy01"))
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() != b.read_bytes()
        assert a.read_text(encoding="utf-8").rstrip() == b.read_text(encoding="utf-8").rstrip()
    with Engine(tmp_path / "index") as engine:
        summary = engine.index([tmp_path / "x2"])
    assert summary.reports == 2 * len(first)
