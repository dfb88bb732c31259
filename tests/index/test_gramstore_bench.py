"""The benchmark of the substring layer runs end to end, and both designs agree on every
total (its figures are printed, never asserted)."""

import json

import pytest

from index.gramstore_bench import main


def test_benchmark_runs_on_the_seeds(tmp_path, seeds_dir, capsys):
    out = tmp_path / "bench.json"
    assert main(["--corpus", str(seeds_dir), "--scales", "1", "2", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    for scale in ("1", "2"):
        row = report["scales"][scale]
        assert row["grams"]["query"]["totals"] == row["fts5"]["query"]["totals"]
        assert sum(row["grams"]["query"]["totals"]) > 0
    assert report["scales"]["2"]["grams"]["build"]["segments"] == 1
    assert "totals agree: True" in capsys.readouterr().out


def test_a_missing_corpus_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit):
        main(["--corpus", str(tmp_path / "absent")])
