"""What the words of a Word cell mean: list items, numbers, indicators, people, rounds.

The rules are the ones the staff documents follow (the seed documents and the many
wordings LAOs use): items numbered ``1.`` ``๑.`` ``1)`` ``(1)`` or bulleted ``-`` ``•``
``➤``, several of them sometimes run into one paragraph; "ตัวชี้วัดที่ 1 … และตัวชี้วัดที่ 5"
naming indicators; a unit on one line and its officer (นาย, นาง, นางสาว, …) on the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..thai import to_arabic, to_thai
from .grid import visible

if TYPE_CHECKING:
    from .grid import Cell

DIGIT = "[0-9๐-๙]"
_BULLETS = "-–—•●○◦▪■□➤►▶➢✓✔*·"
MARKER = re.compile(
    rf"^\s*(?:(?:[(\[]\s*)?({DIGIT}{{1,3}})\s*([.)\]])(?!{DIGIT})|[{re.escape(_BULLETS)}])\s*"
)
"""An item's number or bullet at the start of a line; group 1 is the number, 2 its mark."""

_URL = re.compile(r"https?://[^\s<>\"'\u0e00-\u0e7f]+", re.IGNORECASE)


def number(text: str) -> int | None:
    """The number a text starts with (``๓. …`` is 3), or None."""
    match = MARKER.match(text)
    if match and match.group(1):
        return int(to_arabic(match.group(1)))
    return None


def unmark(text: str) -> str:
    """A line without its leading number or bullet ("" when nothing readable is left)."""
    rest = MARKER.sub("", text, count=1).strip()
    return rest if visible(rest) else ""


def squash(text: str) -> str:
    """A text for comparing: no spaces at all, Arabic digits, lower case."""
    return "".join(to_arabic(text).lower().split())


def _inline(paragraph: str) -> list[str]:
    """A paragraph that runs several numbered items together (``๑. … ๒. … ๓. …``), cut
    before each next number written the same way; one that starts with a dash, cut
    before each `` -`` that starts a word.  Anything else stays whole."""
    match = MARKER.match(paragraph)
    if match is None:
        return [paragraph]
    if not match.group(1):
        if paragraph.lstrip()[0] == "-":
            return [p for p in re.split(r"\s+(?=-\S)", paragraph) if p.strip()]
        return [paragraph]
    thai = match.group(1) != to_arabic(match.group(1))
    mark = re.escape(match.group(2))
    parts, start, expect = [], 0, int(to_arabic(match.group(1))) + 1
    while True:
        written = to_thai(str(expect)) if thai else str(expect)
        found = re.compile(rf"(?<=\s){written}\s*{mark}(?!{DIGIT})").search(paragraph, start + 1)
        if found is None:
            break
        parts.append(paragraph[start : found.start()])
        start, expect = found.start(), expect + 1
    parts.append(paragraph[start:])
    return [p for p in parts if p.strip()]


def lines(cell: Cell | None) -> list[str]:
    """The written lines of a cell: each paragraph, cut at its line breaks and at
    items run together, numbers kept."""
    if cell is None:
        return []
    out: list[str] = []
    for paragraph in cell.paragraphs:
        chunks: list[str] = []
        for line in paragraph.split("\n"):
            if chunks and not MARKER.match(line):
                chunks[-1] += " " + line  # a line break inside one item
            else:
                chunks.append(line)
        for chunk in chunks:
            out += [" ".join(p.split()) for p in _inline(chunk)]
    return [line for line in out if line]


def items(cell: Cell | None) -> list[str]:
    """The list items of a cell, without their numbers or bullets."""
    return [text for text in (unmark(line) for line in lines(cell)) if text]


# -- indicators ----------------------------------------------------------------------

