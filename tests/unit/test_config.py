"""Settings from the environment: a value that is not a usable number is a clear setting error."""

from __future__ import annotations

import pytest

from cc_analytics.config import load_settings
from cc_analytics.errors import ConfigError


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "NaN", "abc", "0", "2.5"])
def test_bad_min_cell_is_a_config_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CC_MIN_CELL", value)
    with pytest.raises(ConfigError, match="CC_MIN_CELL"):
        load_settings()


@pytest.mark.parametrize("name", ["CC_DEMO_SCALE", "CC_DEMO_SEED"])
def test_other_numbers_refuse_infinity_too(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "inf")
    with pytest.raises(ConfigError, match=name):
        load_settings()


def test_min_cell_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    assert load_settings().min_cell == 5
