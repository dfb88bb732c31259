"""Who may do what in a team archive, enforced by the server's GRANTs, not by the app.

``archive init`` (run by the database's owner, with CREATEROLE) applies the migrations
and makes two group roles for the database, named after it:

- ``<database>_archivist``: import, correct, delete (SELECT, INSERT, UPDATE, DELETE on
  the archive's tables, its sequences);
- ``<database>_reporter``: search and read (SELECT only). No table, sequence or schema
  of the archive is writable for it, it cannot create anything (the database's CONNECT
  is granted to the two roles only, without TEMP; nobody may CREATE in ``public``), and
  its logins start every transaction read-only.

When ``init`` runs as a superuser it also takes from PUBLIC the built-in functions that
write outside tables (large objects) or could hold up imports (advisory locks), giving
the locks back to archivists. ``add_user`` makes a login in one of the roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import psycopg
from psycopg import sql

from ..errors import ConfigError
from . import schema

ARCHIVIST, REPORTER = "archivist", "reporter"
ROLES = (ARCHIVIST, REPORTER)
WRITABLE = ("reports", "paragraphs", "copies", "sources", "corrections", "word_stats",
            "archive_state")
READABLE = (*WRITABLE, "catalogue", "schema_migrations")
_USER = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
# Built-in functions that write without a table grant, or take the import lock.
LARGE_OBJECTS = ("lo_create(oid)", "lo_creat(integer)", "lo_from_bytea(oid, bytea)",
                 "lo_import(text)", "lo_import(text, oid)", "lo_put(oid, bigint, bytea)",
                 "lo_unlink(oid)", "lowrite(integer, bytea)", "lo_truncate(integer, integer)",
                 "lo_truncate64(integer, bigint)")
LOCKS = ("pg_advisory_lock(bigint)", "pg_try_advisory_lock(bigint)",
         "pg_advisory_xact_lock(bigint)", "pg_try_advisory_xact_lock(bigint)")


@dataclass(frozen=True)
class Roles:
    archivist: str
    reporter: str

    def of(self, role: str) -> str:
        return self.archivist if role == ARCHIVIST else self.reporter


def roles_for(database: str) -> Roles:
    """The two group roles of an archive database (role names are the cluster's, so
    each archive has its own)."""
    stem = re.sub(r"[^a-z0-9_]", "_", database.lower())[:40]
    return Roles(f"{stem}_archivist", f"{stem}_reporter")


def init(conn: psycopg.Connection) -> tuple[list[schema.Migration], Roles]:
    """Apply pending migrations, make the two roles and grant what each may do; run
    again after an upgrade (it is idempotent). Returns the migrations applied now."""
    applied = schema.migrate(conn)
    database = conn.execute("SELECT current_database()").fetchone()[0]
    roles = roles_for(database)
    try:
        with conn.transaction():
            for name in (roles.archivist, roles.reporter):
                exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                      (name,)).fetchone()
                if not exists:
                    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
            _grant(conn, database, roles)
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ConfigError("archive.no_roles", error=" ".join(str(exc).split())) from None
    return applied, roles


def _grant(conn: psycopg.Connection, database: str, roles: Roles) -> None:
    both = sql.SQL(", ").join([sql.Identifier(roles.archivist), sql.Identifier(roles.reporter)])
    archivist = sql.Identifier(roles.archivist)
    db = sql.Identifier(database)
    statements = [
        sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, both),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(both),
        sql.SQL("GRANT SELECT ON {} TO {}").format(
            sql.SQL(", ").join(map(sql.Identifier, READABLE)), both),
        sql.SQL("GRANT INSERT, UPDATE, DELETE ON {} TO {}").format(
            sql.SQL(", ").join(map(sql.Identifier, WRITABLE)), archivist),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(archivist),
    ]
    for statement in statements:
        conn.execute(statement)
    superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
                             ).fetchone()[0]
    if superuser:
        for function in (*LARGE_OBJECTS, *LOCKS):
            conn.execute(sql.SQL("REVOKE EXECUTE ON FUNCTION {} FROM PUBLIC").format(
                sql.SQL(function)))
        for function in LOCKS:
            conn.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(
                sql.SQL(function), archivist))


def add_user(conn: psycopg.Connection, name: str, role: str,
             password: str | None = None) -> str:
    """Make (or update) login ``name`` in the archive's ``role`` (ARCHIVIST or REPORTER).
    The password is sent hashed (SCRAM-SHA-256, made by libpq here), never as text; with
    none, the login authenticates however the server's pg_hba.conf says (a certificate,
    peer). A reporter's sessions start read-only. Returns the group role."""
    if not _USER.match(name):
        raise ConfigError("archive.bad_user", name=name)
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    database = conn.execute("SELECT current_database()").fetchone()[0]
    roles = roles_for(database)
    group = roles.of(role)
    user = sql.Identifier(name)
    try:
        with conn.transaction():
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
            verb = "ALTER" if exists else "CREATE"
            conn.execute(sql.SQL(verb + " ROLE {} LOGIN").format(user))
            if password:
                hashed = conn.pgconn.encrypt_password(password.encode(), name.encode(),
                                                      b"scram-sha-256").decode()
                conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    user, sql.Literal(hashed)))
            other = roles.reporter if role == ARCHIVIST else roles.archivist
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), user))
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), user))
            read_only = "on" if role == REPORTER else "off"
            conn.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = {}").format(
                user, sql.SQL(read_only)))
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ConfigError("archive.no_roles", error=" ".join(str(exc).split())) from None
    return group
