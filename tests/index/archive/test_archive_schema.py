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
    for m in schema.migrations():
        (folder / m.path.name).write_text(m.sql(), encoding="utf-8")
    (folder / "002_notes.sql").write_text(
        "CREATE TABLE notes (id integer PRIMARY KEY, body text);", encoding="utf-8")
    with connect(archive_url) as conn:
        assert [m.name for m in schema.pending(conn, folder)] == ["002_notes"]
        assert [m.name for m in schema.migrate(conn, folder)] == ["002_notes"]
        assert schema.applied(conn) == [1, 2]
        assert conn.execute("SELECT to_regclass('notes') IS NOT NULL").fetchone()[0]
        assert schema.migrate(conn, folder) == []
    # This program does not know 002: the archive is newer than it.
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
