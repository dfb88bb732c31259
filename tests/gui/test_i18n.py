"""Translations: every string the GUI shows has its Chinese translation, and the
committed .ts file is in step with the code."""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "gui" / "i18n" / "reportsearch_zh_CN.ts"
QM = ROOT / "gui" / "i18n" / "reportsearch_zh_CN.qm"


def _sources(ts_text: str) -> set[str]:
    return {html.unescape(s) for s in re.findall(r"<source>(.*?)</source>", ts_text, re.S)}


def test_every_message_is_translated():
    text = TS.read_text(encoding="utf-8")
    assert "unfinished" not in text
    assert len(_sources(text)) > 100
    assert QM.stat().st_size > 1000


def test_ts_file_matches_the_code(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    from gui import translations

    fresh = tmp_path / "fresh.ts"
    translations.lupdate(fresh)  # the command ``python -m gui.translations`` runs
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


def test_the_engine_messages_are_translated_to_the_engine_own_chinese():
    import xml.etree.ElementTree as ET

    from index.messages import ENGLISH, TEXTS

    chinese = {}
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") == "engine":
            chinese = {m.findtext("source"): m.findtext("translation")
                       for m in context.iter("message")}
    # "text" is a message without a code (passed through as it is), not translated.
    assert {ENGLISH[c]: TEXTS[c] for c in ENGLISH if c != "text"} == chinese


def test_an_engine_error_is_said_in_the_interface_language(qtbot):
    from PySide6.QtWidgets import QApplication

    from gui.app import install_translations
    from gui.engine_text import say
    from index.errors import QueryError
    from index.model import Notice, Skipped

    error = QueryError("query.bad_year", value="20x5")
    skipped = Skipped.of("/r/a.txt", "skipped.removed", reason=Notice("read.binary"))
    assert say(error).startswith("The year is not written right")
    assert say(skipped).startswith("This is a binary file, not text; its earlier")
    app = QApplication.instance()
    translators = install_translations(app, "zh_CN")
    try:
        assert say(error) == str(error)  # the engine's own Chinese
        assert say(skipped) == skipped.reason
    finally:
        for translator in translators:
            app.removeTranslator(translator)
