"""Problems in the forms CI systems show: a GitHub step summary, a GitLab Code Quality report."""

from __future__ import annotations

import hashlib
import json

from .errors import Problem


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
            f"`{p.path}`",
            str(p.line or ""),
            f"`{p.field}`" if p.field else "",
            p.message.replace("|", "\\|").replace("\n", " "),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return head + "\n\n" + "\n".join(rows) + "\n\n"


def code_quality(problems: list[Problem]) -> str:
    """GitLab Code Quality JSON (a list of issues), shown on merge requests."""
    issues = []
    for p in sorted(problems):
        fingerprint = hashlib.sha256(
            f"{p.path}:{p.line}:{p.field}:{p.message}".encode()
        ).hexdigest()
        issues.append(
            {
                "description": f"{p.field}: {p.message}" if p.field else p.message,
                "check_name": "site-builder",
                "fingerprint": fingerprint,
                "severity": "minor" if p.warning else "major",
                "location": {"path": p.path, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
