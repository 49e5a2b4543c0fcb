"""Pydantic's errors as Thai problems with file, line, field and a right example."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem, field_path

if typing.TYPE_CHECKING:
    from pydantic.fields import FieldInfo

    from .yamlio import Document, Loc


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _walk(model: type[BaseModel], loc: Loc) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The model that holds the last named part of ``loc``, and that field's info."""
    current: type[BaseModel] | None = model
    parent: type[BaseModel] | None = model
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        fields = _fields(current)
        parent = current
        info = fields.get(part)
        if info is None:
            return parent, None
        current = _inner_model(info.annotation)
    return parent, info


def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """Fields by the name written in YAML (the alias when there is one)."""
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def _example(info: FieldInfo | None) -> str:
    if info is None or not info.examples:
        return ""
    example = info.examples[0]
    if isinstance(example, list):
        example = "[" + ", ".join(str(e) for e in example) + "]"
    elif isinstance(example, dict):
        example = "{" + ", ".join(f"{k}: {v}" for k, v in example.items()) + "}"
    return f" เช่น {example}"


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "กลุ่มฟิลด์"
    if isinstance(value, (list, tuple)):
        return "รายการ"
    return f"'{value}'"


def _message(model: type[BaseModel], err: Any) -> str:
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    parent, info = _walk(model, loc)
    desc = f" ({info.description})" if info is not None and info.description else ""
    if kind == "missing":
        return f"ต้องระบุฟิลด์นี้{desc}{_example(info)}"
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        names = sorted(_fields(parent)) if parent else []
        close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
        hint = f" หมายถึง '{close[0]}' หรือไม่" if close else ""
        return f"ไม่รู้จักฟิลด์ '{key}'{hint} (ฟิลด์ที่ใช้ได้: {', '.join(names)})"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ",").split(",") if c.strip()]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f" หมายถึง '{close[0]}' หรือไม่" if close else ""
        return f"ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {', '.join(choices)} (พบ {_shown(value)}){hint}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"ต้องเป็นจำนวนเต็ม{desc}{_example(info) or ' เช่น 1'} (พบ {_shown(value)})"
    if kind in ("float_parsing", "float_type"):
        return f"ต้องเป็นตัวเลข{desc}{_example(info) or ' เช่น 97.73'} (พบ {_shown(value)})"
    if kind == "greater_than_equal":
        return f"ต้องไม่น้อยกว่า {ctx.get('ge')}{desc} (พบ {_shown(value)})"
    if kind == "less_than_equal":
        return f"ต้องไม่มากกว่า {ctx.get('le')}{desc} (พบ {_shown(value)})"
    if kind in ("too_short", "string_too_short"):
        return f"ต้องไม่เว้นว่าง{desc}{_example(info)}"
    if kind in ("string_type", "str_type"):
        return f"ต้องเป็นข้อความ{desc} ไม่ใช่{_shown(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"ต้องเป็นกลุ่มฟิลด์ (ชื่อฟิลด์: ค่า){desc} ไม่ใช่{_shown(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"ต้องเป็นรายการ (- ...){desc} ไม่ใช่{_shown(value)}"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    return f"ค่าไม่ถูกต้อง{desc}: {err.get('msg')}"


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: Document, path: str) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model: the instance, or None and every problem,
    each with the file ``path``, the line of its field and a Thai message that says
    what a right value looks like."""
    data = doc.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "", "ไฟล์ต้องเป็นกลุ่มฟิลด์ (ชื่อฟิลด์: ค่า) ไม่ใช่รายการหรือข้อความ")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
        problems = []
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and any(
                len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors
            ):
                continue  # pydantic's echo of an item that failed, not a second problem
            problems.append(Problem(path, doc.line_of(loc), field_path(loc), _message(model, err)))
        return None, problems
