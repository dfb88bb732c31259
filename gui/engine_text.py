"""The engine's messages in the user's language.

The engine says things as data (``index.messages``: a code and its values, on a
``Notice``, an error or a skip reason). Its English texts are marked for lupdate with
``trans_late`` in context ``engine``; here they go through Qt's translators, so the
Chinese interface shows the Chinese of the .ts file (kept equal to the engine's own
Chinese by a test) and the English one the English. ``QCoreApplication.translate`` is
thread-safe: the workers may call ``say`` too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from index.messages import ENGLISH

CONTEXT = "engine"


def say(message: object) -> str:
    """A Notice, an engine error or a Skipped (anything with ``code`` and ``values``) in
    the interface's language; anything else as its text."""
    if isinstance(message, dict):  # a nested message read back from JSON
        code, values = message.get("code", ""), message.get("values")
    else:
        code, values = getattr(message, "code", ""), getattr(message, "values", None)
    if not code or code not in ENGLISH or not isinstance(values, dict):
        return str(getattr(message, "reason", message))
    template = QCoreApplication.translate(CONTEXT, ENGLISH[code])
    return template.format(**{k: say(v) if _is_message(v) else v for k, v in values.items()})


def _is_message(value: object) -> bool:
    if isinstance(value, dict):
        return "code" in value
    return bool(getattr(value, "code", ""))
