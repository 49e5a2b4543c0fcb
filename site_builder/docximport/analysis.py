"""``analysis.yml`` from a Word analysis report: scores, levels, each indicator's analysis.

What an analysis document holds, and where the seeds put it: the overall score and
level in a sentence ("ค่าคะแนนโดยรวม เท่ากับ 97.73 คะแนน อยู่ในระดับ “ผ่านดีเยี่ยม”"), a
table of the tools (IIT, "EIT ส่วนที่ 1", …) with their scores, a table of the ten
indicators with theirs, a table "ประเด็น | ผลการวิเคราะห์" with a paragraph per
indicator (its rows split over pages), and scores quoted in the text ("ตัวชี้วัดที่ 1
การปฏิบัติหน้าที่ มีคะแนน 95.84").  The framework of the assessed year says which tools,
indicators and levels exist; anything else stays in a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..thai import to_arabic
from .columns import MEASURE_KEYS, REPORT_KEYS, layouts
from .grid import Block, Cell, Paragraph, Table
from .text import DIGIT, mentions, named, number, squash, unmark

if TYPE_CHECKING:
    from ..format.framework import Framework
    from .measures import Counts

_SCORE = re.compile(rf"^\s*({DIGIT}{{1,3}}(?:\.{DIGIT}{{1,2}})?)\s*(?:คะแนน)?\s*$")
_OVERALL = re.compile(
    rf"(?:คะแนน\s*(?:รวม|ภาพรวม|โดยรวม)|ผลคะแนน\s*(?:รวม|ภาพรวม)|ภาพรวม)\D{{0,30}}?({DIGIT}{{1,3}}\.{DIGIT}{{1,2}}|{DIGIT}{{2,3}})"
)
_QUOTED = re.compile(
    rf"ตัวชี้วัด\s*ที่\s*({DIGIT}{{1,2}})[^0-9๐-๙]{{0,80}}?คะแนน\s*(?:เท่ากับ|ได้)?\s*({DIGIT}{{1,3}}(?:\.{DIGIT}{{1,2}})?)"
)


def score(text: str) -> str | None:
    """A score of 0–100 when the text is only that (``๙๙.๑๑``, ``100``), in Arabic digits."""
    match = _SCORE.match(text)
    if match is None:
        return None
    value = to_arabic(match.group(1))
    return value if float(value) <= 100 else None


@dataclass
class _Found:
    overall: dict[str, str] = field(default_factory=dict)
    tools: dict[str, str] = field(default_factory=dict)
    scores: dict[int, str] = field(default_factory=dict)
    texts: dict[int, list[str]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)


def _tool(label: str, keys: list[str]) -> str | None:
    """The tool a row's label names (``EIT ส่วนที่ 2`` is EIT2 where the year splits EIT)."""
    flat = squash(label)
    for group in ("iit", "eit", "oit"):
        if group not in flat:
            continue
        part = re.search(r"(?:ส่วนที่|part)([12])", flat)
        wanted = group.upper() + (part.group(1) if part else "")
        if wanted in keys:
            return wanted
        if group.upper() in keys:
            return group.upper()
    return None


def _level(text: str, levels: list[str]) -> str | None:
    for level in sorted(levels, key=len, reverse=True):
        pattern = (
            rf"(?<![A-Za-z]){re.escape(level)}(?![A-Za-z])" if level.isascii() else re.escape(level)
        )
        if re.search(pattern, text):
            return level
    return None


