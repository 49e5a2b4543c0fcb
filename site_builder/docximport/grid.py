"""mammoth's HTML as the document's blocks: paragraphs, and tables as grids.

mammoth writes each Word table as ``<table>`` with ``colspan``/``rowspan`` for merged
cells, every paragraph of a cell as ``<p>`` (or ``<li>`` for Word's own numbering), a
manual line break as ``<br />`` and a nested table inside its cell.  This module reads
that HTML with the standard library's :mod:`html.parser` (lxml is not among the
package's run-time dependencies, and mammoth's output is simple, well-formed HTML) and
resolves the spans: in a :class:`Table`, a merged cell stands at every grid position it
covers, as the same :class:`Cell` object, so a heading row spanning all columns and a
"responsible" cell spanning two rows are both seen where they apply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..format.yamlio import forbidden_character

MAX_COLUMNS = 40
"""Widest grid kept: a hostile ``colspan`` cannot make a table of a million columns."""
MAX_ROWS = 5000
"""Most rows kept of one table."""
MAX_SPAN_ROWS = 500
"""Longest ``rowspan`` honoured."""


@dataclass(eq=False)
class Cell:
    """One cell of a Word table: its paragraphs (text, a manual line break kept as
    ``\\n``), the web addresses it links to, and where it starts in the grid."""

    paragraphs: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    row: int = 0
    column: int = 0
    colspan: int = 1
    rowspan: int = 1

    @property
    def text(self) -> str:
        """All its paragraphs on one line."""
        return " ".join(" ".join(p.split()) for p in self.paragraphs).strip()


@dataclass(eq=False)
class Table:
    """A table as a grid: ``rows[r][c]`` is the cell at that position (a merged cell at
    each position it covers) or None where the row is shorter than the widest one."""

    rows: list[list[Cell | None]]
    index: int
    """Its number in the document, from 1 (as messages name it)."""

    @property
    def width(self) -> int:
        """The number of grid columns."""
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Paragraph:
    """Text outside any table (a heading, a paragraph or a list item)."""

    text: str


Block = Paragraph | Table

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean(text: str) -> str:
    """Text as content may hold it: NFC, spaces collapsed (line breaks kept), no
    zero-width or soft-hyphen characters and none of the control characters the YAML
    loader refuses (Word files carry bidirectional marks copied from the web), no line
    with nothing visible in it."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    if forbidden_character(text) is not None:
        text = "".join(ch for ch in text if forbidden_character(ch) is None)
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if visible(line))


def visible(line: str) -> bool:
    """A line someone can read: not only spaces, marks of nothing, or unassigned code
    points (the format refuses those as text, as :mod:`site_builder.format.scalars` does)."""
    return any(unicodedata.category(ch)[0] not in "ZC" for ch in line)


class _Builder(HTMLParser):
    """Collects blocks while mammoth's HTML streams by."""

    _BREAKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        # Open tables, innermost last: each its rows, the row being read, the cell being read.
        self.tables: list[tuple[list[list[Cell]], list[Cell] | None, Cell | None]] = []
        self.count = 0

    # -- text ------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)

    def flush(self) -> None:
        """End the paragraph being read: into the open cell, or as a block."""
        text = clean("".join(self.buffer))
        self.buffer.clear()
        if not text:
            return
        if self.tables and self.tables[-1][2] is not None:
            cell = self.tables[-1][2]
            cell.paragraphs.append(text)
        elif self.tables:
            pass  # text between rows: mammoth writes none
        else:
            self.blocks.extend(Paragraph(line) for line in text.split("\n"))

    # -- tags --------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.flush()
        elif tag == "br":
            self.buffer.append("\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if self.tables and self.tables[-1][2] is not None and href:
                self.tables[-1][2].links.append(href)
        elif tag == "table":
            self.flush()
            self.tables.append(([], None, None))
        elif tag == "tr" and self.tables:
            rows, _, _ = self.tables[-1]
            self.tables[-1] = (rows, [], None)
        elif tag in ("td", "th") and self.tables:
            self.flush()
            rows, row, _ = self.tables[-1]
            if row is None:  # a cell outside a row: mammoth writes none
                row = []
                self.tables[-1] = (rows, row, None)
            values = dict(attrs)
            cell = Cell(colspan=_span(values.get("colspan")), rowspan=_span(values.get("rowspan")))
            row.append(cell)
            self.tables[-1] = (rows, row, cell)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.buffer.append("\n")
        elif tag in ("p", "td", "th"):
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS:
            self.flush()
        elif tag in ("td", "th") and self.tables:
            self.flush()
            rows, row, _ = self.tables[-1]
            self.tables[-1] = (rows, row, None)
        elif tag == "tr" and self.tables:
            self.flush()
            rows, row, _ = self.tables[-1]
            if row is not None and len(rows) < MAX_ROWS:
                rows.append(row)
            self.tables[-1] = (rows, None, None)
        elif tag == "table" and self.tables:
            self.flush()
            rows, _, _ = self.tables.pop()
            self.close_table(rows)

    def close_table(self, rows: list[list[Cell]]) -> None:
        """A finished table: a block at the top level, or, nested in a cell, its cells'
        paragraphs added to that cell (a nested table is read as lines of its cell)."""
        if self.tables and self.tables[-1][2] is not None:
            outer = self.tables[-1][2]
            for row in rows:
                for cell in row:
                    outer.paragraphs.extend(cell.paragraphs)
                    outer.links.extend(cell.links)
            return
        if self.tables:
            return
        self.count += 1
        self.blocks.append(Table(_grid(rows), self.count))

    def finish(self) -> list[Block]:
        """Every block, once the whole HTML was fed (tables left open are closed)."""
        self.flush()
        while self.tables:
            rows, row, _ = self.tables.pop()
            if row:
                rows.append(row)
            self.close_table(rows)
        return self.blocks


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), MAX_COLUMNS))
    except ValueError:
        return 1


def _grid(rows: list[list[Cell]]) -> list[list[Cell | None]]:
    """Place every cell at its grid positions (the HTML table model): a cell takes the
    next free column of its row, and its spans cover the positions to its right and
    below, which the following rows skip."""
    grid: list[list[Cell | None]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            line = grid[r]
            while c < len(line) and line[c] is not None:
                c += 1
            if c >= MAX_COLUMNS:
                break
            cell.row, cell.column = r, c
            span_rows = min(cell.rowspan, len(rows) - r, MAX_SPAN_ROWS)
            span_cols = min(cell.colspan, MAX_COLUMNS - c)
            cell.rowspan, cell.colspan = span_rows, span_cols
            for dr in range(span_rows):
                target = grid[r + dr]
                while len(target) < c + span_cols:
                    target.append(None)
                for dc in range(span_cols):
                    if target[c + dc] is None:
                        target[c + dc] = cell
            c += span_cols
    return grid


def blocks(html: str) -> list[Block]:
    """The paragraphs and tables of mammoth's HTML, in document order."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.finish()
