"""The benchmark's peers see the same paragraphs as our engine: SQLite FTS5 trigram is
built from the reports our importer reads, and skips what it skips."""

from __future__ import annotations

import shutil

from index.normalize import fold
from index.peers import Fts5, build_fts5, readable_reports


def test_fts5_holds_the_paragraphs_our_importer_reads_and_finds_what_a_scan_finds(
        tmp_path, seed_files):
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in seed_files:
        shutil.copy(seed, folder / seed.name)
    (folder / "broken.docx").write_bytes(b"not a zip at all")  # unreadable: skipped
    reports = list(readable_reports([folder]))
    assert sorted(r.name for r in reports) == sorted(s.name for s in seed_files)
    paragraphs = [p for r in reports for p in r.paragraphs]
    assert build_fts5([folder], tmp_path / "fts") == len(paragraphs)
    for term in ("医院", "一号管三天", "院"):
        total, _per_report, _rows = Fts5(tmp_path / "fts").search(fold(term))
        assert total == sum(fold(term) in fold(p.text) for p in paragraphs), term