class _Reader:
    def __init__(self, fw: Framework) -> None:
        self.fw = fw
        self.keys = [t.key for t in fw.tools]
        self.names = {i.no: i.name for i in fw.indicators}
        self.levels = [b.level for b in fw.levels]
        self.found = _Found()
        self.last: int | None = None

    def indicator(self, label: str) -> int | None:
        found = mentions(label) or ([n] if (n := number(label)) else []) or named(label, self.names)
        return found[0] if found and found[0] in self.names else None

    def text(self, text: str) -> None:
        """Scores quoted in a sentence, the overall one with its level."""
        for match in _QUOTED.finditer(text):
            no, value = int(to_arabic(match.group(1))), score(match.group(2))
            if no in self.names and value is not None:
                self.found.scores.setdefault(no, value)
        overall = _OVERALL.search(text)
        if overall and "score" not in self.found.overall:
            value = score(overall.group(1))
            if value is not None:
                self.found.overall["score"] = value
                level = _level(text[overall.end() :], self.levels)
                if level:
                    self.found.overall["level"] = level

    def row(self, table: Table, r: int, row: list[Cell], analysis_columns: list[int]) -> None:
        """One row: a tool's score, an indicator's score and analysis, the overall score;
        a row of an analysis table with an empty first cell goes on with the one above."""
        label = unmark(row[0].text) if row else ""
        rest = row[1:]
        scores = [s for s in (score(c.text) for c in rest if c.column not in analysis_columns) if s]
        for cell in row:
            self.text(cell.text)
        body = [c for c in rest if c.column in analysis_columns and c.text]
        no = self.indicator(row[0].text) if row and row[0].text else None
        if no is None and body and not label:
            no = self.last
        placed = False
        if no is not None:
            if scores:
                self.found.scores.setdefault(no, scores[0])
                placed = True
            if body:
                self.found.texts.setdefault(no, []).extend(p for c in body for p in c.paragraphs)
                placed = True
            self.last = no
        elif scores and (tool := _tool(label, self.keys)):
            self.found.tools.setdefault(tool, scores[0])
            placed = True
        elif scores and re.search(r"รวม|ภาพรวม|ITA", label):
            self.found.overall.setdefault("score", scores[0])
            placed = True
        text = " | ".join(c.text for c in row if c.text)
        if text and not placed:
            self.found.unplaced.append(f"ตาราง {table.index} แถว {r + 1}: {text}")


def read(blocks: list[Block], fw: Framework, counts: Counts) -> tuple[dict[str, Any], list[str]]:
    """The analysis data and the comment lines for what it could not place."""
    reader = _Reader(fw)
    # The intro: every paragraph up to the last table of scores or analysis (the
    # analysis's own tables stand between its headings); what follows is kept apart.
    found_tables = layouts(blocks)
    last = max(
        (
            i
            for i, block in enumerate(blocks)
            for table, layout in found_tables
            if block is table
            and not (layout is not None and layout.has(*(MEASURE_KEYS | REPORT_KEYS)))
        ),
        default=-1,
    )
    paragraphs = [b.text for b in blocks[: last + 1] if isinstance(b, Paragraph)]
    after = [b.text for b in blocks[last + 1 :] if isinstance(b, Paragraph)]
    for text in paragraphs + after:
        reader.text(text)
    for table, layout in found_tables:
        measures = layout is not None and layout.has(*(MEASURE_KEYS | REPORT_KEYS))
        columns = layout.columns("analysis") if layout is not None else []
        for r, grid_row in enumerate(table.rows):
            if layout is not None and r in layout.header_rows:
                continue
            row = list(dict.fromkeys(c for c in grid_row if c is not None))
            if measures:
                for cell in row:
                    for line in cell.paragraphs:
                        reader.text(line)
                text = " | ".join(c.text for c in row if c.text)
                if text:
                    reader.found.unplaced.append(
                        f"ตาราง {table.index} แถว {r + 1} (ตารางมาตรการ): {text}"
                    )
                continue
            reader.row(table, r, row, columns)
    found = reader.found
    data: dict[str, Any] = {"assessment_year": fw.year}
    title = next((p for p in paragraphs if "วิเคราะห์" in p and len(p) < 300), None)
    if title:
        data["title"] = title
    intro = [p for p in paragraphs if p != title]
    if intro:
        data["intro"] = "\n\n".join(intro)
        counts.add("intro", len(intro))
    if found.overall:
        data["overall"] = found.overall
        counts.add("overall")
    if found.tools:
        data["tools"] = {k: found.tools[k] for k in reader.keys if k in found.tools}
        counts.add("tools", len(found.tools))
    indicators = []
    for no in sorted(set(found.scores) | set(found.texts)):
        entry: dict[str, Any] = {"no": no}
        if no in found.scores:
            entry["score"] = found.scores[no]
            counts.add("scores")
        if no in found.texts:
            entry["analysis"] = "\n\n".join(found.texts[no])
            counts.add("analysis")
        indicators.append(entry)
    if indicators:
        data["indicators"] = indicators
    unplaced = [f"ข้อความนอกตาราง: {t}" for t in after] + found.unplaced
    return data, unplaced
