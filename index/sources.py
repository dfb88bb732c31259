"""The user's library on disk: the folders and files they added.

``library.json`` beside the index is the durable record the index is rebuilt from
(after damage, or when what the index stores has changed). It is written, atomically,
before an import deletes anything from the index, and only by the process holding the
index's write lock. Re-scans read exactly these sources, not the folders the reports
happen to lie in.

Format 1::

    {"format": 1, "sources": ["/home/me/报告", "/home/me/下载/一份报告.txt"]}

Earlier versions kept a bare list in ``sources.json``; it is read once and carried over.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path

from .disk import write_atomic
from .errors import ConfigError, IndexWriteError

FORMAT = 1
FILE_NAME = "library.json"
LEGACY_NAME = "sources.json"


class LibraryUnreadable(Exception):
    """library.json exists but cannot be understood (it has been set aside)."""

    def __init__(self, problem: str, aside: Path):
        super().__init__(problem)
        self.problem = problem
        self.aside = aside


class Sources:
    """The recorded sources of one library (absolute paths, in the order added)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.path = self.root / FILE_NAME
        self._paths: list[str] = []
        self.exists = False  # False: this library never had a source (a brand-new index)
        self.legacy = False  # read from the earlier sources.json, not saved in this format yet
        self.load()

    def load(self) -> None:
        """Read the record (or the legacy one). A garbled file is renamed aside and
        LibraryUnreadable raised, so the caller can rebuild the record from the index."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            legacy = self._legacy()
            self.exists = self.legacy = legacy is not None
            self._paths = legacy or []
            return
        except OSError as exc:
            raise ConfigError("error.library_write", path=self.path,
                                   error=exc.strerror or exc) from exc
        try:
            value = json.loads(data.decode("utf-8"))
            if not isinstance(value, dict) or not isinstance(value.get("sources"), list):
                raise ValueError("no list of sources")
            if int(value.get("format", 0)) > FORMAT:
                raise ValueError(f"format {value.get('format')} is newer than this program")
            paths = [str(p) for p in value["sources"] if isinstance(p, str) and p]
        except (ValueError, UnicodeDecodeError) as exc:
            aside = self.path.with_name(f"{FILE_NAME}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            self.path.replace(aside)
            self._paths, self.exists = [], False
            raise LibraryUnreadable(str(exc), aside) from exc
        self._paths = list(dict.fromkeys(paths))
        self.exists = True

    def _legacy(self) -> list[str] | None:
        try:
            value = json.loads((self.root / LEGACY_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return [str(p) for p in value if isinstance(p, str)] if isinstance(value, list) else None

    def paths(self) -> list[str]:
        return list(self._paths)

    def add(self, paths: Iterable[Path | str]) -> None:
        """Record sources (idempotent) and save, creating the record if need be."""
        merged = list(dict.fromkeys([*self._paths, *(str(p) for p in paths)]))
        if merged != self._paths or not self.exists or self.legacy:
            self._save(merged)

    def remove(self, path: Path | str) -> bool:
        if str(path) not in self._paths:
            return False
        self._save([p for p in self._paths if p != str(path)])
        return True

    def _save(self, paths: list[str]) -> None:
        body = json.dumps({"format": FORMAT, "sources": paths}, ensure_ascii=False, indent=1)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, body.encode("utf-8"))
        except OSError as exc:
            raise IndexWriteError("error.library_write", path=self.path,
                                   error=exc.strerror or exc) from exc
        self._paths, self.exists, self.legacy = paths, True, False
        legacy = self.root / LEGACY_NAME
        if legacy.exists():
            legacy.unlink(missing_ok=True)  # carried over; one record only
