"""Versioned schema: numbered SQL files in ``migrations/`` applied in order, each recorded
in ``schema_migrations`` with the moment it was applied.

``migrate`` runs every file not applied yet, each in its own transaction together with
its record, under an advisory lock so two ``archive init`` at once apply each file once.
``pending`` tells a connecting backend whether the database is behind this program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
MIGRATION_LOCK = 0x5253_4D49  # pg_advisory_xact_lock key while migrating ("RSMI")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def migrations(folder: Path = MIGRATIONS) -> list[Migration]:
    """The migration files, by version; a file named outside ``NNN_name.sql`` or two files
    with one number are a mistake in the program, raised as ValueError."""
    found: dict[int, Migration] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix != ".sql":
            continue
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file name not NNN_name.sql: {path.name}")
        version = int(match.group(1))
        if version in found:
            raise ValueError(f"two migrations numbered {version}")
        found[version] = Migration(version, path.stem, path)
    return [found[v] for v in sorted(found)]


def applied(conn: psycopg.Connection) -> list[int]:
    """The versions recorded as applied ([] for a database never initialised)."""
    exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()[0]
    if not exists:
        return []
    return [row[0] for row in conn.execute(
        "SELECT version FROM schema_migrations ORDER BY version")]


def pending(conn: psycopg.Connection, folder: Path = MIGRATIONS) -> list[Migration]:
    """The migrations this database has not had yet."""
    done = set(applied(conn))
    return [m for m in migrations(folder) if m.version not in done]


def migrate(conn: psycopg.Connection, folder: Path = MIGRATIONS) -> list[Migration]:
    """Apply every pending migration, in order, each in one transaction with its record.
    Returns the migrations applied now. ``conn`` is in autocommit mode."""
    done: list[Migration] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
                            version integer PRIMARY KEY,
                            name text NOT NULL,
                            applied_at timestamptz NOT NULL DEFAULT now())""")
    for migration in migrations(folder):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            if migration.version in applied(conn):
                continue  # another init applied it meanwhile
            conn.execute(migration.sql())
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                         (migration.version, migration.name))
            done.append(migration)
    return done
