"""Measuring the Peta page's map for the bench: payload bytes of the deck and time until chromium paints it.

- :func:`map_payload_bytes`: the JSON the server sends for one map (no browser), from the marts and the
  configured boundaries;
- :func:`measure_map`: payload and paint time for one marts file: starts ``streamlit run app.py`` on a free
  port, times the desa-level map in chromium (:func:`cc_analytics.bench.paint_probe.measure_map_paint`), stops it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import duckdb

from cc_analytics.bench.app_server import serve_app
from cc_analytics.bench.paint_probe import measure_map_paint
from cc_analytics.config import Settings, load_settings
from cc_analytics.maps.boundaries import load_map_boundaries
from cc_analytics.maps.deck import build_deck, deck_payload_bytes
from cc_analytics.peta.indicators import indicator_values
from cc_analytics.peta.view import build_peta_model


def map_payload_bytes(
    settings: Settings | None = None, *, indikator: str = "penduduk", level: str = "desa", periode: str | None = None
) -> dict[str, Any]:
    """Bytes of the deck JSON of one map of the whole regency, as ``st.pydeck_chart`` sends it.

    Args:
        settings: marts and boundaries to use (``CC_MARTS_PATH``, ``CC_BOUNDARIES_PATH``); default from the
            environment.
        indikator: indicator key.
        level: ``desa`` (365 areas and 24 kecamatan outlines) or ``kecamatan``.
        periode: semester; default the latest in the marts.

    Returns:
        ``{"map_payload_bytes": int, "map_areas": int, "map_schematic": bool}``.
    """
    settings = settings or load_settings()
    boundaries = load_map_boundaries(settings)
    with duckdb.connect(str(settings.marts_path), read_only=True) as con:
        chosen = periode or con.execute("SELECT max(periode) FROM periode").fetchall()[0][0]
        values = indicator_values(con, chosen, indikator, level, min_cell=settings.min_cell)
    model = build_peta_model(values, boundaries, None)
    return {
        "map_payload_bytes": deck_payload_bytes(build_deck(model)),
        "map_areas": len(model.areas),
        "map_schematic": model.is_schematic,
    }


def measure_map(marts: Path, *, boundaries: Path | None = None, runs: int = 8) -> dict[str, float | int | bool]:
    """Payload and paint time of the desa-level map of the whole regency (365 areas) for one marts file.

    Args:
        marts: the marts DuckDB file.
        boundaries: a boundary file (``CC_BOUNDARIES_PATH``); default the configured one, or the schematic map.
        runs: page loads in chromium; the first warms the caches and is not counted.

    Returns:
        :func:`map_payload_bytes` and :func:`measure_map_paint` results in one dict (bytes, ms).
    """
    env = {"CC_MARTS_PATH": str(marts)}
    if boundaries is not None:
        env["CC_BOUNDARIES_PATH"] = str(boundaries)
    configured = load_settings()
    boundaries_path = boundaries or configured.boundaries_path
    settings = dataclasses.replace(configured, marts_path=marts, boundaries_path=boundaries_path)
    results: dict[str, float | int | bool] = dict(map_payload_bytes(settings))
    with serve_app(env) as url:
        results.update(measure_map_paint(url, runs=runs))
    return results
