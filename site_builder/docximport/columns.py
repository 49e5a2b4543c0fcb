"""Which column of a Word table holds what: found by the words of its header row.

LAOs word their headers in many ways ("ขั้นตอนหรือวิธีการ", "มาตรการ/ขั้นตอน/ วิธีการปฏิบัติ",
"การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ", "ระยะเวลาในการ ดำเนินการ", with line
breaks, slashes and Thai digits); a header is compared with its spaces removed, against
keywords tried in an order that puts the more specific first ("ความสำเร็จของการดำเนินการ" is
outcomes before "การดำเนินการ" can make it actions).  A table without a header row of its
own continues the table before it when it is as wide (a table split over two pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grid import Block, Cell, Table
from .text import squash

# (key, keywords): the first key one of whose keywords the header contains.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("goal", ("ตัวชี้วัดความสำเร็จ", "ตัวชี้วัดผลสำเร็จ", "เป้าหมาย", "ผลที่คาดว่าจะได้รับ")),
    ("outcomes", ("ความสำเร็จ", "ผลสำเร็จ", "ผลลัพธ์", "ผลที่ได้รับ", "ผลผลิต")),
    ("requirements", ("หลักเกณฑ์", "เกณฑ์การประเมิน", "ข้อกำหนด")),
    ("monitoring", ("กำกับติดตาม", "การติดตาม", "ติดตามผล", "การรายงานผล", "ติดตามและประเมิน")),
    ("period", ("ระยะเวลา", "ห้วงเวลา", "ช่วงเวลา", "กำหนดเวลา", "กำหนดแล้วเสร็จ", "วันที่ดำเนินการ")),
    ("steps", ("ขั้นตอน", "วิธีการ", "วิธีปฏิบัติ", "แนวทางการดำเนิน", "แนวทางปฏิบัติ")),
    ("problems", ("ปัญหา", "อุปสรรค")),
    ("suggestions", ("ข้อเสนอแนะ", "แนวทางแก้ไข", "ข้อแนะนำ")),
    ("responsible", ("รับผิดชอบ", "ผู้ดำเนินการ")),
    ("projects", ("โครงการ", "กิจกรรม")),
    ("status", ("สถานะ",)),
    ("evidence", ("หลักฐาน", "ลิงก์", "ลิงค์", "url", "link")),
    ("notes", ("หมายเหตุ",)),
    ("actions", ("ผลการดำเนินการ", "การดำเนินการ", "ผลการดำเนินงาน", "การดำเนินงาน", "ผลการปฏิบัติ")),
    ("analysis", ("ผลการวิเคราะห์", "การวิเคราะห์", "คำอธิบาย")),
    ("score", ("คะแนน",)),
    ("tool", ("เครื่องมือ",)),
    ("indicator", ("ตัวชี้วัด",)),
    ("issue", ("ประเด็น", "ข้อบกพร่อง", "จุดอ่อน", "สิ่งที่ต้องพัฒนา", "จุดที่ต้องพัฒนา")),
    ("title", ("มาตรการ", "แนวทาง")),
)
_NUMBER_HEADERS = frozenset({"ที่", "ลำดับ", "ลำดับที่", "ข้อ", "no", "no.", "ข้อที่"})
SINGLE = frozenset({"title", "no", "indicator", "status", "score", "tool"})
"""Keys a table has one column of; a second such column is kept as an unknown one."""

MEASURE_KEYS = frozenset(
    {"title", "steps", "responsible", "period", "monitoring", "projects", "requirements", "goal"}
)
REPORT_KEYS = frozenset({"actions", "outcomes", "problems", "suggestions", "status", "evidence"})
ANALYSIS_KEYS = frozenset({"analysis", "score", "tool"})

LABELS = {
    "no": "ที่",
    "title": "มาตรการ",
    "indicator": "ตัวชี้วัด",
    "issue": "ประเด็น",
    "goal": "เป้าหมาย",
    "projects": "โครงการ/กิจกรรม",
    "requirements": "ผลการวิเคราะห์ตามหลักเกณฑ์",
    "steps": "ขั้นตอน/วิธีการ",
    "responsible": "ผู้รับผิดชอบ",
    "period": "ระยะเวลา",
    "monitoring": "การกำกับติดตาม",
    "actions": "ผลการดำเนินการ",
    "outcomes": "ความสำเร็จ",
    "problems": "ปัญหาอุปสรรค",
    "suggestions": "ข้อเสนอแนะ",
    "status": "สถานะ",
    "evidence": "หลักฐาน",
    "notes": "หมายเหตุ",
    "analysis": "ผลการวิเคราะห์",
    "score": "คะแนน",
    "tool": "เครื่องมือ",
}
"""How messages name what a column was read as."""


def key_of(header: str) -> str | None:
    """What a column holds, from its header text; None when no keyword fits."""
    flat = squash(header)
    if not flat:
        return None
    if flat.rstrip(".") in _NUMBER_HEADERS:
        return "no"
    for key, words in _KEYWORDS:
        if any(word in flat for word in words):
            return key
    return None


@dataclass
class Layout:
    """The columns of a table (or of the table it continues): by grid column, the key
    it was read as (absent for an unknown column) and its header's text."""

    keys: dict[int, str]
    headers: dict[int, str]
    header_rows: set[int] = field(default_factory=set)
    """The rows of this table that are its header (none for a continued table)."""
    signature: tuple[str, ...] = ()
    labels: dict[int, str] = field(default_factory=dict)
    """Columns under a header spanning several, by the label of their second header row:
    a mark (✓) in such a column means its label (the month, the quarter)."""

    def has(self, *keys: str) -> bool:
        """Whether any column holds one of ``keys``."""
        return any(k in self.keys.values() for k in keys)

    def columns(self, key: str) -> list[int]:
        """The grid columns read as ``key``, left to right."""
        return sorted(c for c, k in self.keys.items() if k == key)

    def cells(self, row: list[Cell | None], key: str) -> list[Cell]:
        """The distinct cells of ``row`` in the columns read as ``key``."""
        found: list[Cell] = []
        for c in self.columns(key):
            cell = row[c] if c < len(row) else None
            if cell is not None and cell not in found:
                found.append(cell)
        return found

    def unknown(self) -> list[int]:
        """The grid columns no key was found for."""
        return sorted(c for c in self.headers if c not in self.keys)


