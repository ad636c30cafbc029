"""Tables as people keep them: CSV for any tool, XLSX for Excel and LibreOffice.

One way to write both, shared by every export (registrations, fiches, forum synthesis).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Row = Sequence[object]


def to_csv(header: Row, rows: Iterable[Row]) -> bytes:
    """UTF-8 with BOM and semicolons, so Excel in French opens it with accents intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header: Row, rows: Iterable[Row], *, sheet_title: str, title: str = "",
            fit_columns: bool = False) -> bytes:
    """One sheet, bold frozen header; `fit_columns` widens columns to their content."""
    return to_workbook([(sheet_title, header, rows)], title=title or sheet_title,
                       fit_columns=fit_columns)


def to_workbook(sheets: Sequence[tuple[str, Row, Iterable[Row]]], *, title: str,
                fit_columns: bool = True) -> bytes:
    """One sheet per (name, header, rows), each with its bold frozen header."""
    book = Workbook()
    book.remove(book.active)
    for sheet_title, header, rows in sheets:
        sheet = book.create_sheet(sheet_title[:31])
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
        if fit_columns:
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column)
                sheet.column_dimensions[column[0].column_letter].width = min(
                    50, max(10, width + 2))
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
