"""Downloads: tables as CSV or XLSX bytes, with a title block saying what they are and where they come from."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl.styles import Font

_MAX_WIDTH = 60
_THOUSANDS = "#,##0"


def to_xlsx(frame: pd.DataFrame, *, sheet: str, title_lines: list[str]) -> bytes:
    """An XLSX workbook with ``title_lines`` above the table (one per row), bold header, frozen panes.

    The first title line is bold (e.g. a confidentiality marking); whole-number columns get a thousands
    format; column widths follow the content (at most 60 characters).

    Args:
        frame: the table (column names as they should appear).
        sheet: sheet name (max 31 characters).
        title_lines: lines above the table, e.g. confidentiality marking, source, as-of date.
    """
    buffer = io.BytesIO()
    start = len(title_lines) + 1
    name = sheet[:31]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=name, index=False, startrow=start)
        worksheet = writer.sheets[name]
        for row, line in enumerate(title_lines, start=1):
            cell = worksheet.cell(row=row, column=1, value=line)
            cell.font = Font(bold=row == 1)
        header_row = start + 1
        worksheet.freeze_panes = worksheet.cell(row=header_row + 1, column=1)
        for index, column in enumerate(frame.columns, start=1):
            worksheet.cell(row=header_row, column=index).font = Font(bold=True)
            letter = worksheet.cell(row=header_row, column=index).column_letter
            width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))]) + 2
            worksheet.column_dimensions[letter].width = min(width, _MAX_WIDTH)
            if pd.api.types.is_integer_dtype(frame[column]):
                for offset in range(len(frame)):
                    worksheet.cell(row=header_row + 1 + offset, column=index).number_format = _THOUSANDS
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so spreadsheet programs open Indonesian text correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")
