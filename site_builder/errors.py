"""Problems found in content: data first, printed last.

Every check in the package reports a :class:`Problem` instead of raising, so that
a person editing YAML sees every mistake of every file at once.  The text is Thai
and is part of the interface: tests compare it exactly.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place.

    ``path`` is the file as it should be shown to the user; ``line`` is 1-based
    (0 when the problem is about the whole file); ``field`` is a dotted path such
    as ``measures[0].steps``, empty for a file-level problem.
    """

    path: str
    line: int
    field: str
    message: str
    warning: bool = dc_field(default=False, compare=False)

    def format(self) -> str:
        """``path:line: field: message`` on one line, the form editors and CI understand;
        control characters from content (a newline in a key or a file name) are shown
        as escapes, so they can neither break the line nor forge a CI command."""
        path, field, message = (show_controls(t) for t in (self.path, self.field, self.message))
        where = f"{path}:{self.line}:" if self.line else f"{path}:"
        label = "คำเตือน: " if self.warning else ""
        if field:
            return f"{where} {field}: {label}{message}"
        return f"{where} {label}{message}"

    def github_annotation(self) -> str:
        """The problem as one GitHub Actions workflow command, whatever the path,
        field or message hold: a newline in a YAML key or a file name cannot end
        the command and start another (``::error``, ``::add-mask``, ``::stop-commands``)."""
        kind = "warning" if self.warning else "error"
        properties = {"file": self.path}
        if self.line:
            properties["line"] = str(self.line)
        properties["title"] = self.field or "เนื้อหา"
        return workflow_command(kind, properties, self.message)


# Invisible characters that change how text reads: C0 and C1 controls (ESC starts
# the colour codes a CI log renders), the Unicode line and paragraph separators,
# and the bidirectional overrides and isolates that reorder a file name on screen.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _is_hidden(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in _BIDI


def _visible(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def show_controls(text: str, keep: str = "") -> str:
    """``text`` with every such character but those in ``keep`` written as a
    visible escape (``\\n``, ``\\x1b``, ``\\u202e``); other text is unchanged."""
    return "".join(_visible(ch) if _is_hidden(ch) and ch not in keep else ch for ch in text)


def escape_data(text: str) -> str:
    """The message of a workflow command, as actions/toolkit's ``escapeData``:
    ``%``, CR and LF percent-encoded (the runner decodes them back); other
    controls made visible."""
    text = show_controls(text, keep="\t\n\r")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (``file``, ``line``, ``title``) of a workflow command, as
    actions/toolkit's ``escapeProperty``: also ``:`` and ``,``, which end a value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(name: str, properties: dict[str, str], message: str) -> str:
    """``::name key=value,key=value::message`` on one line, every value escaped."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def field_path(loc: tuple[str | int, ...]) -> str:
    """The field a location names, as messages show it: ``("measures", 0, "steps")`` ->
    ``measures[0].steps``.  The one spelling of a field path."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class ContentError(Exception):
    """Raised once, after loading, when any error (not warning) was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """All problems, sorted by file, line and field, one per line, then a count."""
    ordered = sorted(problems)
    errors = sum(1 for p in ordered if not p.warning)
    warnings = len(ordered) - errors
    lines = [p.format() for p in ordered]
    summary = []
    if errors:
        summary.append(f"พบข้อผิดพลาด {errors} รายการ")
    if warnings:
        summary.append(f"คำเตือน {warnings} รายการ")
    if summary:
        lines.append(" ".join(summary))
    return "\n".join(lines)


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when it
    lies below it (``content/2566/measures.yml``), else absolute."""
    # abspath, not resolve(): a symlink is named by its own path, not its target's.
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(Path.cwd()))).as_posix()
    except ValueError:
        return absolute.as_posix()


def unexpected(exc: BaseException) -> str:
    """The Thai line shown for an exception that is not a content problem."""
    detail = show_controls(str(exc))
    name = type(exc).__name__
    return (
        (f"เกิดข้อผิดพลาดที่ไม่คาดคิด ({name}: {detail})" if detail else f"เกิดข้อผิดพลาดที่ไม่คาดคิด ({name})")
        + ": ตรวจไฟล์หรือโฟลเดอร์ที่ข้อความระบุ ถ้ายังไม่หาย ให้แจ้งผู้ดูแลระบบพร้อมข้อความนี้ (เรียกคำสั่งด้วย -v เพื่อดูรายละเอียด)"
    )
