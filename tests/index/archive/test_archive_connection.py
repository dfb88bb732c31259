"""The server URL for people and for storing, and the checks made at connect."""

from __future__ import annotations

import pytest

from index.archive.connection import (
    is_utf8_locale,
    location,
    parts,
    with_password,
    without_password,
)
from index.backend import open_backend
from index.cli import run
from index.errors import ConfigError


def test_location_never_shows_a_password():
    url = "postgresql://bob:s3cret@db.example:5433/reports?sslmode=verify-full&password=x"
    assert location(url) == "postgresql://bob@db.example:5433/reports"
    assert "s3cret" not in without_password(url) and "password" not in without_password(url)
    assert "sslmode=verify-full" in without_password(url)  # TLS options are kept


def test_a_password_typed_for_the_session_reaches_libpq_as_typed():
    url = with_password("postgresql://bob@db.example/reports?sslmode=require", "p@ss w:rd&")
    assert parts(url)["password"] == "p@ss w:rd&"
    assert parts(url)["sslmode"] == "require" and url.startswith("postgresql://")
    assert without_password(url) == "postgresql://bob@db.example/reports?sslmode=require"


@pytest.mark.parametrize(("ctype", "utf8"), [
    ("C.UTF-8", True), ("en_US.utf8", True), ("zh_CN.UTF-8", True), ("C", False),
    ("POSIX", False), ("zh_CN.GB18030", False)])
def test_utf8_locales(ctype, utf8):
    assert is_utf8_locale(ctype) is utf8


@pytest.mark.postgresql
def test_a_database_whose_ctype_is_not_utf8_is_refused(pg_cluster, capsys):
    with pg_cluster.admin() as conn:
        conn.execute("CREATE DATABASE c_locale TEMPLATE template0 ENCODING 'UTF8' "
                     "LC_COLLATE 'C' LC_CTYPE 'C'")
    url = pg_cluster.url("c_locale")
    assert run(["archive", "init", "--server", url]) == 1
    err = capsys.readouterr().err
    assert "C.UTF-8" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(ConfigError, match=r"C\.UTF-8"):
        open_backend(url)
