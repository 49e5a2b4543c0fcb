"""The rows of the measures tables, gathered into measures.

Staff lay a measure out in one of a few ways, and the seed documents show them all:

- a row per measure, its title in a "มาตรการ" column (a merged title cell spanning
  rows is one measure over those rows);
- no title column: the first column names the indicator or the issue, and a new
  measure starts where the steps start again at 1 (or the first column names a new
  sub-item, ``-ข่าวประชาสัมพันธ์``); rows whose steps go on numbering (``4.``, ``5.``)
  continue the measure above, across tables split over pages;
- one row holding several numbered measures (``๑. … ๒. …``) with as many steps,
  periods and units: one measure each;
- heading rows spanning the whole table ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่") naming the
  indicator of the measures below them.

What a row holds for the report (actions, outcomes, problems…) is gathered with its
measure, so that one grouping serves both kinds of draft.  Cells of unknown columns
and rows before a header stay attached to where they were found, for the comments.
"""

from __future__ import annotations

import re

from ..thai import to_arabic
from .built import LIST_KEYS, Built, Grouping, Unplaced
from .columns import MEASURE_KEYS, REPORT_KEYS, Layout, layouts
from .grid import Block, Cell, Table
from .text import (
    DIGIT,
    is_person,
    items,
    lines,
    mentions,
    named,
    number,
    people,
    squash,
    unmark,
)


def _focus(layout: Layout) -> str | None:
    words = squash(" ".join(layout.headers.get(c, "") for c in layout.columns("issue")))
    weak = any(w in words for w in ("ข้อบกพร่อง", "จุดอ่อน", "ต่ำกว่า"))
    develop = any(w in words for w in ("ที่ต้องพัฒนา", "สูงกว่า"))
    if weak != develop:
        return "weakness" if weak else "develop"
    return None


Lines = dict[str, list[tuple[Cell, str]]]
"""A row's written lines by key, each with the cell it is in."""

_MARK = re.compile(r"[✓✔☑✗✘xX/\\●•○◦■□▲△▶►*+=~→←↔⟶⇨➡\-–—\s]+")


def _column_lines(row: list[Cell | None], layout: Layout, key: str) -> list[tuple[Cell, str]]:
    """The lines of a row's cells in the columns read as ``key``; a mark (✓, an arrow)
    under a labelled column (a month, a quarter) is that label, a mark across several
    such columns the first and last ("ต.ค. – ธ.ค.")."""
    out: list[tuple[Cell, str]] = []
    for cell in layout.cells(row, key):
        if cell.column in layout.labels and cell.text and _MARK.fullmatch(cell.text):
            span = range(cell.column, cell.column + cell.colspan)
            labels = [layout.labels[c] for c in span if c in layout.labels]
            out.append((cell, labels[0] if len(labels) == 1 else f"{labels[0]} – {labels[-1]}"))
        else:
            out += [(cell, line) for line in lines(cell)]
    return out


