"""File names as a person reads them, and what kind of thing a path is.

Unzipping an archive made on Chinese Windows leaves names in GBK bytes, which are
not valid UTF-8. Python hands such a name over with the bad bytes as lone surrogates
(``surrogateescape``): usable to open the file, but it cannot be written as UTF-8,
shown by Qt or stored in a CSV. The index therefore knows every report by its
*readable* path (each such part of it decoded as GB18030, the superset of GBK) and
reads it by the real path it was found at.
"""

from __future__ import annotations

import os
import stat

_SURROGATES = range(0xD800, 0xE000)


def readable(text: str) -> str:
    """``text`` (a path or a name) with every part that is not valid Unicode decoded
    from its bytes: as UTF-8 or GB18030 when they are, else with U+FFFD for bad bytes."""
    if not any(ord(ch) in _SURROGATES for ch in text):
        return text
    parts = text.split(os.sep)
    return os.sep.join(_readable_part(part) for part in parts)


def _readable_part(part: str) -> str:
    if not any(ord(ch) in _SURROGATES for ch in part):
        return part
    raw = os.fsencode(part)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def not_a_file(mode: int) -> str | None:
    """Why a path with this ``st_mode`` cannot be read as a report, as a message code
    (``messages``; None: a regular file). A FIFO blocks its reader forever; a device such
    as /dev/zero never ends."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "read.folder"
    if stat.S_ISFIFO(mode):
        return "read.fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "read.device"
    if stat.S_ISSOCK(mode):
        return "read.socket"
    return "read.special"
