"""Render the main screens to PNG on the bundled seeds (for the README and for review).

    QT_QPA_PLATFORM=offscreen python -m gui.screenshots [OUT_DIR]

OUT_DIR defaults to gui/screenshots. Needs a CJK font (Debian: fonts-wqy-microhei).
SHOT_LANGUAGE=en renders the English interface, SHOT_SIZE=1024x700 another window size
(the README's are zh_CN at 1366x768).
Uses a temporary data folder, so the user's index is not touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# A reporter's draft about the seeds' hospitals: one figure differs, one claim has no source.
CHECK_DRAFT = (
    "市二院去年派出237人到国内知名医疗机构进修。"
    "2024年7月，屯留区政府与市二院共建长治市第二人民医院屯留医院，正式签约挂牌。\n"
    "该院预约床旁结算率达72.2%，检验检查结果互认2076人次。"
    "全年开展上消化道肿瘤、心血管病筛查30.3万人次。"
    "市人民医院宁养院免费为晚期肿瘤患者提供90万元镇痛药物。"
    "据悉，该院明年将建成全省最大的质子治疗中心。"
)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else HERE / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="reportsearch-shots-")
    os.environ["REPORTSEARCH_HOME"] = home

    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from index.backend import open_backend
    from index.paths import seeds_dir

    from .app import install_translations
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("ReportSearchShots")
    install_translations(app, os.environ.get("SHOT_LANGUAGE", "zh_CN"))
    with open_backend() as backend:
        backend.index([seeds_dir()])
    settings = QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    width, height = (int(n) for n in os.environ.get("SHOT_SIZE", "1366x768").split("x"))
    window.resize(width, height)
    window.show()

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(name: str) -> None:
        settle()
        window.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    page = window.search_page
    page.set_query("医疗服务")  # exact and loose matches: green and grey in the chart
    settle(800)
    page.table.selectRow(0)
    shot("1-search")

    page.set_query("一号管三天")
    settle(600)
    window.open_hit(page.model.hit(0))
    window.reader.document.go_to(page.model.hit(0).paragraph)
    settle(600)
    shot("2-read")

    page.set_query("医院")
    settle(600)
    records = window.library.model.records()
    left = next(r for r in records if r.name.startswith("000"))
    right = next(r for r in records if r.name.startswith("004"))
    window.compare_two(left.path, right.path)
    settle(600)
    window.compare.panes[0].document.go_to(45)
    settle(600)
    shot("3-compare")

    window.tabs.setCurrentWidget(window.library)
    shot("4-library")

    page.set_query("不存在的内容")
    window.tabs.setCurrentWidget(page)
    shot("5-no-results")

    checking = window.check_page
    window.tabs.setCurrentWidget(checking)
    checking.set_draft(CHECK_DRAFT)
    checking.check_now()
    while checking.result is None:
        settle(200)
    checking.table.selectRow(0)
    shot("6-check")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
