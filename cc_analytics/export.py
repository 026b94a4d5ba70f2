"""Downloads: tables as CSV or XLSX bytes, with a title block saying what they are and where they come from."""

from __future__ import annotations

import io

import pandas as pd


def to_xlsx(frame: pd.DataFrame, *, sheet: str, title_lines: list[str]) -> bytes:
    """An XLSX workbook with ``title_lines`` above the table (one per row), bold header, frozen panes.

    Args:
        frame: the table (column names as they should appear).
        sheet: sheet name (max 31 characters).
        title_lines: lines above the table, e.g. confidentiality marking, source, as-of date.
    """
    buffer = io.BytesIO()
    start = len(title_lines) + 1
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False, startrow=start)
        worksheet = writer.sheets[sheet[:31]]
        for row, line in enumerate(title_lines, start=1):
            worksheet.cell(row=row, column=1, value=line)
        worksheet.freeze_panes = worksheet.cell(row=start + 2, column=1)
        for index, column in enumerate(frame.columns, start=1):
            width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))]) + 2
            worksheet.column_dimensions[worksheet.cell(row=start + 1, column=index).column_letter].width = min(
                width, 60
            )
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so spreadsheet programs open Indonesian text correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")
