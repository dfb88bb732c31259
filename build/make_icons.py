"""Draw the application icon (PNG sizes and a Windows .ico) into gui/icons.

    QT_QPA_PLATFORM=offscreen python build/make_icons.py

The output is committed, so builds do not depend on the fonts of the build machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter

OUT = Path(__file__).resolve().parent.parent / "gui" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QLinearGradient(0, 0, 0, size)
    gradient.setColorAt(0, QColor("#1e88e5"))
    gradient.setColorAt(1, QColor("#0d47a1"))
    painter.setBrush(gradient)
    painter.setPen(Qt.PenStyle.NoPen)
    margin = size * 0.06
    painter.drawRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin),
                            size * 0.18, size * 0.18)
    # A page with a highlighted line: a report, searched.
    page = QRectF(size * 0.24, size * 0.18, size * 0.42, size * 0.56)
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(page, size * 0.03, size * 0.03)
    painter.setBrush(QColor("#90a4ae"))
    for i, width in enumerate((0.30, 0.26, 0.30, 0.22)):
        y = size * (0.27 + i * 0.09)
        colour = QColor("#ffca28") if i == 2 else QColor("#b0bec5")
        painter.setBrush(colour)
        painter.drawRect(QRectF(size * 0.30, y, size * width, size * 0.045))
    # The magnifier.
    pen_width = max(1.0, size * 0.07)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pen = painter.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    pen.setColor(QColor("#ffca28"))
    pen.setWidthF(pen_width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    centre = size * 0.62
    radius = size * 0.15
    painter.drawEllipse(QRectF(centre - radius, centre - radius, 2 * radius, 2 * radius))
    painter.drawLine(int(centre + radius * 0.7), int(centre + radius * 0.7),
                     int(size * 0.86), int(size * 0.86))
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 64, 128, 256):
        draw(size).save(str(OUT / f"reportsearch-{size}.png"))
    if not draw(256).save(str(OUT / "reportsearch.ico")):
        print("this Qt cannot write .ico", file=sys.stderr)
        return 1
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