def _header(table: Table, r: int) -> Layout | None:
    """The layout ``table`` has when row ``r`` is its header, or None when the row is
    not a header: it must name at least two different known keys, and most of its
    cells must be known."""
    row = table.rows[r]
    keys: dict[int, str] = {}
    headers: dict[int, str] = {}
    seen: set[str] = set()
    known = total = 0
    cells: list[Cell] = []
    for c, cell in enumerate(row):
        if cell is None or not cell.text:
            continue
        headers[c] = cell.text
        if cell in cells:
            if cell.column in keys:
                keys[c] = keys[cell.column]
            continue
        cells.append(cell)
        total += 1
        key = key_of(cell.text)
        if key is None or len(cell.text) > 120:
            continue
        known += 1
        if key in SINGLE and key in seen:
            continue
        seen.add(key)
        keys[c] = key
    if len(seen) < 2 or known * 2 < total:
        return None
    signature = tuple(squash(headers.get(c, "")) for c in range(len(row)))
    layout = Layout(keys, headers, {r}, signature)
    _sub_header(table, r, layout)
    return layout


def _sub_header(table: Table, r: int, layout: Layout) -> None:
    """A second header row under a header cell spanning columns (ระยะเวลา over ต.ค. พ.ย. …
    or ไตรมาส 1–4): its texts become the labels of those columns, and the row a header."""
    if r + 1 >= len(table.rows):
        return
    top, below = table.rows[r], table.rows[r + 1]
    labels: dict[int, str] = {}
    for c, cell in enumerate(below):
        above = top[c] if c < len(top) else None
        if cell is None or cell is above or not cell.text:
            continue
        if above is None or above.colspan < 2 or len(cell.text) > 40:
            return  # a data row, not a second header
        labels[c] = cell.text
    if labels:
        layout.labels = labels
        layout.header_rows.add(r + 1)


