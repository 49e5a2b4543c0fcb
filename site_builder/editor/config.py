"""The form editor's fields, generated from the models (the collections: :mod:`.collections`).

Never written by hand: every form field comes from a field of the pydantic models in
:mod:`site_builder.format.models`, through the same JSON Schema pydantic makes for
them, with the models' Thai descriptions as labels and hints.  What the content tree
holds decides the rest: one group of collections per year folder (its analysis,
measures and OIT file; its reports; its free pages), pick-lists of the indicators and
OIT codes of that year's catalogue and of the year's measure numbers.

Only options that Decap CMS and Sveltia CMS both read are used, so that either can
show the same forms.  Every value is a string in the file: numbers, dates and yes/no
are text fields with a pattern or pick-lists of texts, since the editor's YAML format
(``ita-cms.js``) reads and writes every scalar as text (a ``0712345`` phone number or a
``3.10`` stays as it is).  One canonical shape is written: lists for list fields,
``responsible`` and evidence as objects; the loader accepts it as it accepts the short
forms staff write by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..format.models import DocumentRef, Evidence, Responsible
from ..format.schema import KINDS
from ..thai import DIGIT_CLASS
from ..views import FOCUS_LABELS, ROUND_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from pydantic import BaseModel


_DATE_PATTERN = (
    f"^{DIGIT_CLASS}{{4}}-{DIGIT_CLASS}{{1,2}}-{DIGIT_CLASS}{{1,2}}$",
    "วันที่ พ.ศ. ปี-เดือน-วัน เช่น 2568-10-20",
)
_NUMBER_PATTERN = (f"^{DIGIT_CLASS}+$", "ตัวเลข เช่น 3")
_SCORE_PATTERN = (f"^{DIGIT_CLASS}+([.]{DIGIT_CLASS}+)?$", "คะแนน 0–100 เช่น 92.45")
_CHOICE_LABELS = {"status": "สถานะ", "focus": "ประเด็นของมาตรการ"}
"""Labels of the fields whose description starts by listing their values (``done (…)``)."""
_FILE_FIELDS = frozenset({"file", "scan", "logo"})
"""Fields that name a file under ``files/``: an upload (and a choice of the files there)."""


@dataclass(frozen=True)
class Choices:
    """The pick-lists of one year: indicators (number, name) of its catalogue, its OIT
    codes (code, name), its measure numbers (number, title), its assessment tools."""

    indicators: tuple[tuple[str, str], ...] = ()
    oit: tuple[tuple[str, str], ...] = ()
    measures: tuple[tuple[str, str], ...] = ()
    tools: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearLayout:
    """What the editor offers for one year folder: its number and its pick-lists."""

    year: int
    choices: Choices = field(default_factory=Choices)


def _label(description: str) -> str:
    """A form label: the description up to its first explanation."""
    short = re.split(r" \(|: | เช่น ", description, maxsplit=1)[0]
    return short.strip() or description


def _options(pairs: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    return [{"label": f"{value} {name}".strip(), "value": value} for value, name in pairs]


class _Fields:
    """Decap fields from one model's JSON Schema, with the pick-lists of one year."""

    def __init__(self, model: type[BaseModel], choices: Choices) -> None:
        self.schema = model.model_json_schema(mode="validation")
        self.defs: dict[str, Any] = self.schema.get("$defs", {})
        self.choices = choices

    def of(self, schema: dict[str, Any], *, present: bool = True) -> list[dict[str, Any]]:
        """The fields of an object schema, in the model's order; a field is required
        only when its object is (``present``): the editor would otherwise refuse to
        save a document that leaves an optional part such as the memo out."""
        required = set(schema.get("required", ()))
        return [
            self.field(
                name, prop, required=present and name in required, owner=schema.get("title", "")
            )
            for name, prop in schema.get("properties", {}).items()
        ]

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """``node`` with ``$ref`` followed and an optional value's ``null`` dropped."""
        if "$ref" in node:
            return self.resolve(self.defs[node["$ref"].rsplit("/", 1)[-1]])
        alternatives = [n for n in node.get("anyOf", ()) if n.get("type") != "null"]
        if "anyOf" in node and len(alternatives) == 1:
            kept = {k: v for k, v in node.items() if k != "anyOf"}
            return {**kept, **self.resolve(alternatives[0])}
        return node

    def field(
        self, name: str, prop: dict[str, Any], *, required: bool, owner: str
    ) -> dict[str, Any]:
        """One form field: its widget, Thai label and hint, whether it is required."""
        description = prop.get("description") or name
        node = self.resolve(prop)
        label = _CHOICE_LABELS.get(name) or _label(description)
        result: dict[str, Any] = {"name": name, "label": label}
        hint = description
        examples = prop.get("examples") or node.get("examples")
        if examples and isinstance(examples[0], str):
            hint += f" เช่น {examples[0]}"
        if hint != result["label"]:
            result["hint"] = hint
        result["required"] = required
        result.update(self.widget(name, node, owner, required=required))
        return result

    def widget(
        self,
        name: str,
        node: dict[str, Any],
        owner: str,
        *,
        item: bool = False,
        required: bool = True,
    ) -> dict[str, Any]:
        """The widget options for a value of schema ``node`` (``name`` of model ``owner``;
        ``item``: one item of a list, a paragraph of its own)."""
        picked = self.pick_list(name, owner)
        if picked is not None:
            return picked
        kind = node.get("type")
        if kind == "array":
            element = self.resolve(node.get("items", {}))
            if element.get("type") == "object" and "properties" in element:
                fields = self.of(element)
                shown = " ".join("{{fields." + f["name"] + "}}" for f in fields[:2])
                return {"widget": "list", "fields": fields, "summary": shown, "collapsed": True}
            inner = {"name": name, "label": _label(node.get("description", name))}
            return {
                "widget": "list",
                "field": {**inner, **self.widget(name, element, owner, item=True)},
            }
        if kind == "object" and "properties" in node:
            return {
                "widget": "object",
                "fields": self.of(node, present=required),
                "collapsed": not required,
            }
        if kind == "object":  # a mapping: one text per tool of the year's catalogue
            value = self.widget(name, self.resolve(node.get("additionalProperties", {})), owner)
            return {
                "widget": "object",
                "fields": [
                    {"name": tool, "label": tool, "required": False, **value}
                    for tool in self.choices.tools
                ],
            }
        if "enum" in node:
            labels = {**STATUS_LABELS, **ROUND_LABELS, **FOCUS_LABELS}
            return {
                "widget": "select",
                "options": [
                    {"label": f"{v} ({labels[v]})" if v in labels else str(v), "value": str(v)}
                    for v in node["enum"]
                ],
            }
        if kind == "boolean":
            return {
                "widget": "select",
                "options": [
                    {"label": "true (ใช่)", "value": "true"},
                    {"label": "false (ไม่ใช่)", "value": "false"},
                ],
            }
        if node.get("format") == "date":
            return {"widget": "string", "pattern": list(_DATE_PATTERN)}
        if kind == "integer":
            return {"widget": "string", "pattern": list(_NUMBER_PATTERN)}
        if kind == "number":
            return {"widget": "string", "pattern": list(_SCORE_PATTERN)}
        if name in _FILE_FIELDS:
            return {"widget": "file", "choose_url": False}
        if "pattern" in node:
            return {
                "widget": "string",
                "pattern": [node["pattern"], "เช่น https://www.example.go.th/"],
            }
        if item or "Markdown" in node.get("description", ""):
            return {"widget": "text"}
        return {"widget": "string"}

    def pick_list(self, name: str, owner: str) -> dict[str, Any] | None:
        """The year's pick-list for a field that names an indicator, an OIT item or a
        measure (None: no list, or none known for the year)."""
        c = self.choices
        lists = {
            ("Measure", "indicators"): (c.indicators, True),
            ("IndicatorScore", "no"): (c.indicators, False),
            ("Measure", "oit"): (c.oit, True),
            ("PageMeta", "oit"): (c.oit, True),
            ("OitEntry", "code"): (c.oit, False),
            ("Result", "measure"): (c.measures, False),
        }
        pairs, multiple = lists.get((owner, name), ((), False))
        if not pairs:
            return None
        widget: dict[str, Any] = {"widget": "select", "options": _options(pairs)}
        if owner == "Result":
            widget["hint"] = (
                "มาตรการใน measures.yml ของปีนี้ (มาตรการที่เพิ่งเพิ่มจะอยู่ในรายการเมื่อโหลดหน้านี้ใหม่)"
            )
        if multiple:
            widget["multiple"] = True
        return widget

    def shape(self, node: dict[str, Any]) -> dict[str, Any]:
        """Where a document written by hand differs from the form's one shape: which
        fields are lists (a single value is a list of one) and which objects may be one
        text (``responsible: สำนักปลัด`` is ``{unit: สำนักปลัด}``), as ``ita-cms.js``
        reads them; and the order of each object's fields, in which it writes them."""
        node = self.resolve(node)
        if node.get("type") == "array":
            return {"list": True, "item": self.shape(node.get("items", {}))}
        properties = node.get("properties")
        if node.get("type") != "object" or not properties:
            return {}
        inner = {k: self.shape(v) for k, v in properties.items()}
        result: dict[str, Any] = {
            "fields": {k: v for k, v in inner.items() if v},
            "order": list(properties),
        }
        if node.get("title") in _TEXT_MODELS:
            result["text"] = (
                "url|file" if {"url", "file"} <= properties.keys() else next(iter(properties))
            )
        return result


_TEXT_MODELS = frozenset(
    cls.__name__ for cls in (Responsible, Evidence, DocumentRef) if cls.accepts_text
)
"""The parts of a document that may be written as one text (``Model.accepts_text``)."""


def shape(model: type[BaseModel]) -> dict[str, Any]:
    """The shape of one document kind for the editor's YAML format (see ``_Fields.shape``)."""
    reader = _Fields(model, Choices())
    return reader.shape(reader.schema)


def model_fields(model: type[BaseModel], choices: Choices = Choices()) -> list[dict[str, Any]]:
    """The form fields of one document kind (``model``) with a year's pick-lists."""
    reader = _Fields(model, choices)
    return reader.of(reader.schema)


def shapes() -> dict[str, dict[str, Any]]:
    """Every document kind's shape, by kind, for ``ita-cms.js``."""
    return {kind: shape(model) for kind, model in KINDS.items()}
