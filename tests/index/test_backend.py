"""``open_backend`` picks the backend from its target; the local ``Engine`` is a
``SearchBackend`` (what every backend must do is in tests/contract)."""

from __future__ import annotations

import socket

import pytest

from index.backend import SearchBackend, is_server, open_backend
from index.engine import Engine
from index.errors import ConfigError, ServerUnavailableError


def test_no_target_opens_the_local_library_in_the_data_folder(isolated_home):
    with open_backend() as backend:
        assert isinstance(backend, Engine) and isinstance(backend, SearchBackend)
        assert backend.location == str(isolated_home / "data" / "index")
        assert backend.writable


@pytest.mark.parametrize("as_text", [False, True])
def test_a_folder_opens_the_local_library_there(tmp_path, as_text):
    folder = tmp_path / "my-index"
    with open_backend(str(folder) if as_text else folder) as backend:
        assert isinstance(backend, Engine)
        assert backend.location == str(folder)
        assert backend.sources() == [] and backend.reports() == []


@pytest.mark.parametrize("url", [
    "postgresql://archivist@127.0.0.1:{port}/reports",
    "postgres://reporter:secret@127.0.0.1:{port}/archive?sslmode=disable",
    "  PostgreSQL://127.0.0.1:{port}/reports",
])
def test_a_server_that_is_down_is_one_clear_error(isolated_home, url):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = url.format(port=port)
    assert is_server(url)
    with pytest.raises(ServerUnavailableError, match="无法连接团队资料库") as caught:
        open_backend(url)
    message = str(caught.value)
    assert "secret" not in message and "\n" not in message  # one line, never a password
    assert f"127.0.0.1:{port}/" in message  # says which server
    assert list(isolated_home.rglob("*")) == []  # nor is the URL opened as a folder


def test_a_folder_named_like_a_scheme_is_still_a_folder(tmp_path):
    folder = tmp_path / "postgresql:"
    assert not is_server(folder)  # a Path is always a folder
    with open_backend(folder) as backend:
        assert backend.location == str(folder)


def test_recover_and_the_folder_reach_the_engine(tmp_path, monkeypatch):
    """(What recovering does is tests/index/test_integrity.py's business.)"""
    import index.engine

    opened = []
    monkeypatch.setattr(index.engine, "Engine", lambda target, recover: opened.append(
        (target, recover)) or "engine")
    assert open_backend(tmp_path, recover=True) == "engine"
    assert open_backend() == "engine"
    assert opened == [(tmp_path, True), (None, False)]


def test_the_engine_satisfies_the_protocol_at_runtime(seed_engine):
    assert isinstance(seed_engine, SearchBackend)
    assert not isinstance(object(), SearchBackend)


@pytest.mark.parametrize("conninfo", [
    "host=127.0.0.1 dbname=reports",
    "  dbname=reports user=reporter",
    "HOST=db port=5432",
])
def test_libpq_connection_settings_are_refused_not_made_a_folder(tmp_path, monkeypatch, conninfo):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="postgresql://") as caught:
        open_backend(conninfo)
    assert caught.value.code == "archive.conninfo"
    assert "connection settings" in caught.value.text("en")
    assert list(tmp_path.iterdir()) == []  # no index folder named "host=…" was made


def test_a_path_that_looks_like_settings_is_still_a_folder(tmp_path):
    folder = tmp_path / "host=archive"
    with open_backend(folder) as backend:
        assert backend.location == str(folder)
