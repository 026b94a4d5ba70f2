"""Plain-text output of the forecasting commands: aligned tables, Indonesian numbers, JSON."""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence

from cc_analytics.formatting import format_number, is_missing


def level_value(text: str) -> float:
    """The ``--level`` option as a share: ``0.8``, ``80`` and ``80%`` all mean 0.8 (a value above 1 is a percentage).

    Raises:
        argparse.ArgumentTypeError: not a positive number (Indonesian message; argparse prints it).
    """
    cleaned = text.strip().removesuffix("%").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"tingkat pita harus angka, mis. 0.8 atau 80 untuk 80% (diberikan: {text})")
    return value / 100 if value > 1 else value


def jiwa(value: float) -> str:
    """A population count as Indonesian text: ``1634022.4`` -> ``1.634.022``; missing -> ``-``."""
    return "-" if is_missing(value) or not math.isfinite(value) else format_number(value, 0)


def decimal(value: float, digits: int = 2) -> str:
    """A number with ``digits`` decimals and a decimal comma; missing -> ``-``."""
    return "-" if is_missing(value) or not math.isfinite(value) else format_number(value, digits)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows of strings as a text table; the first column left-aligned, the others right-aligned."""
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def to_json(payload: object) -> str:
    """JSON for machines: UTF-8 text, NaN written as null."""
    return json.dumps(_clean(payload), ensure_ascii=False, indent=2)


def _clean(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value
