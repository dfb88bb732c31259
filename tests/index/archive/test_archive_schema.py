"""Versioned migrations: applied in order, recorded, once; a backend refuses a database
that is not an archive, or whose schema is behind or ahead of the program."""

from __future__ import annotations

import shutil

import pytest
from conftest import report_text, unique_phrase

from index.archive import schema
from index.archive.connection import connect
from index.archive.roles import roles_for
from index.archive.writing import ArchiveSession
from index.backend import open_backend
from index.cli import run
from index.errors import ConfigError
from index.library import load_report
from index.store import make_record, report_key

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


def test_the_copies_migration_upgrades_an_archive_with_reports_and_grants_the_table(
        empty_database, pg_cluster, tmp_path):
    """An archive made at migration 002, with a report in it, taken to 003 by `archive
    init`: the report is kept whole, its copies are found at the next import, and the
    new table is the reporter's to read and the archivist's alone to write."""
    name, url = empty_database
    before = tmp_path / "before"
    before.mkdir()
    for m in schema.migrations():
        if m.version <= 2:
            (before / m.path.name).write_text(m.sql(), encoding="utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "report.txt").write_text(report_text(1), encoding="utf-8")
    (b / "third.txt").write_text(report_text(3), encoding="utf-8")
    own = a.resolve() / "report.txt"
    report = load_report(own)
    stat = own.stat()
    with connect(url) as conn:
        schema.migrate(conn, before)
        assert conn.execute("SELECT to_regclass('copies')").fetchone()[0] is None
        conn.autocommit = False
        session = ArchiveSession(conn, lambda: False)
        session.add_sources([str(a.resolve()), str(b.resolve())])
        record = make_record(report_key(report.path), report, stat.st_size, stat.st_mtime_ns,
                             report.meta, None)
        del record["copies"]  # what a writer at 002 stored: no list of copies
        session.add_report(record["key"], report, record)
        session.commit()
        conn.autocommit = True

    assert run(["archive", "init", "--server", url]) == 0
    with connect(url) as conn:
        assert schema.applied(conn) == [m.version for m in schema.migrations()]
    with open_backend(url) as backend:
        (stored,) = backend.reports()
        assert stored.paths == (str(own),) and stored.paragraphs == len(report.paragraphs)
        assert backend.search(unique_phrase(1)).total == 1
        shutil.copy(own, b / "copy of report.txt")
        summary = backend.rescan()
        assert summary.added == [str(b.resolve() / "third.txt")]
        assert summary.copies == [str(b.resolve() / "copy of report.txt")]
        assert summary.unchanged == 1  # the report stored at 002 is not read again
        assert backend.record("report.txt").paths == (
            str(own), str(b.resolve() / "copy of report.txt"))

    roles = roles_for(name)
    with pg_cluster.admin(name) as conn:
        for role, may_write in ((roles.reporter, False), (roles.archivist, True)):
            assert conn.execute("SELECT has_table_privilege(%s, 'copies', 'SELECT')",
                                (role,)).fetchone()[0]
            for privilege in ("INSERT", "UPDATE", "DELETE"):
                assert conn.execute("SELECT has_table_privilege(%s, 'copies', %s)",
                                    (role, privilege)).fetchone()[0] == may_write
