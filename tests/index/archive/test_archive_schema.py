"""Versioned migrations: applied in order, recorded, once; a backend refuses a database
that is not an archive, or whose schema is behind or ahead of the program."""

from __future__ import annotations

import pytest

from index.archive import schema
from index.archive.connection import connect
from index.backend import open_backend
from index.cli import run
from index.errors import ConfigError

pytestmark = pytest.mark.postgresql


def test_the_migration_files_are_numbered_in_order():
    found = schema.migrations()
    assert [m.version for m in found] == sorted(m.version for m in found)
    assert found[0].version == 1 and found[0].name == "001_archive"


def test_archive_init_applies_every_migration_once_and_records_it(empty_database, capsys):
    _, url = empty_database
    with pytest.raises(ConfigError, match="archive init"):
        open_backend(url)  # not an archive yet
    assert run(["archive", "init", "--server", url]) == 0
    assert "001_archive" in capsys.readouterr().out
    with connect(url) as conn:
        assert schema.applied(conn) == [m.version for m in schema.migrations()]
        assert schema.pending(conn) == []
    assert run(["--server", url, "archive", "init"]) == 0  # again: nothing to apply
    assert "已是最新" in capsys.readouterr().out
    with open_backend(url) as backend:
        assert backend.reports() == [] and backend.writable


def test_a_new_migration_file_is_applied_after_the_others(archive_url, tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    known = schema.migrations()
    for m in known:
        (folder / m.path.name).write_text(m.sql(), encoding="utf-8")
    following = known[-1].version + 1
    name = f"{following:03d}_notes"
    (folder / f"{name}.sql").write_text(
        "CREATE TABLE notes (id integer PRIMARY KEY, body text);", encoding="utf-8")
    with connect(archive_url) as conn:
        assert [m.name for m in schema.pending(conn, folder)] == [name]
        assert [m.name for m in schema.migrate(conn, folder)] == [name]
        assert schema.applied(conn) == [*(m.version for m in known), following]
        assert conn.execute("SELECT to_regclass('notes') IS NOT NULL").fetchone()[0]
        assert schema.migrate(conn, folder) == []
    # This program does not know the newest migration: the archive is newer than it.
    with pytest.raises(ConfigError, match="升级报告检索"):
        open_backend(archive_url)


def test_a_database_behind_the_program_is_refused_with_what_to_do(archive_url):
    with connect(archive_url) as conn:
        conn.execute("DELETE FROM schema_migrations WHERE version = 1")
    with pytest.raises(ConfigError, match="archive init"):
        open_backend(archive_url)


def test_a_badly_named_migration_is_a_mistake(tmp_path):
    (tmp_path / "2_x.sql").write_text("", encoding="utf-8")
    with pytest.raises(ValueError):
        schema.migrations(tmp_path)


def test_the_paragraph_length_migration_fills_the_length_of_paragraphs_already_there(
        empty_database, tmp_path):
    _, url = empty_database
    first = tmp_path / "first"
    first.mkdir()
    initial = schema.migrations()[0]
    (first / initial.path.name).write_text(initial.sql(), encoding="utf-8")
    with connect(url) as conn:
        schema.migrate(conn, first)
        report = conn.execute(
            "INSERT INTO reports (key, path, name, sha256, encoding, size, mtime_ns, paragraphs,"
            " title, institution) VALUES ('k', 'a.txt', 'a.txt', 'x', 'utf-8', 1, 1, 2, '', '')"
            " RETURNING id").fetchone()[0]
        conn.execute(
            "INSERT INTO paragraphs (report_id, ordinal, kind, text, scan, own, grams, words)"
            " VALUES (%s, 1, 'body', '一二三', '一二三', NULL, '{}', ''),"
            "        (%s, 2, 'body', '四五', '四五六七', 2, '{}', '')", (report, report))
        assert [m.name for m in schema.migrate(conn)] == [
            m.name for m in schema.migrations()[1:]]
        lengths = conn.execute(
            "SELECT ordinal, length FROM paragraphs ORDER BY ordinal").fetchall()
    assert lengths == [(1, 3), (2, 2)]  # a cut line's piece: its own part only
