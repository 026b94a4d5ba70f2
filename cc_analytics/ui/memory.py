"""Python's garbage collector in a long-running app server.

A full collection walks every object the process tracks: with pandas, geopandas, altair, pydeck and Streamlit
loaded that is a few hundred thousand objects, and one collection added about 110 ms to the warm rerun it
happened to fall in. After the first complete run of the app the modules and cached results are in place and
stay for the life of the server; :func:`freeze_long_lived` collects once and then freezes them (``gc.freeze``),
so later collections walk only newer objects.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_long_lived() -> None:
    """Once per process: collect the garbage of the first run, then exclude every object alive from later
    collections (they are still freed when nothing refers to them any more)."""
    global _frozen
    with _lock:
        if _frozen:
            return
        _frozen = True
        gc.collect()
        gc.freeze()