def layouts(blocks: list[Block]) -> list[tuple[Table, Layout | None]]:
    """Every table of the document with its layout: its own header row (one of its
    first three rows), or the layout of the table before it when it has none and is
    as wide; None for a table whose columns could not be read."""
    found: list[tuple[Table, Layout | None]] = []
    last: tuple[int, Layout] | None = None
    for block in blocks:
        if not isinstance(block, Table):
            continue
        layout = next(
            (lay for r in range(min(3, len(block.rows))) if (lay := _header(block, r))), None
        )
        if layout is not None:
            repeats = _repeated(block, layout)
            layout.header_rows |= repeats
            last = (block.width, layout)
        elif last is not None and last[0] == block.width:
            previous = last[1]
            layout = Layout(
                dict(previous.keys),
                dict(previous.headers),
                set(),
                previous.signature,
                dict(previous.labels),
            )
            layout.header_rows = _repeated(block, layout)
        elif records := _records(block):
            found += records
            continue
        found.append((block, layout))
    return found


def _records(table: Table) -> list[tuple[Table, Layout | None]]:
    """A form-like table whose first column names the fields (มาตรการ | …, ขั้นตอน | …,
    ผู้รับผิดชอบ | …), one measure after the other: each measure as a table of one row
    under a header of those names; none when the first column does not name fields."""
    names = [row[0].text for row in table.rows if row and row[0] is not None and row[0].text]
    keys = [key_of(name) for name in names]
    known = [k for k in keys if k]
    if table.width < 2 or len(set(known)) < 2 or len(known) * 2 < len(keys):
        return []
    records: list[list[tuple[str | None, str, Cell]]] = []
    for row in table.rows:
        head = row[0] if row else None
        value = next((c for c in row[1:] if c is not None and c is not head), None)
        name = head.text if head is not None else ""
        key = key_of(name) if name else None
        if not name and value is not None and records and records[-1]:
            # A row with an empty name goes on with the field above it.
            last_key, last_name, cell = records[-1][-1]
            joined = Cell(cell.paragraphs + value.paragraphs, cell.links + value.links)
            records[-1][-1] = (last_key, last_name, joined)
            continue
        if not name:
            continue
        if not records or (key is not None and key in {k for k, _, _ in records[-1]}):
            records.append([])
        if value is None and head is not None:
            value = Cell(list(head.paragraphs), list(head.links))  # a name spanning the row
        records[-1].append((key, name, value or Cell()))
    out: list[tuple[Table, Layout | None]] = []
    for record in records:
        header = [Cell([name], column=i) for i, (_, name, _) in enumerate(record)]
        data = [
            Cell(list(v.paragraphs), list(v.links), row=1, column=i)
            for i, (_, _, v) in enumerate(record)
        ]
        layout = Layout(
            {i: k for i, (k, _, _) in enumerate(record) if k},
            {i: name for i, (_, name, _) in enumerate(record)},
            {0},
            tuple(squash(name) for _, name, _ in record),
        )
        out.append((Table([list(header), list(data)], table.index), layout))
    return out


def _repeated(table: Table, layout: Layout) -> set[int]:
    """Rows that repeat the header (Word users copy it onto every page)."""
    rows = set()
    for r, row in enumerate(table.rows):
        texts = tuple(squash(cell.text) if cell is not None else "" for cell in row)
        if texts == layout.signature[: len(texts)] and any(texts):
            rows.add(r)
    return rows
