"""Problems in the forms CI systems show: a GitHub step summary, a GitLab Code Quality report."""

from __future__ import annotations

import hashlib
import json
import re

from .errors import Problem, show_controls

# Markdown and HTML syntax, written as numeric character references, which a
# renderer shows as the characters and never reads as markup: in prose, the
# characters that start HTML, entities, links, images, emphasis, code spans,
# math, mentions and table cells, and the ``.`` of ``www.`` and ``:`` of ``://``
# that make a bare URL a link; in code, every ASCII punctuation character.
_MARKUP = re.compile(r"[&<>|\\`*_~\[\]$@]|(?i:(?<=www)\.)|:(?=//)")
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


def markdown_text(text: str) -> str:
    """Text as one inert cell of a Markdown table: no HTML, no link, image,
    emphasis or code span, no pipe that ends the cell, no line break that ends the
    row, and no bare URL made a link; Thai prose and ``: , ( ) '`` as they are."""
    return _MARKUP.sub(_reference, show_controls(text))


def markdown_code(text: str) -> str:
    """Text as code in one inert cell of a Markdown table: a code span when the
    text holds no backtick or pipe (inside one nothing else is markup), else an
    HTML ``<code>`` with every punctuation character a character reference."""
    text = show_controls(text)
    if not text:
        return ""
    if "`" in text or "|" in text or text != text.strip():
        return "<code>" + _PUNCTUATION.sub(_reference, text) + "</code>"
    return f"`{text}`"


def step_summary(problems: list[Problem]) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: a table of every problem, or a clean bill."""
    errors = [p for p in problems if not p.warning]
    if not problems:
        return "### ตรวจเนื้อหา ITA: ไม่พบข้อผิดพลาด ✅\n\n"
    head = (
        f"### ตรวจเนื้อหา ITA: พบข้อผิดพลาด {len(errors)} รายการ"
        if errors
        else "### ตรวจเนื้อหา ITA: มีคำเตือน"
    )
    rows = [
        "| | ไฟล์ | บรรทัด | ฟิลด์ | ปัญหา |",
        "|---|---|---|---|---|",
    ]
    for p in sorted(problems):
        cells = [
            "⚠️" if p.warning else "❌",
            markdown_code(p.path),
            str(p.line or ""),
            markdown_code(p.field),
            markdown_text(p.message),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return head + "\n\n" + "\n".join(rows) + "\n\n"


def code_quality(problems: list[Problem]) -> str:
    """GitLab Code Quality JSON (a list of issues), shown on merge requests.

    Every value is a plain string (``lines.begin`` an integer, at least 1), with
    control characters, line separators and bidirectional overrides made visible."""
    issues = []
    for p in sorted(problems):
        fingerprint = hashlib.sha256(
            f"{p.path}:{p.line}:{p.field}:{p.message}".encode()
        ).hexdigest()
        issues.append(
            {
                "description": show_controls(
                    f"{p.field}: {p.message}" if p.field else f"{p.message}"
                ),
                "check_name": "site-builder",
                "fingerprint": fingerprint,
                "severity": "minor" if p.warning else "major",
                "location": {
                    "path": show_controls(f"{p.path}"),
                    "lines": {"begin": max(int(p.line), 1)},
                },
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
