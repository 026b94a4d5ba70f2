"""cc_analytics.ui.memory: the objects alive after the first run are frozen once per process."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from cc_analytics.ui import memory


@pytest.fixture
def fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As in a process where the app has not run yet; the collector is unfrozen again afterwards."""
    gc.unfreeze()
    monkeypatch.setattr(memory, "_frozen", False)
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("fresh_process_state")
def test_freezes_the_objects_alive_once() -> None:
    assert gc.get_freeze_count() == 0
    long_lived = [{"kode": "35.14.14"} for _ in range(1000)]
    memory.freeze_long_lived()
    frozen = gc.get_freeze_count()
    assert frozen >= len(long_lived)
    later = [{"kode": "35.14.01"} for _ in range(1000)]
    memory.freeze_long_lived()  # a later run: objects made since stay with the collector
    assert gc.get_freeze_count() == frozen
    assert gc.is_tracked(later)
