"""The staff guide: Thai pages at ``/guide/`` on how to edit the content.

Every build of every content tree gets the guide, so it always describes the
version of the format that built it. The pages are not in the navigation; the
theme links them from the footer of every page (``theme/partials/copyright.html``).

Nothing in the guide is written by hand where it could drift from the code:

- every YAML example is a whole document (:data:`EXAMPLES`) that the tests load
  with the real loader, alone and as one content tree;
- the error messages of :func:`error_examples` are what the real YAML loader and
  validator say about small broken documents, produced while the guide renders;
  the few messages that need files on disk (:data:`FILE_MESSAGES`) are checked
  against a real ``site-builder check`` by the tests;
- the field tables of :func:`field_tables` are read from the JSON Schemas of
  :mod:`site_builder.schema`, the same ones editors use.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import newyear, oit, schema, views
from .content import MAX_FILE_BYTES
from .errors import Problem, format_problems
from .thai import to_thai
from .validation import validate
from .yamlio import YamlProblem, parse

if TYPE_CHECKING:
    from .render import GeneratedPage, Renderer

FOLDER = "guide"
EXAMPLE_YEAR = 2568
"""The fiscal year every example is written for."""

PAGES: tuple[tuple[str, str], ...] = (
    ("index", "คู่มือสำหรับเจ้าหน้าที่"),
    ("measures", "เพิ่มมาตรการ"),
    ("reports", "เขียนรายงานผลการดำเนินการ"),
    ("files", "แนบไฟล์สแกน (PDF)"),
    ("new-year", "เริ่มปีงบประมาณใหม่"),
    ("errors", "อ่านข้อความแจ้งข้อผิดพลาด"),
    ("fields", "ความหมายของแต่ละฟิลด์"),
    ("oit", "ใช้หน้า OIT กรอกข้อมูลในระบบ ITAS"),
)
"""Page name (``guide/<name>.md``, template ``guide/<name>.md.j2``) and Thai title, in reading order."""

KIND_FILES = {
    "site": "site.yml",
    "analysis": "<ปี>/analysis.yml",
    "measures": "<ปี>/measures.yml",
    "report": "<ปี>/reports/<ชื่อรอบ>.yml",
    "page": "<ปี>/pages/<ชื่อหน้า>.md (ส่วน front matter ระหว่างบรรทัด ---)",
    "oit": "<ปี>/oit.yml",
}
KIND_TITLES = {
    "site": "ข้อมูลหน่วยงาน",
    "analysis": "การวิเคราะห์ผลการประเมิน ITA",
    "measures": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "report": "รายงานผลการดำเนินการตามมาตรการ",
    "page": "หน้าอื่น ๆ (front matter)",
    "oit": "ข้อ OIT ที่เปิดเผยไว้ที่อื่น (เว็บไซต์หลัก ไฟล์แนบ)",
}


# --- examples ------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """A whole content file shown in the guide: its kind, place and text."""

    kind: str
    """A key of :data:`site_builder.schema.KINDS`."""
    path: str
    """Where it lives inside ``content/``."""
    text: str
    attachments: tuple[str, ...] = ()
    """Files (inside ``content/``) the example links, so that a test can create them."""

    @property
    def shown(self) -> str:
        return f"content/{self.path}"


_Y = EXAMPLE_YEAR

EXAMPLES: dict[str, Example] = {
    "site": Example(
        "site",
        "site.yml",
        """\
organization:
  name: เทศบาลตำบลวังไผ่
  district: เมืองชุมพร
  province: ชุมพร
  website: https://www.wangphai.go.th
  phone: "0-7750-1234"
  email: saraban@wangphai.go.th
display:
  numerals: thai
""",
    ),
    "analysis": Example(
        "analysis",
        f"{_Y}/analysis.yml",
        f"""\
assessment_year: {_Y - 1}
announced: {_Y - 1}-08-15
intro: |
  สำนักงาน ป.ป.ช. ประกาศผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {_Y - 1}
  เทศบาลจึงวิเคราะห์ผลเพื่อกำหนดมาตรการในปีงบประมาณ พ.ศ. {_Y}
