"""Downloads: tables as CSV or XLSX bytes, with a title block saying what they are and where they come from.

Every text cell, header and title line goes through :func:`neutralise` first, so a value that a spreadsheet
program would run as a formula (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``) arrives as plain text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Hashable
from numbers import Integral

import pandas as pd
from openpyxl.styles import Font

_MAX_WIDTH = 60
_THOUSANDS = "#,##0"
# First characters with which spreadsheet programs start a formula (full-width forms included).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# A signed number as the formatting module writes it (``-1,2%``, ``+3.000``): nothing a spreadsheet could run.
_SIGNED_NUMBER = re.compile(r"[+-][0-9][0-9.,]*%?")


def neutralise(value: object) -> object:
    """A cell value that no spreadsheet program reads as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe
    (``=1+1`` → ``'=1+1``), except a plain signed number (``-1,2%``) and a lone dash; other values are
    returned as they are.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if value in ("-", "+") or _SIGNED_NUMBER.fullmatch(value):
        return value
    return "'" + value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are :func:`neutralise`-d."""
    columns: list[Hashable] = [neutralise(c) for c in frame.columns]  # type: ignore[misc]
    out = frame.copy()
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            out[column] = [neutralise(v) for v in frame[column]]
    out.columns = columns
    return out


def to_xlsx(frame: pd.DataFrame, *, sheet: str, title_lines: list[str]) -> bytes:
    """An XLSX workbook with ``title_lines`` above the table (one per row), bold header, frozen panes.

    The first title line is bold (e.g. a confidentiality marking); whole numbers get a thousands format, also
    in a column where some cells are markers of hidden figures (numbers stay numeric cells, markers text);
    column widths follow the content (at most 60 characters).

    Args:
        frame: the table (column names as they should appear).
        sheet: sheet name (max 31 characters).
        title_lines: lines above the table, e.g. confidentiality marking, source, as-of date.
    """
    buffer = io.BytesIO()
    start = len(title_lines) + 1
    name = sheet[:31]
    frame = neutralise_frame(frame)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=name, index=False, startrow=start)
        worksheet = writer.sheets[name]
        for row, line in enumerate(title_lines, start=1):
            cell = worksheet.cell(row=row, column=1, value=neutralise(line))
            cell.font = Font(bold=row == 1)
        header_row = start + 1
        worksheet.freeze_panes = worksheet.cell(row=header_row + 1, column=1)
        for index, column in enumerate(frame.columns, start=1):
            worksheet.cell(row=header_row, column=index).font = Font(bold=True)
            letter = worksheet.cell(row=header_row, column=index).column_letter
            width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))]) + 2
            worksheet.column_dimensions[letter].width = min(width, _MAX_WIDTH)
            for offset in _whole_number_rows(frame[column]):
                worksheet.cell(row=header_row + 1 + offset, column=index).number_format = _THOUSANDS
    return buffer.getvalue()


def _whole_number_rows(column: pd.Series) -> list[int]:
    """Positions of the whole numbers in ``column``: every row of an integer column, and the integers of a
    text column that also holds markers (``<5``, ``•``, ``–``) for hidden figures."""
    if pd.api.types.is_integer_dtype(column):
        return list(range(len(column)))
    if pd.api.types.is_object_dtype(column):
        return [i for i, v in enumerate(column) if isinstance(v, Integral) and not isinstance(v, bool)]
    return []


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so spreadsheet programs open Indonesian text correctly; no cell is a formula.

    Lines end in CRLF (RFC 4180), so a cell holding a line break of either kind is quoted and cannot start a
    new row of its own.
    """
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
