"""Profile charts (cc_analytics.profile.charts): the population pyramid's axes, read from the rendered SVG."""

from __future__ import annotations

import itertools
import json
import re

import numpy as np
import pandas as pd
import pytest
import vl_convert as vlc

from cc_analytics.privacy import SHOWN
from cc_analytics.profile.charts import percent_ticks, pyramid_chart

AGES = [f"{age:02d}-{age + 4:02d}" for age in range(0, 80, 5)] + ["80+"]


def _pyramid(high: float) -> pd.DataFrame:
    """A pyramid frame whose shares run from 0,5% to ``high`` (a fraction)."""
    shares = np.linspace(high, 0.005, len(AGES))
    rows = [
        {"kategori": f"{sex}_{age}", "jumlah": int(share * 10_000), "status": SHOWN, "nilai": share}
        for sex in "LP"
        for age, share in zip(AGES, shares, strict=True)
    ]
    frame = pd.DataFrame(rows)
    frame["nilai_kabupaten"] = frame["nilai"] * 0.9
    return frame


def _axis_labels(high: float, width: int) -> tuple[list[str], list[str]]:
    """The x-axis (percent) and y-axis (age group) labels as drawn at ``width`` px with large label fonts."""
    chart = pyramid_chart(_pyramid(high), 5, compare=True).properties(width=width)
    spec = chart.to_dict()
    spec["config"]["axis"] = {"labelFontSize": 14}
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", vlc.vegalite_to_svg(spec))
    percent = [t for t in texts if t.endswith("%")]
    ages = [t for t in texts if t in AGES]
    return percent, ages


@pytest.mark.parametrize("high", [0.045, 0.021, 0.12, 0.004])
@pytest.mark.parametrize("width", [300, 900])
def test_pyramid_ticks_are_distinct_and_every_age_group_is_labelled(high: float, width: int) -> None:
    percent, ages = _axis_labels(high, width)
    assert len(percent) >= 5
    assert all(a != b for a, b in itertools.pairwise(percent)), percent
    assert percent == percent[::-1]
    assert len(set(percent)) == len(percent) // 2 + 1
    assert percent[len(percent) // 2] == "0%"
    assert sorted(ages) == sorted(AGES)


def test_pyramid_keeps_every_age_label_whatever_the_theme() -> None:
    """A theme may thin out overlapping labels (Streamlit's showed every second age group): the axis says no."""
    spec = pyramid_chart(_pyramid(0.045), 5, compare=True).to_dict()
    [axis] = {json.dumps(layer["encoding"]["y"]["axis"], sort_keys=True) for layer in spec["layer"]}
    assert json.loads(axis)["labelOverlap"] is False
    assert spec["height"]["step"] >= 18


def test_pyramid_ticks_use_the_indonesian_decimal_comma() -> None:
    percent, _ = _axis_labels(0.004, 600)
    assert any("," in label for label in percent)
    assert not any("." in label for label in percent)
    assert "0%" in percent


@pytest.mark.parametrize(
    ("largest", "expected"),
    [
        (4.5, [-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0]),
        (2.1, [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]),
        (12.0, [-15.0, -10.0, -5.0, 0.0, 5.0, 10.0, 15.0]),
        (0.4, [-0.4, -0.2, 0.0, 0.2, 0.4]),
        (0.0, [-0.1, 0.0, 0.1]),
    ],
)
def test_percent_ticks(largest: float, expected: list[float]) -> None:
    assert percent_ticks(largest) == expected
