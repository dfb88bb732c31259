"""Translations: every string the GUI shows has its Chinese translation, and the
committed .ts file is in step with the code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "gui" / "i18n" / "reportsearch_zh_CN.ts"
QM = ROOT / "gui" / "i18n" / "reportsearch_zh_CN.qm"


def _sources(ts_text: str) -> set[str]:
    return set(re.findall(r"<source>(.*?)</source>", ts_text, re.S))


def test_every_message_is_translated():
    text = TS.read_text(encoding="utf-8")
    assert "unfinished" not in text
    assert len(_sources(text)) > 100
    assert QM.stat().st_size > 1000


def test_ts_file_matches_the_code(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *map(str, sorted((ROOT / "gui").glob("*.py"))), "-ts", str(fresh)],
                   check=True, capture_output=True)
    missing = _sources(fresh.read_text(encoding="utf-8")) - _sources(TS.read_text(encoding="utf-8"))
    assert not missing, f"run pyside6-lupdate and translate: {sorted(missing)[:5]}"


def test_chinese_is_the_default_and_english_is_available(qtbot):
    from PySide6.QtWidgets import QApplication

    from gui.app import install_translations
    from gui.search_page import SearchPage

    app = QApplication.instance()
    translators = install_translations(app, "zh_CN")
    try:
        assert len(translators) == 2  # ours and Qt's own (standard buttons)
        page = SearchPage()
        qtbot.addWidget(page)
        assert page.sort.itemText(0) == "按相关度"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    page = SearchPage()
    qtbot.addWidget(page)
    assert page.sort.itemText(0) == "Relevance"
