"""The contract every ``SearchBackend`` keeps, run once per backend.

``BACKENDS`` lists how to open each kind of backend on a library of its own: a function
``open(place) -> SearchBackend`` that opens (making it if new) the library kept for a
test at ``place``, an empty folder the test owns. A new backend is one more line there
(with a mark that skips it, with its reason, when its server cannot be had):

    pytest.param(open_postgresql, id="postgresql", marks=needs_server),

and every test here runs against it. The fixtures:

- ``backend``: one backend per kind over ``library``, built once and only read;
- ``library``: the sources it was built from (the seeds, a few corpus reports when the
  corpus is there, generated reports: Traditional characters, full-width digits and
  letters, a line longer than a paragraph may be, a report with no year, one in GBK)
  and each source file's lines, the reference for recall;
- ``archive``: a fresh, empty library of the same kind for a test that writes; its
  ``open()`` opens it again (another window, another process), as often as wanted.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, report_text

from index.backend import SearchBackend, open_backend
from index.paragraphs import MAX_PARAGRAPH
from index.reading import read_text

Opener = Callable[[Path], SearchBackend]


def open_local(place: Path) -> SearchBackend:
    """The local engine, its index and library files in ``place``."""
    return open_backend(place / "index")


def open_postgresql(place: Path) -> SearchBackend:
    """A team archive: a database of the test cluster of its own for ``place``."""
    from pg_cluster import cluster

    return open_backend(cluster().database_for(place))


BACKENDS = [
    pytest.param(open_local, id="local"),
    pytest.param(open_postgresql, id="postgresql", marks=pytest.mark.postgresql),
]

CORPUS_FILES = ("0068.txt", "0172.txt", "0257.txt")  # small ones, read in place
ACROSS_THE_CUT = "跨越切口的独有标记"  # in the long line, across its first cut
NO_YEAR_MARK = "没有年份的独有报告标记"
_POOL = ("医院患者健康服务发展建设推进完善提升能力水平管理体系改革创新科技人才教育文化"
         "经济社会民生保障城市乡村产业项目投资消费就业收入醫療報告發展")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")

TRADITIONAL = """臺中市立醫院2023年工作報告

——院長 陳志明

2023年，本院堅持以病人為中心，推動醫療服務品質持續提升，全年門診量達到八十萬人次。

一、醫療服務能力

醫院新建胸痛中心和卒中中心，開展新技術新項目二十項，醫護人員培訓覆蓋全院。
"""

FULL_WIDTH = """滨江县人民医院２０２２年工作报告

２０２２年，滨江县人民医院引进ＤｅｅｐＳｅｅｋ大模型辅助诊疗，全年完成手术１２３４５台，ＣＴ检查６７８９０人次。

一、智慧医院建设

上线互联网医院平台，ＡＩ预问诊覆盖８个科室，患者平均候诊时间缩短到２０分钟。
"""

NO_YEAR = f"""社区卫生服务中心工作汇报

本中心围绕居民健康需求，完善家庭医生签约服务，上门随访老年慢病患者，{NO_YEAR_MARK}。

下一步，我们将继续做实基本公共卫生服务，提高群众获得感。
"""


def long_line(seed: int = 20261215) -> str:
    """One line of text far longer than a paragraph may be, with no sentence end, and
    ``ACROSS_THE_CUT`` straddling the place where it is first cut."""
    rng = random.Random(seed)
    text = "".join(rng.choice(_POOL) for _ in range(2 * MAX_PARAGRAPH + 3000))
    at = MAX_PARAGRAPH - len(ACROSS_THE_CUT) // 2
    return "长行报告\n\n" + text[:at] + ACROSS_THE_CUT + text[at:] + "\n"


@dataclass
class Library:
    """What ``backend`` was built from. ``lines``: each report file's decoded lines (a
    Markdown heading's ``#`` marks dropped, as reading does), by resolved path; kept out
    of the repr, which Hypothesis prints."""

    sources: list[Path]
    files: dict[str, Path]  # generated and corpus files by a short name
    lines: dict[str, list[str]] = field(repr=False)

    def path(self, name: str) -> str:
        return str(self.files[name].resolve())


def _generated(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True)
    files = {
        "traditional": (TRADITIONAL, "utf-8"),
        "full-width": (FULL_WIDTH, "utf-8"),
        "no-year": (NO_YEAR, "utf-8"),
        "long-line": (long_line(), "utf-8"),
        "own-1": (report_text(1), "utf-8"),
        "own-2": (report_text(2), "gbk"),
        "own-3": (report_text(3), "utf-16"),
    }
    out = {}
    for name, (content, encoding) in files.items():
        path = folder / f"{name}.txt"
        path.write_bytes(content.encode(encoding))
        out[name] = path
    return out


def _lines(path: Path) -> list[str]:
    text = read_text(path).text.replace("\r\n", "\n").replace("\r", "\n")
    return [_MARKDOWN_HEADING.sub("", line) for line in text.split("\n")]


@pytest.fixture(scope="session")
def library(tmp_path_factory) -> Library:
    files = _generated(tmp_path_factory.mktemp("contract-library") / "generated")
    sources = [SEEDS, files["traditional"].parent]
    docs = CORPUS / "docs"
    if docs.is_dir():
        for name in CORPUS_FILES:
            files[name] = docs / name
            sources.append(docs / name)
    reports = sorted(SEEDS.glob("*.txt")) + list(files.values())
    return Library(sources, files, {str(p.resolve()): _lines(p) for p in reports})


@pytest.fixture(scope="session", params=BACKENDS)
def opener(request) -> Opener:
    if request.param is open_postgresql:
        request.getfixturevalue("pg_cluster")  # skips (or fails in CI) without a server
    return request.param


@pytest.fixture(scope="session")
def backend(opener, library, tmp_path_factory):
    """A backend over ``library``, built once per kind; tests only read it."""
    built = opener(tmp_path_factory.mktemp("contract-backend"))
    summary = built.index(library.sources)
    assert summary.skipped == [] and summary.reports == len(library.lines)
    yield built
    built.close()


class Archive:
    """A library of its own for a test that writes, opened by ``open()`` as often as
    the test wants; every backend opened is closed at the end of the test."""

    def __init__(self, opener: Opener, place: Path):
        self.opener, self.place = opener, place
        self.opened: list[SearchBackend] = []

    def open(self) -> SearchBackend:
        backend = self.opener(self.place)
        self.opened.append(backend)
        return backend


@pytest.fixture
def archive(opener, tmp_path):
    place = tmp_path / "archive"
    place.mkdir()
    archive = Archive(opener, place)
    yield archive
    for backend in archive.opened:
        backend.close()
