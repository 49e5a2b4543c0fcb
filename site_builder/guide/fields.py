"""The guide's field reference, read from the JSON Schemas editors use.

:func:`field_rows` walks the schema of one document kind
(:func:`site_builder.format.schema.schema_for`): every property becomes a row with its Thai
title and description, whether it is required, what may be written, its allowed
values with their Thai meaning, its default and an example. Nothing here restates
the format; a field added to a model is in the guide at the next build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import views
from ..format import schema

KIND_FILES = {
    "site": "site.yml",
    "analysis": "<ปี>/analysis.yml",
    "measures": "<ปี>/measures.yml",
    "report": "<ปี>/reports/<ชื่อรอบ>.yml",
    "page": "<ปี>/pages/<ชื่อหน้า>.md (ส่วน front matter ระหว่างบรรทัด ---)",
    "oit": "<ปี>/oit.yml",
}
"""Where staff write each document kind, in Thai, inside ``content/``."""

KIND_TITLES = {
    "site": "ข้อมูลหน่วยงาน",
    "analysis": "การวิเคราะห์ผลการประเมิน ITA",
    "measures": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "report": "รายงานผลการดำเนินการตามมาตรการ",
    "page": "หน้าอื่น ๆ (front matter)",
    "oit": "ข้อ OIT ที่เปิดเผยไว้ที่อื่น (เว็บไซต์หลัก ไฟล์แนบ)",
}
"""The Thai heading of each document kind's table in the field reference."""

LABELS: dict[str, dict[str, str]] = {
    "status": views.STATUS_LABELS,
    "round": views.ROUND_LABELS,
    "focus": views.FOCUS_LABELS,
    "numerals": {"arabic": "เลขอารบิก 1 2 3", "thai": "เลขไทย ๑ ๒ ๓"},
}
"""Thai meanings of enumerated values, by field name."""


@dataclass(frozen=True)
class FieldRow:
    """One field of a document kind, as a row of the field reference."""

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
    """The default as YAML would write it; empty when there is none (or it is empty)."""
    example: str
    """The schema's first example, as YAML would write it; empty when there is none."""


@dataclass(frozen=True)
class FieldTable:
    """The field reference of one document kind: its heading, its file and its rows."""

    kind: str
    title: str
    file: str
    rows: list[FieldRow]


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
    """Every field of the document kind ``kind`` (a key of
    :data:`site_builder.format.schema.KINDS`), parents before their sub-fields, in the
    schema's order."""
    tree = schema.schema_for(schema.KINDS[kind])
    out: list[FieldRow] = []
    _rows(tree, tree.get("definitions", {}), "", out)
    return out


def field_tables() -> list[FieldTable]:
    """The whole field reference: one table per document kind, in the order of
    :data:`site_builder.format.schema.KINDS`."""
    return [
        FieldTable(kind, KIND_TITLES[kind], KIND_FILES[kind], field_rows(kind))
        for kind in schema.KINDS
    ]


def required_fields(kind: str, prefix: str = "") -> list[FieldRow]:
    """The required fields of ``kind`` directly under ``prefix`` (``measures[]``; empty
    for the top level), in the schema's order."""
    return [
        r
        for r in field_rows(kind)
        if r.required and r.path.rpartition(".")[0] == prefix and (prefix or "." not in r.path)
    ]
