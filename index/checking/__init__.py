"""Checking a draft against the library: which statements the reports support, and
which figures differ.

The pipeline, one module a step: ``statements`` cuts the draft into statements,
``items`` finds each statement's checkable items (figures with units, dates, people,
institutions, titles), ``support`` finds the paragraphs that support each statement
through ``SearchBackend.search`` and judges each item against them, ``results`` holds
what was found as plain data, ``report`` writes it for the editor (summary, JSON, CSV,
a printable page). ``score`` measures it on the test set in ``tests/checks``.
"""

from .results import DraftCheck, ItemCheck, Source, StatementCheck, Summary

__all__ = ["DraftCheck", "ItemCheck", "Source", "StatementCheck", "Summary", "check"]


def __getattr__(name: str):
    """``check`` is imported when first asked for: the pipeline (Whoosh, through the
    words; the figures' and units' patterns) is not loaded with the results' plain data,
    which the desktop window imports to show a check."""
    if name == "check":
        from .support import check

        return check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
