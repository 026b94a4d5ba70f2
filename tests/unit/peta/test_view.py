"""The Peta page's map model, clicks and words, on hand-made values and the schematic boundaries."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cc_analytics import wilayah
from cc_analytics.errors import DataNotFoundError
from cc_analytics.maps import build_deck, deck_payload_bytes, render_png, schematic_boundaries
from cc_analytics.maps.text import NO_DATA
from cc_analytics.peta import texts as peta_texts
from cc_analytics.peta.indicators import IndicatorValues
from cc_analytics.peta.view import (
    HIDDEN_HEX,
    build_peta_model,
    click_request,
    for_png,
    png_file_name,
    selection_text,
    subtitle,
    suppression_note,
)
from cc_analytics.store.provenance import SourceNote

BOUNDARIES = schematic_boundaries()


def _values(level: str, indikator: str = "penduduk", tahap: tuple[int, int] | None = None) -> IndicatorValues:
    """Every wilayah of the level with value 100 + its position; the first hidden as small, the second as its
    complement, the third with no number at all."""
    reference = wilayah.kecamatan() if level == "kecamatan" else wilayah.desa()
    frame = pd.DataFrame(
        {
            "kode_wilayah": reference["kode_wilayah"],
            "nama": reference["nama"],
            "kode_kecamatan": reference["kode_kecamatan"],
            "value": [100.0 + i for i in range(len(reference))],
            "value_label": [str(100 + i) for i in range(len(reference))],
            "status": "shown",
        }
    )
    frame.loc[0, ["value", "value_label", "status"]] = [np.nan, "<5", "small"]
    frame.loc[1, ["value", "value_label", "status"]] = [np.nan, "•", "complement"]
    frame.loc[2, ["value", "value_label"]] = [np.nan, peta_texts.NO_ELIGIBLE]
    return IndicatorValues(indikator, level, "2025-S2", frame, SourceNote((("dukcapil", None),)), tahap, 5)


def test_suppressed_wilayah_get_their_own_colour_legend_and_tooltip() -> None:
    model = build_peta_model(_values("kecamatan"), BOUNDARIES, None)
    areas = model.areas.set_index("kode_wilayah")
    assert areas.loc["35.14.01", "keterangan"] == "Penduduk (jiwa): <5"
    assert areas.loc["35.14.02", "keterangan"] == "Penduduk (jiwa): •"
    assert areas.loc["35.14.01", "warna"] == HIDDEN_HEX and areas.loc["35.14.02", "warna"] == HIDDEN_HEX
    assert areas.loc["35.14.03", "keterangan"] == f"Penduduk (jiwa): {peta_texts.NO_ELIGIBLE}"
    assert areas.loc["35.14.03", "kelas"] == NO_DATA
    assert areas.loc["35.14.04", "keterangan"] == "Penduduk (jiwa): 103"
    legend = [entry.label for entry in model.legend.entries]
    assert legend[-2:] == [NO_DATA, peta_texts.LEGEND_HIDDEN]
    labels = model.labels.set_index("kode_wilayah")
    assert labels.loc["35.14.01", "keterangan"] == "Penduduk (jiwa): <5"


def test_suppression_note_counts_hidden_areas_and_fits_the_kind_of_value() -> None:
    model = build_peta_model(_values("kecamatan"), BOUNDARIES, None)
    assert suppression_note(model, _values("kecamatan")) == peta_texts.SUPPRESSION_NOTE.format(n=2, min_cell=5)
    ratio = _values("kecamatan", "cakupan_pkh")
    assert suppression_note(build_peta_model(ratio, BOUNDARIES, None), ratio) == (
        peta_texts.SUPPRESSION_NOTE_RATIO.format(n=2, min_cell=5)
    )
    drilled = build_peta_model(_values("desa"), BOUNDARIES, "35.14.05")
    assert suppression_note(drilled, _values("desa")) is None  # the hidden desa lie in 35.14.01


def test_no_data_swatch_only_when_used() -> None:
    values = _values("kecamatan")
    frame = values.values.copy()
    frame.loc[2, ["value", "value_label"]] = [50.0, "50"]
    model = build_peta_model(IndicatorValues(**{**values.__dict__, "values": frame}), BOUNDARIES, None)
    assert NO_DATA not in [entry.label for entry in model.legend.entries]


def test_drill_down_draws_only_the_desa_of_the_kecamatan() -> None:
    model = build_peta_model(_values("desa"), BOUNDARIES, "35.14.05")
    expected = wilayah.desa()
    assert set(model.areas["kode_wilayah"]) == set(expected[expected["kode_kecamatan"] == "35.14.05"]["kode_wilayah"])
    assert model.kode_kecamatan == "35.14.05" and model.is_schematic
    whole = build_peta_model(_values("desa"), BOUNDARIES, None)
    assert len(whole.areas) == 365
    assert deck_payload_bytes(build_deck(model)) < deck_payload_bytes(build_deck(whole)) < 1_000_000


def test_unknown_kecamatan_is_a_user_error() -> None:
    with pytest.raises(DataNotFoundError, match=r"35\.14\.99"):
        build_peta_model(_values("desa"), BOUNDARIES, "35.14.99")


@pytest.mark.parametrize(
    ("kode", "expected"),
    [
        ("35.14.05", {"level": "desa", "kec": "35.14.05", "desa": "semua"}),
        ("35.14.05.2003", {"level": "desa", "kec": "35.14.05", "desa": "35.14.05.2003"}),
    ],
)
def test_click_request(kode: str, expected: dict[str, str]) -> None:
    assert click_request(kode) == expected


def test_subtitle_names_indicator_wilayah_periode_and_tahap() -> None:
    assert subtitle(_values("kecamatan"), None) == "Penduduk · per kecamatan · Semester II 2025"
    assert subtitle(_values("desa"), "Bangil") == "Penduduk · desa/kelurahan di Kecamatan Bangil · Semester II 2025"
    pkh = _values("desa", "celah_pkh", tahap=(2025, 4))
    assert subtitle(pkh, None).endswith("per desa/kelurahan · Semester II 2025 (PKH tahap 4 2025)")


def test_png_caption_carries_heading_source_and_notes() -> None:
    values = _values("kecamatan")
    model = build_peta_model(values, BOUNDARIES, None)
    caption = for_png(model, values, "Penduduk · per kecamatan · Semester II 2025").caption
    assert caption.startswith("Penduduk · per kecamatan · Semester II 2025. Sumber: Dukcapil, tanggal posisi")
    assert model.caption in caption and "2 wilayah disembunyikan" in caption
    png = render_png(for_png(model, values, "x"), scale=1.0)
    assert png.startswith(b"\x89PNG")


def test_selection_text_and_file_name() -> None:
    values = _values("desa")
    first = values.values.iloc[0]
    text = selection_text(values, first["kode_wilayah"], "Purwodadi")
    assert text == f"**{first['nama']}** (Kecamatan Purwodadi) — Penduduk (jiwa): **<5**"
    assert selection_text(values, "35.14.99.2001", "X") is None
    kecamatan = _values("kecamatan")
    assert selection_text(kecamatan, "35.14.04", "") == "**Kecamatan Lumbang** — Penduduk (jiwa): **103**"
    assert png_file_name(values, "35.14.05") == "peta_penduduk_desa_35.14.05_2025-S2.png"
    assert png_file_name(kecamatan, None) == "peta_penduduk_kecamatan_2025-S2.png"


DEVELOPER_WORDS = ("python -m", "BERKAS", "data/reference", ".csv", "CC_")


@pytest.mark.parametrize("level", ["kecamatan", "desa"])
def test_png_of_the_schematic_map_speaks_plain_indonesian(level: str) -> None:
    values = _values(level)
    printable = for_png(build_peta_model(values, BOUNDARIES, None), values, "Penduduk")
    assert "Peta skematis" in printable.caption
    assert not [word for word in DEVELOPER_WORDS if word in printable.caption]
