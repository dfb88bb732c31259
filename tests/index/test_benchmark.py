"""The benchmark runs end to end (its figures are printed, never asserted)."""

import json

from index.benchmark import main


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
