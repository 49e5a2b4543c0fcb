"""The draft as YAML text in the canonical shape, with its comments.

The canonical shape is the one a form editor writes back unharmed: every list field a
list, ``responsible`` always objects, numbers as plain integers, and every other value
a string that reads back as the same string in YAML 1.1 (PyYAML) and 1.2 (the
editors' ``yaml`` package): a text that either could take for a number, a date, a
boolean or a null (``0712345``, ``3.10``, ``2566-04-04``, ``yes``, ``0o17``, ``~``) is
quoted.  Comments carry what the importer could not place and what to check; each is
one ``#`` line, so no text of the document can end a comment and start YAML.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .grid import clean

# What a YAML 1.2 reader (core schema) or a 1.1 one takes for something other than text,
# beyond what PyYAML's own resolver already quotes.
_RISKY = re.compile(
    r"^(?:[-+]?[0-9][0-9_:.eE+-]*|0[xXoObB][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON"
    r"|off|Off|OFF|y|Y|n|N|=|<<)$"
)


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every risky text and never folding lines."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # lists indented under their key


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if _RISKY.match(value.strip()) or value != value.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def dump(data: Any, indent: int = 0) -> str:
    """``data`` (dicts, lists, strings, integers, booleans) as block YAML, every line
    indented by ``indent`` spaces."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
    )
    if indent:
        pad = " " * indent
        text = "".join(pad + line if line.strip() else line for line in text.splitlines(True))
    return text


def comment(text: str, indent: int = 0) -> str:
    """``text`` as comment lines (one per line of it), each a ``#`` line at ``indent``."""
    pad = " " * indent
    out = []
    for line in clean(text).split("\n") or [""]:
        out.append(f"{pad}# {line}".rstrip() + "\n")
    return "".join(out)


def schema_line(kind: str, depth: int) -> str:
    """The first line editors read the file's JSON Schema from (as ``new-year`` writes it)."""
    return f"# yaml-language-server: $schema={'../' * depth}../schemas/{kind}.schema.json\n"


DRAFT = (
    "# ฉบับร่างจากการนำเข้าไฟล์ Word: ตรวจทานกับเอกสารต้นฉบับ แก้ส่วนที่ระบุว่า 'ตรวจทาน'\n"
    "# เมื่อครบถ้วนแล้วให้ลบบรรทัด draft: true ออก จึงจะเผยแพร่\n"
    "draft: true\n"
)
