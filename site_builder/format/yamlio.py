"""The one YAML loader: plain data plus the line of every value.

PyYAML's own guesses are not trusted: a plain scalar is always text (``0712345``
stays a phone number, ``2566-04-04`` stays text for the date parser, ``yes`` is
not ``True``), except the YAML nulls, which become ``None``.  The models decide
what a text means.  Duplicate keys are errors.

What the format leaves out is refused here, once, for every file: anchors and
aliases (``&a``, ``*a``, ``<<:``: an alias bomb would expand to gigabytes),
nesting deeper than :data:`MAX_DEPTH`, files over :data:`MAX_BYTES`, and
invisible control characters (a NUL byte, C1 controls, bidirectional overrides),
each with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
import yaml.cyaml
from yaml.composer import Composer
from yaml.resolver import Resolver

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

Loc = tuple[str | int, ...]

MAX_DEPTH = 50
"""Deepest nesting of lists and field groups accepted in a content file."""
MAX_BYTES = 5 * 1024 * 1024
"""Largest YAML or Markdown file accepted."""

# Characters no content file needs and that garble or disguise text: C0 controls but
# tab/newline/CR, DEL, C1 controls, bidirectional embeddings/overrides/isolates,
# lone surrogates and non-characters.  (U+200B-U+200D stay: Thai text uses them.)
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)

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
    (
        "expected a single document",
        "ไฟล์แบ่งเป็นหลายเอกสารด้วยบรรทัด --- แต่ไฟล์หนึ่งมีได้เอกสารเดียว: ให้ลบบรรทัด --- ที่เกินออก",
    ),
    (
        "that cannot start any token",
        "ค่าขึ้นต้นด้วยอักขระที่ YAML ไม่ยอมให้ขึ้นต้น (เช่น @ หรือ `): ให้ครอบข้อความด้วยเครื่องหมายคำพูด"
        ' เช่น contact: "@เทศบาล"',
    ),
    (
        "while parsing a flow sequence",
        "วงเล็บ [ ที่เปิดไว้ไม่ได้ปิดด้วย ] หรือขาด , ระหว่างรายการ: ถ้าข้อความมี , [ หรือ ] ให้ครอบด้วยเครื่องหมายคำพูด",
    ),
    (
        "while parsing a flow mapping",
        "วงเล็บ { ที่เปิดไว้ไม่ได้ปิดด้วย } หรือขาด , ระหว่างฟิลด์: ถ้าข้อความมี , { หรือ } ให้ครอบด้วยเครื่องหมายคำพูด",
    ),
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


def strings(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value of loaded YAML data, with its location (for :meth:`Document.line_of`)."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, (*loc, i))


class YamlProblem(Exception):
    """A file that is not YAML, with the line and a Thai message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.line = int(mark.line) + 1 if mark is not None else 1
        self.message = message


# libyaml's scanner and parser when PyYAML was built with it (several times faster),
# with PyYAML's own composer on top, so that every node keeps its line.
_FAST = bool(getattr(yaml, "__with_libyaml__", False))


class _StrictLoader(Composer, Resolver):
    """Composes nodes, refusing what the format leaves out as soon as it is met (so an
    alias bomb or 10,000 nested brackets cost nothing)."""

    def __init__(self, stream: str, *, fast: bool) -> None:
        parser: Any = yaml.cyaml.CParser(stream) if fast else yaml.SafeLoader(stream)  # type: ignore[attr-defined]
        self._parser = parser
        self.check_event = parser.check_event
        self.peek_event = parser.peek_event
        self.get_event = parser.get_event
        Composer.__init__(self)
        Resolver.__init__(self)
        self._depth = 0

    def dispose(self) -> None:
        """Free the parser's state."""
        if hasattr(self._parser, "dispose"):
            self._parser.dispose()

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "รูปแบบ YAML ไม่ถูกต้อง: ไม่รองรับ anchor และ alias (&ชื่อ, *ชื่อ, <<:) "
                "ให้เขียนค่าซ้ำตรง ๆ ในแต่ละที่",
            )
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return Composer.compose_node(self, parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                f"รูปแบบ YAML ไม่ถูกต้อง: ซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น "
                "(รายการหรือกลุ่มฟิลด์ซ้อนกันมากเกินไป หรือวงเล็บ [ { ไม่ได้ปิด)",
            )
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


