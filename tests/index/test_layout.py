"""The index's layout since schema 5 (smaller: the text column in GB18030, the ordinal,
institution and year stored and not searched) and 6 (institution and year not stored
per paragraph but read from the report's record, rare terms' postings inlined), and
the upgrade from schemas 4 and 5, which rebuilds the index from the recorded sources."""

from __future__ import annotations

import os

import pytest
from whoosh import columns
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import COLUMN, ID, NUMERIC, STORED, Schema

from index import store as store_module
from index import writing
from index.analysis import WordField
from index.engine import Engine
from index.paragraphs import find_paragraphs
from index.reading import read_text


def _schema_4() -> Schema:
    """The schema of version 4, as it was."""
    return Schema(doctype=ID(stored=True), report=ID(stored=True),
                  ordinal=NUMERIC(stored=True), kind=ID(stored=True), section=STORED,
                  joined=STORED, institution=ID(stored=True), year=ID(stored=True),
                  words=WordField(), text=COLUMN(columns.VarBytesColumn()),
                  pid=ID(stored=True), record=STORED)


def _schema_5() -> Schema:
    """The schema of version 5, as it was."""
    return Schema(doctype=ID(stored=True), report=ID(stored=True), ordinal=STORED,
                  kind=ID(stored=True), section=STORED, joined=STORED, institution=STORED,
                  year=STORED, words=WordField(), text=COLUMN(columns.VarBytesColumn()),
                  pid=ID(stored=True), record=STORED)


OLD = {4: (_schema_4, "utf-8"), 5: (_schema_5, "gb18030")}


def _library(folder, seed_files):
    folder.mkdir()
    for i, seed in enumerate(seed_files):
        (folder / f"r{i}.txt").write_text(
            seed.read_text(encoding="utf-8") + f"\n\n第{i}号的独有句子，含𠀾字与 café。\n",
            encoding="utf-8")
    return sorted(folder.iterdir())


def _folder_size(folder) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs)


def test_the_text_column_round_trips_every_character(tmp_path):
    text = "".join(chr(c) for c in range(0x20, 0x110000, 97) if not 0xD800 <= c <= 0xDFFF)
    assert writing.decode_text(writing.encode_text(text)) == text
    chinese = "国家卫生健康委员会发布二〇二三年统计公报"
    assert len(writing.encode_text(chinese)) == 1 + 2 * len(chinese) < len(chinese.encode())
    for sample in ("", "a", "\x00", chinese * 20, "𠀾字与 café" * 30, text[:5000]):
        assert writing.decode_text(writing.encode_text(sample)) == sample
    long = "医院发布统计公报，" * 40  # repeated: deflated, and far smaller
    assert len(writing.encode_text(long)) < len(long.encode("gb18030")) // 4


def test_reports_read_back_as_written(tmp_path, seed_files):
    paths = _library(tmp_path / "reports", seed_files)
    with Engine(tmp_path / "index") as engine:
        engine.index([tmp_path / "reports"])
        for path in paths:
            view = engine.report(str(path.resolve()))
            assert [p.text for p in view.paragraphs] == [
                p.text for p in find_paragraphs(read_text(path).text)]
        hit = engine.search('"𠀾字与 café"').hits[0]
        assert "𠀾字与 café" in hit.text and hit.paragraph >= 1 and hit.institution is not None


@pytest.mark.parametrize("version", sorted(OLD))
def test_an_index_of_an_older_schema_is_rebuilt_in_the_new_layout(tmp_path, seed_files,
                                                                   monkeypatch, version):
    paths = _library(tmp_path / "reports", seed_files)
    index_dir = tmp_path / "index"
    schema, encoding = OLD[version]
    with monkeypatch.context() as old:
        old.setattr(store_module, "SCHEMA_VERSION", version)
        old.setattr(store_module, "make_schema", schema)
        old.setattr(store_module, "make_codec", W3Codec)  # Whoosh's own, as it was
        old.setattr(writing, "encode_text", lambda text: text.encode(encoding))
        with Engine(index_dir) as engine:
            engine.index([tmp_path / "reports"])
        old_size = _folder_size(index_dir / f"v{version}")
    assert (index_dir / f"v{version}").is_dir()

    with Engine(index_dir) as engine:
        assert engine.recovery is not None and engine.recovery.code == "rebuild.changed"
        summary = engine.ensure_ready()
        assert summary is not None and summary.reports == len(paths)
        for path in paths:
            assert [p.text for p in engine.report(str(path.resolve())).paragraphs] == [
                p.text for p in find_paragraphs(read_text(path).text)]
        found = engine.search('"𠀾字与 café"')
        assert found.total == len(paths)
        records = {r.path: r for r in engine.reports()}
        assert {(h.institution, h.year) for h in found.hits} == {
            (records[h.path].institution, records[h.path].year) for h in found.hits}
    assert not (index_dir / f"v{version}").exists()
    assert _folder_size(index_dir / f"v{store_module.SCHEMA_VERSION}") < old_size
