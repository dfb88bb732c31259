"""Start the desktop app: logging, translations, error handling, the main window.

The interface speaks Chinese (zh_CN) unless the user chose English; Qt's own
dialogs and buttons follow through Qt's ``qtbase`` translations.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from index.logfile import setup_logging
from index.paths import settings_file

from . import platform_check

log = logging.getLogger(__name__)
I18N = Path(__file__).resolve().parent / "i18n"
ICONS = Path(__file__).resolve().parent / "icons"
SMOKE_ENV = "REPORTSEARCH_SMOKE"  # set: start, search once, print timings as JSON, quit
SERVER_ENV = "REPORTSEARCH_SERVER"  # a team archive to open (as on the command line)
ORGANIZATION, APPLICATION = "ReportSearch", "ReportSearch"


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's own for ``language`` ("en" loads none)."""
    translators: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return translators
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(str(I18N / f"reportsearch_{language}.qm")):
        translators.append(ours)
    else:
        log.warning("no translation for %s in %s", language, I18N)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def _excepthook(log_path: str):
    def hook(kind, value, tb) -> None:
        log.critical("unhandled error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        app = QApplication.instance()
        if app is not None:
            box = QMessageBox(
                QMessageBox.Icon.Critical, app.translate("app", "ReportSearch"),
                app.translate("app", "Something went wrong: %1\nThe details are in the log: %2")
                .replace("%1", str(value) or kind.__name__).replace("%2", log_path or "-"),
            )
            box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a file or query
            box.exec()
    return hook


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = ICONS / f"reportsearch-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def _smoke(window, started: float) -> None:
    """Packaging check: report when the window is up and when the first search (an alias,
    so the bundled alias table is exercised) has answered, then quit."""
    def emit(**values) -> None:
        print(json.dumps({**values, "t": round(time.perf_counter() - started, 3)},
                         ensure_ascii=False), flush=True)

    emit(event="window", title=window.windowTitle(), visible=window.isVisible(),
         icon=not QApplication.windowIcon().isNull())

    def ready() -> None:
        # Polled from the GUI thread: a slot connected to the worker's signal would run
        # in the worker's thread, where a window must not be touched.
        if window.indexing:
            QTimer.singleShot(20, ready)
            return
        window.search_page.set_query("市二院")
        QTimer.singleShot(20, answered)

    def answered() -> None:
        result = window.search_page.result
        if result is None:
            QTimer.singleShot(20, answered)
            return
        emit(event="search", total=result.total,
             expansions={k: list(v) for k, v in result.expansions.items()},
             reports=window.library.model.rowCount())
        window.close()

    ready()


def run(argv: list[str], target: str | Path | None = None) -> int:
    """Show the main window on ``target`` (``open_backend``: None for REPORTSEARCH_SERVER
    or the team archive chosen last in File → Connect to a team archive, else the user's
    data folder) and run the event loop; the exit code."""
    started = time.perf_counter()
    log_path = setup_logging()
    log.info("starting ReportSearch")
    if QApplication.instance() is None and (problem := platform_check.check()):
        log.error("the Qt platform plugin cannot load: %s", problem)
        print(problem, file=sys.stderr)  # instead of Qt's abort, which names the wrong library
        return 1
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(app_icon())
    path = settings_file()
    settings = QSettings(str(path), QSettings.Format.IniFormat) if path else QSettings()
    app._translators = install_translations(app, str(settings.value("ui/language", "zh_CN")))
    sys.excepthook = _excepthook(log_path)

    from .archive_dialog import stored_server
    from .main_window import MainWindow

    if target is None:  # REPORTSEARCH_SERVER, else the team archive chosen last, if any
        target = os.environ.get(SERVER_ENV, "").strip() or stored_server(settings)
    window = MainWindow(target, settings)  # opens the index in its worker, and says so
    window.show()                                  # if it was damaged and is being rebuilt
    if os.environ.get(SMOKE_ENV):
        QTimer.singleShot(0, lambda: _smoke(window, started))
    code = app.exec()
    log.info("exit %s", code)
    return code


if __name__ == "__main__":
    sys.exit(run(sys.argv))