def forbidden_character(text: str) -> tuple[int, int, str] | None:
    """The line, column and code point of the first character no content file may hold."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    before = text[: match.start()]
    line = before.count("\n") + 1
    column = match.start() - (before.rfind("\n") + 1) + 1
    return line, column, f"U+{ord(match.group()):04X}"


def check_text(text: str) -> None:
    """Raise :class:`YamlProblem` when ``text`` holds a character no content file may."""
    found = forbidden_character(text)
    if found is not None:
        line, column, code = found
        raise YamlProblem(
            line,
            f"พบอักขระควบคุมที่มองไม่เห็น ({code}) ที่ตำแหน่ง {column} ของบรรทัด: "
            "ให้ลบอักขระนี้ออก (มักติดมาจากการคัดลอกข้อความจาก Word หรือ PDF)",
        )


def _translate(exc: yaml.MarkedYAMLError) -> str:
    english = f"{exc.context or ''} {exc.problem or ''}".strip()
    for needle, thai in _YAML_HINTS:
        if needle in english:
            return f"รูปแบบ YAML ไม่ถูกต้อง: {thai}"
    return (
        "รูปแบบ YAML ไม่ถูกต้อง: ตรวจเครื่องหมาย : - [ ] { } เครื่องหมายคำพูด และการย่อหน้าในบรรทัดนี้"
        f" (รายละเอียดจากตัวอ่าน YAML: {english})"
    )


def _check_value(value: str, node: yaml.Node) -> None:
    """A quoted value may spell a control character as an escape (``"\\x00"``, ``"\\u202e"``):
    the parsed text goes through the same rule as the file's own characters."""
    found = forbidden_character(value)
    if found is not None:
        raise YamlProblem(
            node.start_mark.line + 1,
            f"พบอักขระควบคุมที่มองไม่เห็น ({found[2]}) ซึ่งเขียนเป็นรหัสในเครื่องหมายคำพูด: "
            "ให้ลบรหัสนี้ออก (เช่น \\x00 \\u202e)",
        )


def _to_data(node: yaml.Node, loc: Loc, lines: dict[Loc, int], dups: list[YamlProblem]) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in _NULLS:
            return None
        _check_value(str(node.value), node)
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*loc, i), lines, dups) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    "รูปแบบ YAML ไม่ถูกต้อง: ชื่อฟิลด์ต้องเป็นข้อความ ไม่ใช่รายการหรือกลุ่มฟิลด์",
                )
            key = str(key_node.value)
            _check_value(key, key_node)
            if key == "<<" and not key_node.style:
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    "รูปแบบ YAML ไม่ถูกต้อง: ไม่รองรับ anchor และ alias (&ชื่อ, *ชื่อ, <<:) "
                    "ให้เขียนค่าซ้ำตรง ๆ ในแต่ละที่",
                )
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
    check_text(text)
    try:
        node = _compose(text, fast=_FAST)
    except yaml.MarkedYAMLError:
        if not _FAST:
            raise
        # libyaml words its errors differently: PyYAML's own parser says what the hints know.
        node = _compose(text, fast=False)
    lines: dict[Loc, int] = {}
    dups: list[YamlProblem] = []
    data = None if node is None else _to_data(node, (), lines, dups)
    return Document(data, lines), dups


def _compose(text: str, *, fast: bool) -> yaml.Node | None:
    loader = _StrictLoader(text, fast=fast)
    try:
        return loader.get_single_node()
    except _Refused as exc:
        raise YamlProblem(exc.line, exc.message) from None
    except yaml.MarkedYAMLError as exc:
        if fast:
            raise
        # An unclosed quote or bracket is named where it opens, not where PyYAML gave up.
        quoted = any(
            what in (exc.context or "")
            for what in ("quoted scalar", "flow sequence", "flow mapping")
        )
        mark = (exc.context_mark if quoted else None) or exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, _translate(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"รูปแบบ YAML ไม่ถูกต้อง ({type(exc).__name__})") from None
    finally:
        loader.dispose()


def read_text(path: Path) -> str:
    """A content file as text; a Thai :class:`YamlProblem` when it is too large, not
    UTF-8, or holds an invisible control character."""
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise YamlProblem(
            0,
            f"ไฟล์ใหญ่เกินไป (เกิน {MAX_BYTES // 1024 // 1024} MB): ไฟล์เนื้อหาควรมีแต่ข้อความ "
            "ให้แบ่งเป็นหลายไฟล์ หรือย้ายเอกสารไปไว้ใน files/",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "ไฟล์ไม่ได้บันทึกเป็น UTF-8: ให้บันทึกใหม่ด้วยการเข้ารหัส UTF-8") from None
    check_text(text)
    return text
