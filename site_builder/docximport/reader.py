"""A Word file, read safely: refused in Thai when it is not one, or a hostile one.

A ``.docx`` is a zip of XML parts.  Before mammoth sees it, the file is read once into
memory through one opened descriptor (a link is refused, so is anything that is not a
plain file) and its zip directory is checked: the parts mammoth reads may not add up to
more than :data:`MAX_PARTS_BYTES` once unpacked (Python's zip reader never returns more
than a part declares, so a "zip bomb" is stopped here), an encrypted or password-
protected file and a Word 97–2003 ``.doc`` are named as such.  mammoth then converts
the same bytes (its XML parser, expat, limits entity expansion), images are not
decoded, linked files are not followed, and any failure is one Thai line.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from typing import TYPE_CHECKING

import mammoth

from ..errors import display_path, show_controls
from .grid import Block, blocks

if TYPE_CHECKING:
    from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest Word file read (its images count, though they are not decoded)."""
MAX_PARTS_BYTES = 32 * 1024 * 1024
"""Most bytes the parts mammoth reads may unpack to (the text, styles, numbering…)."""
MAX_ENTRIES = 5000
"""Most parts a Word file may have."""
MAX_HTML_CHARS = 20_000_000
"""Longest converted document accepted."""

_MEDIA = ("word/media/", "word/embeddings/", "customXml/", "docProps/thumbnail")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportRefused(Exception):
    """The import cannot go on; the message says why and what to do, in Thai (one line)."""


def _shown(path: Path) -> str:
    return show_controls(display_path(path))


