"""The ``boundaries`` command, the library's independence from streamlit, and the deck inside Streamlit."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cc_analytics import cli
from cc_analytics.maps import BoundaryError
from cc_analytics.maps import cli as maps_cli

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pasuruan"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared public boundary files not present")


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    maps_cli.add_arguments(parser)
    return maps_cli.run(parser.parse_args(argv))


def test_command_is_registered() -> None:
    assert cli.COMMANDS["boundaries"][0] == "cc_analytics.maps.cli"


@needs_shared
def test_import_then_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("CC_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CC_BOUNDARIES_PATH", raising=False)
    assert _run(["status"]) == 0
    assert "tata letak skematis" in capsys.readouterr().out

    assert _run(["import", str(SHARED / "pasuruan_kecamatan_simplified.geojson")]) == 0
    out = capsys.readouterr().out
    assert "24 dari 24 kecamatan" in out
    assert (tmp_path / "boundaries" / "batas_wilayah.parquet").is_file()

    assert _run(["status"]) == 0
    out = capsys.readouterr().out
    assert "kecamatan: 24 wilayah, dari pasuruan_kecamatan_simplified.geojson" in out
    assert "desa: tidak ada; peta tingkat ini memakai tata letak skematis" in out


@needs_shared
def test_refused_import_reports_in_indonesian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CC_BOUNDARIES_PATH", raising=False)
    not_geographic = tmp_path / "batas.geojson"
    not_geographic.write_text("kode,nama\n35.14.01,Purwodadi\n", encoding="utf-8")
    with pytest.raises(BoundaryError) as caught:
        _run(["import", str(not_geographic), "--toleransi-m", "20"])
    message = str(caught.value)
    assert message.startswith("berkas batas wilayah 'batas.geojson' tidak dapat dipakai:")
    assert "tidak dapat dibaca sebagai data geografis" in message
    assert str(tmp_path) not in message  # no directories in user messages
    assert not (tmp_path / "boundaries").exists()


def test_library_does_not_import_streamlit() -> None:
    code = "import sys, cc_analytics.maps, cc_analytics.maps.cli; print('streamlit' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def _page() -> None:
    import streamlit as st

    from cc_analytics import wilayah
    from cc_analytics.maps import build_deck, build_map_model, schematic_boundaries

    values = wilayah.kecamatan()[["kode_wilayah", "nama"]].assign(
        value=range(24), value_label=[str(i) for i in range(24)]
    )
    deck = build_deck(build_map_model(values, schematic_boundaries(), title="Uji"))
    st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="peta")


def test_deck_is_accepted_by_streamlit_with_selection() -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_page, default_timeout=30)
    app.run()
    assert not app.exception
    element = app.get("deck_gl_json_chart")[0]
    spec = json.loads(element.proto.json)
    assert [layer["id"] for layer in spec["layers"]] == ["wilayah", "batas-kecamatan", "nama-wilayah"]
    assert "\n" not in element.proto.json  # compact JSON: what the payload measure counts
