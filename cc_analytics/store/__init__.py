"""The marts, read side: opening the one DuckDB file, queries on it, sources and dates of figures.

* :mod:`~cc_analytics.store.connection` — open the marts read-only; the signature that changes when an ingest
  swaps a new file in (re-exported here: ``from cc_analytics.store import connect``);
* :mod:`~cc_analytics.store.query` — running a query with typed, Indonesian errors;
* :mod:`~cc_analytics.store.provenance` — the source line and as-of date under every figure;
* :mod:`~cc_analytics.store.bootstrap` — the first run: build the demo and the marts when none exist, and
  recover from a writer that crashed.
"""

from cc_analytics.store.connection import connect, file_signature, marts_exist, marts_signature, read_meta

__all__ = ["connect", "file_signature", "marts_exist", "marts_signature", "read_meta"]
