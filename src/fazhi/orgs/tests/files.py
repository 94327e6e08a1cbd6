"""Import files for the orgs tests (the command's, the uploads' and the browser's)."""

from __future__ import annotations

import csv
import io


def csv_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    """A CSV file as Excel on Chinese Windows saves it as UTF-8: with a BOM, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()
