"""What of the content folder may be read and published: the one gate to the disk.

The loader lists every folder of the content tree through :func:`entries` and
every attachment through :func:`attachment_problem`, so that one rule holds for the
whole tree: nothing is read or published that lies outside the content folder
(symbolic links are resolved; a linked folder is refused; a file with several
hard links is refused, since its other names may be anywhere), nothing that is not
a plain file or folder (a FIFO would hang the build), no name that a URL or a
terminal would garble, and as attachments only document and image types whose
first bytes match their type: anything a browser would run on the site's own
origin (html, svg, xml, js, md, …) is refused.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import display_path, show_controls

ALLOWED_TYPES = (
    "pdf",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "csv",
    "txt",
    "zip",
)
"""Attachment types (file name extensions, any case) that may be published."""

IMAGE_TYPES = ("jpg", "jpeg", "png", "gif", "webp")

# The first bytes each binary type must start with (a PDF may have a little before %PDF).
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "zip": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
}
_TYPE_NAMES = {"pdf": "PDF", "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF"}

# Characters that break a name in a URL, on a web host or in a message: controls,
# bidi overrides, and # ? % \ " < > | * : (a "#" starts the fragment of a link).
_BAD_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069#?%\\"<>|*:]')


def shown(path: Path) -> str:
    """A path as it may be printed: control characters written as escapes."""
    return show_controls(display_path(path))


@dataclass(frozen=True)
class Refused:
    """An entry of the tree that is not read, and why (Thai)."""

    path: Path
    message: str


def name_problem(name: str) -> str | None:
    """Why a file or folder name cannot be used, or None."""
    bad = _BAD_NAME.search(name)
    if bad:
        char = bad.group()
        what = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
        return (
            f"ชื่อไฟล์หรือโฟลเดอร์มีอักขระ {what} ซึ่งใช้ในที่อยู่เว็บไม่ได้: "
            "ให้เปลี่ยนชื่อโดยใช้ตัวอักษร ตัวเลข เว้นวรรค - _ . หรือวงเล็บ"
        )
    if name != name.strip() or name.endswith("."):
        return "ชื่อไฟล์หรือโฟลเดอร์ขึ้นต้นหรือลงท้ายด้วยเว้นวรรคหรือจุด: ให้ลบออก"
    return None


def entries(folder: Path, root: Path) -> tuple[list[Path], list[Refused]]:
    """The entries of ``folder`` that may be read, sorted, and those refused.

    Hidden entries (starting with ``.``) are left out silently.  A symbolic link is
    kept only when it leads to a plain file inside ``root``; a linked folder, a link
    out of the tree, a dangling or looping link, a special file (FIFO, socket,
    device), a file with several hard links and a garbled name are refused.
    """
    kept: list[Path] = []
    refused: list[Refused] = []
    real_root = root.resolve()
    try:
        listing = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return [], [Refused(folder, f"อ่านโฟลเดอร์ไม่ได้ ({exc.strerror})")]
    for entry in listing:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        problem = name_problem(entry.name) or _kind_problem(path, real_root)
        if problem:
            refused.append(Refused(path, problem))
        else:
            kept.append(path)
    return kept, refused


def _kind_problem(path: Path, real_root: Path) -> str | None:
    try:
        info = path.lstat()
    except OSError as exc:
        return f"อ่านไม่ได้ ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "ลิงก์ (symlink) ที่ชี้ไปยังสิ่งที่ไม่มีอยู่หรือวนกลับมาที่ตัวเอง: ให้ลบลิงก์หรือคัดลอกไฟล์จริงมาวางแทน"
        if not target.is_relative_to(real_root):
            return "ลิงก์ (symlink) ชี้ออกไปนอกโฟลเดอร์เนื้อหา: ให้คัดลอกไฟล์จริงมาวางแทน"
        if any(part.startswith(".") for part in target.relative_to(real_root).parts):
            # Hidden entries are never part of the tree (.git, .env): nor through a link.
            return "ลิงก์ (symlink) ชี้ไปยังไฟล์ซ่อน (ชื่อขึ้นต้นด้วยจุด) ซึ่งไม่เผยแพร่: ให้คัดลอกไฟล์จริงมาวางแทน"
        if target.is_dir():
            return "ลิงก์ (symlink) ไปยังโฟลเดอร์ใช้ไม่ได้: ให้ใช้โฟลเดอร์จริง"
        info = target.stat()
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return "ไม่ใช่ไฟล์ธรรมดา (เช่น FIFO, socket หรืออุปกรณ์): ให้ลบออกจากโฟลเดอร์เนื้อหา"
    if info.st_nlink > 1:
        return "ไฟล์นี้มีฮาร์ดลิงก์หลายชื่อ (hard link) ซึ่งอาจเป็นไฟล์จากนอกโฟลเดอร์เนื้อหา: ให้คัดลอกเป็นไฟล์ใหม่แทน"
    return None


def attachment_problem(path: Path) -> str | None:
    """Why a file under ``files/`` cannot be published, or None."""
    kind = path.suffix[1:].lower()
    if kind not in ALLOWED_TYPES:
        return (
            f"ไฟล์ชนิด '{path.suffix or 'ไม่มีนามสกุล'}' เผยแพร่ไม่ได้ (เบราว์เซอร์อาจเปิดเป็นหน้าเว็บหรือสคริปต์): "
            f"ใช้ได้เฉพาะ {', '.join(ALLOWED_TYPES)} เช่น แปลงเป็น PDF ก่อนแนบ"
        )
    with path.open("rb") as handle:
        head = handle.read(1024)
    if kind == "pdf":
        ok = b"%PDF" in head
    elif kind == "webp":
        ok = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    elif kind in _MAGIC:
        ok = head.startswith(_MAGIC[kind])
    else:
        ok = True
    if not ok:
        name = _TYPE_NAMES.get(kind, kind.upper())
        return (
            f"เนื้อไฟล์ไม่ใช่ {name} ตามนามสกุล .{kind} (ไฟล์อาจเสียหรือเปลี่ยนนามสกุลมา): "
            f"ให้บันทึกหรือส่งออกเป็น {name} ใหม่จากโปรแกรมต้นฉบับ"
        )
    return None
