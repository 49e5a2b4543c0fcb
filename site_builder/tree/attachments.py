"""Attachments: which files of a folder's ``files/`` are published, and what a ``file:``
reference may name.

A file is published when :func:`site_builder.filesystem.entries` lets it through (no
link out of the content, no device, no garbled name), its type is allowed and its
first bytes match (:func:`site_builder.filesystem.attachment_problem`), and it is
within the size limit.  A reference (``file:``, ``scan:``, ``logo:``) must name one of
exactly those files, written ``files/…`` inside its own year folder.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from ..errors import Problem, field_path
from ..filesystem import attachment_problem, shown
from . import Attachment, Source

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from ..format.yamlio import Loc

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The default size limit of one attachment (``max_attachment_mb`` in mkdocs.yml changes it)."""

_EXAMPLE = "ตัวอย่างที่ถูกต้อง: files/รายงาน-รอบ6เดือน.pdf"


def scan(
    folder: Path,
    files_dir: Path | None,
    list_folder: Callable[[Path], list[Path]],
    max_file_bytes: int,
) -> tuple[tuple[Attachment, ...], list[Problem]]:
    """The publishable attachments under ``files_dir`` (every level), by their path
    relative to ``folder`` (``files/a.pdf``), in name order, and a problem for each
    file that cannot be published.  ``list_folder`` lists a folder through the
    loader's gate (which reports what it refuses)."""
    found: dict[str, Attachment] = {}
    problems = []
    pending = [files_dir] if files_dir is not None and files_dir.is_dir() else []
    while pending:
        for path in list_folder(pending.pop()):
            if path.is_dir():
                pending.append(path)
                continue
            size = path.stat().st_size
            problem = attachment_problem(path)
            if size > max_file_bytes:
                problem = (
                    f"ไฟล์ใหญ่เกินไป ({_size(size)} เกินกำหนด {_size(max_file_bytes)}): "
                    "ให้ลดขนาดไฟล์ เช่น สแกนที่ 150 dpi ขาวดำ หรือแบ่งเป็นหลายไฟล์"
                )
            if problem is not None:
                problems.append(Problem(shown(path), 0, "", problem))
                continue
            rel = path.relative_to(folder).as_posix()
            found[rel] = Attachment(rel, path, size)
    return tuple(found[rel] for rel in sorted(found)), problems


def check_ref(
    folder: Path, ref: str, source: Source, loc: Loc, published: Mapping[str, Attachment]
) -> Problem | None:
    """Why the reference ``ref`` at ``loc`` of ``source`` does not name one of the
    ``published`` attachments of ``folder``, or None when it does."""
    line = source.doc.line_of(loc)

    def problem(message: str) -> Problem:
        return Problem(source.shown, line, field_path(loc), message)

    if ref.startswith("/") or "\\" in ref or re.match(r"^[A-Za-z]:", ref) or ".." in ref.split("/"):
        return problem(
            f"ต้องเป็นที่อยู่ไฟล์ภายในโฟลเดอร์ files/ ของปีนั้น ห้ามใช้ '..' หรือที่อยู่เต็ม (พบ '{ref}') {_EXAMPLE}"
        )
    if not ref.startswith("files/"):
        return problem(f"ไฟล์แนบต้องอยู่ในโฟลเดอร์ files/ และเขียนขึ้นต้นด้วย files/ (พบ '{ref}') {_EXAMPLE}")
    if ref in published:
        return None
    target = folder / ref
    if not os.path.lexists(target):
        return problem(
            f"ไม่พบไฟล์ '{ref}' ให้ตรวจชื่อไฟล์ (ตัวพิมพ์เล็ก-ใหญ่และนามสกุล) หรืออัปโหลดไฟล์ไว้ที่ {shown(target)}"
        )
    return problem(
        f"'{ref}' ไม่ได้เผยแพร่: ต้องเป็นไฟล์จริงภายในโฟลเดอร์ files/ ที่เผยแพร่ได้ "
        "(ไม่ใช่โฟลเดอร์ ลิงก์ออกไปนอกโฟลเดอร์ ไฟล์ซ่อนที่ชื่อขึ้นต้นด้วยจุด "
        "หรือไฟล์ที่มีข้อผิดพลาดของตัวเองด้านบน)"
    )


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