_MENTION = re.compile(rf"ตัวชี้วัด\s*(?:ที่)?\s*({DIGIT}{{1,2}})(?!{DIGIT}|\.{DIGIT})")
_MORE = re.compile(
    rf"^\s*(?:,|และ|หรือ|/|&|–|-|ถึง)\s*(?:ตัวชี้วัด\s*(?:ที่)?\s*)?({DIGIT}{{1,2}})(?!{DIGIT}|\.{DIGIT})"
)


def mentions(text: str) -> list[int]:
    """The indicators a text names: "ตัวชี้วัดที่ 1 … และตัวชี้วัดที่ 5", "ตัวชี้วัดที่ ๑, ๓ และ ๕"
    (a range "1–3" spelled out), in the order written, once each."""
    found: list[int] = []
    for match in _MENTION.finditer(text):
        values = [int(to_arabic(match.group(1)))]
        rest = text[match.end() :]
        while True:
            more = _MORE.match(rest)
            if more is None:
                break
            value = int(to_arabic(more.group(1)))
            joiner = rest[: more.start(1)]
            if ("–" in joiner or "-" in joiner or "ถึง" in joiner) and values[-1] < value <= 10:
                values += list(range(values[-1] + 1, value + 1))
            else:
                values.append(value)
            rest = rest[more.end() :]
        found += [v for v in values if v not in found]
    return found


def named(text: str, names: dict[int, str]) -> list[int]:
    """The indicators whose catalogue name the text contains (spaces ignored), longest
    names first so that one name inside another counts once."""
    flat = squash(text)
    hits: list[int] = []
    for no, name in sorted(names.items(), key=lambda kv: -len(kv[1])):
        key = squash(name)
        if key and key in flat:
            hits.append(no)
            flat = flat.replace(key, "|")
    return sorted(hits)


# -- people ------------------------------------------------------------------------------

_PERSON = re.compile(
    r"^(?:นางสาว|นาง(?!าน)|นาย(?!ก)|น\.ส\.|ว่าที่\s*(?:ร้อย\S*|ร\.\s*[ตทอ]\.)|ดร\.|"
    r"(?:จ\.ส\.|พ\.จ\.|ส\.)[อทต]\.|[รพ]\.[ตทอ]\.|จ่า\S*|สิบ\S*)\s*\S+\s+\S+"
)
_POSITION = re.compile(
    r"^(?:ตำแหน่ง|หัวหน้า|ผู้อำนวยการ|ผอ\.|ปลัด|รองปลัด|นัก|นิติกร|เจ้าพนักงาน|เจ้าหน้าที่|ผู้ช่วย|"
    r"พนักงาน|นายก|รองนายก|เลขานุการ|ครู|รักษาราชการ|ปฏิบัติหน้าที่)"
)
_ARROWS = re.compile(r"\s*[➤►▶➢→]\s*")


@dataclass
class Person:
    """One responsible entry as it is being read: a unit, an officer, a position."""

    unit: str | None = None
    person: str | None = None
    position: str | None = None

    def as_dict(self) -> dict[str, str]:
        """The entry as the format writes it, without empty parts."""
        return {
            k: v
            for k, v in (("unit", self.unit), ("person", self.person), ("position", self.position))
            if v
        }


def is_person(line: str) -> bool:
    """Whether a line (its number or bullet aside) names an officer: นาย, นาง, นางสาว…"""
    return bool(_PERSON.match(unmark(line)))


def is_position(line: str) -> bool:
    """Whether a line is an officer's position (หัวหน้า…, ผู้อำนวยการ…, นิติกร…, ปลัด…)."""
    return bool(_POSITION.match(line.strip()))


def _person_parts(segment: str) -> tuple[str, str | None]:
    """An officer's name and, when written on the same line, their position."""
    for pattern in (r"\s*ตำแหน่ง\s*", r"\s*[(（]\s*"):
        parts = re.split(pattern, segment, maxsplit=1)
        if len(parts) == 2 and parts[1].strip(" )）"):
            return parts[0].strip(), parts[1].strip(" )）")
    return segment, None


