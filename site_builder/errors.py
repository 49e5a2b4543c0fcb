"""Problems found in content: data first, printed last.

Every check in the package reports a :class:`Problem` instead of raising, so that
a person editing YAML sees every mistake of every file at once.  The text is Thai
and is part of the interface: tests compare it exactly.
"""

from __future__ import annotations

import os
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
        """``path:line: field: message``, the form editors and CI understand."""
        where = f"{self.path}:{self.line}:" if self.line else f"{self.path}:"
        label = "คำเตือน: " if self.warning else ""
        if self.field:
            return f"{where} {self.field}: {label}{self.message}"
        return f"{where} {label}{self.message}"

    def github_annotation(self) -> str:
        """The problem as a GitHub Actions workflow command."""
        kind = "warning" if self.warning else "error"
        title = self.field or "เนื้อหา"
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        line = f",line={self.line}" if self.line else ""
        return f"::{kind} file={self.path}{line},title={title}::{message}"


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
