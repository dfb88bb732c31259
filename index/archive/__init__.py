"""A team archive on a PostgreSQL server: the second ``SearchBackend``.

One archive that an archivist imports into and every reporter searches, from the same
desktop app and command line (``backend.open_backend("postgresql://…")``). The pieces:

- ``connection``: the server URL, connecting, and what is checked at connect (the
  database's character type, the schema's version);
- ``schema`` and ``migrations/``: numbered SQL files applied in order and recorded;
- ``roles``: the archivist and reporter roles, enforced by the server's GRANTs;
- ``grams``: how a short folded string becomes a condition an index answers;
- ``writing``: the import's batches, one transaction each, under an advisory lock;
- ``searching``: a query's plan (``index.matching``) executed as SQL;
- ``backend``: ``PgBackend``, the protocol on top of them.

Everything a user sees comes from ``index.messages``; what a query means is the local
engine's plan (``index.matching``: quotes, figures, other names, words that name the
report), folding and highlighting are the local engine's own code.
"""