def people(cell_lines: list[str]) -> list[Person]:
    """The responsible units and officers of a cell's lines (numbers already removed):
    an officer on the line after a unit is that unit's officer, a position after an
    officer theirs; ``สำนักปลัด ➤นางสาว…`` on one line is a unit and its officer."""
    entries: list[Person] = []
    current: Person | None = None
    for line in cell_lines:
        for segment in (s.strip() for s in _ARROWS.split(line)):
            if not segment:
                continue
            if _PERSON.match(segment):
                name, position = _person_parts(segment)
                if current is not None and current.person is None:
                    current.person, current.position = name, position or current.position
                else:
                    current = Person(person=name, position=position)
                    entries.append(current)
            elif (
                current is not None
                and current.person
                and not current.position
                and (_POSITION.match(segment) or segment.startswith("ตำแหน่ง"))
            ):
                current.position = re.sub(r"^ตำแหน่ง\s*", "", segment) or segment
            else:
                current = Person(unit=segment)
                entries.append(current)
    unique: list[Person] = []
    for entry in entries:
        if entry not in unique:
            unique.append(entry)
    return unique


# -- reports -------------------------------------------------------------------------------

_STATUS = (
    ("not_started", re.compile(r"ยังไม่(?:ได้)?(?:ดำเนินการ|เริ่ม)")),
    ("cancelled", re.compile(r"ยกเลิก")),
    ("in_progress", re.compile(r"อยู่ระหว่าง(?:การ)?ดำเนินการ|กำลังดำเนินการ|ดำเนินการบางส่วน")),
    (
        "done",
        re.compile(r"ดำเนินการ(?:เรียบร้อย|แล้ว|ครบ|เสร็จ)|เรียบร้อยแล้ว|แล้วเสร็จ|เสร็จสิ้น"),
    ),
)


def status(text: str) -> str | None:
    """The status a text states (ดำเนินการแล้ว, อยู่ระหว่างดำเนินการ, ยังไม่ได้ดำเนินการ,
    ยกเลิก), or None when it states none."""
    for value, pattern in _STATUS:
        if pattern.search(text):
            return value
    return None


def is_status_only(text: str) -> bool:
    """Whether a text says a status and nothing more (its web addresses aside)."""
    rest = without_urls(text)
    for _, pattern in _STATUS:
        rest = pattern.sub("", rest)
    return len(squash(rest).strip("-.,()")) <= 2


def urls(text: str) -> list[str]:
    """The web addresses written in a text, as written."""
    return [u.rstrip(".,;)") for u in _URL.findall(text)]


def without_urls(text: str) -> str:
    """A text with its web addresses taken out ("" when nothing readable is left)."""
    rest = " ".join(_URL.sub(" ", text).split())
    return rest if visible(rest) else ""


_ROUNDS = (
    (re.compile(rf"ไตรมาส\s*(?:ที่)?\s*([1-4๑-๔])(?!{DIGIT})"), "q"),
    (re.compile(rf"(?:รอบ\s*)?(?<!{DIGIT})(?:6|๖)\s*เดือน"), "6-month"),
    (
        re.compile(
            rf"รอบ\s*(?:12|๑๒)\s*เดือน|ประจำปี(?!งบประมาณ)|สิ้นปีงบประมาณ|รอบปี(?!งบประมาณ)|ประจำปีงบประมาณ\s*(?:พ\.ศ\.)?\s*{DIGIT}{{4}}\s*$"
        ),
        "annual",
    ),
)


def report_round(texts: list[str]) -> tuple[str, str] | None:
    """The round of a report from its title and opening paragraphs (the first texts
    of the document), with the words that said it; None when none says one."""
    for pattern, value in _ROUNDS:
        for text in texts:
            match = pattern.search(text)
            if match:
                if value == "q":
                    return f"q{to_arabic(match.group(1))}", match.group(0)
                return value, match.group(0)
    return None
