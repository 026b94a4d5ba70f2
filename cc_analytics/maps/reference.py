"""Reference facts the maps need: kecamatan centroids and the regency's expected extent.

Source: ``data/reference/kecamatan_3514.csv`` (polygon centroids of the 24 kecamatan; see
``data/reference/SOURCES.md``). No geometry is stored in the project: these are coordinates only.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from cc_analytics.config import REFERENCE_DIR

# Margin around the kecamatan centroids, in degrees, inside which every boundary must lie. The centroids
# span about 0.45° x 0.35°; the regency reaches about 0.1° beyond them.
ENVELOPE_MARGIN_DEG = 0.3

Bounds = tuple[float, float, float, float]


@lru_cache(maxsize=1)
def kecamatan_centroids() -> pd.DataFrame:
    """The 24 kecamatan with their polygon centroids.

    Returns:
        Columns ``kode_wilayah`` (``35.14.01``), ``nama``, ``lat``, ``lon`` (degrees, WGS84), in code order.
        Treat as read-only.
    """
    raw = pd.read_csv(REFERENCE_DIR / "kecamatan_3514.csv", dtype={"kode_kecamatan": str, "nama": str})
    frame = raw.rename(columns={"kode_kecamatan": "kode_wilayah", "centroid_lat": "lat", "centroid_lon": "lon"})
    return frame[["kode_wilayah", "nama", "lat", "lon"]].sort_values("kode_wilayah").reset_index(drop=True)


def regency_envelope() -> Bounds:
    """Box (min lon, min lat, max lon, max lat) in which any boundary of the regency must lie."""
    centroids = kecamatan_centroids()
    return (
        float(centroids["lon"].min()) - ENVELOPE_MARGIN_DEG,
        float(centroids["lat"].min()) - ENVELOPE_MARGIN_DEG,
        float(centroids["lon"].max()) + ENVELOPE_MARGIN_DEG,
        float(centroids["lat"].max()) + ENVELOPE_MARGIN_DEG,
    )


def inside_envelope(bounds: Bounds) -> bool:
    """True when a box (min x, min y, max x, max y) in degrees lies inside :func:`regency_envelope`."""
    env = regency_envelope()
    return bounds[0] >= env[0] and bounds[1] >= env[1] and bounds[2] <= env[2] and bounds[3] <= env[3]
