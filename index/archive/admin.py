"""What ``reportsearch archive …`` does on a server: initialise or upgrade an archive,
and add logins to its roles. Run by the database's owner (with CREATEROLE)."""

from __future__ import annotations

from dataclasses import dataclass

from . import roles
from .connection import check_locale, connect, location


@dataclass(frozen=True)
class InitReport:
    location: str
    applied: tuple[str, ...]  # migrations applied now ("" when it was up to date)
    archivist: str
    reporter: str


def init(url: str) -> InitReport:
    """Check the database (UTF-8 LC_CTYPE), apply pending migrations, make the roles."""
    where = location(url)
    with connect(url) as conn:
        check_locale(conn, where)
        applied, made = roles.init(conn)
    return InitReport(where, tuple(m.name for m in applied), made.archivist, made.reporter)


def add_user(url: str, name: str, role: str, password: str | None) -> str:
    """Make login ``name`` in the archive's ``role``; returns the group role."""
    with connect(url) as conn:
        return roles.add_user(conn, name, role, password)
