"""The one exception family of the engine.

The GUI turns these into a message box, the CLI into one line on stderr and an
exit code. Each subclass says in a sentence what went wrong.

An error raised with a message code (``messages``) carries it as data: ``code`` and
``values``, so a front end can say it in the user's language (``notice``); ``str(error)``
is the Chinese text, for logs. An error raised with plain text has ``code`` "".
"""

from __future__ import annotations

from .messages import TEXTS, text


class ReportSearchError(Exception):
    """Base of every error the engine raises on purpose."""

    def __init__(self, code_or_text: object = "", /, **values):
        if isinstance(code_or_text, str) and code_or_text in TEXTS:
            self.code, self.values = code_or_text, values
            message = text(code_or_text, **values)
        else:
            self.code, self.values = "", {}
            message = str(code_or_text)
        super().__init__(message)

    def __reduce__(self):  # pickles (a worker thread's queue) keep the code and values
        if self.code:
            return (_rebuild, (type(self), self.code, self.values))
        return (type(self), (str(self),))

    def text(self, lang: str = "zh") -> str:
        """The message in ``lang`` ("zh" or "en")."""
        return text(self.code, lang, **self.values) if self.code else str(self)


def _rebuild(cls, code: str, values: dict) -> ReportSearchError:
    return cls(code, **values)


class ReadError(ReportSearchError):
    """A report file could not be read into text; the message says why."""


class QueryError(ReportSearchError):
    """The query text could not be understood."""


class IndexBusyError(ReportSearchError):
    """Another process is writing the index right now."""


class IndexWriteError(ReportSearchError):
    """The index could not be written (disk full, no permission); the last commit stands."""


class IndexDamagedError(ReportSearchError):
    """The index on disk is unreadable and has to be rebuilt."""


class ReportNotFoundError(ReportSearchError):
    """No indexed report matches the given name."""


class ConfigError(ReportSearchError):
    """A user-editable data file (aliases, manifest, corrections) is malformed."""


class UnsafeIndexError(ReportSearchError):
    """An index folder holds something that is not index data (it would run code)."""


class ReadOnlyError(ReportSearchError):
    """This backend may only search and read (``SearchBackend.writable`` is False)."""


class ServerUnavailableError(ReportSearchError):
    """A team archive's server cannot be reached or refused the connection."""
