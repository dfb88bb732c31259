"""The range of years a report can have, checked wherever a person writes one.

A manifest, a correction, the library's year cell and the command line all go
through :func:`parse_year`, so 99999, -5, 10²³ or ① are refused the same way.
"""

from __future__ import annotations

import datetime

from .errors import ConfigError

FIRST_YEAR = 1900


def last_year() -> int:
    """Next year: the report for the coming year may already be drafted."""
    return datetime.date.today().year + 1


def parse_year(value: object) -> int | None:
    """A year a person wrote: None when blank, otherwise an int in FIRST_YEAR..next year.
    Raises :class:`ConfigError` saying why not."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise ConfigError("year.digits", value=text)
    year = int(text)
    if not FIRST_YEAR <= year <= last_year():
        raise ConfigError("year.range", year=year, first=FIRST_YEAR, last=last_year())
    return year
