"""The library stays free of Streamlit: only cc_analytics.ui may import it; pages hold no data logic."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_streamlit():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "cc_analytics").rglob("*.py")
        if "ui" not in path.relative_to(ROOT / "cc_analytics").parts and "streamlit" in _imports(path)
    ]
    assert offenders == []


def test_pages_hold_no_dataframe_logic():
    pattern = re.compile(r"\.(groupby|merge|pivot|pivot_table|agg)\(|pd\.concat\(")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "pages").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout[-2000:]


def _library_imports(path: Path) -> set[str]:
    """The ``cc_analytics`` modules a file imports (``from cc_analytics.ui import x`` → ``cc_analytics.ui``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cc_analytics"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("cc_analytics"))
    return found


def test_pages_reach_the_library_through_the_ui_bridge_only():
    allowed = {"cc_analytics.ui", "cc_analytics.config"}
    offenders = {
        path.name: sorted(found - allowed)
        for path in sorted((ROOT / "pages").glob("*.py"))
        if (found := _library_imports(path)) - allowed
    }
    assert offenders == {}


def test_every_capability_package_keeps_its_sentences_in_its_own_texts_module():
    capabilities = ("briefing", "forecasting", "peta", "pkh", "profile", "quality")
    assert [name for name in capabilities if not (ROOT / "cc_analytics" / name / "texts.py").is_file()] == []


def _lint_copy(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    """Run the import contracts on a copy of the library with ``line`` added to ``module`` (a path)."""
    import shutil

    shutil.copytree(ROOT / "cc_analytics", tmp_path / "cc_analytics", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "cc_analytics" / module
    text = target.read_text(encoding="utf-8") if target.exists() else '"""A new module."""\n'
    target.write_text(text + "\n" + line + "\n", encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=tmp_path)


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("schema.py", "import cc_analytics.pkh.queries  # noqa", "Layers"),
        ("ingest/guards.py", "from cc_analytics.store import connect  # noqa", "Layers"),
        ("pkh/queries.py", "from cc_analytics.profile import queries as other  # noqa", "Layers"),
        ("maps/model.py", "import streamlit  # noqa", "Only the UI bridge"),
        ("briefing/build.py", "from cc_analytics.ui import widgets  # noqa", "does not import the UI bridge"),
        ("nowhere.py", "from cc_analytics import errors  # noqa", "not listed as layers"),
    ],
)
def test_contracts_fail_on_a_deliberate_wrong_import(tmp_path, module, line, broken):
    done = _lint_copy(tmp_path, module, line)
    assert done.returncode != 0
    assert "Broken contracts" in done.stdout
    assert broken in done.stdout.split("Broken contracts", 1)[1]


def test_contracts_pass_on_the_unchanged_copy(tmp_path):
    done = _lint_copy(tmp_path, "schema.py", "# nothing imported")
    assert done.returncode == 0, done.stdout[-2000:]
