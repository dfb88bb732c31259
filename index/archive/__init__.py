"""A team archive on a PostgreSQL server: the second ``SearchBackend``.

One archive that an archivist imports into and every reporter searches, from the same
desktop app and command line (``backend.open_backend("postgresql://…")``). The pieces:

- ``connection``: the server URL, connecting, and what is checked at connect (the
  database's character type, the schema's version);
- ``schema`` and ``migrations/``: numbered SQL files applied in order and recorded;
- ``roles``: the archivist and reporter roles, enforced by the server's GRANTs;
- ``grams`` and ``matching``: how a folded string becomes a condition the indexes answer;
- ``writing``: the import's batches, one transaction each, under an advisory lock;
- ``searching``: a query as SQL, with the local engine's query meaning;
- ``backend``: ``PgBackend``, the protocol on top of them.

Everything a user sees comes from ``index.messages``; the local engine's query parsing,
alias expansion, folding and highlighting are used as they are (``terms``).
"""
