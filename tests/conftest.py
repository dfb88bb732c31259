"""Shared fixtures: the bundled seeds, the shared corpus (skipped when absent), and
an isolated home folder so no test touches the user's real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path(os.environ.get("REPORTSEARCH_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own data folder (index, corrections, user aliases)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REPORTSEARCH_HOME", str(home))
    from index import institutions

    institutions.reload()
    yield home
    institutions.reload()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "docs").is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory):
    """An engine over the five seeds, built once for the session (read-only use)."""
    from index.engine import Engine

    engine = Engine(tmp_path_factory.mktemp("seed-index"))
    engine.index([SEEDS])
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def corpus_engine(tmp_path_factory):
    """An engine over ../shared/corpus/docs (about 15 s to build), or a skip."""
    if not (CORPUS / "docs").is_dir():
        pytest.skip("../shared/corpus is absent")
    from index.engine import Engine

    engine = Engine(tmp_path_factory.mktemp("corpus-index"))
    engine.index([CORPUS / "docs"])
    yield engine
    engine.close()
