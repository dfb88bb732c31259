"""Switching the language at once: every text already on screen is said again in the
new language when Qt announces a LanguageChange.

Our widgets set their texts once, through ``tr``. Rather than a ``retranslateUi`` per
screen, the .ts file is read as a catalogue (each text, English or Chinese, to its
context and English source), and the texts on screen — buttons, labels, actions and
menus, placeholders, tooltips, tab names, combo items, tree headers, window titles —
are looked up there and set to their translation now. Texts made up with values (a
count, a file name) are not in the catalogue: the screens that show them refresh them
themselves (tables' headers, the search status).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

TS = Path(__file__).resolve().parent / "i18n" / "reportsearch_zh_CN.ts"


@cache
def catalogue(ts: Path = TS) -> dict[str, tuple[str, str]]:
    """Every text of the .ts file, English source or Chinese translation, to its
    (context, English source)."""
    known: dict[str, tuple[str, str]] = {}
    try:
        root = ET.parse(ts).getroot()
    except (OSError, ET.ParseError):
        return known
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            for text in (source, translation):
                if text and "%" not in text and text not in known:
                    known[text] = (name, source)
    return known


def again(text: str) -> str:
    """``text`` in the language now installed (as it is when it is not ours)."""
    found = catalogue().get(text)
    if found is None:
        return text
    return QCoreApplication.translate(*found)


def retranslate(root: QWidget) -> None:
    """Say every known text of ``root`` and its children in the current language."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget.windowTitle():
            widget.setWindowTitle(again(widget.windowTitle()))
        if widget.toolTip():
            widget.setToolTip(again(widget.toolTip()))
        if isinstance(widget, (QAbstractButton, QLabel)) and widget.text():
            widget.setText(again(widget.text()))
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            widget.setPlaceholderText(again(widget.placeholderText()))
        if isinstance(widget, QMenu):
            widget.setTitle(again(widget.title()))
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                widget.setTabText(i, again(widget.tabText(i)))
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                widget.setItemText(i, again(widget.itemText(i)))
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for i in range(header.columnCount()):
                header.setText(i, again(header.text(i)))
    for action in root.findChildren(QAction):
        if action.text():
            action.setText(again(action.text()))
        if action.toolTip() and action.toolTip() != action.text():
            action.setToolTip(again(action.toolTip()))
