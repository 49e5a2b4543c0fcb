"""A measure as it is gathered from a document's rows, and what the gathering found.

:mod:`.grouping` fills these in; :mod:`.measures` and :mod:`.report` write them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grid import Cell
    from .text import Person

LIST_KEYS = (
    "issue",
    "goal",
    "projects",
    "requirements",
    "steps",
    "period",
    "monitoring",
    "actions",
    "outcomes",
    "problems",
    "suggestions",
    "notes",
    "evidence",
    "status",
)


@dataclass
class Built:
    """A measure as it is gathered from the rows."""

    table: int
    row: int
    title: list[str] = field(default_factory=list)
    written_no: int | None = None
    title_from: str = "title"
    indicators: list[int] = field(default_factory=list)
    indicator_notes: list[str] = field(default_factory=list)
    own_indicators: bool = False
    fields: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in LIST_KEYS})
    links: list[str] = field(default_factory=list)
    responsible: list[Person] = field(default_factory=list)
    focus: str | None = None
    extras: list[tuple[str, str]] = field(default_factory=list)
    """(column header, text) of the cells of columns with no known key."""
    key_cell: Cell | None = None
    seen: list[Cell] = field(default_factory=list)

    def add(self, key: str, values: list[str]) -> None:
        """Items for a list field, periods and units once each."""
        target = self.fields[key]
        for value in values:
            if key in ("period", "status") and value in target:
                continue
            target.append(value)


@dataclass
class Unplaced:
    """Text of the document no field could take, with where it was."""

    where: str
    text: str


@dataclass
class Grouping:
    """The measures gathered from the document, the tables used, and what was left."""

    measures: list[Built]
    unplaced: list[Unplaced]
    used_tables: set[int]
