"""The one place where library errors become on-screen messages.

Library code raises :class:`cc_analytics.errors.CCError` subclasses whose message is Indonesian and meant for
the user. :func:`user_errors` wraps the router (and so every page): such an error is shown with
``st.error`` and the run stops; no traceback is shown. Any other exception is a bug: it is written to the
server log with its traceback, and the user gets a fixed Indonesian message without its text (which may hold
data or paths), never Streamlit's own error screen.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from cc_analytics import texts
from cc_analytics.errors import CCError

_LOG = logging.getLogger(__name__)


def show_error(exc: CCError) -> None:
    """Show one library error as an Indonesian message."""
    st.error(f"**{texts.ERROR_TITLE}.** {exc}", icon=":material/error:")


def show_unexpected() -> None:
    """Say in Indonesian that something went wrong, without any detail of the error."""
    st.error(f"**{texts.ERROR_TITLE}.** {texts.UNEXPECTED_ERROR}", icon=":material/error:")


@contextmanager
def user_errors() -> Iterator[None]:
    """Run the enclosed block (the router); on a :class:`CCError`, show its message and stop this run.

    Any other exception is logged on the server and shown as :data:`cc_analytics.texts.UNEXPECTED_ERROR`.
    Streamlit's own control flow (``st.stop``, ``st.rerun``, page switches) is not an ``Exception`` and passes.
    """
    try:
        yield
    except CCError as exc:
        show_error(exc)
        st.stop()
    except Exception:  # noqa: BLE001 -- the one catch-all of the app: no traceback or data on screen
        _LOG.exception("Kesalahan tak terduga saat menjalankan halaman")
        show_unexpected()
        st.stop()
