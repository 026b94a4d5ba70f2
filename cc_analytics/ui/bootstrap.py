"""First run in the browser: build the demo data and marts with a progress bar when none exist."""

from __future__ import annotations

import streamlit as st

from cc_analytics import texts
from cc_analytics.config import Settings
from cc_analytics.errors import CCError
from cc_analytics.store import marts_exist
from cc_analytics.store.bootstrap import ensure_marts, recover_once


def ensure_marts_with_progress(settings: Settings) -> None:
    """Build the marts (via :func:`cc_analytics.store.bootstrap.ensure_marts`) inside a status box, if missing.

    Raises:
        CCError: when the build fails (shown by :func:`cc_analytics.ui.errors.user_errors`).
    """
    recover_once(settings)  # a start after a crash: undo a half-done import, remove stray work copies
    if marts_exist(settings.marts_path):
        return
    with st.status(texts.BOOTSTRAP_RUNNING, expanded=True) as status:
        st.caption(texts.BOOTSTRAP_NOTE)
        bar = st.progress(0.0, text=texts.BOOTSTRAP_START)

        def report(fraction: float, message: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=message)

        try:
            ensure_marts(settings, progress=report)
        except CCError:
            status.update(state="error")
            raise
        status.update(label=texts.BOOTSTRAP_DONE, state="complete", expanded=False)
