"""Settings, read from environment variables with documented defaults.

| variable | default | meaning |
|---|---|---|
| ``CC_DATA_DIR`` | ``<project>/data`` | root of ``raw/`` (input files) and ``marts/`` (built database) |
| ``CC_RAW_DIR`` | ``$CC_DATA_DIR/raw/demo`` | folder the ingest reads raw source files from |
| ``CC_MARTS_PATH`` | ``$CC_DATA_DIR/marts/cc_analytics.duckdb`` | the DuckDB file the app reads |
| ``CC_DEMO_SCALE`` | ``1.0`` | size of the demo built on first run (1.0 = the whole regency) |
| ``CC_DEMO_SEED`` | ``35014`` | seed of the demo generator |
| ``CC_MIN_CELL`` | ``5`` | counts below this are suppressed on screen |
| ``CC_ALLOW_ROW_LEVEL`` | ``0`` | ``1`` allows masked row-level lists (restricted use) |
| ``CC_BOUNDARIES_PATH`` | unset | boundary file (GeoParquet) imported for the maps |
| ``CC_ALLOW_UPLOAD`` | ``0`` | ``1`` lets the Data page import uploads (read by ``cc_analytics.quality.upload``) |
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from cc_analytics.errors import ConfigError

DEFAULT_MIN_CELL = 5
"""Counts below this are suppressed unless ``CC_MIN_CELL`` says otherwise (a lower value shows a warning)."""
PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"Pengaturan {name}='{raw[:40]}' bukan angka.") from exc
    if not math.isfinite(value):
        raise ConfigError(f"Pengaturan {name}='{raw[:40]}' bukan angka yang dapat dipakai (tak hingga atau NaN).")
    return value


def _env_int(name: str, default: int) -> int:
    value = _env_float(name, float(default))
    if value != int(value):
        raise ConfigError(f"Pengaturan {name}='{value}' harus bilangan bulat.")
    return int(value)


@dataclass(frozen=True)
class Settings:
    """Resolved settings of one process."""

    data_dir: Path
    raw_dir: Path
    marts_path: Path
    demo_scale: float
    demo_seed: int
    min_cell: int
    allow_row_level: bool
    boundaries_path: Path | None


def load_settings() -> Settings:
    """Read the settings from the environment (see module docstring)."""
    data_dir = Path(os.environ.get("CC_DATA_DIR") or PROJECT_ROOT / "data")
    raw_dir = Path(os.environ.get("CC_RAW_DIR") or data_dir / "raw" / "demo")
    marts_path = Path(os.environ.get("CC_MARTS_PATH") or data_dir / "marts" / "cc_analytics.duckdb")
    boundaries = os.environ.get("CC_BOUNDARIES_PATH")
    scale = _env_float("CC_DEMO_SCALE", 1.0)
    if not 0 < scale <= 2:
        raise ConfigError(f"CC_DEMO_SCALE={scale} harus di antara 0 dan 2.")
    min_cell = _env_int("CC_MIN_CELL", DEFAULT_MIN_CELL)
    if min_cell < 1:
        raise ConfigError(f"CC_MIN_CELL={min_cell} harus paling sedikit 1.")
    return Settings(
        data_dir=data_dir,
        raw_dir=raw_dir,
        marts_path=marts_path,
        demo_scale=scale,
        demo_seed=_env_int("CC_DEMO_SEED", 35014),
        min_cell=min_cell,
        allow_row_level=os.environ.get("CC_ALLOW_ROW_LEVEL", "0") == "1",
        boundaries_path=Path(boundaries) if boundaries else None,
    )