overall: {{score: 92.45}}
tools: {{IIT: 96.10, EIT1: 93.25, EIT2: 90.40, OIT: 88.00}}
threshold: 90
indicators:
  - no: 1
    score: 97.50
    analysis: บุคลากรปฏิบัติงานตามขั้นตอนและระยะเวลาที่กำหนด
  - no: 9
    score: 84.00
    analysis: ยังเปิดเผยข้อมูลบางข้อไม่ครบ ต้องเร่งปรับปรุง
summary: จุดที่ต้องแก้ไขเร่งด่วนคือการเปิดเผยข้อมูลสาธารณะ (ตัวชี้วัดที่ 9)
""",
    ),
    "measures": Example(
        "measures",
        f"{_Y}/measures.yml",
        f"""\
intro: มาตรการจากผลการวิเคราะห์การประเมิน ITA ปี {_Y - 1}
measures:
  - no: 1
    title: เปิดเผยข้อมูลสาธารณะบนเว็บไซต์ให้ครบทุกข้อ
    indicators: [9]
    issue: ยังเปิดเผยข้อมูลบางข้อไม่ครบและไม่เป็นปัจจุบัน
    focus: weakness
    goal: เปิดเผยข้อมูลครบทุกข้อภายในเดือนมีนาคม {_Y}
    projects:
      - ปรับปรุงเมนู ITA บนเว็บไซต์
    steps:
      - ตรวจรายการข้อมูลที่ต้องเปิดเผยทุกข้อ
      - มอบหมายกองที่รับผิดชอบนำข้อมูลขึ้นเว็บไซต์
      - ตรวจความครบถ้วนทุกเดือน
    responsible:
      - สำนักปลัด
      - unit: สำนักปลัด งานประชาสัมพันธ์
        person: นางสาวยุภาวดี คำมี
        position: นักประชาสัมพันธ์ปฏิบัติการ
    period: ตลอดปีงบประมาณ พ.ศ. {_Y}
    deadline: {_Y}-03-31
    monitoring: รายงานนายกเทศมนตรีทุกเดือน
  - no: 2
    title: ประกาศเจตนารมณ์ไม่รับของขวัญ (No Gift Policy)
    indicators: [1, 3]
    steps: ประกาศเจตนารมณ์และประชาสัมพันธ์ให้บุคลากรทราบ
    responsible: สำนักปลัด งานนิติการ
""",
    ),
    "report": Example(
        "report",
        f"{_Y}/reports/6-month.yml",
        f"""\
round: 6-month
reported: {_Y}-04-08
intro: รายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน (ตุลาคม {_Y - 1} – มีนาคม {_Y})
results:
  - measure: 1
    status: done
    actions:
      - ตรวจรายการข้อมูลครบทุกข้อแล้ว
      - นำข้อมูลที่ขาดขึ้นเว็บไซต์ 12 รายการ
    outcomes: เปิดเผยข้อมูลครบทุกข้อภายในเดือนมีนาคม {_Y}
    evidence:
      - title: หน้าข่าวประชาสัมพันธ์
        url: https://www.wangphai.go.th/news/25
      - title: รายงานการตรวจข้อมูล
        file: files/รายงานผล รอบ 6 เดือน.pdf
  - measure: 2
    status: in_progress
    actions: ร่างประกาศเจตนารมณ์แล้ว รอนายกเทศมนตรีลงนาม
    problems: ผู้บริหารติดภารกิจ
    suggestions: ควรกำหนดวันลงนามให้ชัดเจน
""",
        (f"{_Y}/files/รายงานผล รอบ 6 เดือน.pdf",),
    ),
    "annual": Example(
        "report",
        f"{_Y}/reports/annual.yml",
        f"""\
round: annual
reported: {_Y}-10-15
memo:
  unit: สำนักปลัด งานนิติการ เทศบาลตำบลวังไผ่
  phone: "0-7750-1234 ต่อ 105"
  ref: ชพ 52301/-
  date: {_Y}-10-15
  subject: รายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. {_Y}
  to: นายกเทศมนตรีตำบลวังไผ่
  body: งานนิติการขอรายงานผลการดำเนินการตามมาตรการประจำปี จึงเรียนมาเพื่อโปรดทราบ
  signatures:
    - {{name: นางสาวอรุณี กะนอง, position: นิติกรชำนาญการ}}
  scan: files/บันทึกข้อความ ประจำปี {_Y}.pdf
