"""The "Connect to a team archive" dialog (File menu): the server's URL, and a password
kept in memory for this session only.

The URL is stored in the settings WITHOUT its password (``backend.without_password``):
a password belongs in libpq's password file (``~/.pgpass``) or is typed here each
session. "Use the local library" forgets the server.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from index.backend import is_server, with_password, without_password
from index.errors import ConfigError

SETTING = "archive/url"


def stored_server(settings: QSettings) -> str | None:
    """The team archive the user chose last (without a password), or None: local."""
    value = settings.value(SETTING, "")
    return value if isinstance(value, str) and is_server(value) else None


def store_server(settings: QSettings, url: str | None) -> None:
    """Remember ``url`` without its password, or forget the server (None)."""
    if url:
        settings.setValue(SETTING, without_password(url))
    else:
        settings.remove(SETTING)


class ArchiveDialog(QDialog):
    """Asks for a server URL (and a password for the session); ``target()`` is what to
    open: the URL with the password, or None for the local library."""

    def __init__(self, url: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a team archive"))
        self.url = QLineEdit(without_password(url) if url else "", self)
        self.url.setPlaceholderText("postgresql://user@server/reports?sslmode=verify-full")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("empty: from the password file (~/.pgpass)"))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        help_text = QLabel(self.tr(
            "A team archive is a PostgreSQL server your archivist set up. Options such as "
            "sslmode=verify-full go in the address. The password is kept only until "
            "ReportSearch closes."), self)
        help_text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Server address:"), self.url)
        form.addRow(self.tr("Password:"), self.password)
        buttons = QDialogButtonBox(self)
        self.connect_button = buttons.addButton(self.tr("Connect"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.local_button = buttons.addButton(self.tr("Use the local library"),
                                              QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.local_button.clicked.connect(self._local)
        self._target: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def target(self) -> str | None:
        return self._target

    def _check(self) -> None:
        url = self.url.text().strip()
        if not is_server(url):
            self.problem.setText(self.tr("The address starts with postgresql://"))
            return
        try:
            self._target = with_password(without_password(url), self.password.text() or None)
        except ConfigError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()

    def _local(self) -> None:
        self._target = None
        self.accept()
