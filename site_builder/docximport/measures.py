"""``measures.yml`` from the gathered measures: the data, its comments, its counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .columns import LABELS, REPORT_KEYS
from .yamlout import DRAFT, comment, dump, schema_line

if TYPE_CHECKING:
    from .built import Built, Grouping

FIELDS = ("issue", "goal", "projects", "requirements", "steps")
"""The list fields of a measure written before ``responsible``, in the format's order."""

NO_STEPS = "ตรวจทาน: เอกสารไม่ได้ระบุขั้นตอนหรือวิธีการ ให้เติมขั้นตอน"
NO_UNIT = "ตรวจทาน: เอกสารไม่ได้ระบุผู้รับผิดชอบ"
FALLBACK_INDICATOR = 10
"""The indicator a measure gets when the document names none (the integrity measures
are part of indicator 10, การป้องกันการทุจริต); always said in a comment and the summary."""


@dataclass
class Part:
    """One document (or result) ready to write: its data, the comment lines to put
    before it, and what was counted."""

    data: dict[str, Any]
    comments: list[str] = field(default_factory=list)


@dataclass
class Counts:
    """How many of each thing were placed, and what the person must still check."""

    placed: dict[str, int] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Texts kept as comments beside the measure or result they were found with."""
    for_report: int = 0
    """Texts of result columns kept beside their measure (a report's, not the measures')."""

    def add(self, key: str, n: int = 1) -> None:
        """Count ``n`` more of ``key``."""
        if n:
            self.placed[key] = self.placed.get(key, 0) + n


def numbers(measures: list[Built]) -> list[int]:
    """The measure numbers: as written in the title column when every measure has one
    and none repeats, else 1, 2, 3… in document order."""
    written = [m.written_no for m in measures]
    if all(w is not None for w in written) and len(set(written)) == len(written):
        return [w for w in written if w is not None]
    return list(range(1, len(measures) + 1))


def title_of(built: Built) -> tuple[str, str | None]:
    """The measure's title, and a note when it had to be taken from elsewhere."""
    if built.title:
        return " ".join(built.title), None
    if built.fields["issue"]:
        return built.fields["issue"][0], "เอกสารไม่มีชื่อมาตรการ: ใช้ข้อความแรกของประเด็นเป็นชื่อไว้ก่อน"
    if built.fields["steps"]:
        return built.fields["steps"][0], "เอกสารไม่มีชื่อมาตรการ: ใช้ขั้นตอนแรกเป็นชื่อไว้ก่อน"
    return "ตรวจทาน: เอกสารไม่ได้ระบุชื่อมาตรการ", "เอกสารไม่มีชื่อมาตรการ: ให้เติมชื่อ"


def measure_part(built: Built, no: int, valid: range, counts: Counts) -> Part:
    """One measure as the format writes it, every list field a list, ``responsible``
    objects; placeholders (marked ตรวจทาน) where the document left a required field out."""
    part = Part({"no": no})
    title, note = title_of(built)
    part.data["title"] = title
    if note:
        part.comments.append(note)
        counts.review.append(f"มาตรการที่ {no}: {note}")
    else:
        counts.add("measures.title")
    indicators = [i for i in built.indicators if i in valid]
    dropped = [i for i in built.indicators if i not in valid]
    if dropped:
        part.comments.append(
            f"ตัวชี้วัด {', '.join(map(str, dropped))} ไม่มีในการประเมินปีนี้ (มี {valid.start}–{valid.stop - 1}) จึงไม่ได้ใส่"
        )
    part.comments += built.indicator_notes
    if not indicators:
        indicators = [FALLBACK_INDICATOR]
        text = (
            f"ตรวจทาน: เอกสารไม่ได้ระบุตัวชี้วัด ใส่ตัวชี้วัดที่ {FALLBACK_INDICATOR} ไว้ก่อน "
            "ให้แก้เป็นตัวชี้วัดที่มาตรการนี้พัฒนา"
        )
        part.comments.append(text)
        counts.review.append(f"มาตรการที่ {no}: {text}")
    else:
        counts.add("indicators", len(indicators))
    part.data["indicators"] = indicators
    for key in FIELDS:
        values = built.fields[key]
        if key == "steps" and not values:
            values = [NO_STEPS]
            counts.review.append(f"มาตรการที่ {no}: {NO_STEPS}")
        elif values:
            counts.add(key, len(values))
        if values:
            part.data[key] = values
        if key == "issue" and built.focus:
            part.data["focus"] = built.focus
    responsible = [p.as_dict() for p in built.responsible]
    if not responsible:
        responsible = [{"unit": NO_UNIT}]
        counts.review.append(f"มาตรการที่ {no}: {NO_UNIT}")
    else:
        counts.add("responsible", len(responsible))
    part.data["responsible"] = responsible
    for key in ("period", "monitoring"):
        if built.fields[key]:
            part.data[key] = built.fields[key]
            counts.add(key, len(built.fields[key]))
    for key in sorted(REPORT_KEYS | {"notes"}):
        for value in built.fields.get(key, []):
            part.comments.append(f"{LABELS[key]} (ของรายงานผล): {value}")
            counts.for_report += 1
    for url in built.links:
        part.comments.append(f"{LABELS['evidence']} (ของรายงานผล): {url}")
        counts.for_report += 1
    extras(built, f"มาตรการที่ {no}", part, counts)
    return part


def extras(built: Built, where: str, part: Part, counts: Counts) -> None:
    """The cells of unknown columns, as comments of the part and kept texts."""
    for header, text in built.extras:
        column = " ".join(header.split())
        part.comments.append(f"คอลัมน์ '{column}' (ไม่มีช่องในรูปแบบ): {text}")
        counts.kept.append(f"{where} คอลัมน์ '{column}': {text}")


def render(head: list[str], parts: list[Part], key: str, top: dict[str, Any]) -> str:
    """The file's text: the schema line, ``head`` comments, the draft mark, ``top``
    fields, then ``key:`` with each part's comments above it."""
    out = [schema_line("report" if key == "results" else key, 2 if key == "results" else 1)]
    out += [comment(line) for line in head]
    out.append(DRAFT)
    if top:
        out.append(dump(top))
    if not parts:
        out.append(f"{key}: []\n")
        return "".join(out)
    out.append(f"{key}:\n")
    for part in parts:
        out += [comment(line, 2) for line in part.comments]
        out.append(dump([part.data], 2))
    return "".join(out)


def build(grouping: Grouping, valid: range, counts: Counts) -> list[Part]:
    """Every gathered measure as a part, numbered (:func:`numbers`)."""
    parts = []
    for built, no in zip(grouping.measures, numbers(grouping.measures), strict=True):
        parts.append(measure_part(built, no, valid, counts))
        counts.add("measures")
    return parts
