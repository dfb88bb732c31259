"""Import Whoosh without the standard-library modules it names but never uses here.

``whoosh.compat`` imports ``urllib.request`` (for ``urlretrieve``, which no Whoosh
module calls) and ``whoosh.reading`` imports the ``cached_property`` package, which
imports ``asyncio`` for coroutine properties Whoosh does not have. With what they pull
in (``http.client``, ``email``, ``ssl``, ``concurrent.futures``) they were half of
Whoosh's import time, and Whoosh's import a third of the time to a first answer. ``whoosh.query.terms`` imports
``whoosh.lang.morph_en`` (English word variations, ~7 ms of regular expressions) for
a query type we never build. While those Whoosh modules are imported, stand-ins take
the three names in ``sys.modules``; then they are taken out again, so anyone importing
``urllib.request``, ``cached_property`` or ``whoosh.lang.morph_en`` later gets the real
module.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import types
from collections.abc import Iterator


def _urlretrieve(*args, **kwargs):
    """``urllib.request.urlretrieve``, imported when called."""
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(*args, **kwargs):
    """``whoosh.lang.morph_en.variations``, imported when called."""
    from whoosh.lang.morph_en import variations

    return variations(*args, **kwargs)


def _stand_ins() -> dict[str, types.ModuleType]:
    request = types.ModuleType("urllib.request", "stand-in while Whoosh is imported")
    request.urlretrieve = _urlretrieve
    cached = types.ModuleType("cached_property", "stand-in while Whoosh is imported")
    # The package's property for plain methods: computed once, kept in the instance.
    cached.cached_property = functools.cached_property
    morph = types.ModuleType("whoosh.lang.morph_en", "stand-in while Whoosh is imported")
    morph.variations = _variations
    return {"urllib.request": request, "cached_property": cached,
            "whoosh.lang.morph_en": morph}


@contextlib.contextmanager
def standing_in() -> Iterator[None]:
    """Stand-ins for ``urllib.request``, ``cached_property`` and ``whoosh.lang.morph_en``
    (where not yet imported) for the duration of the block."""
    import urllib

    import whoosh.lang

    placed = {name: module for name, module in _stand_ins().items() if name not in sys.modules}
    sys.modules.update(placed)
    try:
        yield
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        for parent, name in ((urllib, "urllib.request"), (whoosh.lang, "whoosh.lang.morph_en")):
            stand_in = placed.get(name)
            attribute = name.rpartition(".")[2]
            if stand_in is not None and getattr(parent, attribute, None) is stand_in:
                delattr(parent, attribute)


with standing_in():
    import whoosh.compat
    import whoosh.query.terms
    import whoosh.reading  # noqa: F401
