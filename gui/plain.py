"""Text is text: helpers that show strings from reports, files, manifests, corrections
and queries without Qt ever interpreting them as markup.

A ``QLabel``, a tooltip or a message box guesses "rich text" from the first tag it
sees, and rich text loads what an ``<img src="file:///…">`` names (even /dev/zero)
and lays out whatever ``<table>`` it is given. Labels and message boxes that show
such strings are set to plain text; tooltips, which Qt always guesses, get the
string escaped inside a rich-text wrapper, so it is shown character for character.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A label that shows its text literally."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" at its end when the label is too narrow
    (a centred QLabel would clip both ends: "ph 45 · 质效" for "Paragraph 45 · 质效…"),
    the whole text as its tooltip. It never asks for more width than it gets."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(plain_tooltip(text) if text else "")

    def shown_text(self) -> str:
        """The text as it fits the label now."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), self.shown_text(),
                                  self.foregroundRole())
        painter.end()


def shorten(text: str, limit: int = 200) -> str:
    """At most ``limit`` characters on one line (a header is not the place for a
    10,000-character title; the whole of it is in the report)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentences(*parts: str) -> str:
    """Translated sentences one after the other: a space after an English full stop,
    none after a Chinese one (a space after "。" looks like a gap)."""
    text = ""
    for part in filter(None, parts):
        if text and not text.endswith(("。", "！", "？", "）", "；", "：")):
            text += " "
        text += part
    return text


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally (line breaks kept, long lines wrapped)."""
    if not text:
        return ""
    lines = "<br>".join(html.escape(line) for line in text.split("\n"))
    return f"<qt>{lines}</qt>"


def progress_format(text: str) -> str:
    """``text`` for ``QProgressBar.setFormat``, where % starts a placeholder."""
    return text.replace("%", "%%")


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                detail: str = "") -> QMessageBox:
    """A window-modal message box with plain text, opened without blocking the caller
    (so a worker's answer or a test never waits on a nested event loop)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if detail:
        box.setDetailedText(detail)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
