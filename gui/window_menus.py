"""The main window's menus, its language and its two help dialogs (a mixin of
``MainWindow``): the actions and their shortcuts, the Language menu that ticks the
language in use and switches it at once (Qt's LanguageChange, then ``retranslate``),
the query syntax and the About box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from index.backend import is_server
from index.logfile import LOG_NAME
from index.paths import log_dir

from .plain import message_box
from .retranslate import retranslate


class MenusAndLanguage:
    """Menus, language and help for ``MainWindow`` (which provides the pages, the
    settings and the jobs these use)."""

    # ------------------------------------------------------------ menus

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu(self.tr("&File"))
        files.setToolTipsVisible(True)  # a disabled action says why (set_writable)
        self.write_actions = (
            self._action(files, self.tr("Add files…"), self.add_files,
                         QKeySequence.StandardKey.Open),
            self._action(files, self.tr("Add folder…"), self.add_folder, "Ctrl+Shift+O"),
            self._action(files, self.tr("Re-scan the library"), self.rescan, "F5"))
        files.addSeparator()
        self._action(files, self.tr("Connect to a team archive…"), self.connect_archive)
        files.addSeparator()
        self._action(files, self.tr("Export results to CSV…"), self.export_results, "Ctrl+E")
        self._action(files, self.tr("Batch search…"), self.open_batch, "Ctrl+B")
        files.addSeparator()
        self._action(files, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu(self.tr("&Edit"))
        self._action(edit, self.tr("Find"), self.focus_search, ["Ctrl+F", "Ctrl+L"])
        self._action(edit, self.tr("Next match"), lambda: self.step_hit(+1),
                     [QKeySequence(Qt.Key.Key_F3)])
        self._action(edit, self.tr("Previous match"), lambda: self.step_hit(-1), "Shift+F3")
        self._action(edit, self.tr("Copy citation"), self.copy_citation, "Ctrl+Shift+C")
        self._action(edit, self.tr("Back to the results"), self.back_to_results,
                     ["Esc", "Alt+Left"])
        view = bar.addMenu(self.tr("&View"))
        for index, name in enumerate((self.tr("Search"), self.tr("Read"), self.tr("Compare"),
                                      self.tr("Library"))):
            self._action(view, name, lambda _c=False, i=index: self.tabs.setCurrentIndex(i),
                         f"Ctrl+{index + 1}")
        self._action(view, self.tr("Check a draft"),
                     lambda: self.tabs.setCurrentWidget(self.check_page), "Ctrl+5")
        view.addSeparator()
        language = view.addMenu(self.tr("Language"))
        self.language_actions = QActionGroup(self)
        current = str(self.settings.value("ui/language", "zh_CN"))
        for name, code in (("中文", "zh_CN"), ("English", "en")):
            action = self._action(language, name, lambda _c=False, c=code: self.set_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            self.language_actions.addAction(action)
        helps = bar.addMenu(self.tr("&Help"))
        self._action(helps, self.tr("Query syntax"), self._show_syntax, QKeySequence.StandardKey.HelpContents)
        self._action(helps, self.tr("About ReportSearch"), self._show_about)

    def set_language(self, language: str) -> None:
        """Switch the interface language now: Qt's translators are replaced, Qt sends
        every widget a LanguageChange, and ``changeEvent`` says the screens again."""
        from .app import install_translations

        self.settings.setValue("ui/language", language)
        for action in self.language_actions.actions():
            action.setChecked(action.data() == language)
        app = QApplication.instance()
        for translator in getattr(app, "_translators", []):
            app.removeTranslator(translator)
        app._translators = install_translations(app, language)
        if not app._translators:  # English: nothing installed, so no event from Qt
            QApplication.sendEvent(self, QEvent(QEvent.Type.LanguageChange))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._retranslating:
            self._retranslating = True  # one pass for the several events Qt sends
            QTimer.singleShot(0, self._retranslate)
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """Every screen in the new language (see ``retranslate``)."""
        self._retranslating = False
        for widget in QApplication.topLevelWidgets():
            if widget is self or widget.parent() is self or widget.isWindow():
                retranslate(widget)
        for model in (self.search_page.model, self.library.model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                         max(model.columnCount() - 1, 0))
        self.library.show_skipped(list(self.library_jobs.skipped.items.values()))
        if self._library_records is not None:
            self._library_size = self._library_summary(self._library_records)
        self.show_library_summary()
        self.search_page.search_now()  # its counts and messages, said again

    # ------------------------------------------------------------ help

    def _show_syntax(self) -> None:
        message_box(self, QMessageBox.Icon.Information, self.tr("Query syntax"), self.tr(
            "Type what you are looking for: every paragraph that contains it is found, "
            "across word boundaries, in full-width or half-width, Traditional or Simplified.\n\n"
            "李晓东 教授 — both, anywhere in the paragraph\n"
            "\"高质量发展\" or “高质量发展” — exactly this (no word-by-word matches)\n"
            "李晓东 OR 胡文庆 — either\n"
            "医院 -人才 or 医院 NOT 人才 — without 人才\n"
            "2.3万家 = 23000家 = 23,000家, 3.6% = 百分之三点六 — a figure however written\n"
            "山西 营商环境, 2024年政府工作报告 就业 — words that name a place, an "
            "institution, a year or a kind of report also find the reports they name\n"
            "institution:市二院 — one institution (aliases work)\n"
            "year:2025   year:2024-2026 — one year or a range"))

    def _show_about(self) -> None:
        from index.paths import default_index_dir

        # The library's own words once it is open; before that, the folder it will be
        # (a server URL may hold a password: only the backend says it, without).
        location = self.location or ("" if is_server(self.target)
                                     else str(self.target or default_index_dir()))
        message_box(self, QMessageBox.Icon.Information, self.tr("About ReportSearch"), self.tr(
            "ReportSearch 0.1 — offline search for Chinese reports.\n\n"
            "Index and corrections: %1\nLog: %2")
            .replace("%1", location).replace("%2", str(log_dir() / LOG_NAME)))