results:
  - measure: 1
    status: done
    actions: เปิดเผยข้อมูลครบทุกข้อ
    evidence:
      - {{title: ภาพหน้าเว็บไซต์, file: files/ภาพหน้าจอ เว็บไซต์.pdf}}
  - measure: 2
    status: done
    actions: ประกาศเจตนารมณ์เมื่อวันที่ 1 พฤษภาคม {_Y}
""",
        (f"{_Y}/files/บันทึกข้อความ ประจำปี {_Y}.pdf", f"{_Y}/files/ภาพหน้าจอ เว็บไซต์.pdf"),
    ),
    "page": Example(
        "page",
        f"{_Y}/pages/no-gift.md",
        f"""\
---
title: ประกาศเจตนารมณ์ไม่รับของขวัญ (No Gift Policy)
oit: [O1]
updated: {_Y}-05-01
---
เทศบาลตำบลวังไผ่ประกาศเจตนารมณ์ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่

[ดาวน์โหลดประกาศฉบับลงนาม](<../files/ประกาศ ไม่รับของขวัญ.pdf>)
""",
        (f"{_Y}/files/ประกาศ ไม่รับของขวัญ.pdf",),
    ),
    "oit": Example(
        "oit",
        f"{_Y}/oit.yml",
        f"""\
items:
  - code: O2
    links:
      - {{title: ข้อมูลผู้บริหาร, url: https://www.wangphai.go.th/about/executives}}
    explain: จากหน้าแรก เลือกเมนู เกี่ยวกับเรา > คณะผู้บริหาร
    updated: {_Y - 1}-10-15
""",
    ),
}
"""Every YAML example the guide shows, by name."""


def skeleton_report() -> Example:
    """What ``site-builder new-year`` writes as the 6-month report, for the example's measures."""
    return Example(
        "report", f"{_Y}/reports/6-month.yml", newyear.report_skeleton("6-month", [1, 2], _Y)
    )


def examples() -> list[Example]:
    """Every example the guide shows (the tests load each of them)."""
    return [*EXAMPLES.values(), skeleton_report()]


# --- error messages ------------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """A small broken document, what it shows about reading a message, and the fix."""

    label: str
    """Thai: the kind of mistake, the example's heading."""
    kind: str
    path: str
    text: str
    fix: str
    """Thai, Markdown inline: how to correct it."""

    @property
    def shown(self) -> str:
        return f"content/{self.path}"

    @property
    def numbered(self) -> str:
        """The text with line numbers, as an editor shows it."""
        lines = self.text.rstrip("\n").split("\n")
        width = len(str(len(lines)))
        return "\n".join(f"{i:>{width}} │ {line}" for i, line in enumerate(lines, 1))


BROKEN: tuple[Broken, ...] = (
    Broken(
        "ชื่อฟิลด์สะกดผิด",
        "measures",
        f"{_Y}/measures.yml",
        """\
measures:
  - no: 1
    title: เปิดเผยข้อมูลสาธารณะบนเว็บไซต์ให้ครบทุกข้อ
    indicators: [9]
    steps: ตรวจรายการข้อมูลที่ต้องเปิดเผยทุกข้อ
    responsible: สำนักปลัด
    monitorring: รายงานนายกเทศมนตรีทุกเดือน
""",
        "ชื่อฟิลด์สะกดผิด: แก้ `monitorring` เป็น `monitoring` ตามที่ระบบเสนอ"
        " ชื่อฟิลด์ต้องเป็นภาษาอังกฤษตามรายการที่ใช้ได้ในวงเล็บเท่านั้น",
    ),
    Broken(
        "ขาดฟิลด์ที่ต้องมี",
        "measures",
        f"{_Y}/measures.yml",
        """\
measures:
  - no: 1
    title: เปิดเผยข้อมูลสาธารณะบนเว็บไซต์ให้ครบทุกข้อ
    indicators: [9]
    responsible: สำนักปลัด
""",
        "ขาดฟิลด์ที่ต้องมี: เพิ่ม `steps:` (ขั้นตอนหรือวิธีการ) ใต้มาตรการนั้น"
        " บรรทัดที่แจ้งคือบรรทัดเริ่มต้นของมาตรการที่ขาดฟิลด์",
    ),
    Broken(
        "ค่าไม่อยู่ในรายการที่ใช้ได้",
        "report",
        f"{_Y}/reports/6-month.yml",
        """\
round: 6-month
results:
  - measure: 1
    status: finished
    actions: ตรวจรายการข้อมูลครบทุกข้อแล้ว
""",
        "ค่าที่ใช้ได้มีจำกัด: `status` ต้องเป็นค่าใดค่าหนึ่งในรายการ เช่น ดำเนินการแล้วเขียนว่า `done`",
    ),
    Broken(
        "วันที่ผิดรูปแบบ",
        "measures",
        f"{_Y}/measures.yml",
        """\
measures:
  - no: 1
    title: เปิดเผยข้อมูลสาธารณะบนเว็บไซต์ให้ครบทุกข้อ
    indicators: [9]
    steps: ตรวจรายการข้อมูลที่ต้องเปิดเผยทุกข้อ
    responsible: สำนักปลัด
    deadline: 31/03/2568
""",
        "วันที่ต้องเขียนแบบ ปี-เดือน-วัน: แก้เป็น `deadline: 2568-03-31`",
    ),
    Broken(
        "รูปแบบ YAML ผิด",
        "measures",
        f"{_Y}/measures.yml",
        """\
measures:
  - no: 1
    title: เรื่อง: การเปิดเผยข้อมูล
    indicators: [9]
""",
        "ข้อความที่มีเครื่องหมาย : ตามด้วยเว้นวรรค ต้องครอบด้วยเครื่องหมายคำพูด:"
        ' แก้เป็น `title: "เรื่อง: การเปิดเผยข้อมูล"`'
        " เมื่อรูปแบบ YAML ผิด ระบบจะยังไม่ตรวจฟิลด์อื่นในไฟล์นั้น ให้แก้ข้อนี้ก่อนแล้วตรวจใหม่",
    ),
)
"""The broken documents of the errors page, in the order it shows them."""

FILE_MESSAGES: dict[str, str] = {
    "missing": (
        f"content/{_Y}/reports/6-month.yml:15: results[0].evidence[1].file: "
        "ไม่พบไฟล์ 'files/รายงานผล รอบ 6 เดือน.pdf' ให้ตรวจชื่อไฟล์ (ตัวพิมพ์เล็ก-ใหญ่และนามสกุล)"
        f" หรืออัปโหลดไฟล์ไว้ที่ content/{_Y}/files/รายงานผล รอบ 6 เดือน.pdf"
    ),
    "too_big": (
        f"content/{_Y}/files/รายงานผล รอบ 6 เดือน.pdf: ไฟล์ใหญ่เกินไป (23.5 MB เกินกำหนด 20.0 MB):"
        " ให้ลดขนาดไฟล์ เช่น สแกนที่ 150 dpi ขาวดำ หรือแบ่งเป็นหลายไฟล์"
    ),
}
"""Messages about attachments, for the report example: without the file, and with a
23.5 MB one. They need files on disk, so they are not produced while rendering; the
tests produce them with ``site-builder check`` and compare."""

WARNING_MESSAGE = (
    "content/2569/analysis.yml:1: overall.level: คำเตือน: ระดับ 'ผ่านดี' ไม่ตรงกับคะแนน 97.73"
    " ตามเกณฑ์ปี 2568 ซึ่งได้ระดับ 'ผ่านดีเยี่ยม'"
)
"""A warning, verbatim from ``tests/cases/clean-with-warning.yml`` (a test keeps them equal)."""


def check_text(kind: str, shown: str, text: str) -> list[Problem]:
    """What ``site-builder check`` says about one document on its own (no cross-file rules)."""
    try:
        doc, dups = parse(text)
    except YamlProblem as exc:
        return [Problem(shown, exc.line, "", exc.message)]
    problems = [Problem(shown, d.line, "", d.message) for d in dups]
    _, found = validate(schema.KINDS[kind], doc, shown)
    return sorted(problems + found)


def error_examples() -> list[tuple[Broken, list[Problem]]]:
    """Each broken document with what the real loader and validator say about it."""
    return [(b, check_text(b.kind, b.shown, b.text)) for b in BROKEN]


# --- the field reference ---------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    path: str
    """``measures[].responsible[].unit``: ``[]`` is every item of a list."""
    title: str
    description: str
    required: bool
    kind: str
    """Thai: what may be written (text, date, number, list...)."""
    values: tuple[str, ...]
    """The allowed values with their Thai meaning, when the field has a fixed set."""
    default: str
    example: str


LABELS: dict[str, dict[str, str]] = {
    "status": views.STATUS_LABELS,
    "round": views.ROUND_LABELS,
    "focus": views.FOCUS_LABELS,
    "numerals": {"arabic": "เลขอารบิก 1 2 3", "thai": "เลขไทย ๑ ๒ ๓"},
}
"""Thai meanings of enumerated values, by field name."""


def _alternatives(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    """The shapes a value may take: ``anyOf`` flattened, ``$ref`` resolved, null left out."""
    if "$ref" in node:
        return _alternatives(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if "anyOf" in node:
        return [a for sub in node["anyOf"] for a in _alternatives(sub, defs)]
    if node.get("type") == "null":
        return []
    return [node]


def _is_number(node: dict[str, Any]) -> bool:
    return node.get("type") in ("number", "integer")


def _one(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "ค่าใดค่าหนึ่งต่อไปนี้"
    pattern = str(node.get("pattern", ""))
    if pattern == schema.DATE_SCHEMA["pattern"]:
        return "วันที่ ปปปป-ดด-วว"
    if pattern.startswith("^[Hh][Tt][Tt][Pp][Ss]?://"):
        return "ที่อยู่เว็บ ขึ้นต้นด้วย http:// หรือ https://"
    if _is_number(node):
        name = "จำนวนเต็ม" if node.get("type") == "integer" else "ตัวเลข"
        low, high = node.get("minimum"), node.get("maximum")
        if low is not None and high is not None:
            return f"{name} {_plain(low)}–{_plain(high)}"
        if low is not None:
            return f"{name} ตั้งแต่ {_plain(low)}"
        return name
    if node.get("type") == "object" or "properties" in node:
        if "properties" in node:
            return "กลุ่มฟิลด์ (ฟิลด์ย่อยอยู่ในแถวถัดไป)"
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            inner = _single(_alternatives(extra, {}))
            return f"กลุ่มของ ชื่อ: ค่า โดยค่าเป็น{inner}"
        return "กลุ่มฟิลด์"
    return "ข้อความ"


def _plain(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _single(alts: list[dict[str, Any]]) -> str:
    # A number may also be written as text in Thai digits: that is the same number.
    if any(_is_number(a) for a in alts):
        alts = [
            a
            for a in alts
            if _is_number(a) or a.get("pattern") != schema.NUMBER_TEXT_SCHEMA["pattern"]
        ]
    names: list[str] = []
    for a in alts:
        name = _one(a)
        if name not in names:
            names.append(name)
    return " หรือ ".join(names)


def _describe(alts: list[dict[str, Any]], defs: dict[str, Any]) -> str:
    arrays = [a for a in alts if a.get("type") == "array"]
    singles = [a for a in alts if a.get("type") != "array"]
    if arrays:
        items = _single(_alternatives(arrays[0].get("items", {}), defs))
        if singles:
            return f"{items} หนึ่งค่า หรือหลายค่าเป็นรายการ (- …)"
        return f"รายการ (- …) ของ{items}"
    return _single(singles)


def _shown_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_shown_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _rows(node: dict[str, Any], defs: dict[str, Any], prefix: str, out: list[FieldRow]) -> None:
    required = set(node.get("required", ()))
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        alts = _alternatives(prop, defs)
        enum = [v for a in alts for v in a.get("enum", ())]
        labels = LABELS.get(name, {})
        values = tuple(f"{v} ({labels[v]})" if v in labels else str(v) for v in enum)
        default = prop.get("default")
        examples = prop.get("examples") or [e for a in alts for e in a.get("examples", ())]
        out.append(
            FieldRow(
                path=path,
                title=str(prop.get("title", "")),
                description=str(prop.get("description", "")),
                required=name in required,
                kind=_describe(alts, defs),
                values=values,
                default="" if default in (None, [], {}, ()) else _shown_value(default),
                example=_shown_value(examples[0]) if examples else "",
            )
        )
        # Sub-fields: of the items of a list (``path[]``), else of a group.
        arrays = [a for a in alts if a.get("type") == "array"]
        item_objects = [
            i for a in arrays for i in _alternatives(a.get("items", {}), defs) if "properties" in i
        ]
        objects = [a for a in alts if "properties" in a]
        if item_objects:
            _rows(item_objects[0], defs, f"{path}[]", out)
        elif objects:
            _rows(objects[0], defs, path, out)


def field_rows(kind: str) -> list[FieldRow]:
    """Every field of one document kind, parents before their sub-fields."""
    tree = schema.schema_for(schema.KINDS[kind])
    out: list[FieldRow] = []
    _rows(tree, tree.get("definitions", {}), "", out)
    return out


def field_tables() -> list[dict[str, Any]]:
    return [
        {
            "kind": kind,
            "title": KIND_TITLES[kind],
            "file": KIND_FILES[kind],
            "rows": field_rows(kind),
        }
        for kind in schema.KINDS
    ]


def required_fields(kind: str, prefix: str = "") -> list[FieldRow]:
    """The required fields directly under ``prefix`` (``measures[]``) of a kind."""
    return [
        r
        for r in field_rows(kind)
        if r.required and r.path.rpartition(".")[0] == prefix and (prefix or "." not in r.path)
    ]


# --- the pages -------------------------------------------------------------------


def oit_csv_header() -> list[str]:
    """The columns of ``/data/<year>-oit.csv``, as :func:`site_builder.oit.to_csv` writes them."""
    import csv

    first = oit.to_csv([], base_url=None, website=None).lstrip("\ufeff").splitlines()[0]
    return next(csv.reader([first]))


def pages(renderer: Renderer) -> list[GeneratedPage]:
    """The guide's pages for one site, in reading order."""
    content = renderer.content
    latest = content.years[-1] if content.years else None
    # A row of the CSV as this site writes it: the first served item of the latest year that has one.
    served = next(
        (s for year in reversed(content.years) for s in oit.for_year(content, year) if s.servers),
        None,
    )
    sample_row: dict[str, str] | None = None
    if served is not None:
        website = content.site.organization.website
        sample_row = {
            "code": served.item.code,
            "name": served.item.name,
            "url": oit.absolute(served.servers[0].path, renderer.site_url),
            "how": f"1. {oit.explanation(served.servers[0], website)}",
        }
    problems = error_examples()
    context: dict[str, Any] = {
        "guide_pages": [(f"{FOLDER}/{name}.md", title) for name, title in PAGES],
        "examples": EXAMPLES,
        "skeleton": skeleton_report(),
        "example_year": EXAMPLE_YEAR,
        "thai_year": to_thai(str(EXAMPLE_YEAR)),
        "max_mb": MAX_FILE_BYTES // (1024 * 1024),
        "broken": [
            {"doc": b, "problems": ps, "text": "\n".join(p.format() for p in ps)}
            for b, ps in problems
        ],
        "first_output": format_problems(problems[0][1]),
        "file_messages": FILE_MESSAGES,
        "warning_message": WARNING_MESSAGE,
        "tables": field_tables(),
        "required_fields": required_fields,
        "kind_files": KIND_FILES,
        # A Markdown link between guide pages names the source file: MkDocs checks and rewrites it.
        "relpath": lambda target, here: posixpath.relpath(target, posixpath.dirname(here)),
        "latest": latest,
        "csv_header": oit_csv_header(),
        "sample_row": sample_row,
        "round_labels": views.ROUND_LABELS,
        "status_labels": views.STATUS_LABELS,
    }
    return [
        renderer.page(
            f"{FOLDER}/{name}.md.j2",
            f"{FOLDER}/{name}.md",
            title,
            wide=name == "fields",
            **context,
        )
        for name, title in PAGES
    ]
