"""The one way the package writes CSV: for Excel, and inert when Excel opens it.

Staff open ``/data/<year>-*.csv`` and ``site-builder oit --csv`` in a
spreadsheet, and the text in them comes from content anyone with write access
to the repository can edit.  A spreadsheet reads a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula ("CSV injection",
OWASP), so every such cell is written with a single quote in front, which makes
the spreadsheet take it as text.  A cell whose first character after leading
whitespace is one of those is treated the same: some spreadsheets trim the
whitespace before they look.  Line feeds inside a cell stay: the cell is quoted
and Excel shows it on several lines.

The file is UTF-8 with a byte order mark (so that Excel reads Thai), rows end
in CRLF, and cells are quoted only when they must be (RFC 4180).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

BOM = "\ufeff"

Cell = str | int


def inert(cell: Cell) -> str:
    """The cell as text a spreadsheet shows and never evaluates.

    ``=1+1``, ``-2``, ``@SUM(A1)``, ``\\t=1`` and `` =1`` get a leading ``'``;
    everything else is unchanged.
    """
    text = str(cell)
    if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A whole CSV file: the header, then the rows, every cell through :func:`inert`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([inert(c) for c in header])
    writer.writerows([inert(c) for c in row] for row in rows)
    return BOM + out.getvalue()
