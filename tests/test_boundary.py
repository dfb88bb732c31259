"""The front ends never reach past ``SearchBackend``: the GUI (gui/*.py) and the command
line (index/cli.py) import from the engine only the modules every backend shares, get
backends only from ``open_backend`` and call on them only what the protocol declares.

Read from the source (``ast``), so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from index.backend import SearchBackend

ROOT = Path(__file__).resolve().parent.parent
FRONT_ENDS = [*sorted((ROOT / "gui").glob("*.py")), ROOT / "index" / "cli.py"]

# What any front end may import from index/: plain types, the protocol and its factory,
# errors, messages, and helpers that know nothing of how a library is stored.
SHARED = {"model", "backend", "errors", "export", "paths", "logfile", "messages", "years",
          "institutions", "query",
          # Checking a draft composes the protocol's ``search`` (any backend).
          "checking"}
ALLOWED = {
    # Pure text functions every backend uses too: the reader marks a whole report with
    # the backend's needles, with no call per paragraph (``gui/marks.py``), and a hit's
    # snippet is cut around its highlights (``gui/delegates.py``).
    "gui": SHARED | {"highlight", "normalize",
                     # A draft to check is read as the importer reads a file.
                     "reading"},
    # ``inspect FILE`` shows how one file is read (paragraphs, detected metadata); it
    # opens no library. ``archive init``/``add-user`` set up a server (``archive.admin``).
    "cli": SHARED | {"library", "metadata", "archive",
                     # ``check FILE``: the draft is read as the importer reads a file.
                     "reading",
                     # The command line's own words in two languages.
                     "cli_text"},
}
# From index.query, only quote(); from index.archive, only its administration.
ONLY_NAMES = {"query": {"quote"}, "archive": {"admin"}}
FORBIDDEN_NAMES = {"Engine", "Store", "Searcher", "TextScan", "WriteSession", "Importer"}
# Attributes of the local engine that are not the protocol's: no front end names them,
# on whatever object.
ENGINE_ONLY = {"index_dir", "store", "searcher", "find_report", "generation", "is_empty"}
BACKEND_CALLS = {"open_backend", "_backend", "backend", "_reader_backend"}


def protocol_members() -> set[str]:
    names = set(getattr(SearchBackend, "__annotations__", {}))
    names |= {n for n in vars(SearchBackend) if not n.startswith("_")}
    return names | {"__enter__", "__exit__"}


def _kind(path: Path) -> str:
    return "cli" if path.name == "cli.py" else "gui"


def index_imports(tree: ast.Module, kind: str) -> list[tuple[str, str | None, int]]:
    """(module of index/, name imported or None, line) for every import of the engine;
    ``whoosh`` imports come back as ("whoosh", …) too."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "whoosh":
                    found.append(("whoosh", None, node.lineno))
                elif parts[0] == "index":
                    found.append((parts[1] if len(parts) > 1 else "index", None, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if kind == "cli" and node.level == 1:  # index/cli.py: ``from .x import``
                module = f"index.{module}" if module else "index"
            elif node.level:
                continue  # gui's own modules
            parts = module.split(".")
            if parts[0] == "whoosh":
                found.append(("whoosh", None, node.lineno))
            elif parts[0] == "index":
                for alias in node.names:
                    if len(parts) == 1:  # from index import x
                        found.append((alias.name, None, node.lineno))
                    else:
                        found.append((parts[1], alias.name, node.lineno))
    return found


class _BackendUse(ast.NodeVisitor):
    """Attributes read from anything that is a backend: a call of ``open_backend`` (or
    the front ends' own ``backend()``), ``self._backend``, a variable or argument named
    ``backend`` or annotated ``SearchBackend``, or assigned from one of those."""

    def __init__(self) -> None:
        self.names = {"backend"}
        self.uses: list[tuple[str, int]] = []

    def is_backend(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            return name in BACKEND_CALLS
        if isinstance(node, ast.Attribute):
            return node.attr == "_backend"
        return isinstance(node, ast.Name) and node.id in self.names

    def visit_arg(self, node: ast.arg) -> None:
        if node.annotation is not None and "SearchBackend" in ast.unparse(node.annotation):
            self.names.add(node.arg)

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.is_backend(node.value):
            self.names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and "SearchBackend" in ast.unparse(node.annotation):
            self.names.add(node.target.id)
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self.is_backend(node.value):
            self.uses.append((node.attr, node.lineno))
        self.generic_visit(node)


def backend_attributes(tree: ast.Module) -> list[tuple[str, int]]:
    """(attribute, line) for every attribute read from a backend in the module."""
    visitor = _BackendUse()
    visitor.visit(tree)  # learns the names that hold backends…
    visitor.uses = []
    visitor.visit(tree)  # …then finds every use, wherever it stands in the module
    return visitor.uses


def problems(path: Path) -> list[str]:
    """Everything in one front-end module that reaches past the protocol."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    kind = _kind(path)
    out = []
    for module, name, line in index_imports(tree, kind):
        if module not in ALLOWED[kind]:
            out.append(f"{path.name}:{line} imports index.{module}" if module != "whoosh"
                       else f"{path.name}:{line} imports whoosh")
        elif name is not None and module in ONLY_NAMES and name not in ONLY_NAMES[module]:
            out.append(f"{path.name}:{line} imports {name} from index.{module}")
        if name in FORBIDDEN_NAMES:
            out.append(f"{path.name}:{line} imports {name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            out.append(f"{path.name}:{node.lineno} uses {node.id}")
        if isinstance(node, ast.Attribute) and node.attr in ENGINE_ONLY:
            out.append(f"{path.name}:{node.lineno} uses .{node.attr}")
    members = protocol_members()
    out += [f"{path.name}:{line} calls backend.{attr}, not in SearchBackend"
            for attr, line in backend_attributes(tree) if attr not in members]
    return out


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_front_end_stays_behind_the_protocol(path):
    assert problems(path) == []


def test_front_ends_do_use_backends_through_the_protocol():
    """The check above looks at something: the front ends call the protocol, many times."""
    uses = {attr for path in FRONT_ENDS for attr, _ in backend_attributes(
        ast.parse(path.read_text(encoding="utf-8")))}
    assert {"search", "report", "record", "needles", "revision", "index", "rescan",
            "ensure_ready", "set_metadata", "take_notices", "recovery", "location",
            "close"} <= uses


def test_the_check_catches_a_front_end_reaching_past_the_protocol(tmp_path):
    bad = tmp_path / "bad_window.py"
    bad.write_text(
        "from index.engine import Engine\n"
        "from index.search import Hit\n"
        "from index.query import parse\n"
        "import whoosh.index\n"
        "from index.backend import SearchBackend, open_backend\n\n"
        "def show(backend: SearchBackend, other):\n"
        "    backend.searcher().needles('x')\n"
        "    opened = open_backend(None)\n"
        "    opened.store.index\n"
        "    other.index_dir\n"
        "    return Engine()\n",
        encoding="utf-8")
    found = "\n".join(problems(bad))
    for expected in ("imports index.engine", "imports index.search", "imports parse from index.query",
                     "imports whoosh", "imports Engine", "uses Engine", "uses .index_dir",
                     "calls backend.searcher", "calls backend.store", "uses .searcher"):
        assert expected in found, expected
