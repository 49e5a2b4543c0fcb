"""JSON Schemas of the content format, for editors (the YAML language server).

Generated from the same pydantic models that validate the content, then made to
say what the loader accepts: draft-07 ``definitions``, Thai titles, one value
where a list is expected, B.E. dates, Thai digits in numbers.
"""

from __future__ import annotations

import inspect
import json
import typing
from typing import Any

from pydantic import BaseModel

from ..thai import DIGIT_CLASS
from .models import AnalysisFile, MeasuresFile, OitFile, PageMeta, ReportFile, SiteFile
from .scalars import ONE_OR_MANY

if typing.TYPE_CHECKING:
    from pathlib import Path

_DRAFT = "http://json-schema.org/draft-07/schema#"

KINDS: dict[str, type[BaseModel]] = {
    "site": SiteFile,
    "analysis": AnalysisFile,
    "measures": MeasuresFile,
    "report": ReportFile,
    "page": PageMeta,
    "oit": OitFile,
}
"""Schema file name (``<kind>.schema.json``) -> the model it describes."""


DATE_SCHEMA = {
    "type": "string",
    "pattern": f"^{DIGIT_CLASS}{{4}}-{DIGIT_CLASS}{{1,2}}-{DIGIT_CLASS}{{1,2}}$",
    "examples": ["2566-04-04"],
}
NUMBER_TEXT_SCHEMA = {"type": "string", "pattern": f"^{DIGIT_CLASS}+(\\.{DIGIT_CLASS}+)?$"}


def _one_or_many(schema: dict[str, Any]) -> dict[str, Any]:
    """A list field of the format also accepts a single item."""
    items = schema.get("items", {})
    array = {"type": "array", "items": items}
    if "minItems" in schema:
        array["minItems"] = schema["minItems"]
    kept = {k: v for k, v in schema.items() if k not in ("type", "items", "default", "minItems")}
    return {**kept, "anyOf": [items, array]}


def _refine(node: Any, text_models: frozenset[str]) -> Any:
    """Walk a generated schema and widen what the loader widens."""
    if isinstance(node, list):
        return [_refine(n, text_models) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _refine(v, text_models) for k, v in node.items()}
    # Constraints pydantic could not place on the core schema come out under their Python names.
    for python, json_name in (("ge", "minimum"), ("le", "maximum")):
        if python in node and node.get("type") in ("number", "integer"):
            node[json_name] = node.pop(python)
    if node.get("format") == "date":
        node = {**{k: v for k, v in node.items() if k != "format"}, **DATE_SCHEMA}
    if node.get("type") in ("number", "integer") and "anyOf" not in node:
        number = {
            k: v
            for k, v in node.items()
            if k not in ("title", "description", "examples", "default")
        }
        rest = {
            k: v for k, v in node.items() if k in ("title", "description", "examples", "default")
        }
        node = {**rest, "anyOf": [number, NUMBER_TEXT_SCHEMA]}
    if node.get("type") == "string" and not ({"pattern", "enum", "format", "const"} & node.keys()):
        # The loader reads every plain scalar as text: a phone number or a year written bare is fine.
        node["type"] = ["string", "number"]
    if "$ref" in node and node["$ref"].rpartition("/")[2] in text_models:
        node = {"anyOf": [{"type": "string"}, {"$ref": node["$ref"]}]}
    return node


def _thai_titles(schema: dict[str, Any]) -> None:
    for definition in [schema, *schema.get("definitions", {}).values()]:
        for prop in definition.get("properties", {}).values():
            if prop.get("description"):
                prop["title"] = prop["description"]


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The draft-07 JSON Schema of one document kind."""
    raw = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = raw.pop("$defs", {})
    list_fields, text_models, docstrings = _list_fields(model)
    for name, definition in [(model.__name__, raw), *definitions.items()]:
        # A model's docstring is for developers (English); staff read the fields' Thai.
        if name in docstrings and definition.get("description") == docstrings[name]:
            del definition["description"]
        for field in list_fields.get(name, ()):
            prop = definition.get("properties", {}).get(field)
            if prop and prop.get("type") == "array":
                definition["properties"][field] = _one_or_many(prop)
    schema: dict[str, Any] = {"$schema": _DRAFT, **raw}
    if definitions:
        schema["definitions"] = definitions
    schema = _refine(schema, text_models)
    _thai_titles(schema)
    return schema


def _list_fields(
    model: type[BaseModel],
) -> tuple[dict[str, set[str]], frozenset[str], dict[str, str]]:
    """Of ``model`` and every model inside it, by model name: the fields that accept one
    item or a list (marked :data:`~site_builder.format.scalars.ONE_OR_MANY`), the models that
    accept a text, and their docstrings as pydantic puts them in a schema."""
    found: dict[str, set[str]] = {}
    texts: set[str] = set()
    docstrings: dict[str, str] = {}
    seen: set[type[BaseModel]] = set()

    def visit(m: type[BaseModel]) -> None:
        if m in seen:
            return
        seen.add(m)
        if getattr(m, "accepts_text", False):
            texts.add(m.__name__)
        if m.__doc__:
            docstrings[m.__name__] = inspect.cleandoc(m.__doc__)
        for name, info in m.model_fields.items():
            if any(meta is ONE_OR_MANY for meta in info.metadata):
                found.setdefault(m.__name__, set()).add(info.alias or name)
            for sub in _models_in(info.annotation):
                visit(sub)

    visit(model)
    return found, frozenset(texts), docstrings


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


class SchemaRefused(Exception):
    """``--out`` cannot take the schemas; the message says why, in Thai."""


def _is_schema(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("$schema") == _DRAFT


def write_schemas(out: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every document kind into ``out``.

    Refuses (:class:`SchemaRefused`, nothing written) when ``out`` is not a folder or
    a file of that name exists that is not a JSON Schema; each file is replaced by a
    rename, so it is never half-written.
    """
    if out.exists() and not out.is_dir():
        raise SchemaRefused(f"{out}: เป็นไฟล์ ไม่ใช่โฟลเดอร์: ให้ระบุโฟลเดอร์ เช่น --out schemas")
    paths = {kind: out / f"{kind}.schema.json" for kind in KINDS}
    for path in paths.values():
        if (path.exists() or path.is_symlink()) and (path.is_symlink() or not _is_schema(path)):
            raise SchemaRefused(
                f"{path}: มีไฟล์ชื่อนี้อยู่แล้วและไม่ใช่ JSON Schema ที่ site-builder เขียน: "
                "จะไม่เขียนทับ ให้ย้ายไฟล์ออกหรือระบุโฟลเดอร์อื่น"
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
        for kind, model in KINDS.items():
            text = json.dumps(schema_for(model), ensure_ascii=False, indent=2) + "\n"
            temp = paths[kind].with_name(f".{paths[kind].name}.new")
            temp.write_text(text, encoding="utf-8")
            temp.replace(paths[kind])
    except OSError as exc:
        raise SchemaRefused(f"{out}: เขียนไฟล์ไม่ได้ ({exc.strerror})") from None
    return list(paths.values())
