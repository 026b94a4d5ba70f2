"""cc_analytics.ui.url_state on a small script (AppTest): each widget kind, invalid values, requests, the link."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def script() -> None:
    import streamlit as st

    from cc_analytics.ui import url_state

    url_state.begin()
    url_state.show_notices()
    indikator = url_state.select(
        "Indikator", "ind", ["penduduk", "kk"], default="penduduk", widget="segmented", format_func=str.upper
    )
    tahap = url_state.select("Tahap", "tahap", [1, 2, 3, 4], default=4, widget="radio")
    kota = url_state.select("Kota", "kota", ["a", "b"], default="a", aliases={"alpha": "a", "beta": "b"})
    horizon = url_state.slider("Horizon", "h", 1, 10, default=5)
    alpha = url_state.slider("Alpha", "alpha", 0.0, 1.0, default=0.5, step=0.1)
    st.button("Ke B", on_click=url_state.request, kwargs={"kota": "beta", "h": 2})
    st.markdown(f"NILAI {indikator} {tahap} {kota} {horizon} {alpha}")
    url_state.finish()


def run(params: dict[str, str]) -> AppTest:
    at = AppTest.from_function(script, default_timeout=30)
    at.query_params.update(params)
    at.run()
    assert not at.exception
    return at


def values(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("NILAI"))


def test_defaults_are_written_in_full() -> None:
    at = run({})
    assert values(at) == "NILAI penduduk 4 a 5 0.5"
    assert at.query_params == {"ind": "penduduk", "tahap": "4", "kota": "a", "h": "5", "alpha": "0.5"}
    assert [c.value for c in at.code] == ["?ind=penduduk&tahap=4&kota=a&h=5&alpha=0.5"]
    assert not at.warning


def test_valid_values_and_aliases() -> None:
    at = run({"ind": "kk", "tahap": "2", "kota": "BETA", "h": "7", "alpha": "0,3"})
    assert values(at) == "NILAI kk 2 b 7 0.3"
    assert at.query_params["kota"] == "b"
    assert at.query_params["alpha"] == "0.3"
    assert not at.warning


@pytest.mark.parametrize(
    ("params", "notice", "shown"),
    [
        ({"tahap": "9"}, "Tahap “9” pada tautan tidak dikenali, jadi diabaikan. Ditampilkan 4.", "4 a 5 0.5"),
        ({"kota": "c"}, "Kota “c” pada tautan tidak dikenali, jadi diabaikan. Ditampilkan a.", "4 a 5 0.5"),
        ({"h": "99"}, "Horizon 99 pada tautan di luar rentang 1–10. Dipakai 10.", "4 a 10 0.5"),
        ({"alpha": "abc"}, "Alpha “abc” pada tautan tidak dikenali, jadi diabaikan. Ditampilkan 0,5.", "4 a 5 0.5"),
        ({"ind": ""}, "Indikator pada tautan kosong, jadi diabaikan. Ditampilkan PENDUDUK.", "4 a 5 0.5"),
    ],
)
def test_invalid_values_fall_back_with_a_notice(params: dict[str, str], notice: str, shown: str) -> None:
    at = run(params)
    assert [w.value for w in at.warning] == [notice]
    assert values(at).endswith(shown)
    key, _ = next(iter(params.items()))
    assert at.query_params[key] != params[key]  # the address now holds the value shown


def test_a_notice_is_shown_once() -> None:
    at = run({"tahap": "9"})
    at.run()
    assert not at.warning


def test_widget_change_and_request() -> None:
    at = run({})
    at.radio(key="tahap").set_value(2).run()
    assert at.query_params["tahap"] == "2"
    at.button[0].click().run()
    assert values(at) == "NILAI penduduk 2 b 2 0.5"
    assert at.query_params["kota"] == "b"
    assert at.query_params["h"] == "2"


def test_external_change_of_the_address_wins_over_the_widget() -> None:
    """As after the browser's Back button: the address changes while the widget still holds its value."""
    at = run({"tahap": "3"})
    at.query_params["tahap"] = "1"
    at.run()
    assert at.radio(key="tahap").value == 1
    at.run()
    assert at.radio(key="tahap").value == 1
