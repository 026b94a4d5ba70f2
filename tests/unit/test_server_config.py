"""The shipped Streamlit configuration: local only, no error details, no usage statistics."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_server_listens_on_this_computer_only() -> None:
    assert _config()["server"]["address"] == "127.0.0.1"


def test_no_error_details_and_no_statistics() -> None:
    config = _config()
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False


def test_favicon_is_a_local_file() -> None:
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "page_icon=widgets.FAVICON" in app
    assert (ROOT / "cc_analytics" / "ui" / "favicon.svg").is_file()
