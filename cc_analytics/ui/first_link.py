"""The first link a freshly started server opens: Streamlit's false "Page not found" notice is closed.

Because a ``pages/`` folder sits next to ``app.py``, Streamlit runs the first script run of each server process
in its legacy multipage mode, which knows the files in ``pages/`` only by their names. A link with a page path
(``/peta``, ``/ringkasan``; not the root ``/``) then gets Streamlit's English "Page not found" notice before
``app.py`` has registered the real pages, and the router shows the right page under it. From the first call of
``st.navigation`` on, the server leaves the legacy mode, so only the first request after a start is affected
(Streamlit issue 9992).

``app.py`` asks :func:`legacy_run` before it registers its pages and calls :func:`close_false_notice` right
after, which closes the notice in the browser when this run got one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

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
    """Whether this run is Streamlit's legacy-mode first run of the server (before ``st.navigation`` ran once)."""
    return bool(PagesManager.uses_pages_directory)


def close_false_notice(legacy: bool) -> None:
    """In the legacy first run of a link with a page path (``/ringkasan`` included), close the false notice.

    The app's root (``/``) gets no notice, so nothing is added there.
    """
    if not legacy or not urlsplit(st.context.url or "").path.strip("/"):
        return
    # In the sidebar, below its last widget: the element takes no room where a page lays out its content.
    st.sidebar.html(_CLOSE_NOTICE, unsafe_allow_javascript=True)
