"""The institution alias table: canonical names and the other names they go by.

The table is data (``index/data/institutions.toml``), and the user's own
``institutions.toml`` in the data folder is merged over it, so a newsroom can add
the hospitals and bureaus it follows without touching code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .paths import package_data, user_institutions_file


@dataclass(frozen=True)
class InstitutionTable:
    aliases: dict[str, tuple[str, ...]]  # canonical -> aliases
    provinces: tuple[tuple[str, str], ...] = ()  # (full name, short name)
    cities: tuple[str, ...] = ()
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


def load_table(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"机构别名表 {path} 格式有误：{exc}") from exc


def build_table(*documents: dict) -> InstitutionTable:
    aliases: dict[str, tuple[str, ...]] = {}
    provinces: list[tuple[str, str]] = []
    cities: list[str] = []
    for doc in documents:
        for canonical, names in doc.get("aliases", {}).items():
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigError(f"机构别名表中 “{canonical}” 的别名必须是字符串列表")
            merged = dict.fromkeys([*aliases.get(canonical, ()), *names])
            aliases[canonical] = tuple(n for n in merged if n and n != canonical)
        places = doc.get("places", {})
        provinces += [tuple(p) for p in places.get("provinces", []) if len(p) == 2]
        cities += places.get("cities", [])
    return InstitutionTable(aliases, tuple(dict.fromkeys(provinces)), tuple(dict.fromkeys(cities)))


_cached: InstitutionTable | None = None


def institutions() -> InstitutionTable:
    """The bundled table merged with the user's, loaded once per process."""
    global _cached
    if _cached is None:
        _cached = build_table(
            load_table(package_data("institutions.toml")), load_table(user_institutions_file())
        )
    return _cached


def reload() -> InstitutionTable:
    """Forget the cached table (after the user edited theirs)."""
    global _cached
    _cached = None
    return institutions()
