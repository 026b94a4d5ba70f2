"""The command line prints a library error's technical hint (the command to run) after its plain message."""

from __future__ import annotations

from pathlib import Path

import pytest

from cc_analytics import cli, texts
from cc_analytics.errors import MartsMissingError


def test_missing_marts_print_the_plain_message_and_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CC_MARTS_PATH", str(tmp_path / "belum_ada.duckdb"))
    code = cli.main(["coverage"])
    err = capsys.readouterr().err
    assert code == MartsMissingError.exit_code
    assert texts.MARTS_MISSING in err
    assert "python -m cc_analytics ingest" in err


def test_an_error_without_a_hint_prints_only_its_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(args: object) -> int:
        raise MartsMissingError("Pesan biasa.")

    monkeypatch.setattr("cc_analytics.pkh.cli.run", fail)
    assert cli.main(["coverage"]) == 1
    assert capsys.readouterr().err == "Galat: Pesan biasa.\n"
