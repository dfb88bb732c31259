"""Whoosh is imported without urllib.request and asyncio (index/whoosh_imports.py)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return proc.stdout.strip()


def test_searching_imports_neither_urllib_request_nor_asyncio():
    out = _run(
        "import sys\n"
        "import index.engine, index.search, whoosh.searching\n"
        "print(sorted(m for m in ('urllib.request', 'asyncio', 'http.client', 'ssl',"
        " 'whoosh.lang.morph_en') if m in sys.modules))\n")
    assert out == "[]"


def test_the_real_modules_import_afterwards():
    out = _run(
        "import index.engine\n"
        "import urllib.request, cached_property, asyncio\n"
        "print(urllib.request.urlopen.__module__, cached_property.__name__,"
        " hasattr(cached_property.cached_property, '_wrap_in_coroutine'))\n")
    assert out == "urllib.request cached_property True"


def test_english_variations_import_the_real_module_when_asked_for():
    out = _run(
        "import index.engine\n"
        "from whoosh.query import terms\n"
        "print(sorted(terms.variations('rendering'))[:3])\n"
        "import whoosh.lang.morph_en\n"
        "print(whoosh.lang.morph_en.__file__.endswith('morph_en.py'),"
        " whoosh.lang.morph_en.variations is not terms.variations)\n")
    assert out.splitlines() == ["['render', 'rendering', 'renderinged']", "True True"]


def test_whoosh_cached_properties_compute_once():
    from whoosh.reading import SegmentReader

    prop = SegmentReader.__dict__["deleted_docs_set"]
    calls = []

    class Holder:
        def __init__(self):
            self._perdoc = self

        def deleted_docs(self):
            calls.append(1)
            return [3, 1]

        deleted_docs_set = prop

    holder = Holder()
    assert holder.deleted_docs_set == frozenset({1, 3})
    assert holder.deleted_docs_set == frozenset({1, 3})
    assert len(calls) == 1
