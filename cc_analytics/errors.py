"""Typed errors of the library.

Every error carries a message in Bahasa Indonesia that can be shown to a user as it is. The CLI and
``cc_analytics.ui`` turn them into output in one place each; nothing else catches them broadly.
"""

from __future__ import annotations


class CCError(Exception):
    """Base class: an error whose message is meant for the user (in Indonesian)."""

    exit_code = 1


class ConfigError(CCError):
    """A setting is missing or has an invalid value."""


class SourceFileError(CCError):
    """A raw source file cannot be read or does not have the declared format (exit code 2: unreadable).

    Args:
        file_name: name of the offending file (no directory, to keep paths out of messages).
        problem: what is wrong, in Indonesian.
        column: the column concerned, when there is one.
    """

    exit_code = 2

    def __init__(self, file_name: str, problem: str, column: str | None = None) -> None:
        self.file_name = file_name
        self.column = column
        self.problem = problem
        where = f"berkas '{file_name}'"
        if column:
            where += f", kolom '{column}'"
        super().__init__(f"{where}: {problem}")


class IngestError(CCError):
    """Ingest could not finish; the previous marts stay in use."""


class ImportBusyError(IngestError):
    """Another writer (ingest, import, upload, first-run build) holds the marts; nothing was changed."""


class ImplausibleDataError(IngestError):
    """The files read but the result is not believable (a future period, an empty snapshot, a population jump,
    periods lost); nothing was changed. Some of these may be overridden on purpose (``--paksa``)."""


class MartsMissingError(CCError):
    """No marts have been built yet."""


class DataNotFoundError(CCError):
    """A requested wilayah, period or series has no data."""
