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


class _Payload:
    """A pickle that makes a folder when it is unpickled: code from an index folder."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


@pytest.fixture
def malicious_index():
    """``plant(root, marker, where="segments")`` makes ``root`` an index folder whose
    newest table of contents (its schema or its segment list) runs code: it makes the
    folder ``marker``. Written in Whoosh's own layout (``TOC.write``)."""
    import io
    import pickle

    import whoosh.index
    from whoosh.filedb.structfile import StructFile
    from whoosh.system import _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE

    from index.engine import Engine
    from index.store import SCHEMA_VERSION, make_schema

    def plant(root: Path, marker: Path, where: str = "segments") -> None:
        Engine(root).close()  # a real, empty index of our schema
        schema, segments = pickle.dumps(make_schema(), 2), pickle.dumps([_Payload(marker)])
        if where == "schema":
            schema, segments = pickle.dumps(_Payload(marker), 2), pickle.dumps([])
        buffer = io.BytesIO()
        stream = StructFile(buffer)
        for size in (_INT_SIZE, _LONG_SIZE, _FLOAT_SIZE):
            stream.write_varint(size)
        stream.write_int(-12345)
        stream.write_int(whoosh.index._CURRENT_TOC_VERSION)
        for part in (2, 7, 5):
            stream.write_varint(part)
        stream.write_string(schema)
        stream.write_int(1)  # generation
        stream.write_int(0)
        stream.write(segments)
        (root / f"v{SCHEMA_VERSION}" / "_MAIN_1.toc").write_bytes(buffer.getvalue())

    return plant
