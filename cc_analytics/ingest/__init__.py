"""Ingest: raw source files → validated, linked, aggregated marts (one DuckDB file)."""

from cc_analytics.ingest.pipeline import FileAccount, IngestReport, run_ingest

__all__ = ["FileAccount", "IngestReport", "run_ingest"]
