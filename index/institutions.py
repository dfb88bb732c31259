"""The institution alias table: canonical names and the other names they go by.

The table is data (``index/data/institutions.toml``), and the user's own
``institutions.toml`` in the data folder is merged over it, so a newsroom can add
the hospitals and bureaus it follows without touching code. A file a person edits
may be in any encoding and may be wrong: what fits the schema is used, the rest is
reported (``InstitutionTable.problems``), and the program always starts.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReadError
from .model import Notice
from .paths import package_data, user_institutions_file
from .reading import decode_bytes, read_file

log = logging.getLogger(__name__)

MAX_TABLE_BYTES = 4 * 1024 * 1024  # an alias table is a few kilobytes; more is not one
MAX_NAME = 100  # characters in an institution's name or alias


@dataclass(frozen=True)
class InstitutionTable:
    aliases: dict[str, tuple[str, ...]]  # canonical -> aliases
    provinces: tuple[tuple[str, str], ...] = ()  # (full name, short name)
    cities: tuple[str, ...] = ()
    # What was wrong in the tables (file, line, what), for the user: the rest was used.
    problems: tuple[Notice, ...] = ()
    _canonical: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        lookup = self._canonical
        for canonical, names in self.aliases.items():
            for name in names:
                lookup.setdefault(name, canonical)
        for canonical in self.aliases:
            lookup[canonical] = canonical

    def canonical(self, name: str) -> str | None:
        """The canonical name for ``name``, or None when the table does not know it."""
        return self._canonical.get(name.strip())

    def names_of(self, canonical: str) -> tuple[str, ...]:
        """The canonical name followed by all its aliases."""
        return (canonical, *self.aliases.get(canonical, ()))

    def all_names(self) -> list[str]:
        """Every known name, longest first (for longest-match scanning)."""
        return sorted(self._canonical, key=len, reverse=True)

    def longest_prefix(self, text: str) -> str | None:
        """The canonical institution whose name or alias starts ``text``, longest first."""
        for name in self.all_names():
            if text.startswith(name):
                return self._canonical[name]
        return None


@dataclass(frozen=True)
class TableFile:
    """One alias table as read: its TOML document, its text (to point at lines) and
    what could not be read."""

    path: Path
    document: dict
    text: str = ""
    problems: tuple[Notice, ...] = ()


def load_table(path: Path) -> TableFile:
    """Read an alias table in whatever encoding an editor saved it (BOM, UTF-8, GBK).
    A missing file is an empty table; an unreadable one is empty with a problem."""
    try:
        size = os.stat(path).st_size
    except (FileNotFoundError, NotADirectoryError):
        return TableFile(path, {})
    except OSError as exc:
        return TableFile(path, {}, problems=(
            Notice("aliases.unreadable", {"path": str(path), "error": exc.strerror}),))
    if size == 0:
        return TableFile(path, {})
    try:
        text = decode_bytes(read_file(path, MAX_TABLE_BYTES)).text
        return TableFile(path, tomllib.loads(text), text)
    except ReadError as exc:
        problem = Notice("aliases.unreadable", {"path": str(path), "error": Notice.from_error(exc)})
    except tomllib.TOMLDecodeError as exc:  # its message names the line and column
        problem = Notice("aliases.bad_toml", {"path": str(path), "error": str(exc)})
    return TableFile(path, {}, problems=(problem,))


def build_table(*files: TableFile) -> InstitutionTable:
    """Merge alias tables, later ones over earlier ones. An entry that does not fit the
    schema is left out and named in ``problems`` (file, line, what is wrong)."""
    aliases: dict[str, tuple[str, ...]] = {}
    provinces: list[tuple[str, str]] = []
    cities: list[str] = []
    problems: list[Notice] = []
    for file in files:
        problems.extend(file.problems)

        def problem(where: str, code: str, file: TableFile = file, **values) -> None:
            what = Notice(code, values)
            line = _line_of(file.text, where)
            problems.append(Notice("aliases.entry_line", {"path": str(file.path), "line": line,
                                                          "what": what}) if line else
                            Notice("aliases.entry", {"path": str(file.path), "what": what}))

        doc = file.document
        for key in doc.keys() - {"aliases", "places"}:
            problem(key, "aliases.unknown_key", key=key)
        table = doc.get("aliases", {})
        if not isinstance(table, dict):
            problem("aliases", "aliases.not_table")
            table = {}
        for canonical, names in table.items():
            if not _is_name(canonical) or not isinstance(names, list) or not all(
                isinstance(n, str) and (not n or _is_name(n)) for n in names
            ):
                problem(canonical, "aliases.bad_names", name=canonical[:MAX_NAME], limit=MAX_NAME)
                continue
            merged = dict.fromkeys([*aliases.get(canonical, ()), *names])
            aliases[canonical] = tuple(n for n in merged if n and n != canonical)
        places = doc.get("places", {})
        if not isinstance(places, dict):
            problem("places", "aliases.places_not_table")
            places = {}
        found = places.get("provinces", [])
        for item in found if isinstance(found, list) else [found]:
            if isinstance(item, list) and len(item) == 2 and all(_is_name(n) for n in item):
                provinces.append((item[0], item[1]))
            else:
                problem("provinces", "aliases.bad_province", item=str(item)[:40])
        found = places.get("cities", [])
        for item in found if isinstance(found, list) else [found]:
            if _is_name(item):
                cities.append(item)
            else:
                problem("cities", "aliases.bad_city", item=str(item)[:40])
    return InstitutionTable(aliases, tuple(dict.fromkeys(provinces)),
                            tuple(dict.fromkeys(cities)), tuple(problems))


def _is_name(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= MAX_NAME


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key`` is defined or its table starts (TOML keeps no positions)."""
    quoted = re.escape(key)
    pattern = re.compile(rf"^\s*(?:\[\s*{quoted}\s*\]|[\"']?{quoted}[\"']?\s*=)", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


_cached: InstitutionTable | None = None


def institutions() -> InstitutionTable:
    """The bundled table merged with the user's, loaded once per process. Whatever is
    wrong in them is left out and listed in ``problems``; this never fails."""
    global _cached
    if _cached is None:
        _cached = build_table(
            load_table(package_data("institutions.toml")), load_table(user_institutions_file())
        )
        for problem in _cached.problems:
            log.warning("%s", problem)
    return _cached


def reload() -> InstitutionTable:
    """Forget the cached table (after the user edited theirs)."""
    global _cached
    _cached = None
    return institutions()
