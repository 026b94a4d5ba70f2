"""The one place where library errors become on-screen messages.

Library code raises :class:`cc_analytics.errors.CCError` subclasses whose message is Indonesian and meant for
the user. :func:`user_errors` wraps the router (and so every page): such an error is shown with
``st.error`` and the run stops; no traceback is shown. Any other exception is a bug and propagates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from cc_analytics import texts
from cc_analytics.errors import CCError


def show_error(exc: CCError) -> None:
    """Show one library error as an Indonesian message."""
    st.error(f"**{texts.ERROR_TITLE}.** {exc}", icon=":material/error:")


@contextmanager
def user_errors() -> Iterator[None]:
    """Run the enclosed block; on a :class:`CCError`, show its message and stop this run."""
    try:
        yield
    except CCError as exc:
        show_error(exc)
        st.stop()
