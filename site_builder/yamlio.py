"""The one YAML loader: plain data plus the line of every value.

PyYAML's own guesses are not trusted: a plain scalar is always text (``0712345``
stays a phone number, ``2566-04-04`` stays text for the date parser, ``yes`` is
not ``True``), except the YAML nulls, which become ``None``.  The models decide
what a text means.  Duplicate keys are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Loc = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}

# PyYAML's English problem texts that staff meet most, in Thai with a hint.
_YAML_HINTS = (
    ("found character '\\t'", "พบอักขระ Tab: YAML ใช้การเว้นวรรค (space) เพื่อย่อหน้า ห้ามใช้ Tab"),
    (
        "mapping values are not allowed here",
        "มีเครื่องหมาย ':' ในตำแหน่งที่ไม่ถูกต้อง: ถ้าข้อความมี ': ' ให้ครอบด้วยเครื่องหมายคำพูด"
        ' เช่น title: "เรื่อง: การประชุม"',
    ),
    (
        "could not find expected ':'",
        "บรรทัดนี้ควรเป็น 'ชื่อฟิลด์: ค่า' แต่ไม่พบ ':' หรือการย่อหน้าไม่ตรงกับบรรทัดก่อนหน้า",
    ),
    (
        "expected <block end>",
        "การย่อหน้าไม่ตรงกัน: ฟิลด์ในระดับเดียวกันต้องเว้นวรรคหน้าบรรทัดเท่ากัน",
    ),
    ("found undefined alias", "อ้างถึง alias (*ชื่อ) ที่ไม่ได้ประกาศไว้"),
    ("found unexpected end of stream", "ข้อความในเครื่องหมายคำพูดไม่ได้ปิด"),
    ("while scanning a quoted scalar", "ข้อความในเครื่องหมายคำพูดไม่ได้ปิด"),
    ("did not find expected '-' indicator", "รายการ '- ' ย่อหน้าไม่ตรงกัน"),
)


@dataclass
class Document:
    """A loaded YAML file: its data, and the line of each value by location."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line:
                return line
        return 1


class YamlProblem(Exception):
    """A file that is not YAML, with the line and a Thai message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _translate(exc: yaml.MarkedYAMLError) -> str:
    english = f"{exc.context or ''} {exc.problem or ''}".strip()
    for needle, thai in _YAML_HINTS:
        if needle in english:
            return f"รูปแบบ YAML ไม่ถูกต้อง: {thai}"
    return f"รูปแบบ YAML ไม่ถูกต้อง ({english})"


def _to_data(node: yaml.Node, loc: Loc, lines: dict[Loc, int], dups: list[YamlProblem]) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*loc, i), lines, dups) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key in result:
                dups.append(
                    YamlProblem(
                        key_node.start_mark.line + 1,
                        f"ชื่อฟิลด์ '{key}' ซ้ำ (ประกาศแล้วที่บรรทัด {lines[(*loc, key)]})"
                        " ให้รวมเป็นรายการเดียวหรือลบอันที่ซ้ำ",
                    )
                )
                continue
            lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _to_data(value_node, (*loc, key), lines, dups)
        return result
    raise YamlProblem(node.start_mark.line + 1, "รูปแบบ YAML ที่ไม่รองรับ")


def parse(text: str) -> tuple[Document, list[YamlProblem]]:
    """Parse YAML text; raise :class:`YamlProblem` when it is not YAML at all.

    Duplicate keys do not stop parsing: they come back as a list, the first
    occurrence kept, so that the rest of the file is still checked.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, _translate(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"รูปแบบ YAML ไม่ถูกต้อง ({exc})") from None
    lines: dict[Loc, int] = {}
    dups: list[YamlProblem] = []
    data = None if node is None else _to_data(node, (), lines, dups)
    return Document(data, lines), dups


def read_text(path: Path) -> str:
    """A content file as text; a Thai :class:`YamlProblem` when it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "ไฟล์ไม่ได้บันทึกเป็น UTF-8: ให้บันทึกใหม่ด้วยการเข้ารหัส UTF-8") from None
