"""Who may do what: the reporter role can change nothing, whatever SQL it sends through
its own connection; the archivist imports and corrects. Enforced by the server."""

from __future__ import annotations

import io
import os

import psycopg
import pytest
from conftest import unique_phrase

from index.backend import open_backend
from index.cli import run
from index.errors import ConfigError, ReadOnlyError, ServerUnavailableError

pytestmark = pytest.mark.postgresql

PASSWORDS = {"reporter_li": "记者的密码 1", "archivist_wang": "archivist's pw"}


@pytest.fixture
def team(empty_database, pg_cluster, tmp_path, monkeypatch, own_library):
    """An archive set up as the README says: init, one archivist who imports, one
    reporter; both log in over TCP with their password in libpq's password file."""
    name, url = empty_database
    assert run(["archive", "init", "--server", url]) == 0
    for user, role in (("reporter_li", "reporter"), ("archivist_wang", "archivist")):
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS[user] + "\n"))
        assert run(["archive", "add-user", user, "--role", role, "--password-stdin",
                    "--server", url]) == 0
    passfile = tmp_path / "pgpass"
    passfile.write_text("".join(f"127.0.0.1:{pg_cluster.port}:{name}:{u}:{p}\n"
                                for u, p in PASSWORDS.items()), encoding="utf-8")
    os.chmod(passfile, 0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    urls = {u: pg_cluster.tcp_url(name, u) for u in PASSWORDS}
    with open_backend(urls["archivist_wang"]) as archivist:
        assert archivist.writable
        assert archivist.index([own_library]).reports == 8
        archivist.set_metadata("report-001.txt", title="档案管理员的更正")
    return urls


def _snapshot(backend) -> tuple:
    return (backend.revision(), len(backend.reports()), backend.sources(),
            backend.search(unique_phrase(2)).total, backend.record("report-001.txt").title)


def test_the_reporter_searches_and_reads_but_cannot_write_through_the_app(team, own_library):
    with open_backend(team["reporter_li"]) as reporter:
        assert not reporter.writable
        before = _snapshot(reporter)
        assert reporter.search(unique_phrase(3)).total == 1
        assert reporter.report("report-003.txt").paragraphs
        with pytest.raises(ReadOnlyError):
            reporter.index([own_library])
        with pytest.raises(ReadOnlyError):
            reporter.rescan()
        with pytest.raises(ReadOnlyError):
            reporter.remove_source(own_library)
        with pytest.raises(ReadOnlyError):
            reporter.set_metadata("report-001.txt", title="记者改的")
        assert _snapshot(reporter) == before


HAND_WRITTEN = [
    "INSERT INTO reports (key, path, name, sha256, encoding, size, mtime_ns, paragraphs, "
    "title, institution) VALUES ('k', '/x', 'x', 's', 'utf-8', 1, 1, 0, 't', 'i')",
    "UPDATE reports SET title = 'changed'",
    "DELETE FROM paragraphs",
    "INSERT INTO copies (report_id, path, size, mtime_ns) SELECT id, '/x', 1, 1 FROM reports",
    "DELETE FROM copies",
    "UPDATE corrections SET title = 'changed'",
    "INSERT INTO corrections (path, title) VALUES ('/x', 't')",
    "DELETE FROM sources",
    "UPDATE archive_state SET revision = revision + 1",
    "UPDATE word_stats SET df = 0",
    "TRUNCATE reports CASCADE",
    "TRUNCATE corrections",
    "DROP TABLE corrections",
    "ALTER TABLE reports ADD COLUMN x integer",
    "ALTER TABLE reports RENAME TO gone",
    "CREATE TABLE mine (x integer)",
    "CREATE TEMP TABLE mine (x integer)",
    "CREATE SCHEMA mine",
    "CREATE INDEX ON reports (title)",
    "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "CREATE VIEW v AS SELECT 1",
    "SELECT nextval('reports_id_seq')",
    "SELECT setval('reports_id_seq', 1000)",
    "SELECT lo_create(0)",
    "SELECT lo_from_bytea(0, 'x')",
    "SELECT pg_advisory_lock(1381190989)",  # would hold up every import
    "DELETE FROM schema_migrations",
    "REFRESH MATERIALIZED VIEW catalogue",
    "COMMENT ON TABLE reports IS 'x'",
    "VACUUM FULL reports",
]


@pytest.mark.parametrize("statement", HAND_WRITTEN)
def test_the_reporter_cannot_change_anything_with_hand_written_sql(team, statement):
    with open_backend(team["reporter_li"]) as reporter:
        before = _snapshot(reporter)
        conn = reporter.conn  # the very connection the app searches with
        for read_write in (False, True):
            with pytest.raises(psycopg.Error), conn.transaction():
                if read_write:  # the read-only default is a courtesy: GRANTs decide
                    conn.execute("SET LOCAL transaction_read_only = off")
                conn.execute(statement)
        assert _snapshot(reporter) == before


def test_the_reporter_cannot_grant_itself_anything(team):
    with open_backend(team["reporter_li"]) as reporter:
        conn = reporter.conn
        with conn.transaction():  # not an error: a warning that nothing was granted
            conn.execute("SET LOCAL transaction_read_only = off")
            conn.execute("GRANT INSERT ON reports TO PUBLIC")
            conn.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO reporter_li")
        assert not conn.execute("SELECT has_table_privilege('reports', 'INSERT') OR "
                                "has_table_privilege('corrections', 'UPDATE')").fetchone()[0]


def test_the_archivist_cannot_change_the_schema_or_the_roles(team):
    with open_backend(team["archivist_wang"]) as archivist:
        for statement in ("DROP TABLE corrections", "ALTER TABLE reports ADD COLUMN x integer",
                          "CREATE TABLE mine (x integer)", "TRUNCATE reports CASCADE"):
            with pytest.raises(psycopg.Error), archivist.conn.transaction():
                archivist.conn.execute(statement)
        assert len(archivist.reports()) == 8


def test_a_wrong_password_is_one_line_without_the_password(team, pg_cluster, empty_database):
    name, _ = empty_database
    url = pg_cluster.tcp_url(name, "reporter_li").replace("reporter_li@",
                                                         "reporter_li:wrong-secret@")
    with pytest.raises(ServerUnavailableError) as caught:
        open_backend(url)
    assert "wrong-secret" not in str(caught.value) and "\n" not in str(caught.value)


def test_a_user_name_is_checked(empty_database):
    _, url = empty_database
    assert run(["archive", "init", "--server", url]) == 0
    from index.archive import admin

    with pytest.raises(ConfigError):
        admin.add_user(url, "Robert'); DROP TABLE reports;--", "reporter", "x")