def _suffix_problem(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return None
    if suffix == ".doc":
        return "เป็นไฟล์ Word รุ่นเก่า (.doc) ซึ่งอ่านไม่ได้: เปิดใน Word แล้วเลือกบันทึกเป็น (Save As) ชนิด .docx"
    if suffix == ".pdf":
        return (
            "นำเข้าได้เฉพาะไฟล์ Word (.docx) ข้อความใน PDF อ่านกลับได้ไม่ถูกต้อง: ใช้ไฟล์ Word ต้นฉบับ "
            "หรือแนบ PDF เป็นเอกสารฉบับลงนาม (document: ในไฟล์ YAML)"
        )
    return f"ต้องเป็นไฟล์ Word นามสกุล .docx (พบ '{path.suffix or 'ไม่มีนามสกุล'}')"


def read_bytes(path: Path) -> bytes:
    """The bytes of the Word file at ``path``; :class:`ImportRefused` when it is missing,
    a link, a folder or a special file, not named ``.docx``, too large or unreadable."""
    shown = _shown(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise ImportRefused(f"{shown}: ไม่พบไฟล์: ตรวจชื่อไฟล์และโฟลเดอร์ เช่น มาตรการ2568.docx") from None
    except OSError as exc:
        raise ImportRefused(f"{shown}: อ่านไฟล์ไม่ได้ ({exc.strerror or exc})") from None
    if stat.S_ISLNK(info.st_mode):
        raise ImportRefused(f"{shown}: เป็นลิงก์ (symlink) ไม่ใช่ไฟล์: ระบุไฟล์ Word ตัวจริง")
    if stat.S_ISDIR(info.st_mode):
        raise ImportRefused(f"{shown}: เป็นโฟลเดอร์ ไม่ใช่ไฟล์ Word: ระบุไฟล์ .docx ที่อยู่ข้างใน")
    if not stat.S_ISREG(info.st_mode):
        raise ImportRefused(f"{shown}: ไม่ใช่ไฟล์ธรรมดา (เช่น FIFO หรืออุปกรณ์): ระบุไฟล์ Word .docx")
    problem = _suffix_problem(path)
    if problem:
        raise ImportRefused(f"{shown}: {problem}")
    if info.st_size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"{shown}: ไฟล์ใหญ่เกินไป ({info.st_size // 1024 // 1024} MB เกิน {MAX_FILE_BYTES // 1024 // 1024} MB): "
            "ลบรูปภาพออกจากสำเนาของเอกสาร หรือแยกตารางเป็นหลายไฟล์"
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ImportRefused(f"{shown}: เปิดไฟล์ไม่ได้ ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ImportRefused(f"{shown}: ไม่ใช่ไฟล์ธรรมดา: ระบุไฟล์ Word .docx")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(f"{shown}: ไฟล์ใหญ่เกินไป (เกิน {MAX_FILE_BYTES // 1024 // 1024} MB)")
    return data


def check_zip(data: bytes, shown: str) -> None:
    """:class:`ImportRefused` unless ``data`` is a zip a Word document can be read from
    without unpacking to more than :data:`MAX_PARTS_BYTES`."""
    broken = (
        f"{shown}: ไม่ใช่ไฟล์ Word (.docx) ที่สมบูรณ์ (ไฟล์อาจเสีย หรือเปลี่ยนนามสกุลมา): "
        "เปิดใน Word แล้วบันทึกใหม่เป็น .docx"
    )
    if data.startswith(_OLE):
        raise ImportRefused(
            f"{shown}: เป็นไฟล์ Word ที่ตั้งรหัสผ่านไว้ หรือเป็น Word รุ่นเก่า (.doc) ที่เปลี่ยนนามสกุล: "
            "เปิดใน Word เอารหัสผ่านออก แล้วบันทึกเป็น .docx"
        )
    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused(broken)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ImportRefused(broken) from None
    if len(infos) > MAX_ENTRIES:
        raise ImportRefused(
            f"{shown}: มีส่วนประกอบภายในมากผิดปกติ ({len(infos)} ส่วน): ไม่ใช่เอกสาร Word ธรรมดา"
        )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise ImportRefused(f"{shown}: ไม่พบเนื้อหาเอกสาร (word/document.xml): ไฟล์นี้ไม่ใช่เอกสาร Word")
    if any(i.flag_bits & 0x1 for i in infos):
        raise ImportRefused(f"{shown}: ไฟล์ถูกเข้ารหัสไว้: เปิดใน Word เอารหัสผ่านออก แล้วบันทึกใหม่")
    unpacked = sum(i.file_size for i in infos if not i.filename.startswith(_MEDIA))
    if unpacked > MAX_PARTS_BYTES:
        raise ImportRefused(
            f"{shown}: เนื้อหาภายในขยายได้ถึง {unpacked // 1024 // 1024} MB (เกิน {MAX_PARTS_BYTES // 1024 // 1024} MB) "
            "ผิดปกติสำหรับเอกสาร Word (อาจเป็นไฟล์อันตรายแบบ zip bomb): จะไม่อ่านไฟล์นี้"
        )


def _no_image(image: object) -> dict[str, str]:
    return {"alt": ""}  # the picture is not read: a draft has no place for it


def convert(data: bytes, shown: str) -> str:
    """The document as mammoth's HTML; :class:`ImportRefused` when mammoth fails."""
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(_no_image),
            external_file_access=False,
        )
        html = str(result.value)
    except Exception as exc:  # mammoth's and the XML parser's errors are of many kinds
        raise ImportRefused(
            f"{shown}: อ่านเนื้อหาไฟล์ Word ไม่ได้ ({type(exc).__name__}): ไฟล์อาจเสีย "
            "ให้เปิดใน Word แล้วบันทึกใหม่เป็น .docx"
        ) from None
    if len(html) > MAX_HTML_CHARS:
        raise ImportRefused(f"{shown}: เอกสารยาวเกินไปสำหรับการนำเข้าครั้งเดียว: แยกตารางเป็นหลายไฟล์")
    return html


def read_docx(path: Path) -> list[Block]:
    """The paragraphs and tables of the Word file at ``path`` (every refusal an
    :class:`ImportRefused`)."""
    data = read_bytes(path)
    shown = _shown(path)
    check_zip(data, shown)
    return blocks(convert(data, shown))
