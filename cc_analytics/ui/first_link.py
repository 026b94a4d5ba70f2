"""The first link a freshly started server opens: Streamlit's false "Page not found" notice is closed.

Because a ``pages/`` folder sits next to ``app.py``, Streamlit runs the first script run of each server process
in its legacy multipage mode, which knows the files in ``pages/`` only by their names. A link with a page path
(``/peta``, ``/ringkasan``; not the root ``/``) then gets Streamlit's English "Page not found" notice before
``app.py`` has registered the real pages, and the router shows the right page under it. The first call of
``st.navigation`` ends the legacy mode for the server, so only the requests that reach a new server before that
are affected (Streamlit issue 9992).

``app.py`` calls :func:`close_false_notice` right after it registers its pages; in such a legacy run it closes
the notice in the browser.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import streamlit as st

# Closes Streamlit's "Page not found" notice once it is on screen (it may arrive a moment after this script).
_CLOSE_NOTICE = """
<script>
(() => {
  const started = Date.now();
  const timer = setInterval(() => {
    for (const dialog of document.querySelectorAll('[role="dialog"]')) {
      if (dialog.textContent.includes("Page not found")) {
        const close = dialog.querySelector('button[aria-label="Close"]');
        if (close) { close.click(); clearInterval(timer); return; }
      }
    }
    if (Date.now() - started > 15000) clearInterval(timer);
  }, 100);
})();
</script>
"""


def legacy_run() -> bool:
    """Whether Streamlit runs this script through its legacy multipage runner (``_mpa_v1``).

    Read from the call stack rather than from Streamlit's global legacy flag: the first ``st.navigation`` call
    clears that flag while other sessions that started with the server (several people opening the same link)
    may still be in their legacy run.
    """
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "_mpa_v1" and str(frame.f_globals.get("__name__", "")).startswith("streamlit."):
            return True
        frame = frame.f_back
    return False


def close_false_notice() -> None:
    """In a legacy run of a link with a page path (``/ringkasan`` included), close the false notice.

    The app's root (``/``) gets no notice, so nothing is added there.
    """
    if not urlsplit(st.context.url or "").path.strip("/") or not legacy_run():
        return
    # In the sidebar, below its last widget: the element takes no room where a page lays out its content.
    st.sidebar.html(_CLOSE_NOTICE, unsafe_allow_javascript=True)
