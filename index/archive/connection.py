"""Connecting to a team archive: the URL, what people are shown of it, and the checks
made at connect.

A URL is libpq's (``postgresql://user@host:5432/reports?sslmode=verify-full``): every
option in it (TLS with ``sslmode``, ``sslrootcert``…, ``passfile``, ``connect_timeout``)
reaches libpq as written. A password is best kept out of it, in libpq's password file
(``~/.pgpass``) or typed when asked; ``location`` never shows one. A server that cannot
be reached or refuses is one ``ServerUnavailableError`` with a line for people.

At connect the database must be UTF-8 with a UTF-8 character type (LC_CTYPE, e.g.
C.UTF-8): pg_trgm finds the trigrams of Chinese text only then, and a database in the C
locale would silently find nothing through its index. Such a database is refused.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from ..errors import ConfigError, ServerUnavailableError

CONNECT_TIMEOUT = 5  # seconds, unless the URL says otherwise
APPLICATION = "reportsearch"


def normal(url: str) -> str:
    """The URL without surrounding spaces, its scheme in lower case (libpq's own)."""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    return f"{scheme.lower()}{sep}{rest}" if sep else url


def parts(url: str) -> dict[str, str]:
    """The URL's connection parameters (``ConfigError`` when it does not parse)."""
    try:
        return {k: str(v) for k, v in conninfo_to_dict(normal(url)).items() if v is not None}
    except psycopg.ProgrammingError as exc:
        raise ConfigError(f"团队资料库的地址写法不对：{_one_line(exc)}") from None


def location(url: str) -> str:
    """The archive for people: ``postgresql://user@host:port/database``, never a password
    nor other options."""
    values = parts(url)
    user = values.get("user", "")
    host = values.get("host", "") or "localhost"
    port = values.get("port", "")
    where = f"{host}:{port}" if port else host
    return f"postgresql://{user + '@' if user else ''}{where}/{values.get('dbname', '')}"


def without_password(url: str) -> str:
    """The URL with any password left out (what may be stored in settings)."""
    scheme, netloc, path, query, fragment = urlsplit(normal(url))
    users, at, hosts = netloc.rpartition("@")
    if at:
        netloc = users.partition(":")[0] + "@" + hosts
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "password"]
    return urlunsplit((scheme, netloc, path, urlencode(kept, quote_via=quote), fragment))


def with_password(url: str, password: str | None) -> str:
    """``url`` with ``password`` (kept in memory for the session, never stored)."""
    if not password:
        return url
    scheme, netloc, path, query, fragment = urlsplit(without_password(url))
    query = urlencode([*parse_qsl(query, keep_blank_values=True), ("password", password)], quote_via=quote)
    return urlunsplit((scheme, netloc, path, query, fragment))


def connect(url: str, autocommit: bool = True) -> psycopg.Connection:
    """A connection to the archive's server; ``ServerUnavailableError`` with one line
    when it is down, unreachable, or refuses (a wrong password, no such database)."""
    values = parts(url)
    options = {"application_name": APPLICATION}
    if "connect_timeout" not in values:
        options["connect_timeout"] = str(CONNECT_TIMEOUT)
    try:
        return psycopg.connect(normal(url), autocommit=autocommit, **options)
    except psycopg.Error as exc:
        raise ServerUnavailableError("archive.unreachable", location=location(url),
                                          reason=_one_line(exc)) from None


def check_locale(conn: psycopg.Connection, where: str) -> None:
    """Refuse a database that is not UTF-8 or whose LC_CTYPE is not a UTF-8 locale."""
    encoding, ctype = conn.execute(
        "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database "
        "WHERE datname = current_database()").fetchone()
    if encoding.upper() != "UTF8":
        raise ConfigError("archive.encoding", location=where, encoding=encoding)
    if not is_utf8_locale(ctype):
        raise ConfigError("archive.locale", location=where, ctype=ctype)


def is_utf8_locale(ctype: str) -> bool:
    """C.UTF-8, en_US.utf8, zh_CN.UTF-8…; not C, POSIX or a legacy code page."""
    name = ctype.lower().replace("-", "")
    return name.endswith((".utf8", "@utf8")) or ".utf8@" in name


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or exc.__class__.__name__
