"""The one exception family of the engine.

The GUI turns these into a message box, the CLI into one line on stderr and an
exit code. Each subclass says in a sentence what went wrong.
"""


class ReportSearchError(Exception):
    """Base of every error the engine raises on purpose."""


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