class _Gatherer:
    def __init__(self, names: dict[int, str]) -> None:
        self.names = names
        self.measures: list[Built] = []
        self.unplaced: list[Unplaced] = []
        self.current: Built | None = None
        self.context_indicators: list[int] = []
        self.context_issue: list[str] = []
        self.heading_text: tuple[str, str] | None = None
        """The last heading row (where, text) until a measure takes it as its issue."""

    def indicators_of(self, text: str, *, column: bool) -> tuple[list[int], list[str]]:
        """Indicators a text names; in the indicator column a leading number counts
        too, and a catalogue name that contradicts it wins (the seeds print ๓ for ๙)."""
        found = mentions(text)
        notes: list[str] = []
        if column and not found:
            lead = number(text)
            if lead is None and re.fullmatch(rf"\s*{DIGIT}{{1,2}}\s*", text):
                lead = int(to_arabic(text))
            by_name = named(unmark(text), self.names)
            if lead is not None and by_name and lead not in by_name and len(by_name) == 1:
                notes.append(
                    f"ตัวชี้วัด '{unmark(text)[:40]}' เขียนเลข {lead} แต่ชื่อตรงกับตัวชี้วัดที่ "
                    f"{by_name[0]} จึงใช้ {by_name[0]}"
                )
                found = by_name
            elif lead is not None:
                found = [lead]
            else:
                found = by_name
        return found, notes

    def start(self, table: Table, r: int, layout: Layout) -> Built:
        self.finish()
        built = Built(table.index, r + 1, focus=_focus(layout))
        self.current = built
        return built

    def finish(self) -> None:
        built = self.current
        if built is None:
            return
        if built.own_indicators:
            self.context_indicators = list(built.indicators)
            if built.title_from == "issue" and built.fields["issue"]:
                self.context_issue = list(built.fields["issue"])
        elif not built.indicators:
            built.indicators = list(self.context_indicators)
        self.measures.append(built)
        self.current = None

    def heading(self, cell: Cell, where: str) -> None:
        """A row one cell wide: the section it opens names the indicators below it."""
        found, _ = self.indicators_of(cell.text, column=False)
        if not found and "ตัวชี้วัด" in cell.text:
            found = named(cell.text, self.names)
        built = self.current
        if built is not None and not built.fields["steps"] and not built.title:
            # A heading before the first rows of a measure: it is that measure's.
            built.add("issue", items(cell))
            self.add_indicators(built, found, own=True)
            return
        self.finish()
        self.drop_heading()
        if found:
            self.context_indicators = found
        self.context_issue = items(cell)
        self.heading_text = (where, cell.text)

    def drop_heading(self) -> None:
        """A heading no measure took as its issue is kept with what was not placed."""
        if self.heading_text is not None:
            self.unplaced.append(Unplaced(*self.heading_text))
            self.heading_text = None

    @staticmethod
    def add_indicators(
        built: Built, found: list[int], notes: list[str] | None = None, *, own: bool
    ) -> None:
        for no in found:
            if no not in built.indicators:
                built.indicators.append(no)
        if found and own:
            built.own_indicators = True
        built.indicator_notes += [n for n in notes or () if n not in built.indicator_notes]

    # -- one row -------------------------------------------------------------------

    def row(self, table: Table, r: int, layout: Layout) -> None:
        row = table.rows[r]
        distinct = [c for c in dict.fromkeys(c for c in row if c is not None) if c.text]
        if not distinct:
            return
        if len(distinct) == 1 and distinct[0].colspan > 1 and distinct[0].colspan * 2 > len(row):
            self.heading(
                distinct[0], f"ตาราง {table.index} แถว {r + 1}"
            )  # one cell across the table
            return
        for i, part in enumerate(self.split(row, layout)):
            self.place(table, r, layout, row, part, force=i > 0)

    @staticmethod
    def split(row: list[Cell | None], layout: Layout) -> list[Lines]:
        """The row's lines by key; a row holding several numbered measures with as
        many steps becomes one part per measure (lists of that length are shared out)."""
        values: Lines = {key: _column_lines(row, layout, key) for key in set(layout.keys.values())}
        titles = values.get("title", [])
        count = len(titles)
        if (
            count >= 2
            and all(number(t) is not None for _, t in titles)
            and len(values.get("steps", [])) == count
        ):
            # Units are shared out only when no line is an officer (who belongs to the unit above).
            shared = {
                k
                for k, v in values.items()
                if len(v) == count and not (k == "responsible" and any(is_person(t) for _, t in v))
            }
            return [
                {k: ([v[i]] if k in shared else list(v)) for k, v in values.items()}
                for i in range(count)
            ]
        return [values]

    def is_new(
        self, layout: Layout, row: list[Cell | None], values: Lines
    ) -> tuple[bool, Cell | None]:
        """Whether the row starts a measure, and the cell that identifies it."""
        current = self.current
        if layout.has("no", "title"):
            # A number or title cell not seen in the measure's rows so far starts one.
            cells = [c for key in ("no", "title") for c in layout.cells(row, key) if c.text]
            cell = cells[0] if cells else None
            if current is None or any(c not in current.seen for c in cells):
                return True, cell
            return False, current.key_cell
        key = "issue" if layout.has("issue") else "indicator" if layout.has("indicator") else ""
        cells = [c for c in layout.cells(row, key) if c.text] if key else []
        cell = cells[0] if cells else None
        steps = values.get("steps", [])
        first = number(steps[0][1]) if steps else None
        if current is None:
            return True, cell
        if not current.fields["steps"] and not current.title:
            return False, cell  # the rows before it named only its issue
        fresh = cell is not None and cell is not current.key_cell
        if (
            fresh
            and key == "issue"
            and self.titles([t for _, t in values.get(key, [])], bool(steps))[1]
        ):
            return True, cell
        if fresh and key == "indicator":
            return True, cell
        if steps and (first == 1 or (first is None and fresh)):
            return True, cell
        return False, current.key_cell

    @staticmethod
    def titles(key_lines: list[str], has_steps: bool) -> tuple[list[str], list[str]]:
        """The first column's lines of a table with no title column, as (issue lines,
        title lines): lines naming an indicator are the issue, as are lines before them;
        lines after them, or every line of a row with steps and no indicator, are the
        measure's title; a row without steps names only the issue."""
        named_at = [i for i, line in enumerate(key_lines) if mentions(line)]
        if named_at:
            last = named_at[-1]
            return key_lines[: last + 1], key_lines[last + 1 :]
        if not has_steps:
            return key_lines, []
        return [], key_lines

    def place(
        self,
        table: Table,
        r: int,
        layout: Layout,
        row: list[Cell | None],
        part: Lines,
        *,
        force: bool,
    ) -> None:
        new, cell = self.is_new(layout, row, part)
        if new or force or self.current is None:
            built = self.start(table, r, layout)
            built.key_cell = cell
        else:
            built = self.current
        values = {k: [t for c, t in v if c not in built.seen or force] for k, v in part.items()}
        for line in values.get("no", []):
            if built.written_no is None:
                built.written_no = number(line) or (
                    int(to_arabic(line)) if re.fullmatch(rf"\s*{DIGIT}{{1,3}}\s*", line) else None
                )
        if layout.has("title"):
            titles = [unmark(t) for t in values.get("title", [])]
            if titles and not built.title:
                built.written_no = number(values["title"][0]) or built.written_no
            built.title += [t for t in titles if t]
            built.add("issue", [t for t in (unmark(v) for v in values.get("issue", [])) if t])
        elif layout.has("issue"):
            issue, title = self.titles(values.get("issue", []), bool(values.get("steps")))
            built.title_from = "issue"
            built.add("issue", [t for t in (unmark(v) for v in issue) if t])
            if title and not built.title:
                built.title = [t for t in (unmark(v) for v in title) if t]
        elif layout.has("indicator"):
            built.title_from = "indicator"
            naming = [
                v for v in values.get("indicator", []) if self.indicators_of(v, column=True)[0]
            ]
            if not built.title:
                # The indicator's name, or (a column of targets, not ITA indicators) the project.
                source = naming or values.get("projects", []) or values.get("indicator", [])
                built.title = [t for t in (unmark(v) for v in source) if t]
        for line in values.get("indicator", []):
            found, notes = self.indicators_of(line, column=True)
            if found:
                self.add_indicators(built, found, notes, own=True)
            elif unmark(line):
                built.add("goal", [unmark(line)])  # "ร้อยละ 80 …": a target, not an indicator
        for line in values.get("issue", []):
            self.add_indicators(built, self.indicators_of(line, column=False)[0], own=True)
        for line in values.get("title", []):
            self.add_indicators(built, self.indicators_of(line, column=False)[0], own=False)
        for key in LIST_KEYS:
            if key != "issue" and key in values:
                built.add(key, [t for t in (unmark(v) for v in values[key]) if t])
        for key in REPORT_KEYS | {"notes"}:
            for linked in layout.cells(row, key):
                if linked not in built.seen:
                    built.links += [u for u in linked.links if u not in built.links]
        responsible = [t for t in (unmark(v) for v in values.get("responsible", [])) if t]
        for person in people(responsible):
            if person not in built.responsible:
                built.responsible.append(person)
        for c in layout.unknown():
            target = row[c] if c < len(row) else None
            if target is not None and target.text and target not in built.seen:
                built.extras.append((layout.headers.get(c, f"คอลัมน์ {c + 1}"), target.text))
        built.seen += [
            c for c in dict.fromkeys(c for c in row if c is not None) if c not in built.seen
        ]
        # A measure that names no issue of its own is under the last one named.
        inherits = built.title_from != "issue" or not built.own_indicators
        if not built.fields["issue"] and self.context_issue and inherits:
            built.fields["issue"] = list(self.context_issue)
            self.heading_text = None


def group(blocks: list[Block], names: dict[int, str], kind: str) -> Grouping:
    """Gather the measures of every table that holds columns of ``kind``: measures
    (steps, responsible, period, monitoring…: a table with only a title column and
    results is a report's) or report (actions, outcomes, problems…); ``names`` are the
    indicators' catalogue names (to read "๓. การเปิดเผยข้อมูล")."""
    gatherer = _Gatherer(names)
    used: set[int] = set()
    wanted = REPORT_KEYS if kind == "report" else MEASURE_KEYS - {"title"}
    for table, layout in layouts(blocks):
        if layout is None or not layout.has(*wanted):
            continue
        used.add(table.index)
        first_header = min(layout.header_rows, default=-1)
        for r in range(len(table.rows)):
            if r in layout.header_rows:
                continue
            if r < first_header:
                for cell in dict.fromkeys(c for c in table.rows[r] if c is not None):
                    if cell.text:
                        gatherer.unplaced.append(
                            Unplaced(f"ตาราง {table.index} แถว {r + 1}", cell.text)
                        )
                continue
            gatherer.row(table, r, layout)
    gatherer.finish()
    gatherer.drop_heading()
    return Grouping(gatherer.measures, gatherer.unplaced, used)
