"""The command line on a team archive: ``--server`` before or after the command,
``REPORTSEARCH_SERVER``, one line and exit 1 when the server is down or refuses."""

from __future__ import annotations

import json
import socket

import pytest
from conftest import unique_phrase

from index.cli import run

pytestmark = pytest.mark.postgresql


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_every_command_takes_the_server_before_or_after_it(archive_url, own_library, capsys,
                                                           tmp_path):
    assert run(["index", str(own_library), "--server", archive_url, "--json"]) == 0
    assert _json(capsys)["reports"] == 8
    assert run(["--server", archive_url, "search", unique_phrase(4), "--json"]) == 0
    hits = _json(capsys)["hits"]
    assert [h["report"] for h in hits] == ["report-004.txt"]
    assert run(["search", unique_phrase(4), "--server", archive_url, "--json"]) == 0
    assert _json(capsys)["total"] == 1
    assert run(["reports", "--json", "--server", archive_url]) == 0
    assert len(_json(capsys)) == 8
    assert run(["--server", archive_url, "sources", "--json"]) == 0
    assert [s["path"] for s in _json(capsys)] == [str(own_library.resolve())]
    assert run(["show", "report-004.txt", "--json", "--server", archive_url]) == 0
    assert unique_phrase(4) in json.dumps(_json(capsys), ensure_ascii=False)
    assert run(["similar", "report-004.txt", "5", "--json", "--server", archive_url]) == 0
    capsys.readouterr()
    assert run(["correct", "report-004.txt", "--year", "2001", "--server", archive_url]) == 0
    assert "2001" in capsys.readouterr().out
    assert run(["rescan", "--server", archive_url, "--json"]) == 0
    assert _json(capsys)["unchanged"] == 8
    assert run(["remove", str(own_library), "--server", archive_url]) == 0
    assert list(tmp_path.glob("home*/**/index")) == []  # nothing local was made


def test_the_server_can_come_from_the_environment(archive_url, own_library, capsys,
                                                  monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTSEARCH_SERVER", archive_url)
    assert run(["index", str(own_library)]) == 0
    capsys.readouterr()
    assert run(["search", unique_phrase(2), "--json"]) == 0
    assert _json(capsys)["total"] == 1
    local = tmp_path / "local-index"  # --index-dir still opens a local library
    assert run(["reports", "--json", "--index-dir", str(local)]) == 0
    assert _json(capsys) != [] and local.is_dir()  # the seeds, locally


def test_usage_errors(archive_url, tmp_path, capsys):
    assert run(["reports", "--server", archive_url, "--index-dir", str(tmp_path)]) == 2
    assert run(["reports", "--server", "/not/a/url"]) == 2
    assert run(["archive", "init"]) == 2  # which server?
    assert len(capsys.readouterr().err.strip().splitlines()) == 3


def test_a_server_that_is_down_is_one_line_and_exit_1(capsys, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://li:secret@127.0.0.1:{port}/reports"
    for command in (["search", "医院"], ["reports"], ["index", str(tmp_path)],
                    ["archive", "init"]):
        assert run([*command, "--server", url]) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "团队资料库" in err
        assert "secret" not in err


def test_a_reporter_account_cannot_correct_from_the_command_line(archive_url, own_library,
                                                                 pg_cluster, capsys):
    from index.archive import admin

    assert run(["index", str(own_library), "--server", archive_url]) == 0
    admin.init(archive_url)
    admin.add_user(archive_url, "reporter_sun", "reporter", None)  # the socket trusts
    reporter = archive_url.replace("postgres@", "reporter_sun@")
    capsys.readouterr()
    assert run(["correct", "report-001.txt", "--title", "x", "--server", reporter]) == 1
    assert "记者" in capsys.readouterr().err
    assert run(["search", unique_phrase(1), "--server", reporter]) == 0
