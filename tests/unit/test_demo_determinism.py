"""Same seed and scale give byte-identical files; the CLI writes a set and prints an Indonesian summary."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cc_analytics.cli import main
from cc_analytics.demo import generate_demo
from cc_analytics.errors import ConfigError

SCALE = 0.005


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_and_scale_give_identical_files(tmp_path: Path) -> None:
    first = generate_demo(tmp_path / "a", scale=SCALE, seed=7)
    second = generate_demo(tmp_path / "b", scale=SCALE, seed=7)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert first.rows == second.rows and first.penduduk == second.penduduk
    assert len(first.files) == 37 and first.files[-1] == "DEMO.json"


def test_cli_writes_the_set_and_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["demo", "--scale", str(SCALE), "--seed", "8", "--out", str(tmp_path / "raw")])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Data demo sintetis ditulis ke" in printed and "2025-S2:" in printed and "jiwa" in printed
    assert len(list((tmp_path / "raw").iterdir())) == 37
    assert _digests(tmp_path / "raw") != {}


@pytest.mark.parametrize("scale", [0, -1, 3])
def test_invalid_scale_is_refused_in_indonesian(tmp_path: Path, scale: float) -> None:
    with pytest.raises(ConfigError, match="Skala demo"):
        generate_demo(tmp_path / "raw", scale=scale)
    assert not (tmp_path / "raw").exists()


def test_folder_with_other_files_is_refused_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "dukcapil_asli.csv").write_text("NIK\n")
    with pytest.raises(ConfigError, match="bukan data demo"):
        generate_demo(tmp_path, scale=SCALE)
    assert [p.name for p in tmp_path.iterdir()] == ["dukcapil_asli.csv"]
