"""Every setting the code reads is documented in the README's configuration table."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings_in_code() -> set[str]:
    names: set[str] = set()
    for path in [*(ROOT / "cc_analytics").rglob("*.py"), ROOT / "app.py"]:
        names.update(re.findall(r"\b(CC_[A-Z_]+)\b", path.read_text(encoding="utf-8")))
    return names


def test_every_setting_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(CC_[A-Z_]+)` \|", readme, flags=re.MULTILINE))
    assert _settings_in_code() - documented == set()


def test_every_command_is_in_the_readme():
    from cc_analytics.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"| `{name}" not in readme]
    assert missing == []
