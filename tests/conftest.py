"""Shared fixtures: the bundled seeds, the shared corpus (skipped when absent), and
an isolated home folder so no test touches the user's real data."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Collection
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Features of POSIX systems some tests rely on; on Windows those tests are skipped, each
# marker saying why (the Windows workflow runs the rest of the suite).
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX only: FIFOs, devices, "
                                "byte file names, chmod that refuses a reader, SIGKILL")


def is_root() -> bool:
    """Running as root (POSIX); root reads every file whatever its mode."""
    return getattr(os, "geteuid", lambda: -1)() == 0


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
def pg_cluster():
    """A private PostgreSQL cluster (``pg_cluster``), started once; a skip with the reason
    when it cannot start, a failure when ``CI`` is set (CI must test the team archive)."""
    from pg_cluster import ClusterUnavailable, cluster, stop

    try:
        made = cluster()
    except ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required when CI is set: {exc}")
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield made
    stop()


_databases = itertools.count()


@pytest.fixture
def archive_url(pg_cluster) -> str:
    """The URL of a new, initialised team archive (the cluster's superuser, by socket)."""
    return pg_cluster.database(f"archive_{next(_databases)}")


@pytest.fixture
def empty_database(pg_cluster):
    """A new database that is not an archive yet: (its name, its URL)."""
    name = f"empty_{next(_databases)}"
    with pg_cluster.admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, pg_cluster.url(name)


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


# ---------------------------------------------------------------- a library of one's own

HOSPITALS = ["长治市人民医院", "晋城市第二人民医院", "阳泉市中医医院", "临汾市妇幼保健院",
             "运城市第一人民医院", "忻州市人民医院", "吕梁市中心医院", "朔州市第三人民医院"]


def unique_phrase(i: int) -> str:
    """A string found in generated report ``i`` and nowhere else."""
    return f"第{i:03d}号报告的独有句子"


def seed_copies(folder: Path, seed_files: list[Path], copies: int) -> list[Path]:
    """A library of ``copies`` reports made from the seeds, each made distinct by a
    sentence of its own (the importer indexes the same bytes once)."""
    folder.mkdir()
    paths = []
    for i in range(copies):
        seed = seed_files[i % len(seed_files)]
        path = folder / f"r{i:02d}-{seed.name}"
        path.write_text(seed.read_text(encoding="utf-8") + f"\n\n第{i}号副本的独有句子。\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


IMPORT_SCRIPT = """
import sys
from pathlib import Path
import index.store as store
import index.writing as writing
{settings}
from index.engine import Engine
print("started", flush=True)
with Engine(Path(sys.argv[2])) as engine:
    engine.index([Path(sys.argv[1])], progress=lambda done, total, path: print(
        "read", done, total, flush=True))
print("done", flush=True)
"""


def import_script(*settings: str) -> str:
    """A program that imports folder argv[1] into the index argv[2], printing a line per
    report read; ``settings`` are statements run first (``store.BATCH_BYTES = 60_000``)."""
    return IMPORT_SCRIPT.format(settings="\n".join(settings))


def kill_while_reading(child: subprocess.Popen, rng: random.Random) -> bool:
    """Kill ``child`` (a program printing "started", then "read DONE TOTAL" per report)
    with SIGKILL after a random number of the reports it reads (the last one included:
    its final commit) and up to 50 ms more: in its reading or its commits, however fast
    the machine is. False if it had finished."""
    assert child.stdout.readline().strip() == b"started"
    target = None
    for line in child.stdout:
        if not line.startswith(b"read"):
            break
        done, total = map(int, line.split()[1:3])
        target = target or rng.randint(1, total)
        if done >= target:
            break
    time.sleep(rng.uniform(0.0, 0.05))
    killed = child.poll() is None
    if killed:
        child.send_signal(signal.SIGKILL)
    child.wait(timeout=120)
    child.stdout.close()
    child.stderr.close()
    return killed


def kill_imports(script: str, folder: Path, paths: list[Path], index_dir: Path,
                 trials: int, rng: random.Random,
                 check: Callable[[Path], Collection[str]]) -> int:
    """Run the import ``script`` of ``folder`` ``trials`` times, each time after changing
    half of ``paths``, and kill it while it reads (``kill_while_reading``). After each
    run ``check(index_dir)`` gives the reports the index holds, which must keep every
    report held before (reports are only ever replaced whole). Returns the kills."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before: set[str] = set()
    kills = 0
    for trial in range(trials):
        for path in rng.sample(paths, len(paths) // 2):
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"\n\n第{trial}轮新增的一段。\n")
        child = subprocess.Popen([sys.executable, "-c", script, str(folder), str(index_dir)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                 cwd=ROOT)
        kills += kill_while_reading(child, rng)
        after = set(check(index_dir))
        assert before <= after
        before = after
    return kills


def report_text(i: int) -> str:
    """A plausible report (title, subtitle, headings, body), not one of the seeds."""
    hospital = HOSPITALS[i % len(HOSPITALS)]
    year = 2019 + i % 7
    return (
        f"{hospital}{year}年工作报告\n\n"
        f"——{hospital}院长 张{i}华\n\n"
        f"{year}年，{hospital}坚持以人民健康为中心，推动医院高质量发展，"
        f"全年门诊量达到{100 + i}万人次，出院患者{20 + i}万人次。\n\n"
        "一、医疗服务能力持续提升\n\n"
        f"医院新建胸痛中心和卒中中心，开展新技术新项目{30 + i}项，{unique_phrase(i)}。"
        "急诊急救体系不断完善，平均抢救时间缩短到十五分钟以内。\n\n"
        "二、学科建设取得新进展\n\n"
        f"获批省级重点专科{i % 5 + 1}个，发表SCI论文{i + 3}篇，"
        "与省内外高校共建联合实验室，人才培养和科研平台建设同步推进。\n\n"
        "三、改善患者就医体验\n\n"
        "推行预约诊疗和检查结果互认，一站式服务中心全年办结事项两万余件，"
        "群众满意度持续提高。\n"
    )


@pytest.fixture
def own_library(tmp_path) -> Path:
    """A library that is not the bundled seeds: eight generated reports, two of them
    in a subfolder (``sub/``). Report ``i`` contains ``unique_phrase(i)``."""
    folder = tmp_path / "my-reports"
    (folder / "sub").mkdir(parents=True)
    for i in range(8):
        path = folder / ("sub" if i >= 6 else "") / f"report-{i:03d}.txt"
        path.write_text(report_text(i), encoding="utf-8")
    return folder
