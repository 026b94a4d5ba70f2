"""``python -m cc_analytics schema``: the declared formats as Markdown (the README's tables come from here)."""

from __future__ import annotations

import argparse

from cc_analytics.schema import MARTS, RAW_SOURCES, Field


def _table(fields: tuple[Field, ...]) -> list[str]:
    lines = ["| column | type | required | meaning |", "|---|---|---|---|"]
    for f in fields:
        meaning = f.description + (f" ({f.unit})" if f.unit else "")
        lines.append(f"| `{f.name}` | {f.dtype} | {'yes' if f.required else 'no'} | {meaning} |")
    return lines


def render_markdown() -> str:
    """Every raw source and mart as Markdown tables."""
    lines: list[str] = []
    for source in RAW_SOURCES.values():
        lines += [f"#### {source.title}", "", f"File `{source.file_pattern}`; one row is {source.row_is}. ", ""]
        lines += [*_table(source.fields), ""]
    for name, fields in MARTS.items():
        lines += [f"#### mart `{name}`", "", *_table(fields), ""]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


def run(args: argparse.Namespace) -> int:
    """Print the tables."""
    print(render_markdown())
    return 0
