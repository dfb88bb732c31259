"""Bring the translation up to date: ``python -m gui.translations``.

1. ``pyside6-lupdate`` over gui/*.py and index/messages.py (whose English texts are
   marked with ``trans_late``, read as ``QT_TRANSLATE_NOOP``) updates the .ts file;
2. the engine's messages (context ``engine``) get their Chinese from
   ``index.messages.TEXTS``, the engine's own Chinese, so the two never differ;
3. the messages still untranslated are listed (translate them in the .ts file, then
   run this again); ``pyside6-lrelease`` writes the .qm file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from index.messages import ENGLISH, TEXTS

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "gui" / "i18n" / "reportsearch_zh_CN.ts"
QM = TS.with_suffix(".qm")


def sources() -> list[str]:
    """The files lupdate reads."""
    return [*map(str, sorted((ROOT / "gui").glob("*.py"))), str(ROOT / "index" / "messages.py")]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (pip install PySide6-Essentials)")
    return found


def lupdate(ts: Path, *extra: str) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-tr-function-alias",
                    "QT_TRANSLATE_NOOP+=trans_late", *extra, "-ts", str(ts)],
                   check=True, capture_output=True)


def fill_engine(ts: Path) -> list[str]:
    """Set the Chinese of every engine message; returns the sources left unfinished."""
    chinese = {ENGLISH[code]: TEXTS[code] for code in ENGLISH}
    tree = ET.parse(ts)
    unfinished = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if name == "engine" and source in chinese:
                translation.text = chinese[source]
                translation.attrib.pop("type", None)
            elif translation.get("type") == "unfinished":
                unfinished.append(f"{name}: {source}")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    text = ts.read_text(encoding="utf-8")
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
    ts.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    return unfinished


def main() -> int:
    lupdate(TS, "-no-obsolete")
    unfinished = fill_engine(TS)
    for line in unfinished:
        print("untranslated:", line)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True,
                   capture_output=True)
    return 1 if unfinished else 0


if __name__ == "__main__":
    sys.exit(main())
