"""A backend is a ``SearchBackend``: every member the protocol declares, each method
with the protocol's parameters and defaults, and a usable ``location``."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from index.backend import SearchBackend


def _members() -> dict[str, object]:
    members = {n: v for n, v in vars(SearchBackend).items() if not n.startswith("_")}
    members.update({n: None for n in SearchBackend.__annotations__})  # data members
    members["__enter__"] = SearchBackend.__enter__
    members["__exit__"] = SearchBackend.__exit__
    return members


def _shape(function) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_a_backend_is_a_search_backend(backend):
    assert isinstance(backend, SearchBackend)


def test_every_method_has_the_protocols_parameters_and_defaults(backend):
    kind = type(backend)
    for name, declared in _members().items():
        assert hasattr(backend, name), name
        if isinstance(declared, property):
            assert isinstance(getattr(kind, name, None), property), name
        elif callable(declared):
            assert _shape(getattr(kind, name)) == _shape(declared), name


def test_location_says_where_the_library_is_for_people(backend):
    assert isinstance(backend.location, str) and backend.location.strip()
    assert isinstance(backend.writable, bool)


def test_a_healthy_library_has_nothing_to_recover(backend):
    assert backend.recovered == "" and backend.recovery is None
    assert backend.ensure_ready() is None  # nothing to import


def test_the_contract_covers_every_member_of_the_protocol():
    """Each member is used by some test here: a new member needs its contract too."""
    used = set()
    for path in Path(__file__).parent.glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        used |= {"__enter__", "__exit__"} if any(
            isinstance(node, ast.With) for node in ast.walk(tree)) else set()
    assert set(_members()) - used == set()
