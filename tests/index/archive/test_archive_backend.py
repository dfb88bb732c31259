"""``PgBackend`` beyond the contract suite: a search asked again within one revision is
answered from the results kept, and every commit that changes what is found (an import,
a correction, by this app or another) makes it search again."""

from __future__ import annotations

import pytest
from conftest import report_text, unique_phrase

from index.archive import backend as archive_backend
from index.archive import searching
from index.backend import open_backend

pytestmark = pytest.mark.postgresql


def test_a_search_asked_again_in_the_same_revision_is_not_run_again(archive_url, tmp_path,
                                                                     monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i}.txt").write_text(report_text(i), encoding="utf-8")
    run = searching.run
    statements: list[str] = []

    def counted(conn, searcher, records, known, text, *args, **kwargs):
        statements.append(text)
        return run(conn, searcher, records, known, text, *args, **kwargs)

    monkeypatch.setattr(archive_backend.searching, "run", counted)
    with open_backend(archive_url) as backend, open_backend(archive_url) as other:
        backend.index([folder])
        first = backend.search("医院", limit=5)
        assert backend.search("医院", limit=5) == first
        assert statements == ["医院"]
        # Another page, another sort, another filter: searched.
        backend.search("医院", limit=5, offset=5)
        backend.search("医院", limit=5, sort="year")
        backend.search("医院", years=[2019], limit=5)
        assert len(statements) == 4
        # A correction by another app bumps the revision: searched again, and seen.
        name = first.hits[0].report
        other.set_metadata(name, institution="改过的医院")
        again = backend.search("医院", limit=5)
        assert len(statements) == 5
        assert "改过的医院" in again.facets.institution
        # An import by another app: the new report is found.
        (folder / "r9.txt").write_text(report_text(9), encoding="utf-8")
        assert backend.search(unique_phrase(9)).total == 0
        other.index([folder])
        assert backend.search(unique_phrase(9)).total == 1


def test_the_results_kept_are_bounded(archive_url, monkeypatch):
    monkeypatch.setattr(archive_backend, "RESULTS_KEPT", 3)
    with open_backend(archive_url) as backend:
        for query in ("医院", "患者", "学科", "医疗"):
            backend.search(query)
        assert len(backend._results) == 3
        assert all(key[1] != "医院" for key in backend._results)
